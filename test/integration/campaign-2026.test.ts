// A campaign created through the API runs a year the same way as the seed's: the Office
// creates “Dân vận khéo 2026–2030” from one form, closes the old one, and the clock plays 2026.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlayedModel, playCampaign } from '../../infra/local/campaign-player.ts';
import { demoOrganization, seedCampaign } from '../../infra/local/seed.ts';
import { addLocalDays } from '../../shared/domain/calendar.ts';
import { jobsDue } from '../../shared/domain/periodic-jobs.ts';
import type { ReportData } from '../../shared/domain/reports.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { jobKey } from '../../shared/services/jobs.ts';
import { jobLog } from '../../shared/services/periodic-review.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

const organization = demoOrganization();

describe('a 2026–2030 campaign created through the API', () => {
  let rt: TestRuntime;
  let created: Campaign;
  let played: PlayedModel[];
  let office: string;

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2026-09-30T12:00:00+07:00' });
    office = await rt.token('binh.tt');
    const seed = seedCampaign();
    const closed = await rt.api(office, 'PUT', `/api/campaigns/${seed.id}`, { ...seed, status: 'closed' });
    if (closed.status !== 200) throw new Error(`closing the seed campaign: ${JSON.stringify(closed.body)}`);
    const answer = await rt.api<Campaign>(office, 'POST', '/api/campaigns', {
      name: 'Dân vận khéo 2026–2030',
      status: 'active',
      period: { from: '2026-10-01', to: '2030-10-31' },
      calendar: seed.calendar,
      phases: [
        {
          id: 'dot-1',
          name: 'Đợt 1',
          from: '2026-10-01',
          to: '2028-10-31',
          review: 'preliminary',
          reviewDeadline: '2028-09-30',
        },
        {
          id: 'dot-2',
          name: 'Đợt 2',
          from: '2028-10-01',
          to: '2030-10-31',
          review: 'final',
          reviewDeadline: '2030-08-31',
        },
      ],
      areas: seed.areas,
      criteria: seed.criteria,
      quorum: seed.quorum,
      majority: seed.majority,
    });
    if (answer.status !== 201) throw new Error(`creating the campaign: ${JSON.stringify(answer.body)}`);
    created = answer.body;
    played = await playCampaign(rt, organization.cells, organization.people, {
      campaignId: created.id,
      years: [2026],
      endAt: '2027-12-31T12:00:00+07:00',
    });
    office = await rt.token('binh.tt');
  }, 240_000);
  afterAll(async () => {
    await rt.close();
  });

  it('ran every job of its calendar once, from the window to the recognition compliance', async () => {
    // Prepare
    const expected: string[] = [];
    for (let date = '2026-10-01'; date <= '2027-12-31'; date = addLocalDays(date, 1)) {
      for (const job of jobsDue(created, date)) expected.push(`${date} ${jobKey(job)}`);
    }
    // Act
    const log = await jobLog(created.id);
    const seedLog = await jobLog('dvk-2016-2020');
    // Assess
    expect(created.id).toBe('dvk-2026-2030');
    expect(log.map((run) => `${run.date} ${jobKey(run)}`).sort()).toEqual(expected.sort());
    expect(expected).toEqual(
      expect.arrayContaining([
        '2026-10-01 window-opening#2026',
        '2026-10-08 registration-reminder#2026',
        '2026-10-11 registration-list#2026',
        '2026-12-31 annual-report#2026',
        '2027-08-01 self-assessment-reminder-30#2026',
        '2027-08-24 self-assessment-reminder-7#2026',
        '2027-12-31 annual-report#2026',
        '2027-12-31 recognition-compliance#2026',
      ]),
    );
    expect(seedLog).toEqual([]);
    const compliance = log.find((run) => run.job === 'recognition-compliance');
    expect(compliance?.summary?.nonCompliant).toEqual(['xd-kiem-tra-vb', 'thanh-tra', 'dau-gia-ts']);
  });

  it('reports the year with the plan’s numbers, and its registration list reads back from XLSX', async () => {
    // Act
    const annual = await rt.api<ReportData>(
      office,
      'GET',
      `/api/reports/annual?campaignId=${created.id}&year=2026`,
    );
    const response = await fetch(
      `${rt.base}/api/reports/registration-list?campaignId=${created.id}&year=2026&format=xlsx`,
      { headers: { authorization: `Bearer ${office}` } },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Danh sách mô hình');
    const titles: string[] = [];
    sheet?.eachRow((row, number) => {
      if (number > 1) titles.push(row.getCell(5).text);
    });
    // Assess
    expect(annual.body.totals).toMatchObject({
      total: played.length,
      recognized: played.filter((model) => model.selfAssess && model.decision === 'recognized').length,
      commended: 1,
    });
    expect(annual.body.flagged.map((flag) => `${flag.cellId}#${flag.reason}`)).toEqual([
      'xd-kiem-tra-vb#recognition',
      'thanh-tra#recognition',
      'dau-gia-ts#registration',
      'dau-gia-ts#recognition',
    ]);
    expect(titles.sort()).toEqual(played.map((model) => model.title).sort());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Tổng hợp',
      'Theo chi bộ',
      'Chi bộ chưa đạt',
      'Danh sách mô hình',
    ]);
  });
});

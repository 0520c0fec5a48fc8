// Plays the whole seed campaign, 01/10/2016 → 31/10/2020, with the seeded organization through the
// API and the clock: every scheduled job fires once on its date, the reports hold the
// numbers the plan implies, non-compliant cells are flagged, and running a day again sends nothing.
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PlayedModel,
  playCampaign,
  SEED_CAMPAIGN_ID,
  SEED_YEARS,
} from '../../infra/local/campaign-player.ts';
import { localStateMachineArn } from '../../infra/local/runtime.ts';
import { demoOrganization, seedCampaign } from '../../infra/local/seed.ts';
import { dynamoDocumentClient } from '../../shared/aws/dynamodb.ts';
import { keys } from '../../shared/data/keys.ts';
import { tableName } from '../../shared/data/table.ts';
import { addLocalDays } from '../../shared/domain/calendar.ts';
import { jobsDue } from '../../shared/domain/periodic-jobs.ts';
import type { ReportData } from '../../shared/domain/reports.ts';
import { jobKey } from '../../shared/services/jobs.ts';
import { jobLog } from '../../shared/services/periodic-review.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

const organization = demoOrganization();
const campaign = seedCampaign();

function expectedStatus(model: PlayedModel): string {
  if (!model.selfAssess) return 'missed_self_assessment';
  return model.decision ?? 'self_assessed';
}

/** What a report over these models must count, computed from the plan rather than by the report code. */
function expectedTotals(models: readonly PlayedModel[]) {
  return {
    total: models.length,
    collective: models.filter((model) => model.kind === 'collective').length,
    individual: models.filter((model) => model.kind === 'individual').length,
    recognized: models.filter((model) => model.decision === 'recognized' && model.selfAssess).length,
    exemplary: models.filter((model) => model.tier !== undefined).length,
    commended: models.filter((model) => model.tier === 'commended').length,
  };
}

function expectedFlags(
  models: readonly PlayedModel[],
  years: readonly number[],
  reviewsClosed: (year: number) => boolean,
) {
  const flags: string[] = [];
  for (const cell of organization.cells) {
    for (const year of years) {
      const own = models.filter((model) => model.cellId === cell.id && model.year === year);
      const has = (kind: string, recognized: boolean) =>
        own.some(
          (model) =>
            model.kind === kind && (!recognized || (model.selfAssess && model.decision === 'recognized')),
        );
      if (!has('collective', false) || !has('individual', false))
        flags.push(`${cell.id}#${year}#registration`);
      if (reviewsClosed(year) && (!has('collective', true) || !has('individual', true)))
        flags.push(`${cell.id}#${year}#recognition`);
    }
  }
  return flags.sort();
}

describe('the seed campaign played on the clock, 01/10/2016 → 31/10/2020', () => {
  let rt: TestRuntime;
  let played: PlayedModel[];
  let office: string;

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-09-30T12:00:00+07:00' });
    played = await playCampaign(rt, organization.cells, organization.people);
    office = await rt.token('binh.tt');
    // Playing the campaign's days takes minutes on a loaded machine.
  }, 600_000);
  afterAll(async () => {
    await rt.close();
  });

  it('fired every job of the calendar exactly once, on its date', async () => {
    // Prepare
    const expected: string[] = [];
    for (let date = '2016-10-01'; date <= '2020-10-31'; date = addLocalDays(date, 1)) {
      for (const job of jobsDue(campaign, date)) expected.push(`${date} ${jobKey(job)}`);
    }
    // Act
    const log = await jobLog(SEED_CAMPAIGN_ID);
    // Assess
    expect(log.map((run) => `${run.date} ${jobKey(run)}`).sort()).toEqual(expected.sort());
    expect(log.every((run) => run.status === 'done')).toBe(true);
    expect(log.every((run) => run.summary?.mailsAlreadySent === 0)).toBe(true);
    expect(expected).toContain('2017-12-31 annual-report#2016');
    expect(expected).toContain('2017-12-31 annual-report#2017');
    expect(expected).toContain('2018-10-01 phase-report#2017#dot-1');
    expect(expected).toContain('2020-09-01 phase-report#2019#dot-2');
  });

  it('sent the notices, reminders and lists of each job to the right people, one message each', async () => {
    // Prepare
    const person = (id: string) => organization.people.find((candidate) => candidate.id === id);
    const secretariesOf = (cellId: string) =>
      organization.people.filter(
        (candidate) =>
          candidate.id === organization.cells.find((cell) => cell.id === cellId)?.secretaryId ||
          (candidate.cellId === cellId && candidate.roles.includes('secretary')),
      );
    const leaders = organization.people.filter(
      (candidate) => candidate.roles.includes('committee') || candidate.roles.includes('office'),
    );
    // Act
    const outbox = await rt.outbox();
    const subjects = (pattern: RegExp) => outbox.filter((mail) => pattern.test(mail.subject));
    // Assess
    expect(outbox.every((mail) => mail.to.length === 1)).toBe(true);
    for (const year of SEED_YEARS) {
      expect(subjects(new RegExp(`^Mở đăng ký mô hình “Dân vận khéo” năm ${year}$`))).toHaveLength(
        organization.cells.flatMap((cell) => secretariesOf(cell.id)).length,
      );
    }
    const list2016 = subjects(/^Danh sách đăng ký mô hình “Dân vận khéo” năm 2016/);
    expect(list2016).toHaveLength(leaders.length);
    expect(list2016[0]?.subject).toMatch(/1 chi bộ chưa đủ/);
    expect(list2016.flatMap((mail) => mail.to)).toEqual(
      expect.arrayContaining(['an.nv@stp.example.vn', 'binh.tt@stp.example.vn']),
    );
    const reminders2016 = subjects(/^Nhắc đăng ký: .* năm 2016$/);
    expect(reminders2016.map((mail) => mail.to)).toEqual([['hoa.hv@stp.example.vn']]);
    // The annual report of 2016 goes out twice (counted to the end of 30/12/2016 and of 30/12/2017, sent on the 31st), to every leader each time.
    expect(subjects(/^Báo cáo kết quả phong trào “Dân vận khéo” năm 2016$/)).toHaveLength(2 * leaders.length);
    expect(subjects(/^Báo cáo sơ kết/)).toHaveLength(leaders.length);
    expect(subjects(/^Báo cáo tổng kết/)).toHaveLength(leaders.length);
    // The 30-day reminder goes to every model; the 7-day one (after the August reports) to those still missing:
    // to the person of an individual model, to the secretaries of a collective one, and to the committee
    // members who supervise the model's cell.
    const supervisors = (cellId: string) =>
      organization.people.filter(
        (candidate) => candidate.roles.includes('committee') && (candidate.supervises ?? []).includes(cellId),
      );
    const responsible = (model: PlayedModel) => [
      ...new Set([
        ...(model.kind === 'individual'
          ? [person(model.personId ?? '')].filter(Boolean)
          : secretariesOf(model.cellId)),
        ...supervisors(model.cellId),
      ]),
    ];
    const reminders = subjects(/^Nhắc tự đánh giá/);
    const expectedReminders = [...played, ...played.filter((model) => !model.selfAssess)].flatMap(
      responsible,
    );
    expect(reminders).toHaveLength(expectedReminders.length);
  });

  it('greets each person by name, and states deadlines as the pages do', async () => {
    // Prepare
    const [first] = (await rt.outbox()).filter((mail) => mail.subject.startsWith('Mở đăng ký mô hình'));
    // Act
    const message = await rt.api<{ to: string[]; text: string }>(
      undefined,
      'GET',
      `/local/outbox/${first?.id}`,
    );
    // Assess
    const recipient = organization.people.find((candidate) => candidate.email === message.body.to[0]);
    expect(message.body.text).toContain(`Kính gửi đồng chí ${recipient?.name}, Bí thư Chi bộ`);
    expect(message.body.text).toMatch(/đến hết ngày 10\/10\/2016/);
  });

  it('has each year’s annual report and registration list hold the plan’s numbers, flagging non-compliant cells', async () => {
    for (const year of SEED_YEARS) {
      // Prepare
      const models = played.filter((model) => model.year === year);
      // Act
      const annual = await rt.api<ReportData>(
        office,
        'GET',
        `/api/reports/annual?campaignId=${SEED_CAMPAIGN_ID}&year=${year}`,
      );
      const list = await rt.api<ReportData>(
        office,
        'GET',
        `/api/reports/registration-list?campaignId=${SEED_CAMPAIGN_ID}&year=${year}`,
      );
      // Assess
      expect(annual.status).toBe(200);
      expect(annual.body.totals).toMatchObject(expectedTotals(models));
      expect(annual.body.models.map((model) => [model.id, model.status]).sort()).toEqual(
        models.map((model) => [model.id, expectedStatus(model)]).sort(),
      );
      const closed = (y: number) => y < 2019;
      expect(annual.body.flagged.map((flag) => `${flag.cellId}#${flag.year}#${flag.reason}`).sort()).toEqual(
        expectedFlags(models, [year], closed),
      );
      expect(list.body.flagged.map((flag) => `${flag.cellId}#${flag.year}#${flag.reason}`).sort()).toEqual(
        expectedFlags(models, [year], () => false),
      );
    }
  });

  it('counts in each annual report the reviews decided on its last day, 30/12, and says up to when it counts', async () => {
    for (const year of [2016, 2017, 2018]) {
      // Prepare: one recognized model of the year was reviewed on 30/12 of the next year, at 16:00.
      const models = played.filter((model) => model.year === year);
      expect(models.filter((model) => model.reviewedOnLastDay)).toHaveLength(1);
      const sentOn = `${year + 1}-12-31`;
      // Act: the annual report the leaders got on the 31st, after the review deadline.
      const outbox = await rt.outbox();
      const report = outbox.find(
        (mail) =>
          mail.subject === `Báo cáo kết quả phong trào “Dân vận khéo” năm ${year}` &&
          new Date(mail.date).toLocaleDateString('sv', { timeZone: 'Asia/Ho_Chi_Minh' }) === sentOn,
      );
      expect(report).toBeDefined();
      const text = (await rt.api<{ text: string }>(undefined, 'GET', `/local/outbox/${report?.id}`)).body
        .text;
      // Assess
      expect(text).toContain(`Số liệu tính đến hết 30/12/${year + 1} 23:59:59.`);
      expect(text).toContain(`được công nhận ${expectedTotals(models).recognized};`);
    }
  });

  it('has both phase reports (sơ kết, tổng kết) sum their years', async () => {
    for (const [phaseId, years] of [
      ['dot-1', [2016, 2017]],
      ['dot-2', [2018, 2019]],
    ] as const) {
      // Prepare
      const models = played.filter((model) => (years as readonly number[]).includes(model.year));
      // Act
      const report = await rt.api<ReportData>(
        office,
        'GET',
        `/api/reports/phase?campaignId=${SEED_CAMPAIGN_ID}&phaseId=${phaseId}`,
      );
      // Assess
      expect(report.body.years).toEqual(years);
      expect(report.body.totals).toMatchObject(expectedTotals(models));
      expect(report.body.byYear.map((year) => year.total)).toEqual(
        years.map((year) => played.filter((model) => model.year === year).length),
      );
      expect(report.body.flagged.map((flag) => `${flag.cellId}#${flag.year}#${flag.reason}`).sort()).toEqual(
        expectedFlags(models, years, (y) => y < 2019),
      );
      expect(report.body.commended.map((model) => model.id).sort()).toEqual(
        models
          .filter((model) => model.tier === 'commended')
          .map((model) => model.id)
          .sort(),
      );
    }
  });

  it('serves the annual report as an XLSX file whose rows read back as expected', async () => {
    // Prepare
    const models = played.filter((model) => model.year === 2016);
    // Act
    const response = await fetch(
      `${rt.base}/api/reports/annual?campaignId=${SEED_CAMPAIGN_ID}&year=2016&format=xlsx`,
      {
        headers: { authorization: `Bearer ${office}` },
      },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      const values: string[][] = [];
      sheet?.eachRow((row) => {
        values.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text));
      });
      return values;
    };
    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(response.headers.get('content-disposition')).toMatch(/dvk-2016-2020-annual-2016\.xlsx/);
    const list = rows('Danh sách mô hình');
    expect(list[0]).toEqual([
      'STT',
      'Năm',
      'Chi bộ',
      'Loại',
      'Tên mô hình',
      'Nội dung',
      'Người thực hiện',
      'Trạng thái',
      'Mức',
    ]);
    expect(list).toHaveLength(models.length + 1);
    const commended = models.find((model) => model.tier === 'commended');
    expect(list.find((row) => row[4] === commended?.title)).toEqual([
      expect.any(String),
      '2016',
      'Chi bộ Văn phòng Sở',
      'Tập thể',
      commended?.title,
      String(commended?.area),
      'Chi bộ Văn phòng Sở',
      'Được công nhận',
      'Được đề nghị khen thưởng',
    ]);
    expect(
      rows('Chi bộ chưa đạt')
        .slice(1)
        .map((row) => [row[0], row[1]]),
    ).toEqual([
      ['Chi bộ Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật', '2016'],
      ['Chi bộ Thanh tra Sở', '2016'],
      ['Chi bộ Trung tâm Dịch vụ đấu giá tài sản', '2016'],
      ['Chi bộ Trung tâm Dịch vụ đấu giá tài sản', '2016'],
    ]);
    expect(
      rows('Khen thưởng')
        .slice(1)
        .map((row) => row[4]),
    ).toEqual([commended?.title]);
    const summary = rows('Tổng hợp');
    expect(summary.find((row) => row[0] === 'Tổng số mô hình')?.[1]).toBe(String(models.length));
  });

  it('serves a printable HTML report with charts, to the Office, the committee and the inspectors only', async () => {
    // Act
    const html = await fetch(
      `${rt.base}/api/reports/phase?campaignId=${SEED_CAMPAIGN_ID}&phaseId=dot-2&format=html`,
      {
        headers: { authorization: `Bearer ${await rt.token('viet.lv')}` },
      },
    );
    const member = await rt.api(
      await rt.token('tien.cv'),
      'GET',
      `/api/reports/annual?campaignId=${SEED_CAMPAIGN_ID}&year=2016`,
    );
    const missingYear = await rt.api<{ error: { fields: { path: string }[] } }>(
      office,
      'GET',
      `/api/reports/annual?campaignId=${SEED_CAMPAIGN_ID}&year=2020`,
    );
    // Assess
    const text = await html.text();
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(text).toMatch(/Báo cáo tổng kết phong trào thi đua “Dân vận khéo”/);
    expect(text).toMatch(/<svg role="img" aria-label="Số mô hình theo chi bộ"/);
    expect(member.status).toBe(403);
    expect(missingYear.status).toBe(400);
    expect(missingYear.body.error.fields[0]?.path).toBe('query.year');
  });

  it('shows on the dashboard where every cell stands on 31/10/2020', async () => {
    // Act
    const dashboard = await rt.api<{
      today: string;
      years: {
        year: number;
        stage: string;
        cells: { cellId: string; state: string; awaitingReview: number }[];
      }[];
    }>(await rt.token('an.nv'), 'GET', '/api/dashboard');
    const member = await rt.api(await rt.token('tien.cv'), 'GET', '/api/dashboard');
    // Assess
    expect(dashboard.body.today).toBe('2020-10-31');
    expect(dashboard.body.years.map((year) => [year.year, year.stage])).toEqual([[2019, 'review']]);
    const cells = dashboard.body.years[0]?.cells ?? [];
    expect(cells.find((cell) => cell.cellId === 'tro-giup-phap-ly')?.state).toBe('late');
    expect(cells.find((cell) => cell.cellId === 'van-phong')?.state).toBe('ok');
    expect(member.status).toBe(403);
  });

  it('sends nothing twice when a day’s periodic review runs again', async () => {
    // Prepare
    const sfn = new SFNClient({
      endpoint: rt.runtime.endpoints.stepfunctions,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const before = (await rt.outbox()).length;
    const logBefore = await jobLog(SEED_CAMPAIGN_ID);
    // A job whose run was cut short is left "running" and is taken again; its emails are not.
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.jobRun(SEED_CAMPAIGN_ID, '2017-10-01', 'window-opening#2017'),
        UpdateExpression: 'SET #status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'running' },
      }),
    );
    const rerun = async (scheduledTime: string) => {
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: localStateMachineArn('periodic-review'),
          input: JSON.stringify({ scheduledTime }),
        }),
      );
      for (;;) {
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (status !== 'RUNNING') return status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    // Act
    const statuses = [
      await rerun('2017-12-29T17:00:00Z'),
      await rerun('2016-10-07T17:00:00Z'),
      await rerun('2019-07-31T17:00:00Z'),
      await rerun('2017-09-30T17:00:00Z'),
    ];
    const after = (await rt.outbox()).length;
    const logAfter = await jobLog(SEED_CAMPAIGN_ID);
    sfn.destroy();
    // Assess
    expect(statuses).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(after).toBe(before);
    expect(logAfter).toHaveLength(logBefore.length);
    const retaken = logAfter.find((run) => run.date === '2017-10-01' && run.job === 'window-opening');
    expect(retaken).toMatchObject({
      status: 'done',
      summary: { mailsSent: 0, mailsAlreadySent: organization.cells.length },
    });
  });
});

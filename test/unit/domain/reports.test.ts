import { describe, expect, it } from 'vitest';
import { demoOrganization, seedCampaign } from '../../../infra/local/seed.ts';
import { buildDashboard } from '../../../shared/domain/dashboard.ts';
import { buildReport, phaseYears, type ReportModel } from '../../../shared/domain/reports.ts';
import { barChart, reportHtml } from '../../../shared/reports/html.ts';

const campaign = seedCampaign();
const { cells, people } = demoOrganization();
const personNames = Object.fromEntries(people.map((person) => [person.id, person.name]));

function model(id: string, overrides: Partial<ReportModel>): ReportModel {
  return {
    id,
    year: 2016,
    kind: 'collective',
    cellId: 'van-phong',
    title: `Mô hình ${id}`,
    area: 1,
    status: 'recognized',
    ...overrides,
  };
}

const models: ReportModel[] = [
  model('a', { tier: 'commended' }),
  model('b', { kind: 'individual', personId: 'p004', area: 3, tier: 'exemplary' }),
  model('c', { cellId: 'thanh-tra', status: 'not_recognized', area: 2 }),
  model('d', { cellId: 'thanh-tra', kind: 'individual', personId: 'p026', status: 'withdrawn' }),
  model('e', { cellId: 'thanh-tra', kind: 'individual', personId: 'p027', status: 'missed_self_assessment' }),
  model('f', { year: 2017, cellId: 'thanh-tra' }),
];

describe('reports', () => {
  it('counts by kind, area and status, withdrawn listed but not counted; tiers stack', () => {
    // Act
    const report = buildReport({
      kind: 'annual',
      campaign,
      year: 2016,
      cells,
      personNames,
      models,
      now: new Date('2018-01-01T00:00:00+07:00'),
    });
    // Assess
    expect(report.totals).toMatchObject({
      total: 4,
      collective: 2,
      individual: 2,
      recognized: 2,
      exemplary: 2,
      commended: 1,
    });
    expect(report.totals.byArea).toEqual({ 1: 2, 2: 1, 3: 1 });
    expect(report.totals.byStatus).toMatchObject({
      recognized: 2,
      not_recognized: 1,
      withdrawn: 1,
      missed_self_assessment: 1,
    });
    expect(report.models).toHaveLength(5);
    expect(report.models.find((line) => line.id === 'b')?.personName).toBe('Phạm Thị Dung');
    expect(report.commended.map((line) => line.id)).toEqual(['a']);
  });

  it('flags registration at once and recognition only once the year’s reviews are closed', () => {
    // Act
    const during = buildReport({
      kind: 'annual',
      campaign,
      year: 2016,
      cells,
      personNames,
      models,
      now: new Date('2017-12-30T10:00:00+07:00'),
    });
    const after = buildReport({
      kind: 'annual',
      campaign,
      year: 2016,
      cells,
      personNames,
      models,
      now: new Date('2017-12-31T00:00:00+07:00'),
    });
    // Assess
    expect(during.flagged.filter((flag) => flag.reason === 'recognition')).toEqual([]);
    expect(during.flagged.filter((flag) => flag.reason === 'registration')).toHaveLength(cells.length - 2);
    expect(
      after.flagged.filter((flag) => flag.reason === 'recognition').map((flag) => flag.cellId),
    ).toContain('thanh-tra');
    expect(
      after.flagged.filter((flag) => flag.reason === 'recognition').map((flag) => flag.cellId),
    ).not.toContain('van-phong');
  });

  it('covers in a phase the years whose window opened before its review deadline', () => {
    // Act / Assess
    expect(campaign.phases.map((phase) => phaseYears(campaign, phase))).toEqual([
      [2016, 2017],
      [2018, 2019],
    ]);
    const phase = campaign.phases[0];
    if (!phase) throw new Error('seed has phases');
    const report = buildReport({
      kind: 'phase',
      campaign,
      phase,
      cells,
      personNames,
      models,
      now: new Date(),
    });
    expect(report.byYear.map((year) => [year.year, year.total])).toEqual([
      [2016, 4],
      [2017, 1],
    ]);
  });

  it('renders printable HTML with escaped text and accessible charts', () => {
    // Prepare
    const report = buildReport({
      kind: 'annual',
      campaign,
      year: 2016,
      cells,
      personNames,
      models: [model('x', { title: '<script>alert(1)</script>' })],
      now: new Date('2017-01-01T00:00:00+07:00'),
    });
    // Act
    const html = reportHtml(report);
    // Assess
    expect(html).toContain('&#60;script&#62;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('aria-label="Số mô hình theo nội dung thi đua"');
    expect(barChart('T', ['A'], [{ label: 'x', values: [0] }])).toContain('width="0"');
  });
});

describe('reports that close when the day closes', () => {
  it('states the moment counted and lists pending (and why) apart from what did not succeed', () => {
    // Prepare: the tổng kết is taken at the end of 31/08/2020, while 2019's models may still self-assess that day.
    const dot2 = campaign.phases.find((phase) => phase.review === 'final');
    const open = [
      model('p1', { year: 2019, status: 'implementing' }),
      model('p2', { year: 2019, cellId: 'thanh-tra', status: 'self_assessed' }),
      model('n1', { year: 2018, cellId: 'thanh-tra', status: 'not_recognized' }),
      model('n2', { year: 2018, status: 'missed_self_assessment' }),
      model('n3', { year: 2018, cellId: 'thanh-tra', status: 'self_assessed' }),
      model('r1', { year: 2018 }),
    ];

    // Act
    const report = buildReport({
      kind: 'phase',
      campaign,
      ...(dot2 ? { phase: dot2 } : {}),
      cells,
      personNames,
      models: open,
      now: new Date('2020-09-01T00:00:00+07:00'),
    });

    // Assess
    expect(report.countsUpToText).toBe('Số liệu tính đến hết 31/08/2020 23:59:59.');
    expect(report.countsUpTo).toBe('2020-08-31T16:59:59.000Z');
    expect(report.pending.map((line) => [line.id, line.reason])).toEqual([
      ['p2', 'Đã tự đánh giá; chờ Ban Chấp hành xét, hạn xét đến hết ngày 30/12/2020.'],
    ]);
    // At the end of 31/08/2020 the 2019 self-assessment is over: a model still implementing missed it.
    expect(report.unsuccessful.map((line) => line.id).sort()).toEqual(['n1', 'n2', 'n3', 'p1']);
    expect(report.unsuccessful.find((line) => line.id === 'n3')?.reason).toBe(
      'Không có quyết định xét trước hạn (hết ngày 30/12/2019).',
    );
    expect(reportHtml(report)).toContain('Mô hình đang chờ (chưa hết hạn) (1)');
  });

  it('takes the annual report after the last review of 30/12 may be decided', () => {
    // Prepare: the job of 31/12/2017 runs at its first instant; a review decided at 30/12 23:59:59 is in.
    const decidedLate = [
      model('late', { status: 'recognized' }),
      model('ind', { kind: 'individual', personId: 'p004' }),
    ];

    // Act
    const report = buildReport({
      kind: 'annual',
      campaign,
      year: 2016,
      cells,
      personNames,
      models: decidedLate,
      now: new Date('2017-12-31T00:00:00+07:00'),
    });

    // Assess
    expect(report.countsUpToText).toBe('Số liệu tính đến hết 30/12/2017 23:59:59.');
    expect(report.totals.recognized).toBe(2);
    expect(report.cells.find((cell) => cell.cellId === 'van-phong')?.years[0]?.reviewsClosed).toBe(true);
    expect(report.pending).toEqual([]);
  });

  it('covers every registration year in the end-of-term report', () => {
    // Act
    const report = buildReport({
      kind: 'term',
      campaign,
      cells,
      personNames,
      models,
      now: new Date('2020-12-31T00:00:00+07:00'),
    });

    // Assess
    expect(report.years).toEqual(campaign.registrationYears);
    expect(report.title).toBe('Báo cáo cuối nhiệm kỳ phong trào thi đua “Dân vận khéo” 2016–2020');
    expect(report.totals.total).toBe(5);
    expect(report.countsUpToText).toBe('Số liệu tính đến hết 30/12/2020 23:59:59.');
  });
});

describe('dashboard', () => {
  it('shows the stage of each running year and what each cell lacks', () => {
    // Act
    const during = buildDashboard(campaign, cells, models, new Date('2016-10-05T09:00:00+07:00'));
    const overlap = buildDashboard(campaign, cells, models, new Date('2017-10-05T09:00:00+07:00'));
    // Assess
    expect(during.years.map((year) => [year.year, year.stage])).toEqual([[2016, 'registration']]);
    expect(during.years[0]?.cells.find((cell) => cell.cellId === 'van-phong')?.state).toBe('ok');
    expect(during.years[0]?.cells.find((cell) => cell.cellId === 'dau-gia-ts')).toMatchObject({
      state: 'attention',
      notes: ['Thiếu mô hình tập thể và cá nhân'],
    });
    expect(during.upcoming[0]).toMatchObject({ date: '2016-10-08' });
    expect(overlap.years.map((year) => [year.year, year.stage])).toEqual([
      [2017, 'registration'],
      [2016, 'review'],
    ]);
  });
});

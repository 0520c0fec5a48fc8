// Committee members follow the cells they supervise: the cells' reminders reach them, and each
// Monday of the review period one digest lists those cells' models awaiting review — once a week.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

const cellVote = { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 };

describe('supervisors’ reminders and weekly digest', { timeout: 240_000 }, () => {
  let rt: TestRuntime;
  const mailTo = async (pattern: RegExp) =>
    (await rt.outbox())
      .filter((mail) => pattern.test(mail.subject))
      .flatMap((mail) => mail.to)
      .sort();

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-10-01T08:00:00+07:00' });
  });
  afterAll(async () => {
    await rt?.close();
  });

  it('sends a cell’s registration reminder to its secretary and to the committee members who supervise it', async () => {
    // Prepare: the cell Phổ biến, giáo dục pháp luật registers nothing; an.nv and hung.dq supervise it
    for (const cellId of [
      'van-phong',
      'xd-kiem-tra-vb',
      'hanh-chinh-tp',
      'thanh-tra',
      'tro-giup-phap-ly',
      'dau-gia-ts',
    ]) {
      const secretary = {
        'van-phong': 'an.nv',
        'xd-kiem-tra-vb': 'hung.dq',
        'hanh-chinh-tp': 'thang.mx',
        'thanh-tra': 'viet.lv',
        'tro-giup-phap-ly': 'danh.pv',
        'dau-gia-ts': 'hoa.hv',
      }[cellId] as string;
      const answer = await rt.api(
        await rt.token(secretary),
        'POST',
        '/api/models',
        registrationBody({ cellId, title: `Mô hình khéo của ${cellId}` }),
      );
      expect(answer.status).toBe(201);
    }

    // Act
    await rt.clockTo('2016-10-08T01:00:00+07:00');

    // Assess
    expect(await mailTo(/^Nhắc đăng ký: Chi bộ Phòng Phổ biến, giáo dục pháp luật/)).toEqual([
      'an.nv@stp.example.vn',
      'hung.dq@stp.example.vn',
      'nam.lv@stp.example.vn',
    ]);
  });

  it('sends each supervisor one digest per Monday of the review period, naming only their cells’ models', async () => {
    // Prepare: Thanh tra's model is self-assessed; nam.lv and thang.mx supervise Thanh tra
    const models = (
      await rt.api<{ items: { id: string; cellId: string }[] }>(
        await rt.token('viet.lv'),
        'GET',
        '/api/models?campaignId=dvk-2016-2020&year=2016&cellId=thanh-tra',
      )
    ).body.items;
    await rt.clockTo('2017-06-15T09:00:00+07:00');
    const assessed = await rt.api(
      await rt.token('viet.lv'),
      'POST',
      `/api/models/${models[0]?.id}/self-assessment`,
      {
        results: 'Đạt các mục tiêu đã đăng ký.',
        evidence: ['Báo cáo kết quả số 12/BC-CB'],
        cellConfirmed: true,
        cellVote,
      },
    );
    expect(assessed.status).toBe(200);

    // Act
    await rt.clockTo('2017-09-04T09:00:00+07:00');
    const firstWeek = await mailTo(/^Mô hình chờ xét, công nhận năm 2016/);
    await rt.clockTo('2017-09-10T09:00:00+07:00');
    const sameWeek = await mailTo(/^Mô hình chờ xét, công nhận năm 2016/);
    await rt.clockTo('2017-09-11T09:00:00+07:00');
    const secondWeek = await mailTo(/^Mô hình chờ xét, công nhận năm 2016/);
    const digest = (await rt.outbox()).find(
      (mail) => mail.subject.startsWith('Mô hình chờ xét') && mail.to.includes('nam.lv@stp.example.vn'),
    );
    const text = (await rt.api<{ text: string }>(undefined, 'GET', `/local/outbox/${digest?.id}`)).body.text;

    // Assess
    expect(firstWeek).toEqual(['nam.lv@stp.example.vn', 'thang.mx@stp.example.vn']);
    expect(sameWeek).toEqual(firstWeek);
    expect(secondWeek).toEqual([...firstWeek, ...firstWeek].sort());
    expect(text).toContain('Chi bộ Thanh tra Sở: mô hình tập thể “Mô hình khéo của thanh-tra”');
    expect(text).not.toContain('Mô hình khéo của van-phong');
  });

  it('filters a committee member’s dashboard by the cells they supervise', async () => {
    // Prepare
    type View = { supervises: string[]; onlyMine: boolean; years: { cells: { cellId: string }[] }[] };
    const dashboard = async (username: string, query = '') =>
      (await rt.api<View>(await rt.token(username), 'GET', `/api/dashboard${query}`)).body;

    // Act
    const mine = await dashboard('nam.lv', '?cells=mine');
    const all = await dashboard('nam.lv');
    const office = await dashboard('binh.tt');
    const refused = await rt.api(await rt.token('nam.lv'), 'GET', '/api/dashboard?cells=some');

    // Assess
    expect(mine.onlyMine).toBe(true);
    expect(mine.supervises).toEqual(['hanh-chinh-tp', 'thanh-tra']);
    expect(mine.years[0]?.cells.map((cell) => cell.cellId)).toEqual(['hanh-chinh-tp', 'thanh-tra']);
    expect(all.years[0]?.cells).toHaveLength(7);
    expect(office.supervises).toEqual([]);
    expect(refused.status).toBe(400);
  });
});

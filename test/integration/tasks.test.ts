// GET /api/tasks over a played year, 01/10/2016 → 31/12/2017: what awaits the secretary, the
// member, the committee (supervised cells first), the Office (cells short of models, failed mail)
// and the inspectors (reviews past their deadline), each at the moment it is due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { allMet, registrationBody } from '../support/models.ts';

interface TaskItem {
  kind: string;
  title: string;
  dueAt: string;
  link: string;
  modelId?: string;
  cellId?: string;
  supervised?: boolean;
}

const cellVote = { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 };

describe('what awaits each person over a played year', { timeout: 180_000 }, () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};
  const tasksOf = async (username: string) => {
    const answer = await rt.api<{ items: TaskItem[] }>(await rt.token(username), 'GET', '/api/tasks');
    expect(answer.status).toBe(200);
    return answer.body.items;
  };
  const register = async (username: string, overrides: Record<string, unknown>) => {
    const answer = await rt.api<{ id: string }>(
      await rt.token(username),
      'POST',
      '/api/models',
      registrationBody(overrides),
    );
    expect(answer.status).toBe(201);
    return answer.body.id;
  };
  const selfAssess = async (username: string, id: string, collective: boolean) =>
    (
      await rt.api(await rt.token(username), 'POST', `/api/models/${id}/self-assessment`, {
        results: 'Đạt các mục tiêu đã đăng ký.',
        evidence: ['Báo cáo kết quả số 12/BC-CB'],
        cellConfirmed: true,
        ...(collective ? { cellVote } : {}),
      })
    ).status;

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-10-01T08:00:00+07:00' });
  });
  afterAll(async () => {
    await rt?.close();
  });

  it('asks the secretary for the missing models in the window, and the Office for the cells short of them', async () => {
    // Prepare: nothing registered yet

    // Act
    const secretary = await tasksOf('hung.dq');
    const office = await tasksOf('binh.tt');

    // Assess
    expect(secretary.map((task) => [task.kind, task.title, task.dueAt])).toEqual([
      ['register_collective', 'Đăng ký mô hình tập thể năm 2016 của chi bộ', '2016-10-10T17:00:00.000Z'],
      ['register_individual', 'Đăng ký mô hình cá nhân năm 2016 của chi bộ', '2016-10-10T17:00:00.000Z'],
    ]);
    expect(office.filter((task) => task.kind === 'cell_missing_models')).toHaveLength(7);
  });

  it('drops a registration task once the model is registered, and shows the Office the mail SES refused', async () => {
    // Prepare
    await rt.api(undefined, 'POST', '/local/ses', { failing: true });
    ids.collective = await register('hung.dq', {
      cellId: 'xd-kiem-tra-vb',
      title: 'Kiểm tra văn bản khéo, đúng hạn',
    });
    ids.individual = await register('huong.bt', {
      cellId: 'xd-kiem-tra-vb',
      kind: 'individual',
      personId: 'p008',
      title: 'Góp ý dự thảo văn bản tận tình',
    });
    ids.thanhTra = await register('viet.lv', {});
    await rt.clockTo('2016-10-02T09:00:00+07:00');
    await rt.api(undefined, 'POST', '/local/ses', { failing: false });

    // Act
    const secretary = await tasksOf('hung.dq');
    const office = await tasksOf('binh.tt');
    const committee = await tasksOf('an.nv');

    // Assess
    expect(secretary.map((task) => task.kind)).toEqual(['self_assessment', 'self_assessment']);
    expect(
      office.filter((task) => task.kind === 'cell_missing_models').map((task) => task.cellId),
    ).not.toContain('xd-kiem-tra-vb');
    const mail = office.filter((task) => task.kind === 'failed_mail');
    expect(mail.length).toBeGreaterThan(0);
    expect(mail[0]?.title).toMatch(/^Thư không gửi được: “.+”$/);
    expect(committee.some((task) => task.kind === 'failed_mail')).toBe(false);
  });

  it('reminds the member of their own self-assessment and the secretary of the cell’s', async () => {
    // Prepare
    await rt.clockTo('2017-08-21T09:00:00+07:00');

    // Act
    const member = await tasksOf('huong.bt');
    const secretary = await tasksOf('hung.dq');
    const otherMember = await tasksOf('khanh.dv');

    // Assess
    expect(member).toEqual([
      {
        kind: 'self_assessment',
        title: 'Tự đánh giá mô hình “Góp ý dự thảo văn bản tận tình”',
        dueAt: '2017-08-31T17:00:00.000Z',
        link: `/model.html?id=${ids.individual}`,
        modelId: ids.individual,
        cellId: 'xd-kiem-tra-vb',
      },
    ]);
    expect(secretary.map((task) => task.modelId).sort()).toEqual([ids.collective, ids.individual].sort());
    expect(otherMember).toEqual([]);
  });

  it('lists for each committee member the other cells’ models awaiting review, supervised cells first', async () => {
    // Prepare
    expect(await selfAssess('hung.dq', ids.collective as string, true)).toBe(200);
    expect(await selfAssess('huong.bt', ids.individual as string, false)).toBe(200);
    expect(await selfAssess('viet.lv', ids.thanhTra as string, true)).toBe(200);
    await rt.clockTo('2017-08-21T09:00:01+07:00');

    // Act
    const anNv = await tasksOf('an.nv'); // supervises xd-kiem-tra-vb
    const namLv = await tasksOf('nam.lv'); // supervises thanh-tra
    const hungDq = await tasksOf('hung.dq'); // of xd-kiem-tra-vb
    const member = await tasksOf('huong.bt');

    // Assess
    expect(anNv.map((task) => [task.kind, task.cellId, task.supervised])).toEqual([
      ['review', 'xd-kiem-tra-vb', true],
      ['review', 'xd-kiem-tra-vb', true],
      ['review', 'thanh-tra', false],
    ]);
    expect(namLv.map((task) => [task.cellId, task.supervised])[0]).toEqual(['thanh-tra', true]);
    expect(hungDq.map((task) => task.modelId)).toEqual([ids.thanhTra]);
    expect(member).toEqual([]);
  });

  it('drops a review once decided and shows the inspectors what is undecided after the review deadline', async () => {
    // Prepare
    const decided = await rt.api(await rt.token('an.nv'), 'POST', `/api/models/${ids.collective}/review`, {
      principles: allMet,
      vote: { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 },
      decision: 'recognized',
    });
    expect(decided.status).toBe(200);
    await rt.clockTo('2017-09-15T09:00:00+07:00');
    const afterReview = await tasksOf('an.nv');
    const inspectorBefore = await tasksOf('danh.pv');
    await rt.clockTo('2017-12-31T00:00:00+07:00');

    // Act
    const inspector = await tasksOf('danh.pv');
    const committee = await tasksOf('an.nv');

    // Assess
    expect(afterReview.map((task) => task.modelId)).not.toContain(ids.collective);
    expect(inspectorBefore.filter((task) => task.kind === 'overdue_review')).toEqual([]);
    expect(
      inspector
        .filter((task) => task.kind === 'overdue_review')
        .map((task) => task.modelId)
        .sort(),
    ).toEqual([ids.individual, ids.thanhTra].sort());
    expect(inspector[0]?.link).toMatch(/^\/timeline\.html\?id=/);
    expect(committee.filter((task) => task.kind === 'review')).toEqual([]);
  });
});

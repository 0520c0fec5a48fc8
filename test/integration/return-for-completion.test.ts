// Return for completion ("từ chối, chờ bổ sung"), played on the real embedded runtime: while the
// registration window is open a supervising committee member (or the Office) sends a registration
// back to its cell with what to complete; it stops counting as registered, the cell edits and
// resubmits it, and it counts again — every step in the model's one timeline and mailed. A return
// never resubmitted ends the model at the self-assessment deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

interface ModelBody {
  readonly id: string;
  readonly status: string;
  readonly awaiting?: string;
  readonly mayReturn?: boolean;
  readonly title: string;
  readonly returnRequest?: { actor: string; at: string; reason: string; completeBefore: string };
}
interface ErrorBody {
  readonly error: { message: string; fields: { path: string; message: string }[] };
}
interface Timeline {
  readonly items: { state: string; label: string; actorName: string; atText: string; data?: unknown }[];
}

const REASON = 'Bổ sung chỉ tiêu cụ thể và cách đo kết quả ở phần Kết quả dự kiến.';
const COMPLIANCE = '/api/cells/thanh-tra/compliance?campaignId=dvk-2016-2020&year=2016';

// Thanh tra Sở: viet.lv is its secretary; nam.lv and thang.mx supervise it, an.nv does not.
describe('returning a registration for completion', { timeout: 120_000 }, () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};
  const as = (username: string) => rt.token(username);
  const read = async (id: string, username = 'binh.tt') =>
    (await rt.api<ModelBody>(await as(username), 'GET', `/api/models/${id}`)).body;
  const returnAs = async (username: string, id: string, reason = REASON) =>
    rt.api<ModelBody & ErrorBody>(await as(username), 'POST', `/api/models/${id}/return`, { reason });
  const resubmit = async (id: string, expected: string) =>
    rt.api<ModelBody & ErrorBody>(await as('viet.lv'), 'PUT', `/api/models/${id}`, {
      ...contentOf(registrationBody({ title: expected })),
      expectedResults: 'Giảm 30% thời gian xử lý đơn thư; đo bằng sổ theo dõi hằng tháng.',
    });
  const collectiveRegistered = async () =>
    (await rt.api<{ collectiveRegistered: number }>(await as('viet.lv'), 'GET', COMPLIANCE)).body
      .collectiveRegistered;
  const settle = async (iso: string) => rt.clockTo(iso);

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-10-03T08:00:00+07:00' });
    for (const [key, title] of [
      ['kept', 'Tiếp công dân khéo'],
      ['lapsed', 'Thanh tra công vụ minh bạch'],
    ] as const) {
      const answer = await rt.api<ModelBody>(
        await as('viet.lv'),
        'POST',
        '/api/models',
        registrationBody({ title }),
      );
      if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
      ids[key] = answer.body.id;
    }
    await settle('2016-10-03T08:00:01+07:00');
  });
  afterAll(async () => {
    await rt?.close();
  });

  it('offers the return to the Office and the cell’s supervisors only, and refuses anyone else', async () => {
    // Act
    const offered = {
      office: (await read(ids.kept as string, 'binh.tt')).mayReturn,
      supervisor: (await read(ids.kept as string, 'nam.lv')).mayReturn,
      otherCommittee: (await read(ids.kept as string, 'an.nv')).mayReturn,
      secretary: (await read(ids.kept as string, 'viet.lv')).mayReturn,
    };
    const byOtherCommittee = await returnAs('an.nv', ids.kept as string);
    const bySecretary = await returnAs('viet.lv', ids.kept as string);
    const withoutReason = await returnAs('nam.lv', ids.kept as string, '  ');

    // Assess
    expect(offered).toEqual({
      office: true,
      supervisor: true,
      otherCommittee: undefined,
      secretary: undefined,
    });
    expect(byOtherCommittee.status).toBe(403);
    expect(byOtherCommittee.body.error.message).toBe(
      'Chỉ Văn phòng Đảng ủy hoặc Ủy viên Ban Chấp hành theo dõi chi bộ mới được trả lại đăng ký để bổ sung.',
    );
    expect(bySecretary.status).toBe(403);
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.error.fields[0]).toMatchObject({ path: 'body.reason' });
    expect(withoutReason.body.error.fields[0]?.message).toContain('Nội dung cần bổ sung');
    expect((await read(ids.kept as string)).status).toBe('implementing');
  });

  it('returns, stops counting, takes the completed registration back, and counts it again', async () => {
    // Prepare
    const countedBefore = await collectiveRegistered();

    // Act: the supervisor returns it
    await settle('2016-10-04T08:00:00+07:00');
    const returned = await returnAs('nam.lv', ids.kept as string);
    await settle('2016-10-04T09:00:00+07:00');
    const whileReturned = await read(ids.kept as string, 'viet.lv');
    const countedWhileReturned = await collectiveRegistered();
    const again = await returnAs('thang.mx', ids.kept as string);
    const selfAssessed = await rt.api<ErrorBody>(
      await as('viet.lv'),
      'POST',
      `/api/models/${ids.kept}/self-assessment`,
      {
        results: 'Sớm',
        evidence: [],
        cellConfirmed: true,
        cellVote: { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 },
      },
    );
    // Act: the cell completes it
    const completed = await resubmit(ids.kept as string, 'Tiếp công dân khéo');
    await settle('2016-10-04T09:00:01+07:00');
    const after = await read(ids.kept as string, 'viet.lv');
    const countedAfter = await collectiveRegistered();
    const timeline = (await rt.api<Timeline>(await as('danh.pv'), 'GET', `/api/models/${ids.kept}/history`))
      .body.items;
    const mail = (await rt.outbox()).filter((m) => m.to.includes('viet.lv@stp.example.vn'));

    // Assess
    expect(returned.status).toBe(200);
    expect(whileReturned).toMatchObject({
      status: 'returned',
      awaiting: 'completion',
      returnRequest: {
        actor: 'p013',
        reason: REASON,
        at: '2016-10-04T01:00:00.000Z',
        completeBefore: '2016-10-10T17:00:00.000Z',
      },
    });
    expect(countedWhileReturned).toBe(countedBefore - 1);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Đăng ký này đã được trả lại và đang chờ chi bộ bổ sung.');
    expect(selfAssessed.status).toBe(409);
    expect(completed.status).toBe(200);
    expect(after.status).toBe('implementing');
    expect(after.returnRequest).toBeUndefined();
    expect(countedAfter).toBe(countedBefore);
    const states = timeline.map((item) => item.state);
    expect(states).toEqual(
      expect.arrayContaining([
        'registered',
        'implementing',
        'returned',
        'awaiting_completion',
        'edited',
        'completed',
      ]),
    );
    expect(states.indexOf('returned')).toBeLessThan(states.indexOf('completed'));
    expect(timeline.find((item) => item.state === 'returned')).toMatchObject({
      label: 'Trả lại, yêu cầu bổ sung',
      atText: '04/10/2016 08:00:00',
      data: { reason: REASON },
    });
    expect(timeline.find((item) => item.state === 'completed')).toMatchObject({
      label: 'Đã bổ sung',
      atText: '04/10/2016 09:00:00',
    });
    expect(mail.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        'Đăng ký mô hình được trả lại để bổ sung: Tiếp công dân khéo',
        'Đã nhận đăng ký bổ sung: Tiếp công dân khéo',
      ]),
    );
  });

  it('refuses a return and a resubmission once the window has closed, and ends a return never completed', async () => {
    // Prepare: the Office returns the other model on the window's last evening
    await settle('2016-10-10T23:00:00+07:00');
    const returned = await returnAs('binh.tt', ids.lapsed as string);
    await settle('2016-10-11T00:00:01+07:00');

    // Act
    const lateReturn = await returnAs('nam.lv', ids.kept as string);
    const lateResubmission = await resubmit(ids.lapsed as string, 'Thanh tra công vụ minh bạch');
    await settle('2017-08-31T23:59:59+07:00');
    const beforeDeadline = (await read(ids.lapsed as string)).status;
    await settle('2017-09-01T00:00:00+07:00');
    const atDeadline = await read(ids.lapsed as string);
    const timeline = (await rt.api<Timeline>(await as('danh.pv'), 'GET', `/api/models/${ids.lapsed}/history`))
      .body.items;

    // Assess
    expect(returned.status).toBe(200);
    expect(lateReturn.status).toBe(422);
    expect(lateReturn.body.error.message).toContain('Ngoài thời hạn đăng ký: chỉ được trả lại đăng ký');
    expect(lateResubmission.status).toBe(422);
    expect(beforeDeadline).toBe('returned');
    expect(atDeadline.status).toBe('not_completed');
    expect(atDeadline.awaiting).toBeUndefined();
    expect(timeline.at(-1)).toMatchObject({ state: 'not_completed', atText: '01/09/2017 00:00:00' });
    expect(await collectiveRegistered()).toBe(
      (
        await rt.api<{ items: ModelBody[] }>(
          await as('viet.lv'),
          'GET',
          '/api/models?campaignId=dvk-2016-2020&year=2016&cellId=thanh-tra',
        )
      ).body.items.filter((model) => !['withdrawn', 'returned', 'not_completed'].includes(model.status))
        .length,
    );
  });
});

/** The content fields of a registration body, as an edit sends them. */
function contentOf(body: Record<string, unknown>): Record<string, unknown> {
  const { campaignId: _c, year: _y, kind: _k, cellId: _cell, personId: _p, ...content } = body;
  return content;
}

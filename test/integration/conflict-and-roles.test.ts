// Nobody judges what they took part in, and a role the Office removes stops
// working at once — both against the embedded runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

type ErrorBody = { error: { code: string; message: string; fields: { path: string; message: string }[] } };
type ModelBody = { id: string; status: string; selfAssessment?: { by: string } };
type Timeline = { items: { state: string; actor: string; label: string }[] };

const allMet = {
  registered: { met: true, note: 'Có đăng ký đúng hạn' },
  democraticVote: { met: true, note: 'Bỏ phiếu công khai' },
  meetsStandard: { met: true, note: 'Đúng tiêu chuẩn' },
  spread: { met: true, note: 'Lan tỏa' },
  cellRecognized: { met: true, note: 'Chi bộ công nhận' },
};
const recognize = {
  principles: allMet,
  vote: { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 },
  decision: 'recognized',
  reasons: '',
};

describe('conflict of interest and current roles', () => {
  let rt: TestRuntime;
  let modelId = '';
  const as = (username: string) => rt.token(username);

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-10-03T08:00:00+07:00' });
  });
  afterAll(async () => {
    await rt.close();
  });

  it('a secretary who is on the committee self-assesses a member’s model, then may not review it (403, audited)', async () => {
    // Prepare: dung.pt registers his own model; his secretary an.nv (also on the committee) self-assesses it.
    const registered = await rt.api<ModelBody>(
      await as('dung.pt'),
      'POST',
      '/api/models',
      registrationBody({ kind: 'individual', cellId: 'van-phong', personId: 'p004', title: 'Một cửa khéo' }),
    );
    expect(registered.status).toBe(201);
    modelId = registered.body.id;
    await rt.clockTo('2017-06-15T09:00:00+07:00');
    const assessed = await rt.api<ModelBody>(
      await as('an.nv'),
      'POST',
      `/api/models/${modelId}/self-assessment`,
      { results: 'Đạt các mục tiêu.', evidence: [], cellConfirmed: true },
    );
    expect(assessed.status).toBe(200);
    await rt.clockTo('2017-06-15T09:00:01+07:00');

    // Act
    const refused = await rt.api<ErrorBody>(
      await as('an.nv'),
      'POST',
      `/api/models/${modelId}/review`,
      recognize,
    );

    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('tự rút');
    expect(refused.body.error.fields[0]?.message).toContain('gửi tự đánh giá');
    const timeline = await rt.api<Timeline>(await as('an.nv'), 'GET', `/api/models/${modelId}/history`);
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({ state: 'conflict_of_interest_refused', actor: 'p001' }),
    );
    const model = await rt.api<ModelBody>(await as('binh.tt'), 'GET', `/api/models/${modelId}`);
    expect(model.body.status).toBe('self_assessed');
  }, 90_000);

  it('a committee member of another cell reviews it; the Office staff of its cell may not promote it (403)', async () => {
    // Act
    // The review stage starts as its own execution; until it waits, a review answers 409.
    let reviewed = await rt.api<ModelBody>(
      await as('hung.dq'),
      'POST',
      `/api/models/${modelId}/review`,
      recognize,
    );
    for (let second = 10; reviewed.status === 409 && second < 40; second += 1) {
      await rt.clockTo(`2017-06-15T09:00:${second}+07:00`);
      reviewed = await rt.api<ModelBody>(
        await as('hung.dq'),
        'POST',
        `/api/models/${modelId}/review`,
        recognize,
      );
    }
    await rt.clockTo('2017-06-15T09:01:00+07:00');
    const promoted = await rt.api<ErrorBody>(await as('binh.tt'), 'POST', `/api/models/${modelId}/tier`, {
      tier: 'exemplary',
    });

    // Assess
    expect(reviewed.status).toBe(200);
    expect(promoted.status).toBe(403);
    expect(promoted.body.error.fields[0]?.message).toContain('sinh hoạt tại chi bộ');
  });

  it('a secretary whose role the Office removed is refused on the next write with the old token (403)', async () => {
    // Prepare: viet.lv signs in as secretary of thanh-tra; the Office then takes the role away.
    await rt.clockTo('2017-10-02T08:00:00+07:00');
    const oldToken = await as('viet.lv');
    const people = await rt.api<{ items: Record<string, unknown>[] }>(
      await as('binh.tt'),
      'GET',
      '/api/people?cellId=thanh-tra',
    );
    const viet = people.body.items.find((person) => person.id === 'p025') as Record<string, unknown>;
    const changed = await rt.api(await as('binh.tt'), 'PUT', '/api/people/p025', {
      username: viet.username,
      name: viet.name,
      email: viet.email,
      cellId: viet.cellId,
      roles: ['member', 'inspector'],
    });
    expect(changed.status).toBe(200);

    // Act
    const answer = await rt.api<ErrorBody>(
      oldToken,
      'POST',
      '/api/models',
      registrationBody({ year: 2017, title: 'Tiếp dân khéo năm 2017' }),
    );

    // Assess
    expect(answer.status).toBe(403);
  });
});

// docs/ARCHITECTURE.md §4: "Every state change is visible to auditors: who, what, when" —
// for the Office's records too: a campaign's quorum, a cell, a person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCampaign } from '../../infra/local/seed.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

type Trail = {
  items: {
    action: string;
    actor: string;
    at: string;
    changes: Record<string, { from?: unknown; to?: unknown }>;
  }[];
};

describe('the audit trail of administrative records', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it("records who changed a campaign's quorum, when, from what to what", async () => {
    const office = await rt.token('binh.tt');
    const { id, ...configuration } = seedCampaign();
    const updated = await rt.api(office, 'PUT', `/api/campaigns/${id}`, {
      ...configuration,
      quorum: { numerator: 1, denominator: 2 },
    });
    expect(updated.status).toBe(200);

    const trail = await rt.api<Trail>(await rt.token('danh.pv'), 'GET', `/api/audit/campaign/${id}`);
    expect(trail.status).toBe(200);
    expect(trail.body.items).toEqual([
      {
        entity: 'campaign',
        id,
        action: 'updated',
        actor: 'p002',
        actorName: 'Trần Thị Bình',
        at: '2016-10-03T01:00:00.000Z',
        changes: { quorum: { from: { numerator: 2, denominator: 3 }, to: { numerator: 1, denominator: 2 } } },
      },
    ]);
  });

  it('records a cell created and a person changed', async () => {
    const office = await rt.token('binh.tt');
    const created = await rt.api<{ id: string }>(office, 'POST', '/api/cells', {
      id: 'cong-chung',
      name: 'Chi bộ Phòng Công chứng số 1',
    });
    expect(created.status).toBeLessThan(300);
    const cellTrail = await rt.api<Trail>(office, 'GET', '/api/audit/cell/cong-chung');
    expect(cellTrail.body.items.map((item) => item.action)).toEqual(['created']);
    expect(cellTrail.body.items[0]?.changes.name).toEqual({ to: 'Chi bộ Phòng Công chứng số 1' });

    const people = await rt.api<{
      items: { id: string; username: string; name: string; email: string; cellId: string; roles: string[] }[];
    }>(office, 'GET', '/api/people?cellId=thanh-tra');
    const person = people.body.items.find((candidate) => candidate.id === 'p026');
    expect(person).toBeDefined();
    const { id: _id, ...rest } = person as NonNullable<typeof person>;
    const changed = await rt.api(office, 'PUT', '/api/people/p026', {
      ...rest,
      email: 'xuan.qt.moi@stp.example.vn',
    });
    expect(changed.status).toBe(200);
    const personTrail = await rt.api<Trail>(await rt.token('hung.dq'), 'GET', '/api/audit/person/p026');
    expect(personTrail.body.items.at(-1)?.changes).toEqual({
      email: { from: 'xuan.qt@stp.example.vn', to: 'xuan.qt.moi@stp.example.vn' },
    });
  });

  it('is not for members, and refuses an unknown kind of record', async () => {
    const member = await rt.token('tien.cv');
    expect((await rt.api(member, 'GET', '/api/audit/campaign/dvk-2016-2020')).status).toBe(403);
    expect((await rt.api(await rt.token('danh.pv'), 'GET', '/api/audit/model/x')).status).toBe(400);
  });
});

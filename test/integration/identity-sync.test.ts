// The people records kept in step with the user pool, locally as on AWS: each write of a person
// records a sync and starts the identity-sync workflow against the local Cognito stand-in; a pool
// failing for a while is retried until it recovers; the reconcile command then finds no drift.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER_POOL_ID } from '../../infra/local/cognito.ts';
import { identitySyncRepository } from '../../shared/data/identity-sync.ts';
import { personRepository } from '../../shared/data/people.ts';
import { disableUser } from '../../shared/identity/cognito-users.ts';
import { identitySyncId } from '../../shared/services/identity-outbox.ts';
import { reconcileIdentities } from '../../shared/services/identity-sync.ts';
import { ROOT_DIR, startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

interface PoolUser {
  username: string;
  attributes: Record<string, string>;
  groups: string[];
  enabled: boolean;
}

const run = promisify(execFile);

describe('the identity sync', () => {
  let rt: TestRuntime;
  let office: string;
  const pool = async () =>
    (await rt.api<{ users: PoolUser[]; refused: number }>(undefined, 'GET', '/local/cognito')).body;
  const userOf = async (username: string) => (await pool()).users.find((user) => user.username === username);
  const setFailing = async (failing: boolean) =>
    (await rt.api(undefined, 'POST', '/local/cognito', { failing })).status;
  const person = (username: string, roles: string[]) => ({
    username,
    name: 'Lê Thị Đồng Bộ',
    email: `${username}@stp.example.vn`,
    cellId: 'thanh-tra',
    roles,
  });

  beforeAll(async () => {
    rt = await startTestRuntime();
    office = await rt.token('binh.tt');
  });
  afterAll(async () => {
    await rt.close();
  });

  it('creates the user of a person the Office adds, with the person id and groups equal to the roles', async () => {
    // Prepare
    const body = person('dongbo.lt', ['member', 'secretary']);
    // Act
    const added = await rt.api<{ id: string }>(office, 'POST', '/api/people', body);
    await rt.clockTo('2016-10-03T08:01:00+07:00');
    // Assess
    expect(added.status).toBe(201);
    const user = await userOf('dongbo.lt');
    expect(user?.enabled).toBe(true);
    expect(user?.attributes['custom:personId']).toBe(added.body.id);
    expect(user?.attributes.email).toBe('dongbo.lt@stp.example.vn');
    expect(user?.groups.sort()).toEqual(['member', 'secretary']);
  });

  it("changes the user's groups when the person's roles change", async () => {
    // Prepare
    const body = person('dongbo.lt', ['member', 'committee']);
    // Act
    const changed = await rt.api(office, 'PUT', '/api/people/p-dongbo-lt', body);
    await rt.clockTo('2016-10-03T08:02:00+07:00');
    // Assess
    expect(changed.status).toBe(200);
    expect((await userOf('dongbo.lt'))?.groups.sort()).toEqual(['committee', 'member']);
  });

  it('disables the user of a person the Office removes, who gets no token any more', async () => {
    // Prepare
    const before = await rt.api(undefined, 'POST', '/local/token', { username: 'dongbo.lt' });
    // Act
    const removed = await rt.api(office, 'DELETE', '/api/people/p-dongbo-lt');
    await rt.clockTo('2016-10-03T08:03:00+07:00');
    const after = await rt.api(undefined, 'POST', '/local/token', { username: 'dongbo.lt' });
    // Assess
    expect(before.status).toBe(200);
    expect(removed.status).toBe(200);
    expect((await userOf('dongbo.lt'))?.enabled).toBe(false);
    expect(after.status).toBe(404);
  });

  it('gives no token to a person whose user is disabled, and the reconcile sets it right', async () => {
    // Prepare
    await disableUser(LOCAL_USER_POOL_ID, 'an.nv');
    // Act
    const refused = await rt.api(undefined, 'POST', '/local/token', { username: 'an.nv' });
    const found = await reconcileIdentities({ fix: true });
    const signedIn = await rt.api(undefined, 'POST', '/local/token', { username: 'an.nv' });
    // Assess
    expect(refused.status).toBe(403);
    expect(found.drift).toEqual([{ kind: 'disabled', username: 'an.nv' }]);
    expect(signedIn.status).toBe(200);
    expect((await userOf('an.nv'))?.enabled).toBe(true);
  });

  it('retries while the pool fails and completes once it recovers; the reconcile then finds no drift', async () => {
    // Prepare
    expect(await setFailing(true)).toBe(200);
    // Act
    const added = await rt.api<{ id: string }>(
      office,
      'POST',
      '/api/people',
      person('thulai.lt', ['member']),
    );
    await rt.clockTo('2016-10-03T08:10:00+07:00');
    const during = await identitySyncRepository.listByStatus('pending');
    const missingDuring = await userOf('thulai.lt');
    expect(await setFailing(false)).toBe(200);
    await rt.clockTo('2016-10-03T11:00:00+07:00');
    const report = await run('npx', ['tsx', 'infra/identity-sync.ts'], { cwd: ROOT_DIR, env: process.env });
    // Assess
    expect(added.status).toBe(201);
    const item = during.find((candidate) => candidate.personId === added.body.id);
    expect(item?.attempts).toBeGreaterThanOrEqual(2);
    expect(item?.lastError).toMatch(/^InternalErrorException/);
    expect(missingDuring).toBeUndefined();
    expect((await userOf('thulai.lt'))?.groups).toEqual(['member']);
    expect(await identitySyncRepository.listByStatus('pending')).toEqual([]);
    expect(report.stdout).toContain('Không có khác biệt.');
  });

  it('records the failure on the item, in words, when the pool fails through every retry', async () => {
    // Prepare
    expect(await setFailing(true)).toBe(200);
    // Act
    const added = await rt.api<{ id: string }>(office, 'POST', '/api/people', person('hong.lt', ['member']));
    await rt.clockTo('2016-10-04T12:00:00+07:00');
    const failed = await identitySyncRepository.listByStatus('failed');
    expect(await setFailing(false)).toBe(200);
    // Assess
    expect(added.status).toBe(201);
    const item = failed.find((candidate) => candidate.personId === added.body.id);
    expect(item?.attempts).toBeGreaterThanOrEqual(10);
    expect(item?.failure).toContain('Chưa cập nhật được tài khoản đăng nhập “hong.lt”');
    expect(await userOf('hong.lt')).toBeUndefined();
  });

  it('starts, with the daily plan, a sync a crash left recorded but never started', async () => {
    // Prepare: the record and its sync item written, the workflow never started (the crash).
    const at = '2016-10-04T06:00:00.000Z';
    const lost = { ...person('mat.lt', ['member']), id: 'p-mat-lt' };
    await personRepository.put({ ...lost, roles: ['member'], createdAt: at, updatedAt: at });
    await identitySyncRepository.create({
      id: identitySyncId(lost.id, at),
      personId: lost.id,
      username: lost.username,
      recordVersion: at,
      status: 'pending',
      createdAt: at,
      attempts: 0,
      version: 0,
    });
    const before = await userOf('mat.lt');
    // Act
    await rt.clockTo('2016-10-05T00:05:00+07:00');
    // Assess
    expect(before).toBeUndefined();
    expect((await userOf('mat.lt'))?.attributes['custom:personId']).toBe('p-mat-lt');
    expect((await identitySyncRepository.get(lost.id, at))?.status).toBe('done');
  });
});

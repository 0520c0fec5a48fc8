// The local identity as the people records make it: a person the Office adds signs in at once and
// registers; a role changed on the record is in the very next token, renewal included; a token's
// lifetime is real time, so moving the virtual clock a month never signs anybody out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { registrationBody } from '../support/models.ts';

type Tokens = { token: string; refreshToken: string };
type ErrorBody = { error: { code: string; message: string } };

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

describe('the local identity reads the people records', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it('signs in a person the Office just added, who registers; a role change reaches the next token and the renewal', async () => {
    // Prepare
    const office = await rt.token('binh.tt');
    const added = await rt.api(office, 'POST', '/api/people', {
      username: 'moi.tv',
      name: 'Trần Văn Mới',
      email: 'moi.tv@stp.example.vn',
      cellId: 'thanh-tra',
      roles: ['member', 'secretary'],
    });
    // Act
    const signedIn = await rt.api<Tokens>(undefined, 'POST', '/local/token', { username: 'moi.tv' });
    const registered = await rt.api<{ id: string }>(
      signedIn.body.token,
      'POST',
      '/api/models',
      registrationBody({ title: 'Mô hình của người mới được thêm' }),
    );
    const changed = await rt.api(office, 'PUT', '/api/people/p-moi-tv', {
      username: 'moi.tv',
      name: 'Trần Văn Mới',
      email: 'moi.tv@stp.example.vn',
      cellId: 'thanh-tra',
      roles: ['member'],
    });
    const renewed = await rt.api<Tokens>(undefined, 'POST', '/local/token', {
      refreshToken: signedIn.body.refreshToken,
    });
    const next = await rt.api<Tokens>(undefined, 'POST', '/local/token', { username: 'moi.tv' });
    // Assess
    expect(added.status).toBe(201);
    expect(signedIn.status).toBe(200);
    expect(claimsOf(signedIn.body.token)['cognito:groups']).toEqual(['member', 'secretary']);
    expect(registered.status).toBe(201);
    expect(changed.status).toBe(200);
    expect(renewed.status).toBe(200);
    expect(claimsOf(renewed.body.token)['cognito:groups']).toEqual(['member']);
    expect(claimsOf(next.body.token)['cognito:groups']).toEqual(['member']);
  });

  it('keeps a session when the clock moves a month on, and renews it after', async () => {
    // Prepare
    const signedIn = await rt.api<Tokens>(undefined, 'POST', '/local/token', { username: 'an.nv' });
    // Act
    await rt.clockTo('2016-11-03T08:00:00+07:00');
    const after = await rt.api(signedIn.body.token, 'GET', '/api/cells');
    const renewed = await rt.api<Tokens>(undefined, 'POST', '/local/token', {
      refreshToken: signedIn.body.refreshToken,
    });
    // Assess
    expect(after.status).toBe(200);
    expect(renewed.status).toBe(200);
    expect((await rt.api(renewed.body.token, 'GET', '/api/cells')).status).toBe(200);
  });

  it('refuses an expired token in words, a refresh token as a bearer token, and a forged refresh token', async () => {
    // Prepare: a token that lives one second of real time
    const short = await rt.api<Tokens>(undefined, 'POST', '/local/token', {
      username: 'an.nv',
      lifetimeSeconds: 1,
    });
    const exp = Number(claimsOf(short.body.token).exp) * 1000;
    while (Date.now() < exp + 1000) await new Promise((wait) => setTimeout(wait, 200));
    // Act
    const expired = await rt.api<ErrorBody>(short.body.token, 'GET', '/api/cells');
    const refreshAsBearer = await rt.api(short.body.refreshToken, 'GET', '/api/cells');
    const forged = await rt.api<ErrorBody>(undefined, 'POST', '/local/token', {
      refreshToken: 'not-a-token',
    });
    // Assess
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/hết hạn/);
    expect(refreshAsBearer.status).toBe(401);
    expect(forged.status).toBe(401);
  });
});

// The local identity stand-in accepts what API Gateway's JWT authorizer and
// Cognito accept, and nothing more: tokens re-signed with the local key but
// missing a claim Cognito always sets are refused.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalIdentity,
  LOCAL_CLIENT_ID,
  type LocalIdentity,
  TokenRejectedError,
} from '../../../infra/local/identity.ts';
import { UnauthenticatedError } from '../../../shared/domain/errors.ts';
import { callerFromEvent } from '../../../shared/http/caller.ts';
import { apiEvent } from '../../support/api-event.ts';

const ISSUER = 'http://127.0.0.1:1/local/identity';
const NOW = Date.parse('2016-10-03T01:00:00Z');
const SECONDS = Math.floor(NOW / 1000);

const complete: JWTPayload = {
  'custom:personId': 'p002',
  'cognito:username': 'binh.tt',
  'cognito:groups': ['member', 'office'],
  token_use: 'id',
  iss: ISSUER,
  aud: LOCAL_CLIENT_ID,
  iat: SECONDS,
  exp: SECONDS + 3600,
};

describe('the local identity stand-in', () => {
  let folder: string;
  let identity: LocalIdentity;
  let sign: (claims: JWTPayload) => Promise<string>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'identity-'));
    const keyFile = join(folder, 'key.json');
    identity = await createLocalIdentity(keyFile, ISSUER, { now: () => NOW });
    const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: JWK };
    const key = await importJWK(stored.privateJwk, 'RS256');
    sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'local-1' }).sign(key);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('accepts its own tokens and a complete re-signed one', async () => {
    // Prepare
    const issued = await identity.issue({
      personId: 'p002',
      username: 'binh.tt',
      name: 'Trần Thị Bình',
      email: 'binh.tt@stp.example.vn',
      cellId: 'van-phong',
      roles: ['member', 'office'],
    });

    // Act / Assess
    await expect(identity.verify(issued)).resolves.toMatchObject({ token_use: 'id' });
    await expect(identity.verify(await sign(complete))).resolves.toMatchObject({ aud: LOCAL_CLIENT_ID });
  });

  it('accepts client_id in place of aud, as the authorizer does', async () => {
    // Prepare
    const { aud: _aud, ...rest } = complete;

    // Act / Assess
    await expect(identity.verify(await sign({ ...rest, client_id: LOCAL_CLIENT_ID }))).resolves.toBeDefined();
  });

  it.each([
    ['without exp', { exp: undefined }],
    ['without iss', { iss: undefined }],
    ['without aud or client_id', { aud: undefined }],
    ['with another audience', { aud: 'another-client' }],
    ['without token_use', { token_use: undefined }],
    ['with token_use access', { token_use: 'access' }],
    ['expired', { exp: SECONDS - 1 }],
  ])('refuses a re-signed token %s', async (_case, change) => {
    // Prepare
    const claims = Object.fromEntries(
      Object.entries({ ...complete, ...change }).filter(([, value]) => value !== undefined),
    );

    // Act / Assess
    await expect(identity.verify(await sign(claims))).rejects.toBeInstanceOf(TokenRejectedError);
  });
});

describe('the handlers’ claim reading', () => {
  function eventWith(change: Record<string, string | undefined>) {
    const event = apiEvent({ method: 'GET', path: '/api/cells', personId: 'p002', groups: ['office'] });
    const claims = event.requestContext.authorizer.jwt.claims as Record<string, unknown>;
    for (const [name, value] of Object.entries(change)) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    return event;
  }

  it('reads the caller from a complete ID token’s claims', () => {
    // Act / Assess
    expect(callerFromEvent(eventWith({}))).toMatchObject({ personId: 'p002', roles: ['office'] });
    expect(callerFromEvent(eventWith({ aud: undefined, client_id: 'web-client' })).personId).toBe('p002');
  });

  it.each([
    ['without exp', { exp: undefined }],
    ['expired', { exp: String(SECONDS - 1) }],
    ['without iss', { iss: undefined }],
    ['without aud or client_id', { aud: undefined }],
    ['without token_use', { token_use: undefined }],
    ['with token_use access', { token_use: 'access' }],
  ])('refuses claims %s (401, in Vietnamese)', (_case, change) => {
    // Act
    let thrown: unknown;
    try {
      callerFromEvent(eventWith(change));
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(UnauthenticatedError);
    expect((thrown as Error).message).toContain('đăng nhập lại');
  });
});

// The local identity provider: issues ID tokens shaped like Cognito's and
// verifies them the way API Gateway's JWT authorizer does (signature, issuer,
// audience, expiry), and refresh tokens that renew them. A token's lifetime is
// counted in real time, not on the runtime's virtual clock: moving the clock a
// month on must never sign anybody out, as on AWS Cognito's clock is the real one.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type CryptoKey,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { PERSON_ID_CLAIM } from '../../shared/http/caller.ts';
import type { Clock } from './clock.ts';

export const LOCAL_CLIENT_ID = 'local-web-client';
const TOKEN_LIFETIME_SECONDS = 3600;
/** As the web client's refresh tokens on AWS are good for a day, locally a month of work. */
const REFRESH_LIFETIME_SECONDS = 30 * 24 * 3600;
const KEY_ID = 'local-1';
const REFRESH_USE = 'local-refresh';

export interface TokenSubject {
  readonly personId: string;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly cellId: string;
  readonly roles: readonly string[];
}

/** Why a token was refused, as the authorizer would log it. */
export class TokenRejectedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenRejectedError';
  }
}

interface StoredKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

async function loadOrCreateKey(file: string): Promise<StoredKey> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const stored: StoredKey = {
    privateJwk: { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: 'RS256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
  return stored;
}

export interface LocalIdentity {
  readonly issuer: string;
  readonly jwks: { keys: JWK[] };
  /** An ID token; `lifetimeSeconds` (at most an hour) lets a test see one expire. */
  issue(subject: TokenSubject, lifetimeSeconds?: number): Promise<string>;
  /** A refresh token for the person: only their id, so each renewal reads their record afresh. */
  issueRefresh(personId: string): Promise<string>;
  /** The person a refresh token was issued to; rejects with TokenRejectedError. */
  verifyRefresh(token: string): Promise<string>;
  /** Verifies a bearer token; resolves with its claims or rejects with TokenRejectedError. */
  verify(token: string): Promise<JWTPayload>;
}

/** Opens (or creates) the signing key kept under the data folder. */
export async function createLocalIdentity(
  keyFile: string,
  issuer: string,
  realTime: Pick<Clock, 'now'> = { now: () => Date.now() },
): Promise<LocalIdentity> {
  const stored = await loadOrCreateKey(keyFile);
  const privateKey = (await importJWK(stored.privateJwk, 'RS256')) as CryptoKey;
  const publicKey = (await importJWK(stored.publicJwk, 'RS256')) as CryptoKey;
  const nowSeconds = () => Math.floor(realTime.now() / 1000);
  const rejected = (error: unknown) =>
    error instanceof errors.JOSEError
      ? new TokenRejectedError(error.code)
      : error instanceof TokenRejectedError
        ? error
        : new TokenRejectedError('malformed token');
  return {
    issuer,
    jwks: { keys: [stored.publicJwk] },
    issueRefresh: (personId) => {
      const issuedAt = nowSeconds();
      return new SignJWT({ token_use: REFRESH_USE, jti: randomUUID() })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setSubject(personId)
        .setIssuer(issuer)
        .setAudience(LOCAL_CLIENT_ID)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + REFRESH_LIFETIME_SECONDS)
        .sign(privateKey);
    },
    verifyRefresh: async (token) => {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer,
          audience: LOCAL_CLIENT_ID,
          algorithms: ['RS256'],
          currentDate: new Date(realTime.now()),
        });
        if (payload.token_use !== REFRESH_USE || typeof payload.sub !== 'string')
          throw new TokenRejectedError('not a refresh token');
        return payload.sub;
      } catch (error) {
        throw rejected(error);
      }
    },
    issue: (subject, lifetimeSeconds = TOKEN_LIFETIME_SECONDS) => {
      const issuedAt = nowSeconds();
      return new SignJWT({
        'cognito:groups': [...subject.roles],
        'cognito:username': subject.username,
        email: subject.email,
        name: subject.name,
        [PERSON_ID_CLAIM]: subject.personId,
        'custom:cellId': subject.cellId,
        token_use: 'id',
        auth_time: issuedAt,
        event_id: randomUUID(),
      })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setSubject(subject.personId)
        .setIssuer(issuer)
        .setAudience(LOCAL_CLIENT_ID)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + Math.min(Math.max(1, lifetimeSeconds), TOKEN_LIFETIME_SECONDS))
        .sign(privateKey);
    },
    verify: async (token) => {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, publicKey, {
          issuer,
          algorithms: ['RS256'],
          requiredClaims: ['exp', 'iss'],
          currentDate: new Date(realTime.now()),
        }));
      } catch (error) {
        throw rejected(error);
      }
      // As API Gateway's JWT authorizer: the audience is `aud`, or `client_id` when a token has no `aud`.
      const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
      if (!audiences.includes(LOCAL_CLIENT_ID))
        throw new TokenRejectedError('ERR_JWT_CLAIM_VALIDATION_FAILED');
      // Only Cognito ID tokens carry the person and their groups; access tokens are not accepted.
      if (payload.token_use !== 'id') throw new TokenRejectedError('ERR_JWT_CLAIM_VALIDATION_FAILED');
      return payload;
    },
  };
}

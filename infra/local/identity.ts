// The local identity provider: issues ID tokens shaped like Cognito's and
// verifies them the way API Gateway's JWT authorizer does (signature, issuer,
// audience, expiry), against the runtime's clock.
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
const KEY_ID = 'local-1';

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
  issue(subject: TokenSubject): Promise<string>;
  /** Verifies a bearer token; resolves with its claims or rejects with TokenRejectedError. */
  verify(token: string): Promise<JWTPayload>;
}

/** Opens (or creates) the signing key kept under the data folder. */
export async function createLocalIdentity(
  keyFile: string,
  issuer: string,
  clock: Clock,
): Promise<LocalIdentity> {
  const stored = await loadOrCreateKey(keyFile);
  const privateKey = (await importJWK(stored.privateJwk, 'RS256')) as CryptoKey;
  const publicKey = (await importJWK(stored.publicJwk, 'RS256')) as CryptoKey;
  const nowSeconds = () => Math.floor(clock.now() / 1000);
  return {
    issuer,
    jwks: { keys: [stored.publicJwk] },
    issue: (subject) => {
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
        .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
    verify: async (token) => {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, publicKey, {
          issuer,
          algorithms: ['RS256'],
          requiredClaims: ['exp', 'iss'],
          currentDate: new Date(clock.now()),
        }));
      } catch (error) {
        if (error instanceof errors.JOSEError) throw new TokenRejectedError(error.code);
        throw new TokenRejectedError('malformed token');
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

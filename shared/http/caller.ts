import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { UnauthenticatedError } from '../domain/errors.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import type { Caller } from '../domain/types.ts';

// The claim carrying the person's id: a Cognito custom attribute.
export const PERSON_ID_CLAIM = 'custom:personId';

/**
 * API Gateway HTTP APIs hand array claims over as a string such as
 * "[office committee]"; a JSON array or a real array may also appear.
 */
function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  const text = raw.trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // fall through to the space-separated form
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((group) => group.length > 0);
}

/**
 * Whether the claims are those of a Cognito ID token still valid at `nowMs`:
 * an expiry, an issuer, an audience (`aud`, or `client_id`) and `token_use`
 * "id". The authorizer checks the signature, issuer and audience; this holds
 * the handlers to the same shape should a route ever be wired without it.
 */
function isIdTokenClaims(claims: Readonly<Record<string, unknown>>, nowMs: number): boolean {
  const expiry = Number(claims.exp);
  const present = (name: string) => typeof claims[name] === 'string' && claims[name] !== '';
  return (
    Number.isFinite(expiry) &&
    expiry * 1000 > nowMs &&
    present('iss') &&
    (present('aud') || present('client_id')) &&
    claims.token_use === 'id'
  );
}

/** Reads who is calling from the claims the JWT authorizer verified. */
export function callerFromEvent(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const personId = claims?.[PERSON_ID_CLAIM];
  const username = claims?.['cognito:username'] ?? claims?.username;
  if (!claims || typeof personId !== 'string' || personId === '') throw new UnauthenticatedError();
  // A token expires in real time, as Cognito's do, whatever the request's own clock says: locally the
  // request time is the virtual clock's, which may stand years from today.
  if (!isIdTokenClaims(claims, Date.now()))
    throw new UnauthenticatedError('Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.');
  const roles = parseGroups(claims['cognito:groups']).filter((group): group is Role =>
    (ROLES as readonly string[]).includes(group),
  );
  return { personId, username: String(username ?? personId), roles };
}

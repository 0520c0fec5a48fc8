// Verifies an incoming request's AWS Signature Version 4, the way an AWS
// endpoint does before it looks at the operation: the Authorization header
// form (what the SDK and the AWS CLI send) and the presigned query form.
//
// The canonical request follows "Create a signed AWS API request" of the IAM
// user guide (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
// method, the path normalised and URI-encoded once more (every service but
// S3), the query sorted by encoded name then value, the signed headers in
// lower case with their values trimmed and inner whitespace collapsed, and the
// hex SHA-256 of the body. Refusals carry AWS's own wording; the caller turns
// them into the service's error shape.
import { createHash, createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface IncomingSignedRequest {
  readonly method: string;
  /** The request target as it arrived: path and query, still percent-encoded. */
  readonly target: string;
  /** Header values by lower-case name; a repeated header as several values, in order. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Uint8Array | string;
}

export interface SigV4Expectation {
  readonly credentials: SigV4Credentials;
  readonly region: string;
  readonly service: string;
  /**
   * The real wall clock in ms. The SDK signs with real time, so this must never
   * be the runtime's virtual clock, which may be years away.
   */
  readonly now?: number;
  /** S3 signs its path as it is; every other service normalises and encodes it (the default). */
  readonly normalizePath?: boolean;
  /** S3 accepts `UNSIGNED-PAYLOAD` (always so in a presigned URL); no other service does. */
  readonly allowUnsignedPayload?: boolean;
}

/** Why a request was refused, in the terms AWS's errors distinguish. */
export type SigV4Refusal = 'missing' | 'incomplete' | 'unknown-key' | 'expired' | 'mismatch';

export type SigV4Verdict =
  | { readonly ok: true; readonly accessKeyId: string; readonly form: 'header' | 'query' }
  | { readonly ok: false; readonly refusal: SigV4Refusal; readonly message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const TERMINATOR = 'aws4_request';
/** AWS accepts a signature dated up to 15 minutes either side of its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** The longest a presigned request may live (seven days). */
const MAX_PRESIGNED_SECONDS = 7 * 24 * 60 * 60;
const BASIC_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const refuse = (refusal: SigV4Refusal, message: string): SigV4Verdict => ({ ok: false, refusal, message });

/** RFC 3986 encoding: everything but letters, digits and `-._~`. */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Uint8Array | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

const signingKeys = new Map<string, KeyObject>();

/**
 * The signing key for a day, region and service. It changes once a day, and
 * deriving it (four HMACs keyed by Buffers, a slow path of node:crypto) cost
 * more than the rest of a check, so the last few are kept.
 */
function signingKey(secretAccessKey: string, date: string, region: string, service: string): KeyObject {
  const id = [secretAccessKey, date, region, service].join('\n');
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= 8) signingKeys.clear();
    key = createSecretKey(
      hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), TERMINATOR),
    );
    signingKeys.set(id, key);
  }
  return key;
}

/** The query's name/value pairs, percent-decoded; undefined when the encoding is broken. */
function parseQuery(rawQuery: string): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  try {
    for (const part of rawQuery.split('&')) {
      if (part === '') continue;
      const equals = part.indexOf('=');
      const name = equals < 0 ? part : part.slice(0, equals);
      const value = equals < 0 ? '' : part.slice(equals + 1);
      pairs.push([decodeURIComponent(name), decodeURIComponent(value)]);
    }
  } catch {
    return undefined;
  }
  return pairs;
}

function canonicalUri(path: string, normalize: boolean): string {
  if (!normalize) return path === '' ? '/' : path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  // The client encoded the path it sent once more before signing: so do we.
  return escapeUri(normalized).replace(/%2F/g, '/');
}

function canonicalQuery(pairs: readonly [string, string][]): string {
  return pairs
    .map(([name, value]) => [escapeUri(name), escapeUri(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function headerValues(request: IncomingSignedRequest, name: string): string[] {
  const value = request.headers[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function headerValue(request: IncomingSignedRequest, name: string): string | undefined {
  const values = headerValues(request, name);
  return values.length ? values.join(',') : undefined;
}

/**
 * The canonical request AWS would compute for these signed headers and payload
 * hash (the query form leaves its own X-Amz-Signature out).
 */
export function canonicalRequest(
  request: IncomingSignedRequest,
  signedHeaders: readonly string[],
  payloadHash: string,
  options: { readonly normalizePath?: boolean; readonly form?: 'header' | 'query' } = {},
): string {
  const question = request.target.indexOf('?');
  const path = question < 0 ? request.target : request.target.slice(0, question);
  const query = parseQuery(question < 0 ? '' : request.target.slice(question + 1)) ?? [];
  const signedQuery = options.form === 'query' ? query.filter(([name]) => name !== 'X-Amz-Signature') : query;
  const headerLines = signedHeaders.map((name) => {
    // "Trimall": line breaks and runs of spaces or tabs become one space, none at either end.
    const values = headerValues(request, name).map((value) =>
      value
        .replace(/[\r\n]/g, ' ')
        .replace(/[ \t]+/g, ' ')
        .replace(/^ | $/g, ''),
    );
    return `${name}:${values.join(',')}\n`;
  });
  return [
    request.method.toUpperCase(),
    canonicalUri(path, options.normalizePath ?? true),
    canonicalQuery(signedQuery),
    `${headerLines.join('')}`,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

function parseBasicDate(text: string): number | undefined {
  const parts = BASIC_DATE.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(time);
  // Date.UTC rolls 20150231 over to March; AWS refuses such a date.
  return back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 ? time : undefined;
}

function basicDate(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

interface Claim {
  readonly form: 'header' | 'query';
  readonly algorithm: string;
  readonly credential: string;
  readonly signedHeaders: string;
  readonly signature: string;
  readonly amzDate: string;
  /** Seconds a presigned request lives. */
  readonly expires?: string;
}

/** What the request claims: from the Authorization header or the presigned query. */
function readClaim(request: IncomingSignedRequest, query: readonly [string, string][]): Claim | SigV4Verdict {
  const authorization = headerValue(request, 'authorization');
  const queryValue = (name: string) => query.find(([key]) => key === name)?.[1];
  const algorithmInQuery = queryValue('X-Amz-Algorithm');
  if (authorization !== undefined && algorithmInQuery !== undefined)
    return refuse(
      'mismatch',
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  if (algorithmInQuery !== undefined) {
    const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders'];
    const missing = [...required, 'X-Amz-Date', 'X-Amz-Expires'].filter((name) => !queryValue(name));
    if (missing.length)
      return refuse(
        'incomplete',
        `${missing.map((name) => `AWS query-string parameters must include '${name}'. `).join('')}Re-examine the query-string parameters.`,
      );
    return {
      form: 'query',
      algorithm: algorithmInQuery,
      credential: queryValue('X-Amz-Credential') ?? '',
      signedHeaders: queryValue('X-Amz-SignedHeaders') ?? '',
      signature: queryValue('X-Amz-Signature') ?? '',
      amzDate: queryValue('X-Amz-Date') ?? '',
      expires: queryValue('X-Amz-Expires') ?? '',
    };
  }
  if (authorization === undefined || !authorization.trim().startsWith('AWS4-'))
    return refuse('missing', 'Request is missing Authentication Token');
  const trimmed = authorization.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const fields: Record<string, string> = {};
  for (const part of (space < 0 ? '' : trimmed.slice(space + 1)).split(',')) {
    const field = part.trim();
    if (field === '') continue;
    const equals = field.indexOf('=');
    if (equals < 0)
      return refuse(
        'incomplete',
        `'${field}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
      );
    fields[field.slice(0, equals)] = field.slice(equals + 1);
  }
  const amzDate = headerValue(request, 'x-amz-date');
  const problems = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !fields[name])
    .map((name) => `Authorization header requires '${name}' parameter. `);
  // SigV4 also allows a Date header; the SDK and the CLI always send X-Amz-Date, and so must callers here.
  if (!amzDate) problems.push("Authorization header requires existence of a 'X-Amz-Date' header. ");
  if (problems.length) return refuse('incomplete', `${problems.join('')}Authorization=${authorization}`);
  return {
    form: 'header',
    algorithm,
    credential: fields.Credential ?? '',
    signedHeaders: fields.SignedHeaders ?? '',
    signature: fields.Signature ?? '',
    amzDate: amzDate ?? '',
  };
}

/** Checks a request's SigV4 signature against the one set of credentials, region and service. */
export function verifySigV4(request: IncomingSignedRequest, expected: SigV4Expectation): SigV4Verdict {
  const now = expected.now ?? Date.now();
  const question = request.target.indexOf('?');
  const query = parseQuery(question < 0 ? '' : request.target.slice(question + 1));
  if (!query) return refuse('incomplete', 'The query string is not validly percent-encoded.');
  const claim = readClaim(request, query);
  if ('ok' in claim) return claim;

  const signedAt = parseBasicDate(claim.amzDate);
  if (signedAt === undefined)
    return refuse(
      'incomplete',
      `Date must be in ISO-8601 'basic format'. Got '${claim.amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  if (signedAt > now + MAX_CLOCK_SKEW_MS)
    return refuse(
      'expired',
      `Signature not yet current: ${claim.amzDate} is still later than ${basicDate(now + MAX_CLOCK_SKEW_MS)} (${basicDate(now)} + 15 min.)`,
    );
  if (claim.form === 'query') {
    const seconds = Number(claim.expires);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGNED_SECONDS)
      return refuse(
        'incomplete',
        `X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGNED_SECONDS}, not '${claim.expires}'.`,
      );
    if (now > signedAt + seconds * 1000) return refuse('expired', 'Request has expired');
  } else if (signedAt < now - MAX_CLOCK_SKEW_MS) {
    return refuse(
      'expired',
      `Signature expired: ${claim.amzDate} is now earlier than ${basicDate(now - MAX_CLOCK_SKEW_MS)} (${basicDate(now)} - 15 min.)`,
    );
  }

  const signedHeaders = claim.signedHeaders.split(';');
  if (!signedHeaders.includes('host'))
    return refuse('mismatch', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  if (claim.form === 'header' && !signedHeaders.includes('x-amz-date'))
    return refuse('mismatch', "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  if (claim.algorithm !== ALGORITHM)
    return refuse(
      'incomplete',
      `Unsupported AWS 'algorithm': '${claim.algorithm}' (only ${ALGORITHM} for now). `,
    );

  const scope = claim.credential.split('/');
  if (scope.length !== 5)
    return refuse(
      'incomplete',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${claim.credential}'`,
    );
  const [keyId, day, region, service, terminator] = scope as [string, string, string, string, string];
  const scopeProblems = [
    ...(region === expected.region
      ? []
      : [
          `Credential should be scoped to a valid region, not '${region}' (this endpoint answers '${expected.region}'). `,
        ]),
    ...(service === expected.service
      ? []
      : [`Credential should be scoped to correct service: '${expected.service}'. `]),
    ...(terminator === TERMINATOR
      ? []
      : [`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'. `]),
    ...(day === claim.amzDate.slice(0, 8)
      ? []
      : [
          `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${day}' != '${claim.amzDate.slice(0, 8)}', from '${claim.amzDate}'.`,
        ]),
  ];
  if (scopeProblems.length) return refuse('mismatch', scopeProblems.join(''));
  if (keyId !== expected.credentials.accessKeyId)
    return refuse('unknown-key', 'The security token included in the request is invalid.');

  const declaredHash = headerValue(request, 'x-amz-content-sha256');
  // S3 lets a presigned request, and a header-signed one that says so, leave the body out of the signature.
  const unsigned =
    expected.allowUnsignedPayload === true && (claim.form === 'query' || declaredHash === UNSIGNED_PAYLOAD);
  const payloadHash = unsigned ? UNSIGNED_PAYLOAD : sha256Hex(request.body);
  if (!unsigned && declaredHash !== undefined && declaredHash !== payloadHash)
    return refuse('mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");

  let canonical: string;
  try {
    canonical = canonicalRequest(request, signedHeaders, payloadHash, {
      normalizePath: expected.normalizePath ?? true,
      form: claim.form,
    });
  } catch {
    return refuse('incomplete', 'The request path is not validly encoded.');
  }
  const stringToSign = [ALGORITHM, claim.amzDate, scope.slice(1).join('/'), sha256Hex(canonical)].join('\n');
  const signature = createHmac(
    'sha256',
    signingKey(expected.credentials.secretAccessKey, day, region, service),
  )
    .update(stringToSign, 'utf8')
    .digest('hex');
  const provided = Buffer.from(claim.signature, 'utf8');
  const computed = Buffer.from(signature, 'utf8');
  if (provided.length !== computed.length || !timingSafeEqual(provided, computed))
    return refuse(
      'mismatch',
      `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
    );
  return { ok: true, accessKeyId: keyId, form: claim.form };
}

export interface PostPolicyClaim {
  readonly policy: string;
  readonly algorithm: string;
  readonly credential: string;
  readonly amzDate: string;
  readonly signature: string;
}

/**
 * Checks a browser-based upload's signature: the hex HMAC of the base64
 * policy under the day's signing key ("Authenticating Requests in
 * Browser-Based Uploads Using POST", S3 API reference). The policy's own
 * conditions are the caller's to check.
 */
export function verifyPostPolicySignature(claim: PostPolicyClaim, expected: SigV4Expectation): SigV4Verdict {
  if (claim.algorithm !== ALGORITHM)
    return refuse(
      'incomplete',
      `Unsupported AWS 'algorithm': '${claim.algorithm}' (only ${ALGORITHM} for now). `,
    );
  const scope = claim.credential.split('/');
  if (scope.length !== 5) return refuse('incomplete', `Invalid credential '${claim.credential}'`);
  const [keyId, day, region, service, terminator] = scope as [string, string, string, string, string];
  if (region !== expected.region || service !== expected.service || terminator !== TERMINATOR)
    return refuse('mismatch', `Credential should be scoped to '${expected.region}/${expected.service}'.`);
  if (day !== claim.amzDate.slice(0, 8) || parseBasicDate(claim.amzDate) === undefined)
    return refuse('incomplete', `Invalid X-Amz-Date '${claim.amzDate}'`);
  if (keyId !== expected.credentials.accessKeyId)
    return refuse('unknown-key', 'The AWS Access Key Id you provided does not exist in our records.');
  const signature = createHmac(
    'sha256',
    signingKey(expected.credentials.secretAccessKey, day, region, service),
  )
    .update(claim.policy, 'utf8')
    .digest('hex');
  const provided = Buffer.from(claim.signature, 'utf8');
  const computed = Buffer.from(signature, 'utf8');
  if (provided.length !== computed.length || !timingSafeEqual(provided, computed))
    return refuse(
      'mismatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  return { ok: true, accessKeyId: keyId, form: 'query' };
}

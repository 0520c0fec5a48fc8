// What keeps web pages of other sites away from the local runtime. Every
// server here listens on 127.0.0.1 only, but a browser on the same machine
// will still send it requests on behalf of any page: cross-site "simple"
// requests (a form post, a text/plain fetch) need no CORS preflight, and DNS
// rebinding makes a foreign name resolve to 127.0.0.1 so its page counts as
// same-origin. So the control calls and the AWS endpoints answer only to
// their own Host names, control calls refuse foreign origins and anything
// but JSON, and pages carry headers that keep them out of foreign frames.
import type { IncomingHttpHeaders } from 'node:http';
import { contentSecurityPolicy } from '../content-security-policy.ts';
import { MAX_BODY_BYTES } from './http-util.ts';

/** The little of an IncomingMessage the checks read. */
export interface GuardedRequest {
  readonly method?: string | undefined;
  readonly headers: IncomingHttpHeaders;
  /** The port the connection arrived on: the server's own. */
  readonly socket: { readonly localPort?: number | undefined };
}

const OWN_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The Host values a request to this runtime's `port` may carry; a rebound foreign name is none of them. */
export function ownHosts(port: number): string[] {
  // A browser leaves the default port out of Host and Origin.
  return OWN_NAMES.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
}

/** The web origins of this runtime's pages on `port`. */
export function ownOrigins(port: number): string[] {
  return OWN_NAMES.map((name) => (port === 80 ? `http://${name}` : `http://${name}:${port}`));
}

/** Whether the request names this server in its Host header (the port it arrived on included). */
export function hasOwnHost(request: GuardedRequest): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && ownHosts(request.socket.localPort ?? 0).includes(host);
}

/**
 * Whether a browser sent the request for a page of another origin: by its
 * Origin header or, for requests that carry none (a link, an image), by its
 * Fetch Metadata. Tools such as curl and the SDK send neither.
 */
export function isCrossOrigin(request: GuardedRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return !ownOrigins(request.socket.localPort ?? 0).includes(origin.toLowerCase());
  const site = request.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/** Whether a web page (of any origin) sent the request: the AWS endpoints serve tools, never pages. */
export function isFromWebPage(request: GuardedRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return request.headers.origin !== undefined || (site !== undefined && site !== 'none');
}

/** Whether the body is declared as JSON (`application/json`, parameters allowed). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/** An answer in the API's error shape: API Gateway's own `message`, and the documented `error`. */
export interface GuardAnswer {
  readonly status: number;
  readonly body: {
    readonly message: string;
    readonly error: { readonly code: string; readonly message: string; readonly fields: readonly never[] };
  };
}

const answer = (status: number, reason: string, code: string, message: string): GuardAnswer => ({
  status,
  body: { message: reason, error: { code, message, fields: [] } },
});

/** The refusal of a /local/* control call, or undefined when it may go ahead. */
export function refuseControlCall(request: GuardedRequest): GuardAnswer | undefined {
  if (!hasOwnHost(request))
    return answer(
      403,
      'Forbidden',
      'forbidden',
      'Lệnh điều khiển máy cục bộ chỉ được nhận khi gửi tới đúng địa chỉ 127.0.0.1 hoặc localhost của máy chủ này.',
    );
  if (isCrossOrigin(request))
    return answer(
      403,
      'Forbidden',
      'forbidden',
      'Trang web khác không được phép gửi lệnh điều khiển tới máy cục bộ.',
    );
  if (!SAFE_METHODS.has(request.method ?? 'GET') && !isJsonContentType(request.headers['content-type']))
    return answer(
      415,
      'Unsupported Media Type',
      'unsupported_media_type',
      'Lệnh điều khiển máy cục bộ phải gửi nội dung ở dạng JSON.',
    );
  return undefined;
}

/** API Gateway's answer to a body over its 10 MB payload quota, with the message in Vietnamese. */
export const PAYLOAD_TOO_LARGE: GuardAnswer = answer(
  413,
  'Request Entity Too Large',
  'payload_too_large',
  `Nội dung gửi lên quá lớn: tối đa ${MAX_BODY_BYTES / (1024 * 1024)} MB.`,
);

/** The Content Security Policy of the local pages: the one of the AWS pages, its API and sign-in being this origin. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Headers every local page and control answer carries. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // Another site may not even embed these answers (an <img> or <script> of /local/outbox).
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * The page headers with more origins the pages may connect to: the local
 * evidence bucket, which takes the pages' uploads as S3 does on AWS.
 */
export function pageSecurityHeaders(connectOrigins: readonly string[]): Readonly<Record<string, string>> {
  if (connectOrigins.length === 0) return PAGE_SECURITY_HEADERS;
  return {
    ...PAGE_SECURITY_HEADERS,
    'content-security-policy': contentSecurityPolicy(connectOrigins),
  };
}

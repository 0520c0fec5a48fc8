import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  type GuardedRequest,
  hasOwnHost,
  isCrossOrigin,
  isFromWebPage,
  isJsonContentType,
  ownHosts,
  ownOrigins,
  refuseControlCall,
} from '../../../infra/local/request-guard.ts';

const PORT = 3000;
const request = (headers: IncomingHttpHeaders, method = 'GET', port = PORT): GuardedRequest => ({
  method,
  headers: { host: `127.0.0.1:${port}`, ...headers },
  socket: { localPort: port },
});

describe('the names the runtime answers to', () => {
  it('are 127.0.0.1, localhost and [::1] with the port the request arrived on', () => {
    // Assess
    expect(ownHosts(PORT)).toEqual(['127.0.0.1:3000', 'localhost:3000', '[::1]:3000']);
    expect(ownOrigins(PORT)).toEqual(['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000']);
  });

  it('include the bare names on port 80, which browsers leave out of Host and Origin', () => {
    // Assess
    expect(ownHosts(80)).toContain('localhost');
    expect(ownOrigins(80)).toContain('http://localhost');
  });

  it('refuse another name, another port, no Host at all, and a name merely starting like ours', () => {
    // Assess
    expect(hasOwnHost(request({ host: 'LOCALHOST:3000' }))).toBe(true);
    expect(hasOwnHost(request({ host: 'evil.example:3000' }))).toBe(false);
    expect(hasOwnHost(request({ host: '127.0.0.1:3001' }))).toBe(false);
    expect(hasOwnHost(request({ host: '127.0.0.1' }))).toBe(false);
    expect(hasOwnHost(request({ host: 'localhost.evil.example:3000' }))).toBe(false);
    expect(hasOwnHost({ headers: {}, socket: { localPort: PORT } })).toBe(false);
  });
});

describe('cross-origin requests', () => {
  it('are those with a foreign or opaque Origin', () => {
    // Assess
    expect(isCrossOrigin(request({ origin: 'http://evil.example' }))).toBe(true);
    expect(isCrossOrigin(request({ origin: 'null' }))).toBe(true);
    expect(isCrossOrigin(request({ origin: 'http://localhost:3001' }))).toBe(true);
    expect(isCrossOrigin(request({ origin: 'https://localhost:3000' }))).toBe(true);
    expect(isCrossOrigin(request({ origin: 'http://localhost:3000' }))).toBe(false);
  });

  it('are, without an Origin, those Fetch Metadata marks as from another site (https://www.w3.org/TR/fetch-metadata/)', () => {
    // Assess
    expect(isCrossOrigin(request({ 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossOrigin(request({ 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(isCrossOrigin(request({ 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(isCrossOrigin(request({ 'sec-fetch-site': 'none' }))).toBe(false);
    expect(isCrossOrigin(request({}))).toBe(false);
  });

  it('include, for the AWS endpoints, every request a page sends, even of our own origin', () => {
    // Assess
    expect(isFromWebPage(request({ origin: 'http://127.0.0.1:3000' }))).toBe(true);
    expect(isFromWebPage(request({ 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(isFromWebPage(request({ 'sec-fetch-site': 'none' }))).toBe(false);
    expect(isFromWebPage(request({ 'user-agent': 'aws-cli/2.17.0' }))).toBe(false);
  });
});

describe('JSON bodies', () => {
  it('are application/json, with or without parameters, in any case', () => {
    // Assess
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/json-patch+json')).toBe(false);
    expect(isJsonContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

describe('a control call', () => {
  it('goes ahead from a tool or a page of our own origin', () => {
    // Assess
    expect(refuseControlCall(request({}, 'GET'))).toBeUndefined();
    expect(
      refuseControlCall(
        request({ origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' }, 'POST'),
      ),
    ).toBeUndefined();
  });

  it('is refused with 403 for a foreign Host or Origin and 415 for a POST that is not JSON', () => {
    // Assess
    expect(refuseControlCall(request({ host: 'evil.example:3000' }))?.status).toBe(403);
    expect(refuseControlCall(request({ origin: 'http://evil.example' }))?.status).toBe(403);
    expect(refuseControlCall(request({ 'content-type': 'text/plain' }, 'POST'))).toMatchObject({
      status: 415,
      body: { message: 'Unsupported Media Type', error: { code: 'unsupported_media_type', fields: [] } },
    });
    expect(refuseControlCall(request({}, 'POST'))?.status).toBe(415);
  });
});

describe('the pages’ Content-Security-Policy', () => {
  it('loads scripts only from the site, nothing as a plug-in, and may not be framed', () => {
    // Prepare
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );

    // Assess
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

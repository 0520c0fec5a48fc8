// The API Gateway (HTTP API) stand-in: routes from the catalog, payload 2.0
// events, the Cognito JWT authorizer's check, the API's CORS and its 10 MB
// payload quota — plus the local control calls (/local/*, guarded against
// other sites' pages: request-guard.ts) and the built pages (dist/web, from
// infra/web-build.ts).
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  apiCors,
  type FunctionSpec,
  functions,
  type RouteSpec,
  routeThrottle,
} from '../../functions/catalog.ts';
import type { Clock } from './clock.ts';
import { PayloadTooLargeError, readBody, sendJson } from './http-util.ts';
import { type LocalIdentity, TokenRejectedError } from './identity.ts';
import type { LambdaRuntime } from './lambda-runtime.ts';
import { PAYLOAD_TOO_LARGE, pageSecurityHeaders, refuseControlCall } from './request-guard.ts';
import { createThrottler } from './throttle.ts';

interface CompiledRoute {
  readonly spec: FunctionSpec;
  readonly route: RouteSpec;
  readonly pattern: RegExp;
  readonly names: string[];
}

function compile(spec: FunctionSpec, route: RouteSpec): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
      if (name.endsWith('+')) {
        names.push(name.slice(0, -1));
        return '(.+)';
      }
      names.push(name);
      return '([^/]+)';
    });
  return { spec, route, pattern: new RegExp(`^${source}$`), names };
}

/** The answer the local control calls give (GET/POST /local/...). */
export type LocalControlHandler = (
  method: string,
  path: string,
  body: Buffer,
  url: URL,
  response: ServerResponse,
) => Promise<boolean>;

export interface ApiGatewayOptions {
  readonly clock: Clock;
  /** The identity provider, available once the server knows its own URL (its issuer). */
  readonly identity: () => LocalIdentity;
  readonly lambdas: LambdaRuntime;
  /** The built web (dist/web): the pages as the CDK deploys them. */
  readonly webDir: string;
  /** What GET /config.json answers, as the stack's config.json does on AWS. */
  readonly runtimeConfig?: Readonly<Record<string, unknown>>;
  /** Origins allowed to call the API from a browser (the web's origin on AWS). */
  readonly allowOrigins: readonly string[];
  readonly control: LocalControlHandler;
  /** Origins the pages may connect to besides their own: the evidence bucket they upload to. */
  readonly connectOrigins?: readonly string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

function unauthorized(response: ServerResponse, cors: Record<string, string>, reason: string): void {
  // API Gateway answers {"message":"Unauthorized"}; the documented error shape rides along.
  sendJson(
    response,
    401,
    {
      message: 'Unauthorized',
      error: {
        code: 'unauthenticated',
        message:
          reason === 'ERR_JWT_EXPIRED'
            ? 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.'
            : 'Bạn cần đăng nhập bằng mã thông báo hợp lệ để thực hiện thao tác này.',
        // The token library's reason codes (ERR_JWT_EXPIRED…) are for programs; people read words.
        fields: [
          {
            path: 'headers.authorization',
            message:
              reason === 'ERR_JWT_EXPIRED'
                ? 'Phiên đăng nhập đã hết hạn.'
                : reason === 'missing bearer token'
                  ? 'Chưa đăng nhập.'
                  : 'Mã đăng nhập không hợp lệ.',
          },
        ],
      },
    },
    { 'www-authenticate': 'Bearer', ...cors },
  );
}

/** Claims as API Gateway hands them to the function: strings, arrays as "[a b]". */
function flattenClaims(
  payload: Record<string, unknown>,
): Record<string, string | number | boolean | string[]> {
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'string' ? value : String(value),
    ]),
  );
}

/** Percent-decodes a path segment, or undefined when its encoding is broken. */
function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function isTextual(contentType: string | undefined): boolean {
  return (
    !contentType || /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript))/.test(contentType)
  );
}

/** Creates the HTTP server; the caller listens. */
export function createApiGateway(options: ApiGatewayOptions): Server {
  const routes = functions.flatMap((spec) => (spec.routes ?? []).map((route) => compile(spec, route)));
  const webRoot = resolve(options.webDir);
  const throttler = createThrottler();

  const corsHeaders = (request: IncomingMessage): Record<string, string> => {
    const origin = request.headers.origin;
    if (!origin || !options.allowOrigins.includes(origin)) return {};
    return { 'access-control-allow-origin': origin, vary: 'origin' };
  };

  const serveStatic = (path: string, response: ServerResponse): void => {
    const decoded = safeDecode(path);
    if (decoded === undefined) {
      sendJson(response, 400, { message: 'Bad Request' });
      return;
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(webRoot, relative);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!file.startsWith(webRoot) || !existsSync(file)) {
      // Like the CloudFront distribution: the site's own page, in Vietnamese, with a 404.
      const notFound = join(webRoot, '404.html');
      if (!existsSync(notFound)) {
        sendJson(response, 404, { message: 'Not Found' });
        return;
      }
      response.writeHead(404, {
        'content-type': CONTENT_TYPES['.html'] ?? 'text/html',
        'cache-control': 'no-cache',
      });
      createReadStream(notFound).pipe(response);
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(response);
  };

  const handleApi = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    body: Buffer,
  ): Promise<void> => {
    const method = request.method ?? 'GET';
    const cors = corsHeaders(request);
    if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
      response.writeHead(204, {
        ...cors,
        ...(cors['access-control-allow-origin']
          ? {
              'access-control-allow-methods': apiCors.allowMethods.join(','),
              'access-control-allow-headers': apiCors.allowHeaders.join(','),
              'access-control-max-age': String(apiCors.maxAgeSeconds),
            }
          : {}),
      });
      response.end();
      return;
    }
    let match: { compiled: CompiledRoute; values: string[] } | undefined;
    for (const compiled of routes) {
      if (compiled.route.method !== method) continue;
      const found = compiled.pattern.exec(url.pathname);
      if (found) {
        match = { compiled, values: found.slice(1) };
        break;
      }
    }
    if (!match) return sendJson(response, 404, { message: 'Not Found' }, cors);
    const pathValues = match.values.map(safeDecode);
    if (pathValues.some((value) => value === undefined)) {
      return sendJson(
        response,
        400,
        {
          message: 'Bad Request',
          error: {
            code: 'invalid_input',
            message: 'Đường dẫn yêu cầu không hợp lệ.',
            fields: [{ path: 'path', message: 'Mã hóa phần trăm (%) không hợp lệ.' }],
          },
        },
        cors,
      );
    }

    const authorization = request.headers.authorization ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    if (!token) return unauthorized(response, cors, 'missing bearer token');
    let claims: Record<string, unknown>;
    try {
      claims = await options.identity().verify(token);
    } catch (error) {
      return unauthorized(
        response,
        cors,
        error instanceof TokenRejectedError ? error.message : 'invalid token',
      );
    }

    // API Gateway throttles a write route on AWS; here, per person, with the same numbers.
    const limits = routeThrottle(match.compiled.route);
    const person = String(claims['custom:personId'] ?? claims.sub ?? '');
    if (
      limits &&
      !throttler.admit(`${person} ${match.compiled.route.method} ${match.compiled.route.path}`, limits)
    ) {
      return sendJson(
        response,
        429,
        {
          message: 'Too Many Requests',
          error: {
            code: 'throttled',
            message: 'Bạn gửi quá nhiều yêu cầu trong thời gian ngắn; vui lòng chờ một lát rồi thử lại.',
            fields: [],
          },
        },
        cors,
      );
    }

    const now = options.clock.now();
    const headers = headerRecord(request);
    const textual = isTextual(headers['content-type']);
    const { compiled } = match;
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams)
      query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
    const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
      version: '2.0',
      routeKey: `${compiled.route.method} ${compiled.route.path}`,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ''),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(compiled.names.length
        ? {
            pathParameters: Object.fromEntries(
              compiled.names.map((name, index) => [name, pathValues[index] ?? '']),
            ),
          }
        : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        authorizer: {
          principalId: '',
          integrationLatency: 0,
          jwt: { claims: flattenClaims(claims), scopes: [] },
        },
        domainName: headers.host ?? '127.0.0.1',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${request.httpVersion}`,
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey: `${compiled.route.method} ${compiled.route.path}`,
        stage: '$default',
        time: new Date(now).toUTCString(),
        timeEpoch: now,
      },
      isBase64Encoded: body.length > 0 && !textual,
      ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    };
    let result: unknown;
    try {
      result = await options.lambdas.invoke(compiled.spec.name, event);
    } catch {
      // A function error reaches the client as API Gateway's own 500.
      return sendJson(response, 500, { message: 'Internal Server Error' }, cors);
    }
    const structured: APIGatewayProxyStructuredResultV2 =
      typeof result === 'object' && result !== null && 'statusCode' in result
        ? (result as APIGatewayProxyStructuredResultV2)
        : { statusCode: 200, body: JSON.stringify(result), headers: { 'content-type': 'application/json' } };
    const responseHeaders: Record<string, string> = { ...cors };
    for (const [name, value] of Object.entries(structured.headers ?? {}))
      responseHeaders[name] = String(value);
    if (structured.cookies?.length) response.setHeader('set-cookie', structured.cookies);
    response.writeHead(structured.statusCode ?? 200, responseHeaders);
    const payload = structured.body ?? '';
    response.end(structured.isBase64Encoded ? Buffer.from(payload, 'base64') : payload);
  };

  const pageHeaders = pageSecurityHeaders(options.connectOrigins ?? []);
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    // The API's headers are its functions' own, as on AWS; pages and control calls get the page set.
    if (!isApi) for (const [name, value] of Object.entries(pageHeaders)) response.setHeader(name, value);
    readBody(request)
      .then(async (body) => {
        if (isApi) return handleApi(request, response, url, body);
        if (url.pathname.startsWith('/local/')) {
          const refusal = refuseControlCall(request);
          if (refusal) return sendJson(response, refusal.status, refusal.body);
          const handled = await options.control(request.method ?? 'GET', url.pathname, body, url, response);
          if (handled) return;
        }
        if (url.pathname === '/config.json' && options.runtimeConfig && request.method === 'GET')
          return sendJson(response, 200, options.runtimeConfig, { 'cache-control': 'no-cache' });
        if (request.method === 'GET' || request.method === 'HEAD') return serveStatic(url.pathname, response);
        sendJson(response, 404, { message: 'Not Found' });
      })
      .catch((error: Error) => {
        if (error instanceof PayloadTooLargeError && !response.headersSent)
          return sendJson(
            response,
            PAYLOAD_TOO_LARGE.status,
            PAYLOAD_TOO_LARGE.body,
            isApi ? corsHeaders(request) : {},
          );
        if (!response.headersSent)
          sendJson(response, 500, { message: 'Internal Server Error', detail: error.message });
        else response.end();
      });
  });
}

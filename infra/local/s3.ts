// The S3 stand-in: the part of the S3 REST API the functions and the pages
// use, path-style (the SDK picks path style for an IP endpoint by itself),
// objects on disk. Signed requests (SDK: HeadObject, GetObject with a Range,
// PutObject), presigned GETs and PUTs (query-string SigV4), and browser
// uploads by POST whose policy is verified condition by condition
// ("Browser-based uploads using POST", https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html).
//
// Web pages may reach it only with a presigned URL or a signed POST form,
// and read its answers only from the allowed origins (the bucket's CORS);
// everything else must come from a tool, as for the other local endpoints.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LOCAL_REGION, localCredentials } from './credentials.ts';
import { PayloadTooLargeError, readBody } from './http-util.ts';
import { listen } from './listen.ts';
import { hasOwnHost, isFromWebPage } from './request-guard.ts';
import { verifyPostPolicySignature, verifySigV4 } from './sigv4.ts';

export interface LocalS3Options {
  readonly directory: string;
  readonly port: number;
  /** The buckets that exist (created empty when new). */
  readonly buckets: readonly string[];
  /** Origins whose pages may read the answers (CORS), read on each request. */
  readonly allowOrigins: () => readonly string[];
  /** The real wall clock; signatures are dated with it. */
  readonly now?: () => number;
}

export interface LocalS3 {
  readonly url: string;
  close(): Promise<void>;
}

interface ObjectMeta {
  readonly contentType: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
}

/** More than any upload the system allows (20 MB), so the policy, not the reader, refuses what is too large. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
const CORS_METHODS = 'GET, HEAD, POST, PUT';

class S3Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendError(
  response: ServerResponse,
  failure: S3Failure,
  head: boolean,
  cors: Record<string, string>,
) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${failure.code}</Code><Message>${xmlEscape(failure.message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
  response.writeHead(failure.status, {
    ...cors,
    'content-type': 'application/xml',
    ...(head ? {} : { 'content-length': Buffer.byteLength(body) }),
  });
  response.end(head ? undefined : body);
}

/** Bucket and key of a path-style target. */
function parseTarget(target: string): { bucket: string; key: string; query: URLSearchParams } {
  const url = new URL(target, 'http://local');
  const [, bucket = '', ...rest] = url.pathname.split('/');
  return {
    bucket: decodeURIComponent(bucket),
    key: decodeURIComponent(rest.join('/')),
    query: url.searchParams,
  };
}

type Condition = { name: string; test: (value: string | undefined) => boolean; text: string };

/** The policy's conditions on fields, and its size range. */
function readPolicy(policyBase64: string, now: number) {
  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8'));
  } catch {
    throw new S3Failure(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  if (typeof policy.expiration !== 'string' || !Array.isArray(policy.conditions))
    throw new S3Failure(
      400,
      'InvalidPolicyDocument',
      'Invalid Policy: expiration and conditions are required.',
    );
  if (!(Date.parse(policy.expiration) > now))
    throw new S3Failure(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  const conditions: Condition[] = [];
  let range: [number, number] | undefined;
  for (const condition of policy.conditions as unknown[]) {
    if (Array.isArray(condition)) {
      const [operator, subject, operand] = condition as [unknown, unknown, unknown];
      if (operator === 'content-length-range' && typeof subject === 'number' && typeof operand === 'number') {
        range = [subject, operand];
        continue;
      }
      if (typeof subject !== 'string' || !subject.startsWith('$') || typeof operand !== 'string')
        throw new S3Failure(
          400,
          'InvalidPolicyDocument',
          `Invalid Policy: Invalid condition ${JSON.stringify(condition)}.`,
        );
      const name = subject.slice(1).toLowerCase();
      if (operator === 'eq')
        conditions.push({ name, test: (v) => v === operand, text: JSON.stringify(condition) });
      else if (operator === 'starts-with')
        conditions.push({
          name,
          test: (v) => v?.startsWith(operand) ?? false,
          text: JSON.stringify(condition),
        });
      else
        throw new S3Failure(
          400,
          'InvalidPolicyDocument',
          `Invalid Policy: Unknown operator ${String(operator)}.`,
        );
    } else if (typeof condition === 'object' && condition !== null) {
      for (const [name, expected] of Object.entries(condition)) {
        conditions.push({
          name: name.toLowerCase(),
          test: (v) => v === expected,
          text: `["eq", "$${name}", ${JSON.stringify(expected)}]`,
        });
      }
    }
  }
  return { conditions, range };
}

/** Field names S3 leaves out of the "every field is in the policy" rule. */
const EXEMPT_FIELDS = new Set(['policy', 'x-amz-signature', 'file']);

/** Starts the S3 stand-in on 127.0.0.1:port. */
export async function startS3(options: LocalS3Options): Promise<LocalS3> {
  const now = options.now ?? Date.now;
  for (const bucket of options.buckets) mkdirSync(join(options.directory, bucket), { recursive: true });
  const objectFile = (bucket: string, key: string) =>
    join(options.directory, bucket, encodeURIComponent(key));

  const assertBucket = (bucket: string) => {
    if (!options.buckets.includes(bucket))
      throw new S3Failure(404, 'NoSuchBucket', 'The specified bucket does not exist');
  };

  const store = async (bucket: string, key: string, body: Uint8Array, contentType: string) => {
    const file = objectFile(bucket, key);
    const meta: ObjectMeta = {
      contentType,
      size: body.byteLength,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: new Date(now()).toUTCString(),
    };
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, body);
    await writeFile(`${temporary}.meta`, JSON.stringify(meta));
    // The metadata lands first: an object file is never without its type and size.
    await rename(`${temporary}.meta`, `${file}.meta.json`);
    await rename(temporary, file);
    return meta;
  };

  const load = async (bucket: string, key: string): Promise<ObjectMeta> => {
    try {
      await stat(objectFile(bucket, key));
      return JSON.parse(await readFile(`${objectFile(bucket, key)}.meta.json`, 'utf8')) as ObjectMeta;
    } catch {
      throw new S3Failure(404, 'NoSuchKey', 'The specified key does not exist.');
    }
  };

  const verifySigned = (request: IncomingMessage, body: Buffer) => {
    const verdict = verifySigV4(
      { method: request.method ?? 'GET', target: request.url ?? '/', headers: request.headersDistinct, body },
      {
        credentials: localCredentials,
        region: LOCAL_REGION,
        service: 's3',
        now: now(),
        normalizePath: false,
        allowUnsignedPayload: true,
      },
    );
    if (verdict.ok) return;
    const code =
      verdict.refusal === 'expired'
        ? 'AccessDenied'
        : verdict.refusal === 'unknown-key'
          ? 'InvalidAccessKeyId'
          : verdict.refusal === 'mismatch'
            ? 'SignatureDoesNotMatch'
            : 'AccessDenied';
    throw new S3Failure(403, code, verdict.message);
  };

  const getObject = async (
    request: IncomingMessage,
    response: ServerResponse,
    target: ReturnType<typeof parseTarget>,
    cors: Record<string, string>,
  ) => {
    const head = request.method === 'HEAD';
    const meta = await load(target.bucket, target.key);
    const overrides = {
      'content-type': target.query.get('response-content-type') ?? meta.contentType,
      ...(target.query.get('response-content-disposition')
        ? { 'content-disposition': target.query.get('response-content-disposition') ?? '' }
        : {}),
    };
    const common = {
      ...cors,
      ...overrides,
      etag: meta.etag,
      'last-modified': meta.lastModified,
      'accept-ranges': 'bytes',
    };
    const range = request.headers.range;
    let start = 0;
    let end = meta.size - 1;
    if (range !== undefined) {
      const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      if (!match || (match[1] === '' && match[2] === ''))
        throw new S3Failure(416, 'InvalidRange', 'The requested range is not satisfiable');
      if (match[1] === '') start = Math.max(0, meta.size - Number(match[2]));
      else {
        start = Number(match[1]);
        if (match[2] !== '') end = Math.min(end, Number(match[2]));
      }
      if (start >= meta.size || start > end)
        throw new S3Failure(416, 'InvalidRange', 'The requested range is not satisfiable');
    }
    const length = Math.max(0, end - start + 1);
    const partial = range !== undefined;
    response.writeHead(partial ? 206 : 200, {
      ...common,
      'content-length': length,
      ...(partial ? { 'content-range': `bytes ${start}-${end}/${meta.size}` } : {}),
    });
    if (head) return response.end();
    const bytes = await readFile(objectFile(target.bucket, target.key));
    response.end(bytes.subarray(start, end + 1));
  };

  const postObject = async (
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    bucket: string,
    cors: Record<string, string>,
  ) => {
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('multipart/form-data'))
      throw new S3Failure(
        412,
        'PreconditionFailed',
        'Bucket POST must be of the enclosure-type multipart/form-data',
      );
    let form: FormData;
    try {
      form = await new Request('http://local/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      }).formData();
    } catch {
      throw new S3Failure(
        400,
        'MalformedPOSTRequest',
        'The body of your POST request is not well-formed multipart/form-data.',
      );
    }
    const fields = new Map<string, string>();
    let file: File | undefined;
    for (const [name, value] of form) {
      if (typeof value === 'string') fields.set(name.toLowerCase(), value);
      else if (name.toLowerCase() === 'file') file = value;
    }
    if (!file)
      throw new S3Failure(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
    const policy = fields.get('policy');
    if (!policy) throw new S3Failure(403, 'AccessDenied', 'Bucket POST must contain a field named policy.');
    const verdict = verifyPostPolicySignature(
      {
        policy,
        algorithm: fields.get('x-amz-algorithm') ?? '',
        credential: fields.get('x-amz-credential') ?? '',
        amzDate: fields.get('x-amz-date') ?? '',
        signature: fields.get('x-amz-signature') ?? '',
      },
      { credentials: localCredentials, region: LOCAL_REGION, service: 's3' },
    );
    if (!verdict.ok)
      throw new S3Failure(
        403,
        verdict.refusal === 'unknown-key' ? 'InvalidAccessKeyId' : 'SignatureDoesNotMatch',
        verdict.message,
      );
    const { conditions, range } = readPolicy(policy, now());
    const values = new Map(fields);
    values.set('bucket', bucket);
    for (const condition of conditions) {
      if (!condition.test(values.get(condition.name)))
        throw new S3Failure(
          403,
          'AccessDenied',
          `Invalid according to Policy: Policy Condition failed: ${condition.text}`,
        );
    }
    for (const name of fields.keys()) {
      if (EXEMPT_FIELDS.has(name) || name.startsWith('x-ignore-')) continue;
      if (!conditions.some((condition) => condition.name === name))
        throw new S3Failure(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
    }
    if (range && file.size > range[1])
      throw new S3Failure(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    if (range && file.size < range[0])
      throw new S3Failure(
        400,
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed size',
      );
    const key = fields.get('key');
    if (!key) throw new S3Failure(400, 'InvalidArgument', 'Bucket POST must contain a field named key.');
    const meta = await store(
      bucket,
      // S3 replaces the ${filename} variable of a POST's key with the uploaded file's name.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal variable S3 substitutes
      key.replaceAll('${filename}', file.name),
      new Uint8Array(await file.arrayBuffer()),
      fields.get('content-type') ?? 'binary/octet-stream',
    );
    const status = Number(fields.get('success_action_status') ?? '204');
    response.writeHead([200, 201].includes(status) ? status : 204, { ...cors, etag: meta.etag });
    response.end();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, cors: Record<string, string>) => {
    const method = request.method ?? 'GET';
    const target = parseTarget(request.url ?? '/');
    if (method === 'OPTIONS') {
      const allowed = cors['access-control-allow-origin'] !== undefined;
      if (!allowed)
        throw new S3Failure(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.');
      response.writeHead(200, {
        ...cors,
        'access-control-allow-methods': CORS_METHODS,
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '',
        'access-control-max-age': '600',
        'content-length': 0,
      });
      return response.end();
    }
    const presigned = target.query.has('X-Amz-Signature');
    const browserUpload = method === 'POST' && target.key === '';
    if (isFromWebPage(request) && !presigned && !browserUpload)
      throw new S3Failure(
        403,
        'AccessDenied',
        'This local endpoint serves AWS tools and SDKs, and presigned requests from pages.',
      );
    let body: Buffer;
    try {
      body = await readBody(request, MAX_REQUEST_BYTES);
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        throw new S3Failure(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
      throw error;
    }
    if (browserUpload) {
      assertBucket(target.bucket);
      return postObject(request, response, body, target.bucket, cors);
    }
    verifySigned(request, body);
    assertBucket(target.bucket);
    if (target.key === '')
      throw new S3Failure(501, 'NotImplemented', 'Only object operations are available locally.');
    if (method === 'GET' || method === 'HEAD') return getObject(request, response, target, cors);
    if (method === 'PUT') {
      if (/aws-chunked/i.test(request.headers['content-encoding'] ?? ''))
        throw new S3Failure(501, 'NotImplemented', 'aws-chunked uploads are not available locally.');
      const meta = await store(
        target.bucket,
        target.key,
        body,
        request.headers['content-type'] ?? 'binary/octet-stream',
      );
      response.writeHead(200, { ...cors, etag: meta.etag, 'content-length': 0 });
      return response.end();
    }
    throw new S3Failure(
      405,
      'MethodNotAllowed',
      `The specified method is not allowed against this resource: ${method}`,
    );
  };

  const server = createServer((request, response) => {
    const origin = request.headers.origin;
    const cors: Record<string, string> =
      origin !== undefined && options.allowOrigins().includes(origin)
        ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag', vary: 'Origin' }
        : {};
    const head = request.method === 'HEAD';
    if (!hasOwnHost(request)) {
      sendError(
        response,
        new S3Failure(403, 'AccessDenied', 'This local endpoint answers only requests for its own address.'),
        head,
        {},
      );
      return;
    }
    handle(request, response, cors).catch((error: unknown) => {
      if (response.headersSent) return response.end();
      sendError(
        response,
        error instanceof S3Failure ? error : new S3Failure(500, 'InternalError', (error as Error).message),
        head,
        cors,
      );
    });
  });
  await listen(server, options.port, 'S3');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

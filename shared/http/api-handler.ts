// The one envelope of every API route: the handler shell (tracing, logging,
// metrics), the caller from the JWT claims, zod parsing of body, query and
// path with messages for people, the one error → status mapping, and the
// answer as JSON or as a file.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { type RecordRequest, type Records, readRecords } from '../data/records.ts';
import { ForbiddenError, InvalidInputError } from '../domain/errors.ts';
import type { Caller } from '../domain/types.ts';
import { handlerShell } from '../handler-shell.ts';
import { logger } from '../observability.ts';
import { currentCaller, currentCallerWith } from '../services/current-caller.ts';
import { callerFromEvent } from './caller.ts';
import { errorResponse, isExpectedError } from './error-response.ts';

import { CHECK_FIELDS_HEADLINE } from './messages.ts';
import { jsonResponse } from './responses.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

// Requests that change something: these go by the person's current roles, not the token's.
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ApiRequest<TBody, TQuery, TParams> {
  readonly body: TBody;
  readonly query: TQuery;
  readonly params: TParams;
  readonly caller: Caller;
  /** When API Gateway received the request: the moment every deadline is judged against. */
  readonly now: Date;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The records the route declared it reads first (empty when it declared none). */
  readonly records: Records;
}

/** A file a route answers: a download (attachment) or a page to show (inline). */
export type FileAnswer = {
  readonly contentType: string;
  readonly fileName?: string;
  /** Shown in the browser rather than saved (printable HTML); downloads by default. */
  readonly inline?: boolean;
} & ({ readonly text: string } | { readonly bytes: Uint8Array });

/** What a route answers: a JSON body, or a file. */
export type ApiResult =
  | { readonly status?: number; readonly body: unknown }
  | { readonly status?: number; readonly file: FileAnswer };

export interface ApiSpec<TBody, TQuery, TParams> {
  readonly body?: z.ZodMiniType<TBody>;
  readonly query?: z.ZodMiniType<TQuery>;
  readonly params?: z.ZodMiniType<TParams>;
  /**
   * The records the route reads first, from its parsed request: read in one
   * request together with the caller's own record, by which a write judges the
   * caller's current roles.
   */
  readonly records?: (request: { body: TBody; query: TQuery; params: TParams }) => RecordRequest;
}

const NO_RECORDS: Records = { campaigns: new Map(), cells: new Map(), people: new Map(), models: new Map() };

/** Turns zod's issues into the API's field list. */
export function fieldIssues(error: z.core.$ZodError, prefix = ''): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    message: issue.message,
  }));
}

function parsePart<T>(schema: z.ZodMiniType<T> | undefined, value: unknown, part: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidInputError(CHECK_FIELDS_HEADLINE, fieldIssues(result.error, part));
  }
  return result.data;
}

function readJsonBody(event: ApiEvent): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError('Không đọc được nội dung gửi lên; vui lòng gửi lại.', [
      { path: 'body', message: 'Nội dung gửi lên bị hỏng, không đọc được.' },
    ]);
  }
}

function lowerCaseHeaders(event: ApiEvent): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function disposition(fileName: string, inline: boolean): string {
  return `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}

function fileResponse(status: number, file: FileAnswer): APIGatewayProxyStructuredResultV2 {
  const headers = {
    'content-type': file.contentType,
    ...(file.fileName ? { 'content-disposition': disposition(file.fileName, file.inline ?? false) } : {}),
  };
  if ('bytes' in file) {
    return {
      statusCode: status,
      headers,
      body: Buffer.from(file.bytes).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return { statusCode: status, headers, body: file.text };
}

// Every route is declared for some role; a person holding none (or none any more) reaches nothing.
function assertHasRole(caller: Caller): void {
  if (caller.roles.length === 0)
    throw new ForbiddenError(
      'Tài khoản của đồng chí chưa được giao vai trò nào; xin liên hệ Văn phòng Đảng ủy.',
    );
}

/**
 * Builds an API Gateway handler in the one envelope. `fn` holds only the call
 * into the application layer and the shape of its answer.
 */
export function apiHandler<TBody = undefined, TQuery = undefined, TParams = undefined>(
  spec: ApiSpec<TBody, TQuery, TParams>,
  fn: (request: ApiRequest<TBody, TQuery, TParams>) => Promise<ApiResult>,
) {
  const handler = handlerShell<ApiEvent, APIGatewayProxyStructuredResultV2>(async (event) => {
    try {
      const tokenCaller = callerFromEvent(event);
      const writes = WRITE_METHODS.has(event.requestContext.http.method.toUpperCase());
      const parts = () => ({
        body: parsePart(spec.body, spec.body ? readJsonBody(event) : undefined, 'body'),
        query: parsePart(spec.query, event.queryStringParameters ?? {}, 'query'),
        params: parsePart(spec.params, event.pathParameters ?? {}, 'path'),
      });
      let caller = tokenCaller;
      let records = NO_RECORDS;
      let parsed: ReturnType<typeof parts>;
      if (spec.records) {
        // The route's first read carries the caller's record, so the body is parsed before it.
        assertHasRole(tokenCaller);
        parsed = parts();
        const wanted = spec.records(parsed);
        if (writes) ({ caller, records } = await currentCallerWith(tokenCaller, wanted));
        else records = await readRecords(wanted);
        assertHasRole(caller);
      } else {
        if (writes) caller = await currentCaller(tokenCaller);
        assertHasRole(caller);
        parsed = parts();
      }
      const request: ApiRequest<TBody, TQuery, TParams> = {
        ...parsed,
        caller,
        now: new Date(event.requestContext.timeEpoch),
        headers: lowerCaseHeaders(event),
        records,
      };
      const result = await fn(request);
      if ('file' in result) return fileResponse(result.status ?? 200, result.file);
      return jsonResponse(result.status ?? 200, result.body);
    } catch (error) {
      if (isExpectedError(error)) logger.info('request refused', { error: error as Error });
      else logger.error('request failed', { error: error as Error });
      return errorResponse(error);
    }
  });
  // The request schemas ride along so docs/openapi.yaml is generated from what the handler really parses.
  return Object.assign(handler, { apiSpec: spec });
}

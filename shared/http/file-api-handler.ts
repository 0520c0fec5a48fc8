// An API handler whose answer may be a file (XLSX as base64, printable HTML) rather than JSON:
// the same caller, parsing and error mapping as api-handler.ts, with the response left to `fn`.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { InvalidInputError } from '../domain/errors.ts';
import type { Caller } from '../domain/types.ts';
import { type ApiEvent, fieldIssues } from './api-handler.ts';
import { callerFromEvent } from './caller.ts';
import { errorResponse, isExpectedError } from './error-response.ts';
import { logger } from './logger.ts';
import { CHECK_FIELDS_HEADLINE } from './messages.ts';
import { jsonResponse } from './responses.ts';

export interface FileRequest<TQuery, TParams> {
  readonly caller: Caller;
  readonly query: TQuery;
  readonly params: TParams;
  readonly now: Date;
}

/** What a file route answers: JSON, or a file with its type and (for downloads) its name. */
export type FileResult =
  | { readonly json: unknown }
  | { readonly contentType: string; readonly text: string; readonly fileName?: string }
  | { readonly contentType: string; readonly bytes: Buffer; readonly fileName: string };

function parse<T>(schema: z.ZodType<T>, value: unknown, part: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputError(CHECK_FIELDS_HEADLINE, fieldIssues(result.error, part));
  return result.data;
}

function disposition(fileName: string, inline: boolean): string {
  return `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}

/** Builds a GET handler that may answer a file. */
export function fileApiHandler<TQuery, TParams>(
  spec: { readonly query: z.ZodType<TQuery>; readonly params: z.ZodType<TParams> },
  fn: (request: FileRequest<TQuery, TParams>) => Promise<FileResult>,
) {
  const handler = middy<ApiEvent, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      try {
        const result = await fn({
          caller: callerFromEvent(event),
          now: new Date(event.requestContext.timeEpoch),
          query: parse(spec.query, event.queryStringParameters ?? {}, 'query'),
          params: parse(spec.params, event.pathParameters ?? {}, 'path'),
        });
        if ('json' in result) return jsonResponse(200, result.json);
        if ('bytes' in result) {
          return {
            statusCode: 200,
            headers: {
              'content-type': result.contentType,
              'content-disposition': disposition(result.fileName, false),
            },
            body: result.bytes.toString('base64'),
            isBase64Encoded: true,
          };
        }
        return {
          statusCode: 200,
          headers: {
            'content-type': result.contentType,
            ...(result.fileName ? { 'content-disposition': disposition(result.fileName, true) } : {}),
          },
          body: result.text,
        };
      } catch (error) {
        if (isExpectedError(error)) logger.info('request refused', { error: error as Error });
        else logger.error('request failed', { error: error as Error });
        return errorResponse(error);
      }
    });
  // Kept on the handler like api-handler.ts does, for the OpenAPI generator.
  return Object.assign(handler, { apiSpec: spec });
}

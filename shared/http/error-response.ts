import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, type ErrorCode, type FieldIssue } from '../domain/errors.ts';
import { jsonResponse } from './responses.ts';

// The one error → status mapping of the API (docs/ARCHITECTURE.md).
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
};

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly fields: readonly FieldIssue[] };
}

/** Turns any thrown value into the documented error response; unknown errors become a generic 500. */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, fields: error.fields } };
    return jsonResponse(STATUS_BY_CODE[error.code], body);
  }
  const body: ErrorBody = {
    error: { code: 'internal', message: 'Hệ thống gặp sự cố, vui lòng thử lại sau.', fields: [] },
  };
  return jsonResponse(500, body);
}

/** Whether an error is one the domain raised on purpose (logged as a warning, not an error). */
export function isExpectedError(error: unknown): boolean {
  return error instanceof DomainError;
}

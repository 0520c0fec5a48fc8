// Named errors the domain raises. The HTTP layer maps each to one status
// (shared/http/error-response.ts); messages are Vietnamese because people read them.
// Each class states its name as a literal: the deployed bundles are minified,
// which renames classes, and Lambda reports `error.name` as the errorType that
// the state machines' Retry and Catch match on.

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule_violation';

/** Base of every error the domain raises on purpose. */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** Malformed or invalid input (400). */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  constructor(message: string, fields: readonly FieldIssue[] = []) {
    super('invalid_input', message, fields);
  }
}

/** No identity, or one that cannot be trusted (401). */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  constructor(message = 'Bạn cần đăng nhập để thực hiện thao tác này.') {
    super('unauthenticated', message);
  }
}

/** The caller is known but may not do this (403). */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  constructor(message: string, fields: readonly FieldIssue[] = []) {
    super('forbidden', message, fields);
  }
}

/** The thing asked for does not exist, or the caller may not know it does (404). */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super('not_found', message);
  }
}

/** A duplicate, or the thing is in the wrong state for this (409). */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  constructor(message: string, fields: readonly FieldIssue[] = []) {
    super('conflict', message, fields);
  }
}

/** A rule of the campaign refuses it: a closed window, a missed deadline (422). */
export class RuleViolationError extends DomainError {
  override readonly name = 'RuleViolationError';
  constructor(message: string, fields: readonly FieldIssue[] = []) {
    super('rule_violation', message, fields);
  }
}

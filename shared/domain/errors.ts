// Named errors the domain raises. The HTTP layer maps each to one status
// (shared/http/error-response.ts); messages are Vietnamese because people read them.

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
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Malformed or invalid input (400). */
export class InvalidInputError extends DomainError {
  constructor(message: string, fields: readonly FieldIssue[] = []) {
    super('invalid_input', message, fields);
  }
}

/** No identity, or one that cannot be trusted (401). */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Bạn cần đăng nhập để thực hiện thao tác này.') {
    super('unauthenticated', message);
  }
}

/** The caller is known but may not do this (403). */
export class ForbiddenError extends DomainError {
  constructor(message: string, fields: readonly FieldIssue[] = []) {
    super('forbidden', message, fields);
  }
}

/** The thing asked for does not exist, or the caller may not know it does (404). */
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/** A duplicate, or the thing is in the wrong state for this (409). */
export class ConflictError extends DomainError {
  constructor(message: string, fields: readonly FieldIssue[] = []) {
    super('conflict', message, fields);
  }
}

/** A rule of the campaign refuses it: a closed window, a missed deadline (422). */
export class RuleViolationError extends DomainError {
  constructor(message: string, fields: readonly FieldIssue[] = []) {
    super('rule_violation', message, fields);
  }
}

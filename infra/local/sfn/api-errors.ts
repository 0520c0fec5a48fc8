// The Step Functions API's named errors, as the JSON 1.0 protocol carries them:
// a `__type` naming the error, a `message`, and the HTTP status AWS documents
// for it (400 for every client error, 500 for an internal failure).

export type SfnErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'ExecutionLimitExceeded'
  | 'InvalidArn'
  | 'InvalidDefinition'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'MissingRequiredParameter'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalFailure';

/** An API error that the server turns into `{"__type","message"}` with its status. */
export class SfnApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: SfnErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
    this.status = code === 'InternalFailure' ? 500 : 400;
  }
}

/** Shorthand for throwing a named API error. */
export function apiError(code: SfnErrorCode, message: string): SfnApiError {
  return new SfnApiError(code, message);
}

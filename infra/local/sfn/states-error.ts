// Errors raised inside an execution, named as the Amazon States Language names
// them, so Retry and Catch can match them.

export const StatesErrors = {
  all: 'States.ALL',
  taskFailed: 'States.TaskFailed',
  timeout: 'States.Timeout',
  heartbeatTimeout: 'States.HeartbeatTimeout',
  runtime: 'States.Runtime',
  queryEvaluationError: 'States.QueryEvaluationError',
  dataLimitExceeded: 'States.DataLimitExceeded',
  noChoiceMatched: 'States.NoChoiceMatched',
  branchFailed: 'States.BranchFailed',
  permissions: 'States.Permissions',
} as const;

/** An error with a States-language name and a cause, as recorded in history. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/** Errors that stop the execution and that neither States.ALL nor States.TaskFailed catch. */
const terminal = new Set<string>([StatesErrors.dataLimitExceeded, StatesErrors.runtime]);

/** Whether an ErrorEquals list matches the error, with the wildcards' rules. */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (errorEquals.includes(error)) return true;
  if (terminal.has(error)) return false;
  if (errorEquals.includes(StatesErrors.all)) return true;
  // States.TaskFailed is documented as matching every known error except States.Timeout.
  return errorEquals.includes(StatesErrors.taskFailed) && error !== StatesErrors.timeout;
}

// The values a state computes and checks on its way: sizes against the
// payload quota, whole seconds, RFC 3339 timestamps, retry delays.
import type { RetrierDef } from './definition.ts';
import { type Json, jsonByteLength, PAYLOAD_LIMIT_BYTES } from './json.ts';
import { type EvaluationScope, evaluateExpression } from './jsonata-eval.ts';
import { StatesError, StatesErrors } from './states-error.ts';

/** A Fail state's Error or Cause as text. */
export function asText(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Any rejection of a task as a States error. */
export function asStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  return new StatesError(StatesErrors.taskFailed, error instanceof Error ? error.message : String(error));
}

/** Refuses a value over the 256 KiB payload quota with States.DataLimitExceeded. */
export function checkSize(value: Json, what: string): void {
  const size = jsonByteLength(value);
  if (size > PAYLOAD_LIMIT_BYTES) {
    throw new StatesError(
      StatesErrors.dataLimitExceeded,
      `The size of ${what} (${size} bytes) exceeds the maximum of ${PAYLOAD_LIMIT_BYTES} bytes.`,
    );
  }
}

/** A JSONata or literal integer field, checked against its minimum. */
export async function wholeSeconds(
  value: number | string,
  scope: EvaluationScope,
  field: string,
  minimum: number,
): Promise<number> {
  const result = typeof value === 'number' ? value : await evaluateExpression(value, scope, field);
  if (typeof result !== 'number' || !Number.isInteger(result) || result < minimum) {
    throw new StatesError(
      StatesErrors.queryEvaluationError,
      `The field '${field}' of state '${scope.stateName}' must be an integer of at least ${minimum}; got ${JSON.stringify(result)}.`,
    );
  }
  return result;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A Wait state's Timestamp, in ms. */
export function parseTimestamp(value: Json, stateName: string): number {
  const ms = typeof value === 'string' && rfc3339.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new StatesError(
      StatesErrors.queryEvaluationError,
      `The Timestamp of Wait state '${stateName}' must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z; got ${JSON.stringify(value)}.`,
    );
  }
  return ms;
}

/** IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, with FULL jitter if asked. */
export function retryDelayMs(
  retrier: RetrierDef,
  attempt: number,
  random: () => number = Math.random,
): number {
  let seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds *= random();
  return Math.round(seconds * 1000);
}

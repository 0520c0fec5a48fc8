// The states that only steer the flow: Succeed, Fail, Choice and Wait (Pass
// is Output and Assign alone, which the core does).
import type { StateDef } from '../definition.ts';
import { evaluateExpression, evaluateTemplate, isExpression } from '../jsonata-eval.ts';
import { asText, checkSize, parseTimestamp, wholeSeconds } from '../state-values.ts';
import { StatesError, StatesErrors } from '../states-error.ts';
import type { Transaction } from '../transaction.ts';
import type { StateRunner } from './runner.ts';

/** Succeed: the thread ends with its Output. */
export async function succeed(
  runner: StateRunner,
  tx: Transaction,
  id: string,
  state: StateDef,
): Promise<void> {
  const thread = tx.get(id);
  const output =
    state.Output === undefined
      ? thread.input
      : await evaluateTemplate(state.Output, runner.scope(tx, thread), 'Output');
  checkSize(output, `the output of state '${thread.state}'`);
  tx.emit(id, 'SucceedStateExited', {
    name: thread.state,
    output: JSON.stringify(output),
    outputDetails: { truncated: false },
  });
  await runner.endThread(tx, id, output);
}

/** Fail: the thread fails with its Error and Cause. */
export async function fail(runner: StateRunner, tx: Transaction, id: string, state: StateDef): Promise<void> {
  const scope = runner.scope(tx, tx.get(id));
  const error = state.Error === undefined ? undefined : await evaluateTemplate(state.Error, scope, 'Error');
  const cause = state.Cause === undefined ? undefined : await evaluateTemplate(state.Cause, scope, 'Cause');
  await runner.failThread(tx, id, asText(error), asText(cause));
}

/** Choice: the first rule whose Condition holds, else the Default. */
export async function choose(
  runner: StateRunner,
  tx: Transaction,
  id: string,
  state: StateDef,
): Promise<void> {
  const thread = tx.get(id);
  const scope = runner.scope(tx, thread);
  for (const [index, rule] of (state.Choices ?? []).entries()) {
    const matched = isExpression(rule.Condition)
      ? await evaluateExpression(rule.Condition, scope, `Choices[${index}].Condition`)
      : rule.Condition;
    if (typeof matched !== 'boolean') {
      throw new StatesError(
        StatesErrors.queryEvaluationError,
        `The Condition of Choices[${index}] in state '${thread.state}' returned ${JSON.stringify(matched)}, not a boolean.`,
      );
    }
    if (!matched) continue;
    const assign = state.Assign || rule.Assign ? { ...state.Assign, ...rule.Assign } : undefined;
    return runner.finishWithOutputs(tx, id, rule.Output ?? state.Output, assign, {}, thread.input, rule.Next);
  }
  if (state.Default === undefined) {
    throw new StatesError(
      StatesErrors.noChoiceMatched,
      `No Choice rule matched in state '${thread.state}' and there is no Default.`,
    );
  }
  return runner.finishWithOutputs(tx, id, state.Output, state.Assign, {}, thread.input, state.Default);
}

/** Wait: the thread sleeps until its Seconds or Timestamp; a timer finishes it. */
export async function startWait(
  runner: StateRunner,
  tx: Transaction,
  id: string,
  state: StateDef,
): Promise<void> {
  const thread = tx.get(id);
  const scope = runner.scope(tx, thread);
  let until: number;
  if (state.Seconds !== undefined) {
    until = tx.now + (await wholeSeconds(state.Seconds, scope, 'Seconds', 0)) * 1000;
  } else {
    const value = await evaluateTemplate(state.Timestamp ?? null, scope, 'Timestamp');
    until = parseTimestamp(value, thread.state);
  }
  tx.update(id, { phase: 'wait', until });
}

/** The Wait's timer came due: Output and Assign, then on. */
export async function finishWait(runner: StateRunner, tx: Transaction, id: string): Promise<void> {
  const thread = tx.update(id, { until: undefined });
  const state = runner.stateOf(thread);
  try {
    await runner.finishWithOutputs(tx, id, state.Output, state.Assign, {}, thread.input);
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    await runner.handleError(tx, id, error);
  }
}

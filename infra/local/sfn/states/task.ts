// Task states: a Lambda function or a service integration, with or without a
// callback token. The invocation runs outside the step queue; its outcome
// comes back as a step of its own, which counts only if the attempt is still
// the thread's current one.
import type { StateDef } from '../definition.ts';
import type { Thread } from '../execution-record.ts';
import type { Json } from '../json.ts';
import { evaluateTemplate } from '../jsonata-eval.ts';
import {
  historyResourceNames,
  invokeResource,
  isCallback,
  parseResource,
  type ResourceKind,
} from '../resources.ts';
import { asStatesError, checkSize, wholeSeconds } from '../state-values.ts';
import { StatesError, StatesErrors } from '../states-error.ts';
import { issueToken } from '../tokens.ts';
import type { Transaction } from '../transaction.ts';
import type { StateRunner } from './runner.ts';

type Outcome =
  | { readonly ok: true; readonly value: Json }
  | { readonly ok: false; readonly error: StatesError };

/** The resource of a thread's Task state, parsed. */
export function taskResource(runner: StateRunner, thread: Thread): { kind: ResourceKind; resource: string } {
  const resource = runner.stateOf(thread).Resource ?? '';
  const kind = parseResource(resource);
  if (!kind) throw new StatesError(StatesErrors.runtime, `Unsupported resource ${resource}`);
  return { kind, resource };
}

/** Enters a Task: its arguments, history events and timers, then the invocation after the commit. */
export async function startTask(
  runner: StateRunner,
  tx: Transaction,
  id: string,
  state: StateDef,
): Promise<void> {
  const thread = tx.get(id);
  const { kind, resource } = taskResource(runner, thread);
  const seq = tx.nextEventId();
  const token = isCallback(kind) ? issueToken({ executionArn: runner.arn, threadId: id, seq }) : undefined;
  const scope = runner.scope(tx, thread, token === undefined ? {} : { Task: { Token: token } });
  const args =
    state.Arguments === undefined
      ? thread.input
      : await evaluateTemplate(state.Arguments, scope, 'Arguments');
  checkSize(args, `the arguments of state '${thread.state}'`);
  const timeoutSeconds =
    state.TimeoutSeconds === undefined
      ? undefined
      : await wholeSeconds(state.TimeoutSeconds, scope, 'TimeoutSeconds', 1);
  const heartbeatSeconds =
    state.HeartbeatSeconds === undefined
      ? undefined
      : await wholeSeconds(state.HeartbeatSeconds, scope, 'HeartbeatSeconds', 1);
  if (kind.kind === 'lambda-function') {
    tx.emit(id, 'LambdaFunctionScheduled', {
      resource,
      input: JSON.stringify(args),
      inputDetails: { truncated: false },
      ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
    });
    tx.emit(id, 'LambdaFunctionStarted');
  } else {
    const names = historyResourceNames(resource, kind);
    tx.emit(id, 'TaskScheduled', {
      ...names,
      region: runner.region,
      parameters: JSON.stringify(args),
      ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
      ...(heartbeatSeconds === undefined ? {} : { heartbeatInSeconds: heartbeatSeconds }),
    });
    tx.emit(id, 'TaskStarted', names);
  }
  tx.update(id, {
    phase: 'task',
    task: {
      seq,
      args,
      ...(token === undefined ? {} : { token }),
      ...(timeoutSeconds === undefined ? {} : { timeoutAt: tx.now + timeoutSeconds * 1000 }),
      ...(heartbeatSeconds === undefined
        ? {}
        : { heartbeatSeconds, heartbeatAt: tx.now + heartbeatSeconds * 1000 }),
    },
  });
  tx.afterCommit(() => invoke(runner, id, seq, args, timeoutSeconds));
}

/** Invokes a task's resource; its outcome is a later step. */
export function invoke(
  runner: StateRunner,
  id: string,
  seq: number,
  args: Json,
  timeoutSeconds?: number,
): void {
  const thread = runner.threads.get(id);
  if (!thread) return;
  const { kind } = taskResource(runner, thread);
  const timeoutMs = timeoutSeconds === undefined || isCallback(kind) ? undefined : timeoutSeconds * 1000;
  const work = invokeResource(kind, args, runner.resources, timeoutMs).then(
    (value): Outcome => ({ ok: true, value }),
    (error: unknown): Outcome => ({ ok: false, error: asStatesError(error) }),
  );
  runner.track(work.then((outcome) => runner.runStep((tx) => taskReturned(runner, tx, id, seq, outcome))));
}

async function taskReturned(
  runner: StateRunner,
  tx: Transaction,
  id: string,
  seq: number,
  outcome: Outcome,
): Promise<void> {
  const thread = tx.find(id);
  // The attempt was overtaken (a callback, a timeout, a stop): its result no longer counts.
  if (thread?.phase !== 'task' || thread.task?.seq !== seq) return;
  const { kind, resource } = taskResource(runner, thread);
  const names = historyResourceNames(resource, kind);
  if (!outcome.ok) {
    const { error, cause } = outcome.error;
    if (kind.kind === 'lambda-function') tx.emit(id, 'LambdaFunctionFailed', { error, cause });
    else tx.emit(id, 'TaskFailed', { ...names, error, cause });
    return runner.handleError(tx, id, outcome.error);
  }
  const output = JSON.stringify(outcome.value);
  if (isCallback(kind)) {
    tx.emit(id, 'TaskSubmitted', { ...names, output, outputDetails: { truncated: false } });
    tx.update(id, { phase: 'callback' });
    return;
  }
  if (kind.kind === 'lambda-function')
    tx.emit(id, 'LambdaFunctionSucceeded', { output, outputDetails: { truncated: false } });
  else tx.emit(id, 'TaskSucceeded', { ...names, output, outputDetails: { truncated: false } });
  await runner.stateResult(tx, id, outcome.value);
}

/** A task's TimeoutSeconds or HeartbeatSeconds ran out. */
export async function taskTimedOut(
  runner: StateRunner,
  tx: Transaction,
  id: string,
  error: string,
): Promise<void> {
  const thread = tx.get(id);
  const { kind, resource } = taskResource(runner, thread);
  const cause =
    error === StatesErrors.timeout ? 'The task timed out.' : 'The task did not send a heartbeat in time.';
  if (kind.kind === 'lambda-function') tx.emit(id, 'LambdaFunctionTimedOut', { error, cause });
  else tx.emit(id, 'TaskTimedOut', { ...historyResourceNames(resource, kind), error, cause });
  await runner.handleError(tx, id, new StatesError(error, cause));
}

/** Whether a thread waits for its task's result or callback. */
export function isTaskOpen(thread: Thread): boolean {
  return thread.phase === 'task' || thread.phase === 'callback';
}

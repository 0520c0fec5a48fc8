// Parallel and Map: a state that runs child threads (branches, iterations)
// and collects their outputs in order. Map iterations start as queued and
// are started up to MaxConcurrency as others finish.
import type { StateDef } from '../definition.ts';
import type { Thread } from '../execution-record.ts';
import type { Json } from '../json.ts';
import { evaluateTemplate } from '../jsonata-eval.ts';
import { checkSize, wholeSeconds } from '../state-values.ts';
import { StatesError, StatesErrors } from '../states-error.ts';
import type { Transaction } from '../transaction.ts';
import type { StateRunner } from './runner.ts';

/** The root thread's id: the execution's own flow. */
export const ROOT = 'root';

/** Parallel: one child thread per branch, all started at once. */
export async function startParallel(
  runner: StateRunner,
  tx: Transaction,
  id: string,
  state: StateDef,
): Promise<void> {
  const thread = tx.get(id);
  const input =
    state.Arguments === undefined
      ? thread.input
      : await evaluateTemplate(state.Arguments, runner.scope(tx, thread), 'Arguments');
  checkSize(input, `the arguments of state '${thread.state}'`);
  const branches = state.Branches ?? [];
  const startedEventId = tx.emit(id, 'ParallelStateStarted');
  tx.update(id, {
    phase: 'children',
    children: {
      kind: 'parallel',
      total: branches.length,
      started: branches.length,
      completed: 0,
      maxConcurrency: 0,
      startedEventId,
    },
  });
  for (const [index, branch] of branches.entries()) {
    const childId = `${id}.${startedEventId}.${index}`;
    tx.put(
      childThread(
        tx,
        childId,
        id,
        index,
        [...thread.path, { state: thread.state, branch: index }],
        branch.StartAt,
        input,
        startedEventId,
      ),
    );
    enterFirstState(runner, tx, childId);
  }
}

/** Map: one queued child thread per item, started up to MaxConcurrency. */
export async function startMap(
  runner: StateRunner,
  tx: Transaction,
  id: string,
  state: StateDef,
): Promise<void> {
  const thread = tx.get(id);
  const scope = runner.scope(tx, thread);
  const items =
    state.Items === undefined ? thread.input : await evaluateTemplate(state.Items, scope, 'Items');
  if (!Array.isArray(items)) {
    throw new StatesError(
      StatesErrors.queryEvaluationError,
      `The Items of Map state '${thread.state}' must be a JSON array.`,
    );
  }
  const maxConcurrency =
    state.MaxConcurrency === undefined
      ? 0
      : await wholeSeconds(state.MaxConcurrency, scope, 'MaxConcurrency', 0);
  const inputs: Json[] = [];
  for (const [index, value] of items.entries()) {
    inputs.push(
      state.ItemSelector === undefined
        ? value
        : await evaluateTemplate(
            state.ItemSelector,
            runner.scope(tx, thread, { Map: { Item: { Index: index, Value: value } } }),
            'ItemSelector',
          ),
    );
  }
  const startedEventId = tx.emit(id, 'MapStateStarted', { length: inputs.length });
  if (inputs.length === 0) {
    tx.emit(id, 'MapStateSucceeded');
    return runner.stateResult(tx, id, []);
  }
  const processor = state.ItemProcessor;
  if (!processor)
    throw new StatesError(StatesErrors.runtime, `Map state '${thread.state}' has no ItemProcessor`);
  tx.update(id, {
    phase: 'children',
    children: {
      kind: 'map',
      total: inputs.length,
      started: 0,
      completed: 0,
      maxConcurrency,
      startedEventId,
    },
  });
  for (const [index, input] of inputs.entries()) {
    const childId = `${id}.${startedEventId}.${index}`;
    tx.put({
      ...childThread(
        tx,
        childId,
        id,
        index,
        [...thread.path, { state: thread.state, branch: 'map' }],
        processor.StartAt,
        input,
        startedEventId,
      ),
      phase: 'queued',
    });
  }
  pump(runner, tx, id);
}

function childThread(
  tx: Transaction,
  id: string,
  parentId: string,
  index: number,
  path: Thread['path'],
  startAt: string,
  input: Json,
  lastEventId: number,
): Thread {
  return {
    id,
    parentId,
    index,
    path,
    vars: {},
    state: startAt,
    input,
    enteredAt: tx.now,
    lastEventId,
    phase: 'enter',
    retryCounts: [],
    retryTotal: 0,
  };
}

function enterFirstState(runner: StateRunner, tx: Transaction, id: string): void {
  const thread = tx.get(id);
  tx.emit(id, `${runner.stateOf(thread).Type}StateEntered`, {
    name: thread.state,
    input: JSON.stringify(thread.input),
    inputDetails: { truncated: false },
  });
  tx.update(id, { phase: 'enter', enteredAt: tx.now });
}

/** Starts queued Map iterations up to MaxConcurrency. */
function pump(runner: StateRunner, tx: Transaction, parentId: string): void {
  const parent = tx.get(parentId);
  const progress = parent.children;
  if (progress?.kind !== 'map') return;
  let started = progress.started;
  while (
    started < progress.total &&
    (progress.maxConcurrency === 0 || started - progress.completed < progress.maxConcurrency)
  ) {
    const childId = `${parentId}.${progress.startedEventId}.${started}`;
    tx.emit(childId, 'MapIterationStarted', { name: parent.state, index: started });
    enterFirstState(runner, tx, childId);
    started += 1;
  }
  tx.update(parentId, { children: { ...progress, started } });
}

function childrenOf(tx: Transaction, parentId: string): Thread[] {
  return tx
    .all()
    .filter((thread) => thread.parentId === parentId)
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
}

/** A branch or iteration ended: the next queued one starts, or the parent has every output. */
export async function childFinished(runner: StateRunner, tx: Transaction, childId: string): Promise<void> {
  const child = tx.get(childId);
  const parent = tx.get(child.parentId ?? ROOT);
  const progress = parent.children;
  if (!progress) throw new Error(`thread ${parent.id} is not waiting for children`);
  let lastEventId = child.lastEventId;
  if (progress.kind === 'map')
    lastEventId = tx.emit(childId, 'MapIterationSucceeded', {
      name: parent.state,
      index: child.index ?? 0,
    });
  const completed = progress.completed + 1;
  tx.update(parent.id, { children: { ...progress, completed } });
  if (completed < progress.total) {
    pump(runner, tx, parent.id);
    return;
  }
  const results = childrenOf(tx, parent.id).map((thread) => thread.output ?? null);
  for (const thread of childrenOf(tx, parent.id)) tx.drop(thread.id);
  tx.emit(
    parent.id,
    progress.kind === 'map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded',
    undefined,
    lastEventId,
  );
  tx.update(parent.id, { children: undefined });
  await runner.stateResult(tx, parent.id, results);
}

/** A branch or iteration failed: the others are aborted and the parent handles the error. */
export async function childFailed(
  runner: StateRunner,
  tx: Transaction,
  childId: string,
  error: string,
  cause: string,
): Promise<void> {
  const child = tx.get(childId);
  const parent = tx.get(child.parentId ?? ROOT);
  const progress = parent.children;
  if (!progress) throw new Error(`thread ${parent.id} is not waiting for children`);
  let lastEventId = child.lastEventId;
  if (progress.kind === 'map') {
    lastEventId = tx.emit(childId, 'MapIterationFailed', { name: parent.state, index: child.index ?? 0 });
    for (const other of childrenOf(tx, parent.id)) {
      if (other.id === childId || other.phase === 'queued' || other.phase === 'done') continue;
      tx.emit(other.id, 'MapIterationAborted', { name: parent.state, index: other.index ?? 0 });
    }
  }
  for (const thread of childrenOf(tx, parent.id)) tx.drop(thread.id);
  tx.emit(
    parent.id,
    progress.kind === 'map' ? 'MapStateFailed' : 'ParallelStateFailed',
    undefined,
    lastEventId,
  );
  tx.update(parent.id, { children: undefined });
  await runner.handleError(tx, parent.id, new StatesError(error, cause));
}

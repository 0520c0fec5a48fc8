// One running execution: the interpreter of its states. Every step runs in a
// transaction, one at a time per execution (steps of different executions
// interleave freely), and counts only once its journal line is written. Task
// invocations run outside the step queue, so a slow Lambda holds up nothing
// but the thread that waits for it.
import type { Clock } from '../clock.ts';
import { apiError, SfnApiError } from './api-errors.ts';
import { type RetrierDef, resolveBranch, type StateDef, type StateMachineDef } from './definition.ts';
import type { Commit, ExecutionClose, ExecutionHeader, HistoryEvent, Thread } from './execution-record.ts';
import { isJsonObject, type Json, type JsonObject } from './json.ts';
import { type EvaluationScope, evaluateTemplate } from './jsonata-eval.ts';
import { historyResourceNames, type ResourceContext } from './resources.ts';
import { contextObject, visibleVariables } from './scope.ts';
import { checkSize, retryDelayMs } from './state-values.ts';
import { choose, fail, finishWait, startWait, succeed } from './states/flow.ts';
import { childFailed, childFinished, ROOT, startMap, startParallel } from './states/parallel-map.ts';
import type { StateRunner, StatesExtra } from './states/runner.ts';
import { invoke, isTaskOpen, startTask, taskResource, taskTimedOut } from './states/task.ts';
import { errorMatches, StatesError, StatesErrors } from './states-error.ts';
import type { TimerEntry } from './timers.ts';
import { Transaction } from './transaction.ts';

/** An execution may run one year at most (AWS quota), counted here as 365 days. */
export const MAX_EXECUTION_MS = 365 * 24 * 60 * 60 * 1000;

/** What an execution needs from the engine around it. */
export interface ExecutionServices {
  readonly clock: Clock;
  readonly region: string;
  readonly resources: ResourceContext;
  /** Writes a journal line; throws if it cannot. */
  persist(executionArn: string, commit: Commit): void;
  /** False once the engine is closed: late results are dropped, to be redone after the next start. */
  accepting(): boolean;
  /** Counts work in flight for the engine's idle(). */
  track(work: Promise<unknown>): void;
  addTimer(entry: TimerEntry): void;
  closed(execution: Execution, close: ExecutionClose): void;
  log(message: string, error?: unknown): void;
}

/** The interpreter and in-memory state of one execution; each state type's rules live in states/. */
export class Execution implements StateRunner {
  readonly events: HistoryEvent[] = [];
  readonly threads = new Map<string, Thread>();
  private closeInfo?: ExecutionClose;
  private queue: Promise<void> = Promise.resolve();
  private readonly runnable = new Set<string>();
  private draining = false;
  private readonly parsedInput: Json;
  /** When the execution times out: its TimeoutSeconds or the one-year cap, whichever comes first. */
  readonly deadline: number;
  private readonly deadlineCause: string;

  constructor(
    readonly header: ExecutionHeader,
    readonly definition: StateMachineDef,
    private readonly services: ExecutionServices,
  ) {
    this.parsedInput = JSON.parse(header.input) as Json;
    const timeoutMs =
      definition.TimeoutSeconds === undefined ? Number.POSITIVE_INFINITY : definition.TimeoutSeconds * 1000;
    this.deadline = header.startDate + Math.min(timeoutMs, MAX_EXECUTION_MS);
    this.deadlineCause =
      timeoutMs < MAX_EXECUTION_MS
        ? `The execution timed out after the state machine's TimeoutSeconds (${definition.TimeoutSeconds}).`
        : 'The execution reached the maximum execution time of one year.';
  }

  get close(): ExecutionClose | undefined {
    return this.closeInfo;
  }

  get arn(): string {
    return this.header.executionArn;
  }

  get clock(): Clock {
    return this.services.clock;
  }

  get region(): string {
    return this.services.region;
  }

  get resources(): ResourceContext {
    return this.services.resources;
  }

  /** Counts work in flight for the engine's idle(). */
  track(work: Promise<unknown>): void {
    this.services.track(work);
  }

  /** Runs a step in a transaction after the execution's earlier steps. */
  runStep(body: (tx: Transaction) => Promise<void>): Promise<void> {
    return this.run(() => this.step(body));
  }

  /** The first commit of a new execution: ExecutionStarted and the first state entered. */
  static firstCommit(header: ExecutionHeader, definition: StateMachineDef, input: Json): Commit {
    const first = definition.States[definition.StartAt];
    if (!first) throw new Error(`StartAt ${definition.StartAt} is not a state`);
    const tx = new Transaction({ eventCount: 0, threads: new Map() }, header.startDate);
    tx.emit(undefined, 'ExecutionStarted', {
      input: header.input,
      inputDetails: { truncated: false },
      roleArn: header.roleArn,
    });
    tx.put({
      id: ROOT,
      path: [],
      vars: {},
      state: definition.StartAt,
      input,
      enteredAt: header.startDate,
      lastEventId: 1,
      phase: 'enter',
      retryCounts: [],
      retryTotal: 0,
    });
    tx.emit(ROOT, `${first.Type}StateEntered`, {
      name: definition.StartAt,
      input: header.input,
      inputDetails: { truncated: false },
    });
    return tx.toCommit();
  }

  /** Applies a journal line to memory (used for live commits and for replay). */
  apply(commit: Commit): void {
    this.events.push(...commit.events);
    for (const thread of commit.set) this.threads.set(thread.id, thread);
    for (const id of commit.remove) this.threads.delete(id);
    if (commit.close) {
      this.closeInfo = commit.close;
      this.threads.clear();
    }
  }

  /** Re-arms the timers after start or replay; nothing runs yet. */
  rearm(): void {
    if (this.closeInfo) return;
    this.services.addTimer({ due: this.deadline, executionArn: this.arn, kind: 'execution' });
    for (const thread of this.threads.values()) this.registerTimers(thread, false);
  }

  /** Runs what was under way: states entered, timers already due, and tasks cut off mid-flight. */
  resumeWork(): void {
    if (this.closeInfo) return;
    for (const thread of this.threads.values()) {
      this.registerTimers(thread, true);
      if (thread.phase === 'enter') this.runnable.add(thread.id);
      // A task whose result never made it to the journal runs again: at-least-once, as on AWS.
      if (thread.phase === 'task' && thread.task) invoke(this, thread.id, thread.task.seq, thread.task.args);
    }
    this.scheduleDrain();
  }

  // ---- serialization -------------------------------------------------------

  /** Runs a step after the execution's earlier steps, counted as work in flight. */
  run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    this.services.track(result.catch(() => undefined));
    return result;
  }

  private begin(): Transaction {
    return new Transaction(
      { eventCount: this.events.length, threads: this.threads },
      this.services.clock.now(),
    );
  }

  private commit(tx: Transaction): void {
    if (tx.isEmpty || !this.services.accepting()) return;
    const commit = tx.toCommit();
    this.services.persist(this.arn, commit);
    this.apply(commit);
    if (commit.close) {
      this.services.closed(this, commit.close);
      return;
    }
    for (const thread of commit.set) {
      this.registerTimers(thread, true);
      if (thread.phase === 'enter') this.runnable.add(thread.id);
    }
    for (const action of tx.afterActions) action();
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.draining || this.runnable.size === 0) return;
    this.draining = true;
    void this.run(async () => {
      try {
        await this.drain();
      } finally {
        this.draining = false;
      }
    });
  }

  private async drain(): Promise<void> {
    for (const id of this.runnable) {
      this.runnable.delete(id);
      if (this.closeInfo) return;
      await this.step((tx) => {
        const thread = tx.find(id);
        return thread?.phase === 'enter' ? this.enterState(tx, id) : Promise.resolve();
      });
    }
  }

  // A step that throws something other than a States error is a bug in the
  // engine; the execution fails with States.Runtime rather than hang.
  private async step(body: (tx: Transaction) => Promise<void>): Promise<void> {
    const tx = this.begin();
    try {
      await body(tx);
    } catch (error) {
      // An API error (a stale task token) refuses the call and changes nothing.
      if (error instanceof SfnApiError) throw error;
      this.services.log(`execution ${this.arn} failed inside the engine`, error);
      const failure = this.begin();
      failure.emit(undefined, 'ExecutionFailed', {
        error: StatesErrors.runtime,
        cause: error instanceof Error ? error.message : String(error),
      });
      failure.close({
        status: 'FAILED',
        stopDate: failure.now,
        error: StatesErrors.runtime,
        cause: error instanceof Error ? error.message : String(error),
      });
      this.commit(failure);
      return;
    }
    this.commit(tx);
  }

  // ---- timers --------------------------------------------------------------

  private registerTimers(thread: Thread, fireDueNow: boolean): void {
    const add = (due: number | undefined, kind: TimerEntry['kind']): void => {
      if (due === undefined) return;
      const entry: TimerEntry = { due, executionArn: this.arn, threadId: thread.id, kind };
      this.services.addTimer(entry);
      // Due already (a Wait of 0 seconds, a past timestamp): no need to wait for the clock to move.
      if (fireDueNow && due <= this.services.clock.now()) void this.fire(entry);
    };
    if (thread.phase === 'wait') add(thread.until, 'wait');
    if (thread.phase === 'retry') add(thread.until, 'retry');
    if ((thread.phase === 'task' || thread.phase === 'callback') && thread.task) {
      add(thread.task.timeoutAt, 'timeout');
      add(thread.task.heartbeatAt, 'heartbeat');
    }
  }

  /** Whether a queued timer still applies. */
  isLive(entry: TimerEntry): boolean {
    if (this.closeInfo) return false;
    if (entry.kind === 'execution') return entry.due === this.deadline;
    const thread = entry.threadId === undefined ? undefined : this.threads.get(entry.threadId);
    if (!thread) return false;
    switch (entry.kind) {
      case 'wait':
        return thread.phase === 'wait' && thread.until === entry.due;
      case 'retry':
        return thread.phase === 'retry' && thread.until === entry.due;
      case 'timeout':
        return isTaskOpen(thread) && thread.task?.timeoutAt === entry.due;
      case 'heartbeat':
        return isTaskOpen(thread) && thread.task?.heartbeatAt === entry.due;
    }
  }

  /** Fires a timer that came due (ignored if it no longer applies). */
  fire(entry: TimerEntry): Promise<void> {
    return this.run(() =>
      this.step(async (tx) => {
        if (!this.isLive(entry)) return;
        if (entry.kind === 'execution') return this.timeOut(tx);
        const id = entry.threadId ?? ROOT;
        if (entry.kind === 'wait') return finishWait(this, tx, id);
        if (entry.kind === 'retry') {
          tx.update(id, { phase: 'enter', until: undefined });
          return;
        }
        const error = entry.kind === 'timeout' ? StatesErrors.timeout : StatesErrors.heartbeatTimeout;
        return taskTimedOut(this, tx, id, error);
      }),
    );
  }

  private timeOut(tx: Transaction): void {
    tx.emit(undefined, 'ExecutionTimedOut', { error: StatesErrors.timeout, cause: this.deadlineCause });
    tx.close({
      status: 'TIMED_OUT',
      stopDate: tx.now,
      error: StatesErrors.timeout,
      cause: this.deadlineCause,
    });
  }

  // ---- API-driven steps ------------------------------------------------------

  /** SendTaskSuccess for a task of this execution. */
  taskSucceeded(threadId: string, token: string, output: Json): Promise<void> {
    return this.run(() =>
      this.step(async (tx) => {
        const thread = this.openTask(tx, threadId, token);
        const { kind, resource } = taskResource(this, thread);
        tx.emit(threadId, 'TaskSucceeded', {
          ...historyResourceNames(resource, kind),
          output: JSON.stringify(output),
          outputDetails: { truncated: false },
        });
        await this.stateResult(tx, threadId, output);
      }),
    );
  }

  /** SendTaskFailure for a task of this execution. */
  taskFailed(threadId: string, token: string, error: string, cause: string): Promise<void> {
    return this.run(() =>
      this.step(async (tx) => {
        const thread = this.openTask(tx, threadId, token);
        const { kind, resource } = taskResource(this, thread);
        tx.emit(threadId, 'TaskFailed', { ...historyResourceNames(resource, kind), error, cause });
        await this.handleError(tx, threadId, new StatesError(error, cause));
      }),
    );
  }

  /** SendTaskHeartbeat: the heartbeat timeout starts again. */
  heartbeat(threadId: string, token: string): Promise<void> {
    return this.run(() =>
      this.step(async (tx) => {
        const thread = this.openTask(tx, threadId, token);
        const task = thread.task;
        if (task?.heartbeatSeconds === undefined) return;
        tx.update(threadId, { task: { ...task, heartbeatAt: tx.now + task.heartbeatSeconds * 1000 } });
      }),
    );
  }

  /** StopExecution. */
  stop(error: string | undefined, cause: string | undefined): Promise<ExecutionClose> {
    return this.run(async () => {
      if (!this.closeInfo) {
        await this.step(async (tx) => {
          tx.emit(undefined, 'ExecutionAborted', {
            ...(error === undefined ? {} : { error }),
            ...(cause === undefined ? {} : { cause }),
          });
          tx.close({
            status: 'ABORTED',
            stopDate: tx.now,
            ...(error === undefined ? {} : { error }),
            ...(cause === undefined ? {} : { cause }),
          });
        });
      }
      if (!this.closeInfo) throw new Error('stop did not close the execution');
      return this.closeInfo;
    });
  }

  private openTask(tx: Transaction, threadId: string, token: string): Thread {
    const thread = tx.find(threadId);
    if (!thread || !isTaskOpen(thread) || thread.task?.token !== token) {
      throw apiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return thread;
  }

  // ---- states --------------------------------------------------------------

  /** The definition of the state a thread is in. */
  stateOf(thread: Thread): StateDef {
    const state = resolveBranch(this.definition, thread.path).States[thread.state];
    if (!state) throw new Error(`state ${thread.state} is not in the definition`);
    return state;
  }

  private async enterState(tx: Transaction, id: string): Promise<void> {
    const thread = tx.get(id);
    const state = this.stateOf(thread);
    try {
      await this.runState(tx, id, state);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      await this.handleError(tx, id, error);
    }
  }

  private async runState(tx: Transaction, id: string, state: StateDef): Promise<void> {
    switch (state.Type) {
      case 'Pass':
        return this.finishWithOutputs(tx, id, state.Output, state.Assign, {}, tx.get(id).input);
      case 'Succeed':
        return succeed(this, tx, id, state);
      case 'Fail':
        return fail(this, tx, id, state);
      case 'Choice':
        return choose(this, tx, id, state);
      case 'Wait':
        return startWait(this, tx, id, state);
      case 'Task':
        return startTask(this, tx, id, state);
      case 'Parallel':
        return startParallel(this, tx, id, state);
      case 'Map':
        return startMap(this, tx, id, state);
    }
  }

  // ---- tasks -----------------------------------------------------------------

  /** A Task, Parallel or Map produced its result: Output and Assign, then on. */
  async stateResult(tx: Transaction, id: string, result: Json): Promise<void> {
    const thread = tx.get(id);
    const state = this.stateOf(thread);
    try {
      checkSize(result, `the result of state '${thread.state}'`);
      await this.finishWithOutputs(tx, id, state.Output, state.Assign, { result }, result);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      await this.handleError(tx, id, error);
    }
  }

  // ---- Parallel and Map ------------------------------------------------------

  // ---- completion and errors -------------------------------------------------

  /** Evaluates Output and Assign (both against the variables as they were) and leaves the state. */
  async finishWithOutputs(
    tx: Transaction,
    id: string,
    outputTemplate: Json | undefined,
    assignTemplate: JsonObject | undefined,
    extra: StatesExtra,
    defaultOutput: Json,
    next?: string,
  ): Promise<void> {
    const thread = tx.get(id);
    const scope = this.scope(tx, thread, {}, extra);
    const output =
      outputTemplate === undefined ? defaultOutput : await evaluateTemplate(outputTemplate, scope, 'Output');
    const assigned =
      assignTemplate === undefined ? {} : await evaluateTemplate(assignTemplate, scope, 'Assign');
    if (!isJsonObject(assigned))
      throw new StatesError(StatesErrors.queryEvaluationError, 'Assign must be a JSON object');
    await this.leave(tx, id, output, assigned, next);
  }

  private async leave(
    tx: Transaction,
    id: string,
    output: Json,
    assigned: JsonObject,
    next?: string,
  ): Promise<void> {
    const thread = tx.get(id);
    const state = this.stateOf(thread);
    checkSize(output, `the output of state '${thread.state}'`);
    for (const [name, value] of Object.entries(assigned)) checkSize(value, `the variable '${name}'`);
    const variables = Object.keys(assigned).length > 0;
    tx.emit(id, `${state.Type}StateExited`, {
      name: thread.state,
      output: JSON.stringify(output),
      outputDetails: { truncated: false },
      ...(variables
        ? {
            assignedVariables: Object.fromEntries(
              Object.entries(assigned).map(([name, value]) => [name, JSON.stringify(value)]),
            ),
            assignedVariablesDetails: { truncated: false },
          }
        : {}),
    });
    tx.update(id, { vars: { ...thread.vars, ...assigned } });
    const target = next ?? state.Next;
    if (target === undefined) return this.endThread(tx, id, output);
    const nextState = resolveBranch(this.definition, thread.path).States[target];
    if (!nextState) throw new Error(`state ${target} is not in the definition`);
    tx.emit(id, `${nextState.Type}StateEntered`, {
      name: target,
      input: JSON.stringify(output),
      inputDetails: { truncated: false },
    });
    tx.update(id, {
      state: target,
      input: output,
      enteredAt: tx.now,
      phase: 'enter',
      retryCounts: [],
      retryTotal: 0,
      task: undefined,
      until: undefined,
      children: undefined,
    });
  }

  /** A thread reached an end: the execution succeeds, or a branch or iteration is done. */
  async endThread(tx: Transaction, id: string, output: Json): Promise<void> {
    const thread = tx.get(id);
    if (thread.parentId === undefined) {
      const text = JSON.stringify(output);
      tx.emit(id, 'ExecutionSucceeded', { output: text, outputDetails: { truncated: false } });
      tx.close({ status: 'SUCCEEDED', stopDate: tx.now, output: text });
      return;
    }
    tx.update(id, { phase: 'done', output });
    await childFinished(this, tx, id);
  }

  /** A thread failed for good: the execution fails, or the Parallel or Map handles it. */
  async failThread(
    tx: Transaction,
    id: string,
    error: string | undefined,
    cause: string | undefined,
  ): Promise<void> {
    const thread = tx.get(id);
    if (thread.parentId === undefined) {
      tx.emit(id, 'ExecutionFailed', {
        ...(error === undefined ? {} : { error }),
        ...(cause === undefined ? {} : { cause }),
      });
      tx.close({
        status: 'FAILED',
        stopDate: tx.now,
        ...(error === undefined ? {} : { error }),
        ...(cause === undefined ? {} : { cause }),
      });
      return;
    }
    tx.update(id, { phase: 'failed' });
    await childFailed(this, tx, id, error ?? '', cause ?? '');
  }

  /** Retry, then Catch, then fail the thread: the Amazon States Language's order. */
  async handleError(tx: Transaction, id: string, failure: StatesError): Promise<void> {
    const thread = tx.get(id);
    const state = this.stateOf(thread);
    if (failure.error === StatesErrors.queryEvaluationError) {
      tx.emit(id, 'EvaluationFailed', { state: thread.state, error: failure.error, cause: failure.cause });
    }
    const handles = state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map';
    if (handles && this.retry(tx, id, state.Retry ?? [], failure)) return;
    const catcher = handles
      ? state.Catch?.find((candidate) => errorMatches(candidate.ErrorEquals, failure.error))
      : undefined;
    if (!catcher) return this.failThread(tx, id, failure.error, failure.cause);
    const errorOutput: Json = { Error: failure.error, Cause: failure.cause };
    try {
      await this.finishWithOutputs(
        tx,
        id,
        catcher.Output,
        catcher.Assign,
        { errorOutput },
        errorOutput,
        catcher.Next,
      );
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      await this.failThread(tx, id, error.error, error.cause);
    }
  }

  private retry(tx: Transaction, id: string, retriers: readonly RetrierDef[], failure: StatesError): boolean {
    const index = retriers.findIndex((retrier) => errorMatches(retrier.ErrorEquals, failure.error));
    const retrier = retriers[index];
    if (!retrier) return false;
    const thread = tx.get(id);
    const attempts = thread.retryCounts[index] ?? 0;
    if (attempts >= (retrier.MaxAttempts ?? 3)) return false;
    const counts = [...thread.retryCounts];
    while (counts.length < retriers.length) counts.push(0);
    counts[index] = attempts + 1;
    tx.update(id, {
      phase: 'retry',
      until: tx.now + retryDelayMs(retrier, attempts),
      retryCounts: counts,
      retryTotal: thread.retryTotal + 1,
      children: undefined,
    });
    return true;
  }

  // ---- scope -----------------------------------------------------------------

  /** What a state's JSONata expressions see: $states (input, context, result or error) and the variables. */
  scope(
    tx: Transaction,
    thread: Thread,
    contextExtra: JsonObject = {},
    statesExtra: StatesExtra = {},
  ): EvaluationScope {
    return {
      states: {
        input: thread.input,
        ...statesExtra,
        context: { ...contextObject(this.header, this.parsedInput, thread), ...contextExtra },
      },
      variables: visibleVariables(thread, (id) => tx.find(id)),
      now: tx.now,
      stateName: thread.state,
    };
  }
}

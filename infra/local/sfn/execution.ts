// One running execution: the interpreter of its states. Every step runs in a
// transaction, one at a time per execution (steps of different executions
// interleave freely), and counts only once its journal line is written. Task
// invocations run outside the step queue, so a slow Lambda holds up nothing
// but the thread that waits for it.
import type { Clock } from '../clock.ts';
import { apiError, SfnApiError } from './api-errors.ts';
import { type RetrierDef, resolveBranch, type StateDef, type StateMachineDef } from './definition.ts';
import { isJsonObject, type Json, type JsonObject } from './json.ts';
import { type EvaluationScope, evaluateExpression, evaluateTemplate, isExpression } from './jsonata-eval.ts';
import type { Commit, ExecutionClose, ExecutionHeader, HistoryEvent, Thread } from './model.ts';
import {
  historyResourceNames,
  invokeResource,
  isCallback,
  parseResource,
  type ResourceContext,
  type ResourceKind,
} from './resources.ts';
import { contextObject, visibleVariables } from './scope.ts';
import {
  asStatesError,
  asText,
  checkSize,
  parseTimestamp,
  retryDelayMs,
  wholeSeconds,
} from './state-values.ts';
import { errorMatches, StatesError, StatesErrors } from './states-error.ts';
import type { TimerEntry } from './timers.ts';
import { issueToken } from './tokens.ts';
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

type Outcome =
  | { readonly ok: true; readonly value: Json }
  | { readonly ok: false; readonly error: StatesError };

const ROOT = 'root';

/** The interpreter and in-memory state of one execution. */
export class Execution {
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
      if (thread.phase === 'task' && thread.task) this.invoke(thread.id, thread.task.seq, thread.task.args);
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
        if (entry.kind === 'wait') return this.finishWait(tx, id);
        if (entry.kind === 'retry') {
          tx.update(id, { phase: 'enter', until: undefined });
          return;
        }
        const error = entry.kind === 'timeout' ? StatesErrors.timeout : StatesErrors.heartbeatTimeout;
        return this.taskTimedOut(tx, id, error);
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

  private async taskTimedOut(tx: Transaction, id: string, error: string): Promise<void> {
    const thread = tx.get(id);
    const { kind, resource } = this.taskResource(thread);
    const cause =
      error === StatesErrors.timeout ? 'The task timed out.' : 'The task did not send a heartbeat in time.';
    if (kind.kind === 'lambda-function') tx.emit(id, 'LambdaFunctionTimedOut', { error, cause });
    else tx.emit(id, 'TaskTimedOut', { ...historyResourceNames(resource, kind), error, cause });
    await this.handleError(tx, id, new StatesError(error, cause));
  }

  // ---- API-driven steps ------------------------------------------------------

  /** SendTaskSuccess for a task of this execution. */
  taskSucceeded(threadId: string, token: string, output: Json): Promise<void> {
    return this.run(() =>
      this.step(async (tx) => {
        const thread = this.openTask(tx, threadId, token);
        const { kind, resource } = this.taskResource(thread);
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
        const { kind, resource } = this.taskResource(thread);
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

  private stateOf(thread: Thread): StateDef {
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
        return this.succeed(tx, id, state);
      case 'Fail':
        return this.fail(tx, id, state);
      case 'Choice':
        return this.choose(tx, id, state);
      case 'Wait':
        return this.startWait(tx, id, state);
      case 'Task':
        return this.startTask(tx, id, state);
      case 'Parallel':
        return this.startParallel(tx, id, state);
      case 'Map':
        return this.startMap(tx, id, state);
    }
  }

  private async succeed(tx: Transaction, id: string, state: StateDef): Promise<void> {
    const thread = tx.get(id);
    const output =
      state.Output === undefined
        ? thread.input
        : await evaluateTemplate(state.Output, this.scope(tx, thread), 'Output');
    checkSize(output, `the output of state '${thread.state}'`);
    tx.emit(id, 'SucceedStateExited', {
      name: thread.state,
      output: JSON.stringify(output),
      outputDetails: { truncated: false },
    });
    await this.endThread(tx, id, output);
  }

  private async fail(tx: Transaction, id: string, state: StateDef): Promise<void> {
    const scope = this.scope(tx, tx.get(id));
    const error = state.Error === undefined ? undefined : await evaluateTemplate(state.Error, scope, 'Error');
    const cause = state.Cause === undefined ? undefined : await evaluateTemplate(state.Cause, scope, 'Cause');
    await this.failThread(tx, id, asText(error), asText(cause));
  }

  private async choose(tx: Transaction, id: string, state: StateDef): Promise<void> {
    const thread = tx.get(id);
    const scope = this.scope(tx, thread);
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
      return this.finishWithOutputs(tx, id, rule.Output ?? state.Output, assign, {}, thread.input, rule.Next);
    }
    if (state.Default === undefined) {
      throw new StatesError(
        StatesErrors.noChoiceMatched,
        `No Choice rule matched in state '${thread.state}' and there is no Default.`,
      );
    }
    return this.finishWithOutputs(tx, id, state.Output, state.Assign, {}, thread.input, state.Default);
  }

  private async startWait(tx: Transaction, id: string, state: StateDef): Promise<void> {
    const thread = tx.get(id);
    const scope = this.scope(tx, thread);
    let until: number;
    if (state.Seconds !== undefined) {
      until = tx.now + (await wholeSeconds(state.Seconds, scope, 'Seconds', 0)) * 1000;
    } else {
      const value = await evaluateTemplate(state.Timestamp ?? null, scope, 'Timestamp');
      until = parseTimestamp(value, thread.state);
    }
    tx.update(id, { phase: 'wait', until });
  }

  private async finishWait(tx: Transaction, id: string): Promise<void> {
    const thread = tx.update(id, { until: undefined });
    const state = this.stateOf(thread);
    try {
      await this.finishWithOutputs(tx, id, state.Output, state.Assign, {}, thread.input);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      await this.handleError(tx, id, error);
    }
  }

  // ---- tasks -----------------------------------------------------------------

  private taskResource(thread: Thread): { kind: ResourceKind; resource: string } {
    const resource = this.stateOf(thread).Resource ?? '';
    const kind = parseResource(resource);
    if (!kind) throw new StatesError(StatesErrors.runtime, `Unsupported resource ${resource}`);
    return { kind, resource };
  }

  private async startTask(tx: Transaction, id: string, state: StateDef): Promise<void> {
    const thread = tx.get(id);
    const { kind, resource } = this.taskResource(thread);
    const seq = tx.nextEventId();
    const token = isCallback(kind) ? issueToken({ executionArn: this.arn, threadId: id, seq }) : undefined;
    const scope = this.scope(tx, thread, token === undefined ? {} : { Task: { Token: token } });
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
        region: this.services.region,
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
    tx.afterCommit(() => this.invoke(id, seq, args, timeoutSeconds));
  }

  private invoke(id: string, seq: number, args: Json, timeoutSeconds?: number): void {
    const thread = this.threads.get(id);
    if (!thread) return;
    const { kind } = this.taskResource(thread);
    const timeoutMs = timeoutSeconds === undefined || isCallback(kind) ? undefined : timeoutSeconds * 1000;
    const work = invokeResource(kind, args, this.services.resources, timeoutMs).then(
      (value): Outcome => ({ ok: true, value }),
      (error: unknown): Outcome => ({ ok: false, error: asStatesError(error) }),
    );
    this.services.track(
      work.then((outcome) => this.run(() => this.step((tx) => this.taskReturned(tx, id, seq, outcome)))),
    );
  }

  private async taskReturned(tx: Transaction, id: string, seq: number, outcome: Outcome): Promise<void> {
    const thread = tx.find(id);
    // The attempt was overtaken (a callback, a timeout, a stop): its result no longer counts.
    if (thread?.phase !== 'task' || thread.task?.seq !== seq) return;
    const { kind, resource } = this.taskResource(thread);
    const names = historyResourceNames(resource, kind);
    if (!outcome.ok) {
      const { error, cause } = outcome.error;
      if (kind.kind === 'lambda-function') tx.emit(id, 'LambdaFunctionFailed', { error, cause });
      else tx.emit(id, 'TaskFailed', { ...names, error, cause });
      return this.handleError(tx, id, outcome.error);
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
    await this.stateResult(tx, id, outcome.value);
  }

  /** A Task, Parallel or Map produced its result: Output and Assign, then on. */
  private async stateResult(tx: Transaction, id: string, result: Json): Promise<void> {
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

  private async startParallel(tx: Transaction, id: string, state: StateDef): Promise<void> {
    const thread = tx.get(id);
    const input =
      state.Arguments === undefined
        ? thread.input
        : await evaluateTemplate(state.Arguments, this.scope(tx, thread), 'Arguments');
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
        this.childThread(
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
      this.enterFirstState(tx, childId);
    }
  }

  private async startMap(tx: Transaction, id: string, state: StateDef): Promise<void> {
    const thread = tx.get(id);
    const scope = this.scope(tx, thread);
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
              this.scope(tx, thread, { Map: { Item: { Index: index, Value: value } } }),
              'ItemSelector',
            ),
      );
    }
    const startedEventId = tx.emit(id, 'MapStateStarted', { length: inputs.length });
    if (inputs.length === 0) {
      tx.emit(id, 'MapStateSucceeded');
      return this.stateResult(tx, id, []);
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
        ...this.childThread(
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
    this.pump(tx, id);
  }

  private childThread(
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

  private enterFirstState(tx: Transaction, id: string): void {
    const thread = tx.get(id);
    tx.emit(id, `${this.stateOf(thread).Type}StateEntered`, {
      name: thread.state,
      input: JSON.stringify(thread.input),
      inputDetails: { truncated: false },
    });
    tx.update(id, { phase: 'enter', enteredAt: tx.now });
  }

  /** Starts queued Map iterations up to MaxConcurrency. */
  private pump(tx: Transaction, parentId: string): void {
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
      this.enterFirstState(tx, childId);
      started += 1;
    }
    tx.update(parentId, { children: { ...progress, started } });
  }

  private childrenOf(tx: Transaction, parentId: string): Thread[] {
    return tx
      .all()
      .filter((thread) => thread.parentId === parentId)
      .sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  }

  private async childFinished(tx: Transaction, childId: string): Promise<void> {
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
      this.pump(tx, parent.id);
      return;
    }
    const results = this.childrenOf(tx, parent.id).map((thread) => thread.output ?? null);
    for (const thread of this.childrenOf(tx, parent.id)) tx.drop(thread.id);
    tx.emit(
      parent.id,
      progress.kind === 'map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded',
      undefined,
      lastEventId,
    );
    tx.update(parent.id, { children: undefined });
    await this.stateResult(tx, parent.id, results);
  }

  private async childFailed(tx: Transaction, childId: string, error: string, cause: string): Promise<void> {
    const child = tx.get(childId);
    const parent = tx.get(child.parentId ?? ROOT);
    const progress = parent.children;
    if (!progress) throw new Error(`thread ${parent.id} is not waiting for children`);
    let lastEventId = child.lastEventId;
    if (progress.kind === 'map') {
      lastEventId = tx.emit(childId, 'MapIterationFailed', { name: parent.state, index: child.index ?? 0 });
      for (const other of this.childrenOf(tx, parent.id)) {
        if (other.id === childId || other.phase === 'queued' || other.phase === 'done') continue;
        tx.emit(other.id, 'MapIterationAborted', { name: parent.state, index: other.index ?? 0 });
      }
    }
    for (const thread of this.childrenOf(tx, parent.id)) tx.drop(thread.id);
    tx.emit(
      parent.id,
      progress.kind === 'map' ? 'MapStateFailed' : 'ParallelStateFailed',
      undefined,
      lastEventId,
    );
    tx.update(parent.id, { children: undefined });
    await this.handleError(tx, parent.id, new StatesError(error, cause));
  }

  // ---- completion and errors -------------------------------------------------

  /** Evaluates Output and Assign (both against the variables as they were) and leaves the state. */
  private async finishWithOutputs(
    tx: Transaction,
    id: string,
    outputTemplate: Json | undefined,
    assignTemplate: JsonObject | undefined,
    extra: { result?: Json; errorOutput?: Json },
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

  private async endThread(tx: Transaction, id: string, output: Json): Promise<void> {
    const thread = tx.get(id);
    if (thread.parentId === undefined) {
      const text = JSON.stringify(output);
      tx.emit(id, 'ExecutionSucceeded', { output: text, outputDetails: { truncated: false } });
      tx.close({ status: 'SUCCEEDED', stopDate: tx.now, output: text });
      return;
    }
    tx.update(id, { phase: 'done', output });
    await this.childFinished(tx, id);
  }

  private async failThread(
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
    await this.childFailed(tx, id, error ?? '', cause ?? '');
  }

  /** Retry, then Catch, then fail the thread: the Amazon States Language's order. */
  private async handleError(tx: Transaction, id: string, failure: StatesError): Promise<void> {
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

  private scope(
    tx: Transaction,
    thread: Thread,
    contextExtra: JsonObject = {},
    statesExtra: { result?: Json; errorOutput?: Json } = {},
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

function isTaskOpen(thread: Thread): boolean {
  return thread.phase === 'task' || thread.phase === 'callback';
}

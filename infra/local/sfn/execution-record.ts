// The persisted shape of an execution: its header (what StartExecution was
// given), its history, its threads of control (the main path, each Parallel
// branch and each Map iteration) and, once closed, how it ended. The journal
// records commits of these; replaying the commits rebuilds the execution.
import type { BranchStep } from './definition.ts';
import type { Json, JsonObject } from './json.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionHeader {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly name: string;
  /** The definition the execution started with; later updates do not affect it, as on AWS. */
  readonly definition: string;
  readonly roleArn: string;
  readonly input: string;
  readonly startDate: number;
}

export interface ExecutionClose {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly stopDate: number;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** A GetExecutionHistory event; `timestamp` is kept in ms and sent as epoch seconds. */
export type HistoryEvent = JsonObject & {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
};

export type ThreadPhase =
  | 'queued' // a Map iteration not started yet (MaxConcurrency)
  | 'enter' // state entered, its work not done yet
  | 'task' // a task's resource is being invoked
  | 'callback' // waiting for SendTaskSuccess/SendTaskFailure
  | 'wait' // a Wait state waiting for `until`
  | 'retry' // a retrier's pause until `until`
  | 'children' // a Parallel or Map waiting for its branches or iterations
  | 'done' // a finished branch or iteration, output kept for its parent
  | 'failed';

export interface TaskProgress {
  /** Attempt number within the thread: results of an older attempt are ignored. */
  readonly seq: number;
  readonly args: Json;
  readonly token?: string;
  readonly timeoutAt?: number;
  readonly heartbeatSeconds?: number;
  readonly heartbeatAt?: number;
}

export interface ChildrenProgress {
  readonly kind: 'parallel' | 'map';
  readonly total: number;
  readonly started: number;
  readonly completed: number;
  /** 0 means no limit. */
  readonly maxConcurrency: number;
  /** Id of the ParallelStateStarted / MapStateStarted event, part of the children's ids. */
  readonly startedEventId: number;
}

export interface Thread {
  readonly id: string;
  readonly parentId?: string;
  /** Branch index or iteration index within the parent. */
  readonly index?: number;
  readonly path: readonly BranchStep[];
  /** Variables assigned in this thread's scope; outer scopes are the ancestors'. */
  readonly vars: Readonly<Record<string, Json>>;
  readonly state: string;
  readonly input: Json;
  readonly enteredAt: number;
  readonly lastEventId: number;
  readonly phase: ThreadPhase;
  readonly retryCounts: readonly number[];
  readonly retryTotal: number;
  readonly task?: TaskProgress;
  readonly until?: number;
  readonly children?: ChildrenProgress;
  readonly output?: Json;
}

/** One atomic step of an execution, one line of its journal. */
export interface Commit {
  readonly events: readonly HistoryEvent[];
  readonly set: readonly Thread[];
  readonly remove: readonly string[];
  readonly close?: ExecutionClose;
}

/**
 * The detail of EventBridge's "Step Functions Execution Status Change" event.
 * https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html
 */
export interface ExecutionStatusChange {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  /** Epoch milliseconds, as in the EventBridge event. */
  readonly startDate: number;
  readonly stopDate: number | null;
  readonly input: string;
  readonly output: string | null;
  readonly error: string | null;
  readonly cause: string | null;
}

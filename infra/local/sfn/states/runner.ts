// What the per-state-type modules need from the execution that runs them: the
// core (execution.ts) implements it, and the modules import only this type, so
// the core and the state types depend on each other through one interface.
import type { Clock } from '../../clock.ts';
import type { StateDef, StateMachineDef } from '../definition.ts';
import type { Thread } from '../execution-record.ts';
import type { Json, JsonObject } from '../json.ts';
import type { EvaluationScope } from '../jsonata-eval.ts';
import type { ResourceContext } from '../resources.ts';
import type { StatesError } from '../states-error.ts';
import type { Transaction } from '../transaction.ts';

/** The extra values a state's expressions may see: the task's result or the caught error. */
export interface StatesExtra {
  readonly result?: Json;
  readonly errorOutput?: Json;
}

/** The execution as the state types see it. */
export interface StateRunner {
  readonly arn: string;
  readonly definition: StateMachineDef;
  readonly threads: ReadonlyMap<string, Thread>;
  readonly clock: Clock;
  readonly region: string;
  readonly resources: ResourceContext;
  /** Counts work in flight for the engine's idle(). */
  track(work: Promise<unknown>): void;
  /** Runs a step in a transaction after the execution's earlier steps. */
  runStep(body: (tx: Transaction) => Promise<void>): Promise<void>;
  stateOf(thread: Thread): StateDef;
  scope(
    tx: Transaction,
    thread: Thread,
    contextExtra?: JsonObject,
    statesExtra?: StatesExtra,
  ): EvaluationScope;
  /** Evaluates Output and Assign and leaves the state for `next` (or its Next, or the end). */
  finishWithOutputs(
    tx: Transaction,
    id: string,
    outputTemplate: Json | undefined,
    assignTemplate: JsonObject | undefined,
    extra: StatesExtra,
    defaultOutput: Json,
    next?: string,
  ): Promise<void>;
  /** A Task, Parallel or Map produced its result: Output and Assign, then on. */
  stateResult(tx: Transaction, id: string, result: Json): Promise<void>;
  /** Retry, then Catch, then fail the thread. */
  handleError(tx: Transaction, id: string, failure: StatesError): Promise<void>;
  endThread(tx: Transaction, id: string, output: Json): Promise<void>;
  failThread(
    tx: Transaction,
    id: string,
    error: string | undefined,
    cause: string | undefined,
  ): Promise<void>;
}

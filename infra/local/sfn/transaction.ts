// A transaction gathers the history events and thread changes of one step of
// an execution; committing it writes one journal line and only then applies it.

import type { Commit, ExecutionClose, HistoryEvent, Thread } from './execution-record.ts';
import type { JsonObject } from './json.ts';

/** The read side a transaction layers its changes over. */
export interface TransactionBase {
  readonly eventCount: number;
  readonly threads: ReadonlyMap<string, Thread>;
}

/** The key GetExecutionHistory uses for an event type's details. */
export function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** Pending events and thread changes of one step. */
export class Transaction {
  readonly events: HistoryEvent[] = [];
  private readonly changed = new Map<string, Thread>();
  private readonly removed = new Set<string>();
  private closing?: ExecutionClose;
  private readonly after: (() => void)[] = [];

  constructor(
    private readonly base: TransactionBase,
    readonly now: number,
  ) {}

  /** The thread as this transaction sees it. */
  find(id: string): Thread | undefined {
    if (this.removed.has(id)) return undefined;
    return this.changed.get(id) ?? this.base.threads.get(id);
  }

  /** The thread, which must exist. */
  get(id: string): Thread {
    const thread = this.find(id);
    if (!thread) throw new Error(`thread ${id} does not exist`);
    return thread;
  }

  /** Every live thread, as this transaction sees them. */
  all(): Thread[] {
    const ids = new Set([...this.base.threads.keys(), ...this.changed.keys()]);
    return [...ids].flatMap((id) => {
      const thread = this.find(id);
      return thread ? [thread] : [];
    });
  }

  /** The id the next event will get. */
  nextEventId(): number {
    return this.base.eventCount + this.events.length + 1;
  }

  /** Adds an event; a thread's event chains to that thread's previous event. */
  emit(threadId: string | undefined, type: string, details?: JsonObject, previousEventId?: number): number {
    const id = this.nextEventId();
    const thread = threadId === undefined ? undefined : this.get(threadId);
    const previous = previousEventId ?? thread?.lastEventId ?? id - 1;
    const event: HistoryEvent = { id, previousEventId: previous, timestamp: this.now, type };
    this.events.push(details === undefined ? event : { ...event, [detailsKey(type)]: details });
    if (thread) this.put({ ...thread, lastEventId: id });
    return id;
  }

  /** Creates or replaces a thread. */
  put(thread: Thread): void {
    this.removed.delete(thread.id);
    this.changed.set(thread.id, thread);
  }

  /** Changes some fields of a thread. */
  update(id: string, patch: Partial<Thread>): Thread {
    const next = { ...this.get(id), ...patch };
    this.put(next);
    return next;
  }

  /** Removes a thread and everything it spawned. */
  drop(id: string): void {
    for (const thread of this.all()) if (thread.parentId === id) this.drop(thread.id);
    this.changed.delete(id);
    this.removed.add(id);
  }

  /** Closes the execution: every thread goes. */
  close(close: ExecutionClose): void {
    this.closing = close;
    for (const thread of this.all()) this.drop(thread.id);
  }

  get closed(): ExecutionClose | undefined {
    return this.closing;
  }

  /** Runs once the transaction is committed (starting a task, for instance). */
  afterCommit(action: () => void): void {
    this.after.push(action);
  }

  get isEmpty(): boolean {
    return this.events.length === 0 && this.changed.size === 0 && this.removed.size === 0 && !this.closing;
  }

  /** The journal line for this transaction. */
  toCommit(): Commit {
    const removed = [...this.removed].filter((id) => this.base.threads.has(id));
    return {
      events: this.events,
      set: [...this.changed.values()],
      remove: removed,
      ...(this.closing ? { close: this.closing } : {}),
    };
  }

  /** The actions registered with afterCommit. */
  get afterActions(): readonly (() => void)[] {
    return this.after;
  }
}

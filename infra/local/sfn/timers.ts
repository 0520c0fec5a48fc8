// A min-heap of due instants. Entries are never removed when they become
// stale (a task finished before its timeout); the owner checks, when an entry
// comes due, whether it still applies.

export interface TimerEntry {
  readonly due: number;
  readonly executionArn: string;
  /** Undefined for the execution's own deadline. */
  readonly threadId?: string;
  readonly kind: 'wait' | 'retry' | 'timeout' | 'heartbeat' | 'execution';
}

/** Earliest-first queue of timers. */
export class TimerQueue {
  private readonly heap: TimerEntry[] = [];
  private readonly keys = new Set<string>();

  /** Adds a timer unless the same one is already queued. */
  add(entry: TimerEntry): void {
    const key = keyOf(entry);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.heap.push(entry);
    this.up(this.heap.length - 1);
  }

  /** The earliest entry, dropping from the top those `isLive` rejects. */
  peek(isLive: (entry: TimerEntry) => boolean): TimerEntry | undefined {
    for (;;) {
      const top = this.heap[0];
      if (!top || isLive(top)) return top;
      this.pop();
    }
  }

  /** Removes and returns the earliest entry. */
  pop(): TimerEntry | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    this.keys.delete(keyOf(top));
    return top;
  }

  get size(): number {
    return this.heap.length;
  }

  private up(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.at(parent).due <= this.at(child).due) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private down(index: number): void {
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.heap.length && this.at(left).due < this.at(smallest).due) smallest = left;
      if (right < this.heap.length && this.at(right).due < this.at(smallest).due) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }

  private at(index: number): TimerEntry {
    const entry = this.heap[index];
    if (!entry) throw new Error(`timer heap index ${index} out of range`);
    return entry;
  }

  private swap(a: number, b: number): void {
    const first = this.at(a);
    this.heap[a] = this.at(b);
    this.heap[b] = first;
  }
}

function keyOf(entry: TimerEntry): string {
  return `${entry.executionArn}|${entry.threadId ?? ''}|${entry.kind}|${entry.due}`;
}

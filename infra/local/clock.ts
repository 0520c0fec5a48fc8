// The embedded runtime's clock. Everything local that depends on time — the
// API stand-in's requestContext.timeEpoch, token expiry, the scheduler, the
// Step Functions engine's waits, timeouts and retries — reads this clock, so a
// whole campaign year can be played in seconds.

/** Reads the current virtual instant. */
export interface Clock {
  /** Milliseconds since the epoch, virtual. */
  now(): number;
}

/**
 * Something that has work due at instants of virtual time: the scheduler and
 * the Step Functions engine. The clock moves from one due instant to the next,
 * letting each participant fire and settle before it moves on.
 */
export interface TimeDriven {
  /** The earliest instant (ms) at which something is due, or undefined when nothing is. */
  nextDue(): number | undefined;
  /** Fires everything due at or before `now`; resolves when what it fired has settled. */
  fireDue(now: number): Promise<void>;
  /** Resolves when no work is in flight (every execution waits on a callback or a timer). */
  idle(): Promise<void>;
}

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock, TimeDriven } from './clock.ts';

export interface VirtualClockOptions {
  /** Where the clock keeps its reading across restarts. */
  readonly file: string;
  /** The first reading, used when the file does not exist yet. */
  readonly start: number;
  /** When true the clock also moves with real time between explicit moves. */
  readonly running: boolean;
}

interface SavedClock {
  readonly now: number;
}

/** Raised when asked to move the clock backwards. */
export class ClockMovesForwardOnlyError extends Error {
  constructor(now: number, to: number) {
    super(
      `The clock only moves forward: it reads ${new Date(now).toISOString()}, asked for ${new Date(to).toISOString()}.`,
    );
    this.name = 'ClockMovesForwardOnlyError';
  }
}

/**
 * The runtime's virtual clock and its driver. Moving it forward walks from one
 * due instant to the next, letting every participant (scheduler, engine) fire
 * what is due and settle, so events happen in order as they would in real time.
 */
export class VirtualClock implements Clock {
  private current: number;
  private realAnchor = performance.now();
  private readonly participants: TimeDriven[] = [];
  private moving: Promise<void> = Promise.resolve();
  private ticker: NodeJS.Timeout | undefined;

  constructor(private readonly options: VirtualClockOptions) {
    this.current = VirtualClock.read(options.file) ?? options.start;
    this.save();
  }

  private static read(file: string): number | undefined {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedClock;
      return typeof saved.now === 'number' ? saved.now : undefined;
    } catch {
      return undefined;
    }
  }

  /** Milliseconds since the epoch, virtual. */
  now(): number {
    if (!this.options.running) return this.current;
    return Math.max(this.current, Math.floor(this.current + (performance.now() - this.realAnchor)));
  }

  /** Refuses a move to an instant before the current reading. */
  assertForward(target: number): void {
    const now = this.now();
    if (target < now) throw new ClockMovesForwardOnlyError(now, target);
  }

  /** Adds a participant whose due work the clock fires as it moves. */
  register(participant: TimeDriven): void {
    this.participants.push(participant);
  }

  /** In running mode, fires due work as real time passes (once a second). */
  startTicking(): void {
    if (!this.options.running || this.ticker) return;
    this.ticker = setInterval(() => {
      this.advanceTo(this.now()).catch(() => undefined);
    }, 1000);
    this.ticker.unref();
  }

  stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.save();
  }

  /**
   * Moves the clock to `target`, firing in order every schedule, wait and
   * timeout due on the way; resolves when the system is idle again.
   */
  advanceTo(target: number): Promise<void> {
    const run = this.moving.then(() => this.walk(target));
    this.moving = run.catch(() => undefined);
    return run;
  }

  private setCurrent(instant: number): void {
    this.current = instant;
    this.realAnchor = performance.now();
  }

  private async walk(target: number): Promise<void> {
    const from = this.now();
    // The control API refuses a backwards move up front; a tick computed a
    // moment ago may trail the clock by a few milliseconds and is clamped.
    if (target < from) target = from;
    this.setCurrent(from);
    await this.settle();
    for (;;) {
      const due = this.participants
        .map((participant) => participant.nextDue())
        .filter((instant): instant is number => instant !== undefined)
        .reduce<number | undefined>(
          (earliest, instant) => (earliest === undefined || instant < earliest ? instant : earliest),
          undefined,
        );
      if (due === undefined || due > target) break;
      this.setCurrent(Math.max(this.current, due));
      this.save();
      for (const participant of this.participants) await participant.fireDue(this.current);
      await this.settle();
    }
    this.setCurrent(Math.max(this.current, target));
    this.save();
  }

  /** Resolves when every participant is idle. */
  async settle(): Promise<void> {
    for (const participant of this.participants) await participant.idle();
  }

  private save(): void {
    mkdirSync(dirname(this.options.file), { recursive: true });
    const temporary = `${this.options.file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ now: this.current } satisfies SavedClock));
    renameSync(temporary, this.options.file);
  }
}

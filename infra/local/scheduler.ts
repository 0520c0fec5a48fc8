// The EventBridge Scheduler stand-in: fires the catalog's schedules at their
// cron times in their time zones, against the runtime's clock. What it fired
// is persisted, so a restart skips no occurrence (and repeats one only if it was cut off mid-delivery).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ScheduleSpec } from '../../functions/catalog.ts';
import type { Clock, TimeDriven } from './clock.ts';
import { type CronSchedule, nextFireTime, parseCron } from './eventbridge-cron.ts';

export interface ScheduleTargets {
  startExecution(stateMachineName: string, input: unknown): Promise<void>;
  invokeFunction(functionName: string, input: unknown): Promise<void>;
}

export interface FiredOccurrence {
  readonly schedule: string;
  readonly scheduledTime: string;
  readonly error?: string;
}

interface SavedState {
  readonly lastFired: Record<string, number>;
}

// Look no further ahead than this for an occurrence: a cron whose next time is
// farther away is treated as idle until the clock gets closer.
const HORIZON_MS = 400 * 24 * 3600 * 1000;

export interface LocalScheduler extends TimeDriven {
  /** Every occurrence fired since start, oldest first. */
  fired(): readonly FiredOccurrence[];
}

function fillContext(input: Readonly<Record<string, string>>, scheduledTime: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      value
        .replaceAll('<aws.scheduler.scheduled-time>', scheduledTime)
        .replaceAll('<aws.scheduler.execution-id>', randomUUID())
        .replaceAll('<aws.scheduler.attempt-number>', '1'),
    ]),
  );
}

/** Creates the scheduler for the catalog's schedules, persisting to `stateFile`. */
export function createScheduler(
  schedules: readonly ScheduleSpec[],
  clock: Clock,
  targets: ScheduleTargets,
  stateFile: string,
): LocalScheduler {
  const parsed = new Map<string, CronSchedule>(
    schedules.map((s) => [s.name, parseCron(s.expression, s.timeZone)]),
  );
  let saved: SavedState;
  try {
    saved = JSON.parse(readFileSync(stateFile, 'utf8')) as SavedState;
  } catch {
    saved = { lastFired: {} };
  }
  const lastFired = new Map<string, number>();
  for (const schedule of schedules)
    lastFired.set(schedule.name, saved.lastFired[schedule.name] ?? clock.now());
  const log: FiredOccurrence[] = [];
  let inFlight = Promise.resolve();

  const persist = () => {
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(
      `${stateFile}.tmp`,
      JSON.stringify({ lastFired: Object.fromEntries(lastFired) } satisfies SavedState),
    );
    renameSync(`${stateFile}.tmp`, stateFile);
  };
  persist();

  const nextOf = (schedule: ScheduleSpec): number | undefined => {
    const cron = parsed.get(schedule.name);
    const after = lastFired.get(schedule.name) ?? clock.now();
    return cron ? nextFireTime(cron, after, Math.max(after, clock.now()) + HORIZON_MS) : undefined;
  };

  const fire = async (schedule: ScheduleSpec, at: number) => {
    const scheduledTime = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const input = fillContext(schedule.input, scheduledTime);
    try {
      if ('stateMachine' in schedule.target)
        await targets.startExecution(schedule.target.stateMachine, input);
      else await targets.invokeFunction(schedule.target.function, input);
      log.push({ schedule: schedule.name, scheduledTime });
    } catch (error) {
      log.push({ schedule: schedule.name, scheduledTime, error: (error as Error).message });
    }
  };

  return {
    nextDue() {
      let earliest: number | undefined;
      for (const schedule of schedules) {
        const next = nextOf(schedule);
        if (next !== undefined && (earliest === undefined || next < earliest)) earliest = next;
      }
      return earliest;
    },
    async fireDue(now) {
      for (const schedule of schedules) {
        for (let next = nextOf(schedule); next !== undefined && next <= now; next = nextOf(schedule)) {
          // Recorded after the target accepted it: a crash in between repeats
          // the occurrence (at-least-once, as EventBridge Scheduler delivers).
          const firing = fire(schedule, next);
          inFlight = inFlight.then(() => firing);
          await firing;
          lastFired.set(schedule.name, next);
          persist();
        }
      }
    },
    idle: () => inFlight,
    fired: () => [...log],
  };
}

// EventBridge Scheduler cron expressions — `cron(minutes hours day-of-month
// month day-of-week year)` — evaluated in a time zone. Day-of-week counts
// 1 = SUN … 7 = SAT, unlike Unix cron; one of day-of-month and day-of-week
// must be `?`. https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
import { TZDate } from '@date-fns/tz';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: Record<'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek' | 'year', FieldSpec> = {
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dayOfMonth: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: MONTHS },
  dayOfWeek: { min: 1, max: 7, names: DAYS },
  year: { min: 1970, max: 2199 },
};

type Matcher = (value: number, context: { daysInMonth: number; dayOfMonth: number }) => boolean;

export interface CronSchedule {
  readonly minute: Matcher;
  readonly hour: Matcher;
  readonly dayOfMonth: Matcher;
  readonly month: Matcher;
  readonly dayOfWeek: Matcher;
  readonly year: Matcher;
  readonly timeZone: string;
}

/** Raised for an expression EventBridge Scheduler would refuse. */
export class CronSyntaxError extends Error {
  constructor(expression: string, reason: string) {
    super(`Invalid schedule expression "${expression}": ${reason}`);
    this.name = 'CronSyntaxError';
  }
}

function parseValue(token: string, spec: FieldSpec, fail: (reason: string) => never): number {
  const byName = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  const value = byName >= 0 ? byName + spec.min : Number(token);
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) fail(`"${token}" is out of range`);
  return value;
}

function parseField(
  field: string,
  spec: FieldSpec,
  kind: keyof typeof FIELDS,
  fail: (reason: string) => never,
): Matcher {
  if (field === '*' || field === '?') return () => true;
  if (kind === 'dayOfMonth' && field === 'L') return (value, ctx) => value === ctx.daysInMonth;
  if (kind === 'dayOfWeek' && field.includes('#')) {
    const [day = '', nth = ''] = field.split('#');
    const weekday = parseValue(day, spec, fail);
    const occurrence = Number(nth);
    if (!Number.isInteger(occurrence) || occurrence < 1 || occurrence > 5) fail(`"${field}" is out of range`);
    return (value, ctx) => value === weekday && Math.ceil(ctx.dayOfMonth / 7) === occurrence;
  }
  const allowed = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) fail(`bad step in "${part}"`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = parseValue(a, spec, fail);
      to = parseValue(b, spec, fail);
    } else {
      from = parseValue(range, spec, fail);
      to = stepText === undefined ? from : spec.max;
    }
    if (from > to) fail(`range "${range}" runs backwards`);
    for (let v = from; v <= to; v += step) allowed.add(v);
  }
  return (value) => allowed.has(value);
}

/** Parses `cron(...)` for a time zone, refusing what EventBridge would refuse. */
export function parseCron(expression: string, timeZone: string): CronSchedule {
  const fail = (reason: string): never => {
    throw new CronSyntaxError(expression, reason);
  };
  const body = /^cron\((.*)\)$/.exec(expression.trim())?.[1];
  if (body === undefined) fail('expected cron(minutes hours day-of-month month day-of-week year)');
  const parts = (body ?? '').trim().split(/\s+/);
  if (parts.length !== 6) fail('expected six fields');
  const [minute = '', hour = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = parts;
  if ((dayOfMonth === '?') === (dayOfWeek === '?'))
    fail('exactly one of day-of-month and day-of-week must be "?"');
  return {
    minute: parseField(minute, FIELDS.minute, 'minute', fail),
    hour: parseField(hour, FIELDS.hour, 'hour', fail),
    dayOfMonth: parseField(dayOfMonth, FIELDS.dayOfMonth, 'dayOfMonth', fail),
    month: parseField(month, FIELDS.month, 'month', fail),
    dayOfWeek: parseField(dayOfWeek, FIELDS.dayOfWeek, 'dayOfWeek', fail),
    year: parseField(year, FIELDS.year, 'year', fail),
    timeZone,
  };
}

/**
 * The first instant strictly after `after` at which the schedule fires, or
 * undefined when none does before `until`. Walks local days in the schedule's
 * time zone, then the matching hours and minutes of each.
 */
export function nextFireTime(schedule: CronSchedule, after: number, until: number): number | undefined {
  const start = new TZDate(after, schedule.timeZone);
  let day = new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), schedule.timeZone);
  while (day.getTime() <= until) {
    const y = day.getFullYear();
    const m = day.getMonth() + 1;
    const d = day.getDate();
    const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const ctx = { daysInMonth, dayOfMonth: d };
    if (
      schedule.year(y, ctx) &&
      schedule.month(m, ctx) &&
      schedule.dayOfMonth(d, ctx) &&
      schedule.dayOfWeek(day.getDay() + 1, ctx)
    ) {
      for (let h = 0; h < 24; h++) {
        if (!schedule.hour(h, ctx)) continue;
        for (let min = 0; min < 60; min++) {
          if (!schedule.minute(min, ctx)) continue;
          const at = new TZDate(y, m - 1, d, h, min, 0, schedule.timeZone).getTime();
          if (at > after && at <= until) return at;
        }
      }
    }
    day = new TZDate(y, m - 1, d + 1, schedule.timeZone);
  }
  return undefined;
}

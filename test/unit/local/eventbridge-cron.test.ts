import { describe, expect, it } from 'vitest';
import { CronSyntaxError, nextFireTime, parseCron } from '../../../infra/local/eventbridge-cron.ts';

const YEAR = 366 * 24 * 3600 * 1000;
const next = (expression: string, after: string, timeZone = 'UTC') => {
  const at = nextFireTime(parseCron(expression, timeZone), Date.parse(after), Date.parse(after) + YEAR);
  return at === undefined ? undefined : new Date(at).toISOString();
};

// Examples from https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
describe('EventBridge Scheduler cron expressions', () => {
  it('cron(15 10 ? * 6L 2022-2023) style: 10:15 UTC on the listed days (docs: cron-based schedules)', () => {
    expect(next('cron(15 10 * * ? *)', '2016-10-01T00:00:00Z')).toBe('2016-10-01T10:15:00.000Z');
  });

  it('cron(0 18 ? * MON-FRI *): 18:00 on weekdays only (docs example)', () => {
    // 01/10/2016 was a Saturday: the next weekday is Monday 03/10.
    expect(next('cron(0 18 ? * MON-FRI *)', '2016-10-01T00:00:00Z')).toBe('2016-10-03T18:00:00.000Z');
  });

  it('cron(0 8 1 * ? *): 08:00 on the first of every month (docs example)', () => {
    expect(next('cron(0 8 1 * ? *)', '2016-10-01T08:00:00Z')).toBe('2016-11-01T08:00:00.000Z');
  });

  it('cron(0/10 * ? * MON-FRI *): every 10 minutes on weekdays (docs example)', () => {
    expect(next('cron(0/10 * ? * MON-FRI *)', '2016-10-03T08:05:00Z')).toBe('2016-10-03T08:10:00.000Z');
  });

  it('counts day-of-week 1 = Sunday, unlike Unix cron', () => {
    expect(next('cron(0 0 ? * 1 *)', '2016-10-01T00:00:00Z')).toBe('2016-10-02T00:00:00.000Z');
  });

  it('L in day-of-month is the last day, # in day-of-week the nth weekday', () => {
    expect(next('cron(0 0 L * ? *)', '2016-02-01T00:00:00Z')).toBe('2016-02-29T00:00:00.000Z');
    expect(next('cron(0 12 ? * FRI#2 *)', '2020-01-01T00:00:00Z')).toBe('2020-01-10T12:00:00.000Z');
  });

  it('reads the wall clock in the schedule time zone: midnight in Hanoi is 17:00 UTC the day before', () => {
    expect(next('cron(0 0 * * ? *)', '2016-09-30T16:59:59Z', 'Asia/Ho_Chi_Minh')).toBe(
      '2016-09-30T17:00:00.000Z',
    );
    expect(next('cron(0 0 * * ? *)', '2016-09-30T17:00:00Z', 'Asia/Ho_Chi_Minh')).toBe(
      '2016-10-01T17:00:00.000Z',
    );
  });

  it('follows daylight saving where the zone has it (America/New_York)', () => {
    // 13/03/2016 02:00 local did not exist; 09:00 local is 13:00 UTC after the change.
    expect(next('cron(0 9 * * ? *)', '2016-03-13T00:00:00Z', 'America/New_York')).toBe(
      '2016-03-13T13:00:00.000Z',
    );
  });

  it('honours the year field and stops when no year is left', () => {
    expect(next('cron(0 0 1 1 ? 2018)', '2016-10-01T00:00:00Z')).toBeUndefined();
    expect(next('cron(0 0 1 1 ? 2017)', '2016-10-01T00:00:00Z')).toBe('2017-01-01T00:00:00.000Z');
  });

  it('refuses what EventBridge refuses', () => {
    expect(() => parseCron('cron(0 0 * * * *)', 'UTC')).toThrow(CronSyntaxError);
    expect(() => parseCron('cron(0 0 ? * ? *)', 'UTC')).toThrow(CronSyntaxError);
    expect(() => parseCron('cron(61 0 * * ? *)', 'UTC')).toThrow(CronSyntaxError);
    expect(() => parseCron('rate(1 day)', 'UTC')).toThrow(CronSyntaxError);
    expect(() => parseCron('cron(0 0 * * ?)', 'UTC')).toThrow(CronSyntaxError);
  });
});

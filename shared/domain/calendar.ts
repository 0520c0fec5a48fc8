// The campaign calendar as exact instants in Asia/Ho_Chi_Minh (docs/ARCHITECTURE.md).
// Every deadline is a half-open bound `…DueBefore` / `closesBefore`: the first instant that is too late,
// so "until the end of 10/10" becomes "before 11/10 00:00:00" and comparisons stay exact to the second.
/// <reference path="./timezone-support.d.ts" />
import {
  findTimeZone,
  getUnixTime,
  getZonedTime,
  populateTimeZones,
  type TimeZoneInfo,
} from 'timezone-support/lookup-convert';
import { InvalidInputError } from './errors.ts';
import { type Campaign, type LocalDate, type MonthDay, TIME_ZONE } from './types.ts';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const WALL_TIME = /^(\d{2}):(\d{2}):(\d{2})$/;

/**
 * The zone's rules from the IANA time zone database, as timezone-support
 * packs them (its `timezone-support/data` entry for the zone, to which a test
 * holds this line). Only this zone, not the whole database (~750 KB to parse);
 * and not Intl, whose first DateTimeFormat costs ~20 ms of every function's
 * cold start. A test holds the offsets to Intl's (ICU's) as well.
 */
export const ZONE_RULES = {
  version: '2022f',
  zones: [
    'Asia/Ho_Chi_Minh|LMT PLMT +07 +08 +09|-76.u -76.u -70 -80 -90|0123423232|-2yC76.u bK00 1h7b6.u 5lz0 18o0 3Oq0 k5b0 aW00 BAM0|90e5',
  ],
  links: [],
} as const;

let zone: TimeZoneInfo | undefined;

function vietnam(): TimeZoneInfo {
  if (!zone) {
    populateTimeZones(ZONE_RULES);
    zone = findTimeZone(TIME_ZONE);
  }
  return zone;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The wall clock in Asia/Ho_Chi_Minh at an instant. */
function wallClock(instant: Date) {
  const time = getZonedTime(instant, vietnam());
  return {
    date: `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`,
    display: `${pad(time.day)}/${pad(time.month)}/${pad(time.year, 4)}`,
    time: `${pad(time.hours)}:${pad(time.minutes)}:${pad(time.seconds ?? 0)}`,
  };
}

/** A half-open interval of instants: `opensAt <= t < closesBefore`. */
export interface Window {
  readonly opensAt: Date;
  readonly closesBefore: Date;
}

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseLocalDate(date: LocalDate): DateParts {
  const match = LOCAL_DATE.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidInputError('Ngày không hợp lệ.', [
      { path: 'date', message: 'Ngày này không có trên lịch.' },
    ]);
  }
  return { year, month, day };
}

/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(value: string): boolean {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local date of a yearly month-day in a given year. A configured 29 February falls on
 * 28 February in common years, so a yearly deadline is never skipped.
 */
export function dateInYear(monthDay: MonthDay, year: number): LocalDate {
  const match = MONTH_DAY.exec(monthDay);
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) {
    throw new InvalidInputError('Ngày trong năm không hợp lệ.', [
      { path: 'calendar', message: 'Ngày trong năm này không có trên lịch.' },
    ]);
  }
  const clampedDay = Math.min(day, daysInMonth(year, month));
  return `${pad(year, 4)}-${match[1]}-${pad(clampedDay)}`;
}

/** The instant of a local wall time (`HH:mm:ss`, default midnight) on a local date in Asia/Ho_Chi_Minh. */
export function instantAt(date: LocalDate, time = '00:00:00'): Date {
  const { year, month, day } = parseLocalDate(date);
  const match = WALL_TIME.exec(time);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const seconds = Number(match?.[3]);
  if (!match || hours > 23 || minutes > 59 || seconds > 59) {
    throw new InvalidInputError('Giờ không hợp lệ.', [{ path: 'time', message: 'Giờ này không có thật.' }]);
  }
  return new Date(getUnixTime({ year, month, day, hours, minutes, seconds }, vietnam()));
}

/** The local date (`YYYY-MM-DD`) of an instant in Asia/Ho_Chi_Minh. */
export function localDateOf(instant: Date): LocalDate {
  return wallClock(instant).date;
}

/** An instant as `dd/MM/yyyy` in Asia/Ho_Chi_Minh, the way Vietnamese readers write dates. */
export function formatDate(instant: Date): string {
  return wallClock(instant).display;
}

/** An instant as `dd/MM/yyyy HH:mm:ss` in Asia/Ho_Chi_Minh. */
export function formatDateTime(instant: Date): string {
  const { display, time } = wallClock(instant);
  return `${display} ${time}`;
}

/** A local date as `dd/MM/yyyy`. */
export function formatLocalDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${pad(day)}/${pad(month)}/${pad(year, 4)}`;
}

/**
 * The local date `days` calendar days after (or, if negative, before) `date`. Arithmetic on the date
 * alone, as daysBetweenLocal does: a calendar day follows another whatever the zone's offset, and
 * no instant is involved. (Going through the zone cost several Intl formats per call, and the
 * dashboard's 90-day calendar makes thousands.)
 */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const moved = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as written.
  moved.setUTCFullYear(year, month - 1, day + days);
  return `${pad(moved.getUTCFullYear(), 4)}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** Whole calendar days from local date `from` to `to` (negative when `to` is earlier). */
export function daysBetweenLocal(from: LocalDate, to: LocalDate): number {
  const utc = (date: LocalDate) => {
    const { year, month, day } = parseLocalDate(date);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The first instant after a local day: the exclusive end of "until the end of `date`". */
export function endOfLocalDay(date: LocalDate): Date {
  return instantAt(addLocalDays(date, 1));
}

/** The local day of the last second before an exclusive bound, i.e. the day a deadline "ends". */
export function lastDayBefore(closesBefore: Date): LocalDate {
  return localDateOf(new Date(closesBefore.getTime() - 1000));
}

/** The day the registration window of `year` closes (inclusive); a window may wrap into the next year. */
export function registrationClosingDay(campaign: Campaign, year: number): LocalDate {
  const { registrationOpens, registrationCloses } = campaign.calendar;
  const wraps = registrationCloses < registrationOpens;
  return dateInYear(registrationCloses, wraps ? year + 1 : year);
}

/** The registration window of `year`: opens at 00:00:00 on the opening day, closes after the closing day. */
export function registrationWindow(campaign: Campaign, year: number): Window {
  return {
    opensAt: instantAt(dateInYear(campaign.calendar.registrationOpens, year)),
    closesBefore: endOfLocalDay(registrationClosingDay(campaign, year)),
  };
}

/** Whether `now` lies in the half-open window, exact to the millisecond. */
export function isWithinWindow(window: Window, now: Date): boolean {
  const t = now.getTime();
  return window.opensAt.getTime() <= t && t < window.closesBefore.getTime();
}

/** The last day (inclusive) of self-assessment for models registered in `year`: in the following year. */
export function selfAssessmentDeadlineDay(campaign: Campaign, year: number): LocalDate {
  return dateInYear(campaign.calendar.selfAssessmentDeadline, year + 1);
}

/** The first instant too late to self-assess a model registered in `year` (01/09/(year+1) 00:00:00). */
export function selfAssessmentDueBefore(campaign: Campaign, year: number): Date {
  return endOfLocalDay(selfAssessmentDeadlineDay(campaign, year));
}

/** The last day (inclusive) a review of a model registered in `year` may be decided. */
export function reviewDeadlineDay(campaign: Campaign, year: number): LocalDate {
  return dateInYear(campaign.calendar.reviewDeadline, year + 1);
}

/** The first instant too late to decide a review of a model registered in `year`. */
export function reviewDueBefore(campaign: Campaign, year: number): Date {
  return endOfLocalDay(reviewDeadlineDay(campaign, year));
}

/** The day of the annual report in calendar year `year`. */
export function annualReportDate(campaign: Campaign, year: number): LocalDate {
  return dateInYear(campaign.calendar.annualReport, year);
}

/** Whether models are registered in the October of `year` in this campaign. */
export function isRegistrationYear(campaign: Campaign, year: number): boolean {
  return campaign.registrationYears.includes(year);
}

/**
 * The registration year whose cycle `now` falls in: a cycle starts when its window opens and ends
 * with its review deadline. Consecutive cycles overlap (October to December); the newer one wins,
 * because that is the one people are registering in. `undefined` before the first window and after
 * the last review deadline.
 */
export function campaignRegistrationYearAt(campaign: Campaign, now: Date): number | undefined {
  const years = [...campaign.registrationYears].sort((a, b) => b - a);
  for (const year of years) {
    const opensAt = registrationWindow(campaign, year).opensAt;
    if (opensAt.getTime() <= now.getTime()) {
      return now.getTime() < reviewDueBefore(campaign, year).getTime() ? year : undefined;
    }
  }
  return undefined;
}

const DISPLAY_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;
const DISPLAY_MONTH_DAY = /^\s*(\d{1,2})\/(\d{1,2})\s*$/;

/** A date as people type it, `dd/mm/yyyy`, as a local date; undefined when it is not a real day. */
export function parseDisplayDate(text: string): LocalDate | undefined {
  const match = DISPLAY_DATE.exec(text);
  if (!match) return undefined;
  const date = `${match[3]}-${match[2]?.padStart(2, '0')}-${match[1]?.padStart(2, '0')}`;
  return isLocalDate(date) ? date : undefined;
}

/** A yearly day as people type it, `dd/mm`, as a month-day; undefined when no year has that day. */
export function parseDisplayMonthDay(text: string): MonthDay | undefined {
  const match = DISPLAY_MONTH_DAY.exec(text);
  if (!match) return undefined;
  const month = Number(match[2]);
  const day = Number(match[1]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return undefined;
  return `${pad(month)}-${pad(day)}`;
}

/** A month-day as `dd/mm`. */
export function formatMonthDay(monthDay: MonthDay): string {
  const match = MONTH_DAY.exec(monthDay);
  return match ? `${match[2]}/${match[1]}` : monthDay;
}

/**
 * The registration year a form offers at `now`: the one whose window is open, else the next one to
 * open, else the last (a campaign that is over).
 */
export function registrationYearFor(campaign: Campaign, now: Date): number | undefined {
  const years = [...campaign.registrationYears].sort((a, b) => a - b);
  const open = years.find((year) => isWithinWindow(registrationWindow(campaign, year), now));
  if (open !== undefined) return open;
  return (
    years.find((year) => registrationWindow(campaign, year).opensAt.getTime() > now.getTime()) ?? years.at(-1)
  );
}

/**
 * From this day of the year after registration the model page offers the self-assessment form
 * first; before it the page leads with the model and offers early self-assessment on request.
 */
export const SELF_ASSESSMENT_OFFERED_FROM: MonthDay = '06-01';

/** The instant the self-assessment form is offered first, for models registered in `year`. */
export function selfAssessmentOfferedFrom(year: number, from: MonthDay = SELF_ASSESSMENT_OFFERED_FROM): Date {
  return instantAt(dateInYear(from, year + 1));
}

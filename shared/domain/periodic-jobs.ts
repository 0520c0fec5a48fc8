// The jobs the daily periodic review runs (docs/ARCHITECTURE.md), derived from a
// campaign's calendar alone. Pure: the same campaign and date always give the same list, in the same
// order; running each job once per campaign and date is the caller's business.
//
// Reminder days count calendar days back from a deadline's last day: with the deadline "end of 31/08",
// the 30-day reminder goes out on 01/08 and the 7-day one on 24/08 (31 and 8 days left, both counted
// inclusively). The registration reminder likewise goes out two days before the last day (08/10).
// Reports close when their day closes: the registration list, the annual report and the phase reports
// run on the morning after the day they are about and count up to its last second.
import {
  addLocalDays,
  annualReportDate,
  dateInYear,
  isLocalDate,
  registrationClosingDay,
  reviewDeadlineDay,
  selfAssessmentDeadlineDay,
} from './calendar.ts';
import { InvalidInputError } from './errors.ts';
import { REVIEW_DIGEST_WEEKDAY, weekdayOf } from './supervision.ts';
import type { Campaign, LocalDate } from './types.ts';

export const JOB_NAMES = [
  'window-opening',
  'registration-reminder',
  'registration-list',
  'self-assessment-reminder-30',
  'self-assessment-reminder-7',
  'recognition-compliance',
  'review-digest',
  'annual-report',
  'phase-review-reminder',
  'phase-report',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface DueJob {
  readonly job: JobName;
  readonly campaignId: string;
  readonly date: LocalDate;
  /** The registration year concerned (the October its models were registered in). */
  readonly year: number;
  readonly phaseId?: string;
}

/** Days before the last registration day that cells still missing a model are reminded. */
export const REGISTRATION_REMINDER_DAYS = 2;
/** Days before the self-assessment deadline day of the two reminders. */
export const SELF_ASSESSMENT_REMINDER_DAYS = [30, 7] as const;
/** Days before a phase review deadline that the phase review is announced. */
export const PHASE_REVIEW_REMINDER_DAYS = 30;

function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** The jobs of one registration year whose day is `date`. */
function yearlyJobs(
  campaign: Campaign,
  year: number,
  date: LocalDate,
): Array<Omit<DueJob, 'campaignId' | 'date'>> {
  const closing = registrationClosingDay(campaign, year);
  const selfAssessmentLastDay = selfAssessmentDeadlineDay(campaign, year);
  const days: Array<[JobName, LocalDate]> = [
    ['window-opening', dateInYear(campaign.calendar.registrationOpens, year)],
    ['registration-reminder', addLocalDays(closing, -REGISTRATION_REMINDER_DAYS)],
    ['registration-list', addLocalDays(closing, 1)],
    ['self-assessment-reminder-30', addLocalDays(selfAssessmentLastDay, -SELF_ASSESSMENT_REMINDER_DAYS[0])],
    ['self-assessment-reminder-7', addLocalDays(selfAssessmentLastDay, -SELF_ASSESSMENT_REMINDER_DAYS[1])],
    ['recognition-compliance', addLocalDays(reviewDeadlineDay(campaign, year), 1)],
  ];
  const jobs = days.filter(([, day]) => day === date).map(([job]) => ({ job, year }));
  // The review period runs from the day after the self-assessment deadline to the review deadline;
  // each Monday of it, the supervisors get the models of their cells still awaiting a decision.
  if (
    date > selfAssessmentLastDay &&
    date <= reviewDeadlineDay(campaign, year) &&
    weekdayOf(date) === REVIEW_DIGEST_WEEKDAY
  ) {
    jobs.push({ job: 'review-digest', year });
  }
  return jobs;
}

/**
 * The annual report of each calendar year of the campaign period counts everything decided up to the
 * end of its day (reviews may be decided until the last second of 30/12), so it is computed and sent
 * the next morning: the job runs on the day after the report's day. It covers the registration year
 * just registered (that October) and the one whose reviews close that year, when they exist.
 */
function annualReportJobs(campaign: Campaign, date: LocalDate): Array<Omit<DueJob, 'campaignId' | 'date'>> {
  const reportDay = addLocalDays(date, -1);
  const calendarYear = yearOf(reportDay);
  if (calendarYear < yearOf(campaign.period.from) || calendarYear > yearOf(campaign.period.to)) return [];
  if (annualReportDate(campaign, calendarYear) !== reportDay) return [];
  return [calendarYear - 1, calendarYear]
    .filter((year) => campaign.registrationYears.includes(year))
    .map((year) => ({ job: 'annual-report' as const, year }));
}

/**
 * The registration year a phase review concerns: the latest one whose window opened on or before the
 * review deadline (the last year whose models the review can count); the phase's first year otherwise.
 */
function phaseYear(campaign: Campaign, reviewDeadline: LocalDate, from: LocalDate): number {
  const opened = campaign.registrationYears.filter(
    (year) => dateInYear(campaign.calendar.registrationOpens, year) <= reviewDeadline,
  );
  return opened.length > 0 ? Math.max(...opened) : yearOf(from);
}

function phaseJobs(campaign: Campaign, date: LocalDate): Array<Omit<DueJob, 'campaignId' | 'date'>> {
  const jobs: Array<Omit<DueJob, 'campaignId' | 'date'>> = [];
  for (const phase of campaign.phases) {
    const year = phaseYear(campaign, phase.reviewDeadline, phase.from);
    if (addLocalDays(phase.reviewDeadline, -PHASE_REVIEW_REMINDER_DAYS) === date) {
      jobs.push({ job: 'phase-review-reminder', year, phaseId: phase.id });
    }
    // The phase report counts up to the end of the review deadline day: computed the morning after.
    if (addLocalDays(phase.reviewDeadline, 1) === date) {
      jobs.push({ job: 'phase-report', year, phaseId: phase.id });
    }
  }
  return jobs;
}

/** The jobs due on a local date for one campaign; none unless the campaign is active. */
export function jobsDue(campaign: Campaign, date: LocalDate): DueJob[] {
  if (!isLocalDate(date)) {
    throw new InvalidInputError('Ngày không hợp lệ.', [
      { path: 'date', message: 'Ngày này không có trên lịch.' },
    ]);
  }
  if (campaign.status !== 'active') return [];
  const found = [
    ...campaign.registrationYears.flatMap((year) => yearlyJobs(campaign, year, date)),
    ...annualReportJobs(campaign, date),
    ...phaseJobs(campaign, date),
  ];
  const order = (name: JobName) => JOB_NAMES.indexOf(name);
  return found
    .map((job) => ({ ...job, campaignId: campaign.id, date }))
    .sort(
      (a, b) =>
        order(a.job) - order(b.job) || a.year - b.year || (a.phaseId ?? '').localeCompare(b.phaseId ?? ''),
    );
}

// The committee's records: campaigns and their calendars, cells, people, the
// caller. The vocabulary of a model (kinds, statuses, tiers, sections,
// principles, votes) and the roles have files of their own. Plain data, no AWS.
import type { Role } from './roles.ts';

/** A local calendar date, `YYYY-MM-DD`, in Asia/Ho_Chi_Minh. */
export type LocalDate = string;
/** A month and day, `MM-DD`, repeated every year. */
export type MonthDay = string;

/** A fraction, so that "two thirds" stays exact. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

export interface ContentArea {
  readonly id: number;
  readonly name: string;
  /** Sub-fields a model of this area may name (area 3 has several). */
  readonly subFields: readonly string[];
}

export interface Phase {
  readonly id: string;
  readonly name: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** `preliminary` (sơ kết) or `final` (tổng kết). */
  readonly review: 'preliminary' | 'final';
  /** The last day the phase review may be held (inclusive). */
  readonly reviewDeadline: LocalDate;
}

export interface YearlyCalendar {
  /** Registration opens at 00:00:00 local time on this day each registration year. */
  readonly registrationOpens: MonthDay;
  /** Registration closes at the end (23:59:59) of this day. */
  readonly registrationCloses: MonthDay;
  /** Last day (inclusive) of self-assessment, in the year after registration. */
  readonly selfAssessmentDeadline: MonthDay;
  /** Day of the annual report, each year. */
  readonly annualReport: MonthDay;
  /** Last day (inclusive) a review may be decided, in the year after registration. */
  readonly reviewDeadline: MonthDay;
}

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A campaign's states. */
export const CAMPAIGN_STATUS_LABELS: Readonly<Record<CampaignStatus, string>> = {
  draft: 'Nháp',
  active: 'Đang thực hiện',
  closed: 'Đã kết thúc',
};

/** The two kinds of phase review. */
export const PHASE_REVIEW_LABELS: Readonly<Record<Phase['review'], string>> = {
  preliminary: 'Sơ kết',
  final: 'Tổng kết',
};

export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly status: CampaignStatus;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  /** The Octobers in which models are registered. */
  readonly registrationYears: readonly number[];
  readonly calendar: YearlyCalendar;
  readonly phases: readonly Phase[];
  readonly areas: readonly ContentArea[];
  /** The provincial guidance's criteria checklist (configuration, not code). */
  readonly criteria: readonly string[];
  /** Share of the eligible who must be present for a vote to count. */
  readonly quorum: Ratio;
  /** Share of those present who must vote in favour; strictly more than this. */
  readonly majority: Ratio;
  readonly minimumPerCell: { readonly collective: number; readonly individual: number };
}

/** Who created and last changed an administrative record, for the auditors. */
export interface Stamp {
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface Cell {
  readonly id: string;
  readonly name: string;
  readonly secretaryId: string;
}

export interface Person {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly cellId: string;
  readonly roles: readonly Role[];
  /** For committee members: the cells of their field that they supervise. */
  readonly supervises?: readonly string[];
}

/** Who is asking: taken from the verified token, never from the request body. */
export interface Caller {
  readonly personId: string;
  readonly username: string;
  readonly roles: readonly Role[];
}

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

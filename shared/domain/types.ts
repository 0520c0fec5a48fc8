// The domain's vocabulary (DESIGN §1–2). Plain data, no AWS.

export const ROLES = ['office', 'committee', 'inspector', 'secretary', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const MODEL_KINDS = ['collective', 'individual'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const MODEL_STATUSES = [
  'registered',
  'implementing',
  'self_assessed',
  'reviewed',
  'recognized',
  'not_recognized',
  'missed_self_assessment',
  'withdrawn',
] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** The optional tiers above `recognized`. */
export const MODEL_TIERS = ['exemplary', 'commended'] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

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

export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly status: 'draft' | 'active' | 'closed';
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

export interface Vote {
  readonly eligible: number;
  readonly present: number;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** The registration form's text sections, in the order the form shows them. */
export const MODEL_SECTIONS = [
  'situation',
  'goals',
  'methods',
  'scope',
  'forces',
  'resources',
  'expectedResults',
  'sustainability',
] as const;
export type ModelSection = (typeof MODEL_SECTIONS)[number];

/** Who is asking: taken from the verified token, never from the request body. */
export interface Caller {
  readonly personId: string;
  readonly username: string;
  readonly roles: readonly Role[];
}

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

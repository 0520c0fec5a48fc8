// A campaign is configuration, never code: the Office enters its period, phases, yearly
// calendar, areas, criteria, vote thresholds and minimums; this file checks that they hang together.
// Every problem is collected, so one answer names every field to fix.
import {
  addLocalDays,
  dateInYear,
  isLocalDate,
  registrationClosingDay,
  reviewDeadlineDay,
  selfAssessmentDeadlineDay,
} from './calendar.ts';
import { type FieldIssue, InvalidInputError } from './errors.ts';
import { CALENDAR_LABELS, CAMPAIGN_LABELS } from './form-fields.ts';
import type { Campaign, ContentArea, LocalDate, Ratio, YearlyCalendar } from './types.ts';

/** What the Office submits: a campaign whose `registrationYears` and `minimumPerCell` have defaults. */
export type CampaignInput = Omit<Campaign, 'registrationYears' | 'minimumPerCell'> & {
  readonly registrationYears?: Campaign['registrationYears'] | undefined;
  readonly minimumPerCell?: Campaign['minimumPerCell'] | undefined;
};

/** The campaign form as submitted: the id may be left for the system to derive from the period. */
export type CampaignSubmission = Omit<CampaignInput, 'id'> & { readonly id?: string | undefined };

/** The seed's rule: one collective and one individual model per cell and year. */
export const DEFAULT_MINIMUM_PER_CELL = { collective: 1, individual: 1 } as const;

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isMonthDay(value: string): boolean {
  const match = MONTH_DAY.exec(value);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (MAX_DAYS_IN_MONTH[month - 1] ?? 0);
}

function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

function dd(date: LocalDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * The registration years a period allows by default: each October (opening day) inside the period
 * whose self-assessment deadline still falls inside it — 2016–2019 for the seed's 10/2016–10/2020.
 */
export function defaultRegistrationYears(
  period: { readonly from: LocalDate; readonly to: LocalDate },
  calendar: YearlyCalendar,
): number[] {
  const years: number[] = [];
  for (let year = yearOf(period.from); year <= yearOf(period.to); year += 1) {
    const opens = dateInYear(calendar.registrationOpens, year);
    const selfAssessmentLastDay = dateInYear(calendar.selfAssessmentDeadline, year + 1);
    if (opens >= period.from && opens <= period.to && selfAssessmentLastDay <= period.to) years.push(year);
  }
  return years;
}

function ratioIssues(ratio: Ratio, path: string, label: string, strict: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(ratio.denominator) || ratio.denominator < 1) {
    issues.push({ path: `${path}.denominator`, message: `Mẫu số của ${label} phải là số nguyên dương.` });
  }
  if (!Number.isInteger(ratio.numerator) || ratio.numerator < 0) {
    issues.push({ path: `${path}.numerator`, message: `Tử số của ${label} phải là số nguyên không âm.` });
  } else if (strict ? ratio.numerator >= ratio.denominator : ratio.numerator > ratio.denominator) {
    issues.push({
      path: `${path}.numerator`,
      message: strict
        ? `${label} phải nhỏ hơn 1 (số phiếu tán thành phải “hơn” tỉ lệ này).`
        : `${label} không được lớn hơn 1.`,
    });
  }
  return issues;
}

function calendarIssues(input: CampaignInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [field, label] of Object.entries(CALENDAR_LABELS) as [keyof YearlyCalendar, string][]) {
    if (!isMonthDay(input.calendar[field])) {
      issues.push({
        path: `calendar.${field}`,
        message: `“${label}” phải là một ngày có thật trong năm, ví dụ 01/10.`,
      });
    }
  }
  return issues;
}

function yearIssues(input: CampaignInput, years: readonly number[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (years.length === 0) {
    issues.push({
      path: 'registrationYears',
      message: 'Phong trào cần ít nhất một năm đăng ký nằm trong thời gian thực hiện.',
    });
  }
  if (new Set(years).size !== years.length) {
    issues.push({ path: 'registrationYears', message: 'Mỗi năm đăng ký chỉ được ghi một lần.' });
  }
  const probe = { ...input, registrationYears: years } as Campaign;
  years.forEach((year, index) => {
    const path = `registrationYears.${index}`;
    if (!Number.isInteger(year)) {
      issues.push({ path, message: 'Năm đăng ký phải là số nguyên.' });
      return;
    }
    const opens = dateInYear(input.calendar.registrationOpens, year);
    if (opens < input.period.from || opens > input.period.to) {
      issues.push({
        path,
        message: `Năm ${year}: ngày mở đăng ký ${dd(opens)} nằm ngoài thời gian thực hiện phong trào (${dd(input.period.from)} – ${dd(input.period.to)}).`,
      });
    }
    const closes = registrationClosingDay(probe, year);
    const selfAssessment = selfAssessmentDeadlineDay(probe, year);
    const review = reviewDeadlineDay(probe, year);
    if (selfAssessment <= closes) {
      issues.push({
        path: 'calendar.selfAssessmentDeadline',
        message: `Năm ${year}: hạn tự đánh giá (${dd(selfAssessment)}) phải sau ngày kết thúc đăng ký (${dd(closes)}).`,
      });
    }
    if (review < selfAssessment) {
      issues.push({
        path: 'calendar.reviewDeadline',
        message: `Năm ${year}: hạn xét, công nhận (${dd(review)}) không được trước hạn tự đánh giá (${dd(selfAssessment)}).`,
      });
    }
    if (addLocalDays(closes, 1) > selfAssessment) {
      issues.push({
        path: 'calendar.registrationCloses',
        message: `Năm ${year}: thời hạn đăng ký phải kết thúc trước hạn tự đánh giá.`,
      });
    }
  });
  // One message per field is enough when every year says the same thing.
  return issues.filter(
    (issue, index) =>
      issues.findIndex((other) => other.path === issue.path && other.message === issue.message) === index,
  );
}

const PHASE_DATE_LABELS = {
  from: CAMPAIGN_LABELS.phaseFrom,
  to: CAMPAIGN_LABELS.phaseTo,
  reviewDeadline: CAMPAIGN_LABELS.phaseReviewDeadline,
} as const;

function phaseIssues(input: CampaignInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.phases.length === 0) {
    issues.push({ path: 'phases', message: 'Phong trào cần ít nhất một đợt (sơ kết hoặc tổng kết).' });
  }
  const ids = new Set<string>();
  input.phases.forEach((phase, index) => {
    const path = `phases.${index}`;
    if (ids.has(phase.id)) issues.push({ path: `${path}.id`, message: `Mã đợt “${phase.id}” bị trùng.` });
    ids.add(phase.id);
    const dates = (['from', 'to', 'reviewDeadline'] as const).filter((field) => {
      if (isLocalDate(phase[field])) return true;
      issues.push({
        path: `${path}.${field}`,
        message: `“${PHASE_DATE_LABELS[field]}” phải là một ngày có thật.`,
      });
      return false;
    });
    if (dates.length < 3) return;
    if (phase.from > phase.to) {
      issues.push({ path: `${path}.to`, message: `${phase.name}: ngày kết thúc phải sau ngày bắt đầu.` });
    }
    if (phase.from < input.period.from || phase.to > input.period.to) {
      issues.push({
        path: `${path}.from`,
        message: `${phase.name}: phải nằm trong thời gian thực hiện phong trào (${dd(input.period.from)} – ${dd(input.period.to)}).`,
      });
    }
    if (phase.reviewDeadline < phase.from || phase.reviewDeadline > phase.to) {
      issues.push({
        path: `${path}.reviewDeadline`,
        message: `${phase.name}: hạn ${phase.review === 'final' ? 'tổng kết' : 'sơ kết'} (${dd(phase.reviewDeadline)}) phải nằm trong đợt (${dd(phase.from)} – ${dd(phase.to)}).`,
      });
    }
    const previous = input.phases[index - 1];
    if (previous && isLocalDate(previous.from) && previous.from > phase.from) {
      issues.push({ path: `${path}.from`, message: 'Các đợt phải xếp theo thứ tự thời gian.' });
    }
    if (phase.review === 'final' && index !== input.phases.length - 1) {
      issues.push({ path: `${path}.review`, message: 'Chỉ đợt cuối cùng mới là đợt tổng kết.' });
    }
  });
  return issues;
}

function areaIssues(areas: readonly ContentArea[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (areas.length === 0) issues.push({ path: 'areas', message: 'Cần ít nhất một nội dung thi đua.' });
  const ids = new Set<number>();
  areas.forEach((area, index) => {
    if (ids.has(area.id))
      issues.push({ path: `areas.${index}.id`, message: `Nội dung số ${area.id} bị trùng.` });
    // The registration form (POST /api/models) offers areas 1–3; a fourth could never be chosen.
    if (!Number.isInteger(area.id) || area.id < 1 || area.id > 3) {
      issues.push({ path: `areas.${index}.id`, message: 'Số thứ tự nội dung thi đua phải là 1, 2 hoặc 3.' });
    }
    ids.add(area.id);
  });
  return issues;
}

/**
 * Checks a campaign's configuration and returns the campaign it describes; throws one
 * InvalidInputError naming every inconsistent field otherwise.
 */
export function buildCampaign(input: CampaignInput): Campaign {
  const issues: FieldIssue[] = [];
  const periodValid = isLocalDate(input.period.from) && isLocalDate(input.period.to);
  if (!isLocalDate(input.period.from))
    issues.push({
      path: 'period.from',
      message: `“${CAMPAIGN_LABELS.periodFrom}” phải là một ngày có thật.`,
    });
  if (!isLocalDate(input.period.to))
    issues.push({ path: 'period.to', message: `“${CAMPAIGN_LABELS.periodTo}” phải là một ngày có thật.` });
  if (periodValid && input.period.from >= input.period.to) {
    issues.push({ path: 'period.to', message: 'Ngày kết thúc phong trào phải sau ngày bắt đầu.' });
  }
  const calendar = calendarIssues(input);
  issues.push(...calendar);
  issues.push(...ratioIssues(input.quorum, 'quorum', 'Tỉ lệ có mặt tối thiểu (túc số)', false));
  issues.push(...ratioIssues(input.majority, 'majority', 'Tỉ lệ tán thành', true));
  if (input.quorum.numerator === 0) {
    issues.push({ path: 'quorum.numerator', message: 'Túc số phải lớn hơn 0.' });
  }
  issues.push(...areaIssues(input.areas));
  if (input.criteria.filter((criterion) => criterion.trim() !== '').length === 0) {
    issues.push({ path: 'criteria', message: 'Cần ít nhất một tiêu chí theo hướng dẫn.' });
  }
  const minimum = input.minimumPerCell ?? DEFAULT_MINIMUM_PER_CELL;
  if (minimum.collective + minimum.individual === 0) {
    issues.push({
      path: 'minimumPerCell',
      message: 'Mỗi chi bộ phải đăng ký ít nhất một mô hình mỗi năm (tập thể hoặc cá nhân).',
    });
  }
  let registrationYears: number[] = [];
  if (periodValid && calendar.length === 0) {
    registrationYears = input.registrationYears
      ? [...input.registrationYears].sort((a, b) => a - b)
      : defaultRegistrationYears(input.period, input.calendar);
    issues.push(...yearIssues(input, registrationYears));
    issues.push(...phaseIssues(input));
  }
  if (issues.length > 0) {
    throw new InvalidInputError('Cấu hình phong trào chưa hợp lệ; hãy sửa các mục được nêu.', issues);
  }
  return {
    id: input.id,
    name: input.name,
    status: input.status,
    period: { from: input.period.from, to: input.period.to },
    registrationYears,
    calendar: { ...input.calendar },
    phases: input.phases.map((phase) => ({ ...phase })),
    areas: input.areas.map((area) => ({ ...area, subFields: [...area.subFields] })),
    criteria: input.criteria.map((criterion) => criterion.trim()).filter((criterion) => criterion !== ''),
    quorum: { ...input.quorum },
    majority: { ...input.majority },
    minimumPerCell: { collective: minimum.collective, individual: minimum.individual },
  };
}

/** The registration years two campaigns share. */
export function sharedRegistrationYears(a: Campaign, b: Campaign): number[] {
  return a.registrationYears.filter((year) => b.registrationYears.includes(year));
}

/** A campaign's id from its period, e.g. `dvk-2026-2030`. */
export function campaignIdFor(period: { readonly from: LocalDate; readonly to: LocalDate }): string {
  return `dvk-${period.from.slice(0, 4)}-${period.to.slice(0, 4)}`;
}

/**
 * A ready-to-edit configuration for the campaign after the latest one: the same yearly calendar,
 * areas, criteria and thresholds, the period moved on, two phases (preliminary, final).
 */
export function nextCampaignTemplate(fromYear: number, base: Campaign): CampaignInput {
  const toYear = fromYear + 4;
  const middle = fromYear + 2;
  const period = { from: `${fromYear}-10-01`, to: `${toYear}-10-31` };
  return {
    id: campaignIdFor(period),
    name: `Phong trào thi đua “Dân vận khéo” giai đoạn ${fromYear} - ${toYear}`,
    status: 'active',
    period,
    calendar: { ...base.calendar },
    phases: [
      {
        id: 'dot-1',
        name: `Đợt 1 (10/${fromYear} - 10/${middle})`,
        from: period.from,
        to: `${middle}-10-31`,
        review: 'preliminary',
        reviewDeadline: `${middle}-09-30`,
      },
      {
        id: 'dot-2',
        name: `Đợt 2 (10/${middle} - 10/${toYear})`,
        from: `${middle}-10-01`,
        to: period.to,
        review: 'final',
        reviewDeadline: `${toYear}-08-31`,
      },
    ],
    areas: base.areas,
    criteria: base.criteria,
    quorum: base.quorum,
    majority: base.majority,
    minimumPerCell: base.minimumPerCell,
  };
}

/**
 * The year the campaign after `latest` starts: the October its period ends in, and never before
 * 2026, the next five-year term after the one the seed's 2016–2020 campaign belongs to.
 */
export function nextCampaignFromYear(latest: Campaign): number {
  return Math.max(2026, Number(latest.period.to.slice(0, 4)));
}

/** The calendar days that govern a model once registered: its edit window and its two deadlines. */
export const MODEL_GOVERNING_DAYS = [
  'registrationOpens',
  'registrationCloses',
  'selfAssessmentDeadline',
  'reviewDeadline',
] as const satisfies readonly (keyof YearlyCalendar)[];

/**
 * Why a calendar edit is refused: an active campaign's models keep the deadlines they were registered
 * under (their workflows wait on them), so a day that governs them may not change while a model of
 * the campaign is still open. The annual report day governs no model and may always move.
 */
export function calendarEditIssues(
  before: Campaign,
  after: Campaign,
  openModelsByYear: Readonly<Record<number, number>>,
): FieldIssue[] {
  if (before.status !== 'active') return [];
  const openYears = Object.entries(openModelsByYear)
    .filter(([, count]) => count > 0)
    .map(([year]) => Number(year))
    .sort((a, b) => a - b);
  if (openYears.length === 0) return [];
  const open = openYears.map((year) => `${openModelsByYear[year]} mô hình năm ${year}`).join(', ');
  return MODEL_GOVERNING_DAYS.filter((field) => before.calendar[field] !== after.calendar[field]).map(
    (field) => ({
      path: `calendar.${field}`,
      message: `Không đổi được “${CALENDAR_LABELS[field]}” khi phong trào đang thực hiện và còn ${open} chưa kết thúc: các mô hình này giữ thời hạn đã đăng ký. Hãy giữ ngày ${before.calendar[field].slice(3, 5)}/${before.calendar[field].slice(0, 2)}, hoặc sửa sau khi các mô hình đã được xét xong.`,
    }),
  );
}

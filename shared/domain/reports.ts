// The Office's reports, computed from the models alone: the registration list of a year,
// the annual report, and the phase reports (sơ kết, tổng kết). Pure: the same models give the same
// report. Withdrawn models are listed by status but counted nowhere else. Tiers stack: a commended
// model was exemplary first and is recognized, so it is counted in all three lists.
import {
  dateInYear,
  formatDateTime,
  formatLocalDate,
  reviewDeadlineDay,
  reviewDueBefore,
  selfAssessmentDeadlineDay,
  selfAssessmentDueBefore,
} from './calendar.ts';
import { type CellCompliance, cellCompliance } from './compliance.ts';
import { KIND_LABELS, type ModelKind } from './model-kinds.ts';
import { countsAsRegistered, MODEL_STATUSES, type ModelStatus, STATUS_LABELS } from './model-status.ts';
import { type ModelTier, TIER_LABELS } from './tiers.ts';
import type { Campaign, Cell, Phase } from './types.ts';

export type ReportKind = 'registration-list' | 'annual' | 'phase' | 'term';

/** What a report needs of a model. */
export interface ReportModel {
  readonly id: string;
  readonly year: number;
  readonly kind: ModelKind;
  readonly cellId: string;
  readonly personId?: string;
  readonly title: string;
  readonly area: number;
  readonly subField?: string;
  readonly status: ModelStatus;
  readonly tier?: ModelTier;
}

export interface Counts {
  /** Models not withdrawn. */
  readonly total: number;
  readonly collective: number;
  readonly individual: number;
  /** By content area id ("1", "2", "3"), withdrawn excluded. */
  readonly byArea: Readonly<Record<string, number>>;
  /** Every status, withdrawn included. */
  readonly byStatus: Readonly<Record<ModelStatus, number>>;
  readonly recognized: number;
  readonly exemplary: number;
  readonly commended: number;
}

export interface ModelLine {
  readonly id: string;
  readonly year: number;
  readonly cellId: string;
  readonly cellName: string;
  readonly kind: ModelKind;
  readonly kindLabel: string;
  readonly title: string;
  readonly area: number;
  readonly subField?: string;
  readonly personName: string;
  readonly status: ModelStatus;
  readonly statusLabel: string;
  readonly tier?: ModelTier;
  readonly tierLabel?: string;
}

/** A model whose outcome is still open when the report is taken, and why. */
export interface PendingLine extends ModelLine {
  readonly reason: string;
}

/** A model whose year ended without recognition, and how. */
export interface UnsuccessfulLine extends ModelLine {
  readonly reason: string;
}

export interface CellYear extends CellCompliance {
  readonly year: number;
  /** Whether the year's reviews are closed, so that recognition can be judged. */
  readonly reviewsClosed: boolean;
}

export interface CellLine {
  readonly cellId: string;
  readonly cellName: string;
  readonly counts: Counts;
  readonly years: readonly CellYear[];
}

export interface Flag {
  readonly cellId: string;
  readonly cellName: string;
  readonly year: number;
  readonly reason: 'registration' | 'recognition';
  readonly message: string;
}

export interface ReportData {
  readonly kind: ReportKind;
  readonly title: string;
  readonly subtitle: string;
  readonly campaignId: string;
  readonly campaignName: string;
  readonly years: readonly number[];
  readonly phaseId?: string;
  readonly generatedAt: string;
  readonly generatedAtText: string;
  /** The last second the report counts (ISO-8601): what was decided after it is not in it. */
  readonly countsUpTo: string;
  /** The same moment for people: “Số liệu tính đến hết 30/12/2017 23:59:59.” */
  readonly countsUpToText: string;
  readonly minimum: { readonly collective: number; readonly individual: number };
  readonly areas: readonly { readonly id: number; readonly name: string }[];
  readonly totals: Counts;
  readonly byYear: readonly ({ readonly year: number } & Counts)[];
  readonly cells: readonly CellLine[];
  readonly flagged: readonly Flag[];
  readonly models: readonly ModelLine[];
  readonly recognized: readonly ModelLine[];
  readonly exemplary: readonly ModelLine[];
  readonly commended: readonly ModelLine[];
  /** Still open at the moment counted (its deadline not yet passed), with the reason. */
  readonly pending: readonly PendingLine[];
  /** Ended without recognition: not recognized, self-assessment missed, or no decision in time. */
  readonly unsuccessful: readonly UnsuccessfulLine[];
}

export interface ReportInput {
  readonly kind: ReportKind;
  readonly campaign: Campaign;
  /** For the registration list and the annual report: the registration year. */
  readonly year?: number;
  readonly phase?: Phase;
  readonly cells: readonly Cell[];
  /** Names of the people of individual models. */
  readonly personNames: Readonly<Record<string, string>>;
  readonly models: readonly ReportModel[];
  readonly now: Date;
}

const isExemplary = (model: ReportModel) => model.tier === 'exemplary' || model.tier === 'commended';

/** Counts of a set of models. */
export function countModels(models: readonly ReportModel[]): Counts {
  const live = models.filter((model) => countsAsRegistered(model.status));
  const byArea: Record<string, number> = {};
  for (const model of live) byArea[String(model.area)] = (byArea[String(model.area)] ?? 0) + 1;
  const byStatus = Object.fromEntries(MODEL_STATUSES.map((status) => [status, 0])) as Record<
    ModelStatus,
    number
  >;
  for (const model of models) byStatus[model.status] += 1;
  const recognized = live.filter((model) => model.status === 'recognized');
  return {
    total: live.length,
    collective: live.filter((model) => model.kind === 'collective').length,
    individual: live.filter((model) => model.kind === 'individual').length,
    byArea,
    byStatus,
    recognized: recognized.length,
    exemplary: recognized.filter(isExemplary).length,
    commended: recognized.filter((model) => model.tier === 'commended').length,
  };
}

/** The registration years a phase report covers: those whose window opened inside the phase, by its review. */
export function phaseYears(campaign: Campaign, phase: Phase): number[] {
  return campaign.registrationYears.filter((year) => {
    const opens = dateInYear(campaign.calendar.registrationOpens, year);
    return opens >= phase.from && opens <= phase.reviewDeadline;
  });
}

function reportYears(input: ReportInput): number[] {
  if (input.kind === 'phase' && input.phase) return phaseYears(input.campaign, input.phase);
  if (input.kind === 'term') return [...input.campaign.registrationYears];
  return input.year === undefined ? [] : [input.year];
}

function titles(input: ReportInput, years: readonly number[]): { title: string; subtitle: string } {
  const name = input.campaign.name;
  if (input.kind === 'registration-list') {
    return {
      title: `Danh sách đăng ký mô hình, điển hình “Dân vận khéo” năm ${input.year}`,
      subtitle: `${name} — tổng hợp danh sách các chi bộ gửi Đảng ủy`,
    };
  }
  if (input.kind === 'annual') {
    return {
      title: `Báo cáo kết quả thực hiện phong trào thi đua “Dân vận khéo” năm ${input.year}`,
      subtitle: `${name} — mô hình đăng ký tháng 10/${input.year}`,
    };
  }
  if (input.kind === 'term') {
    const { from, to } = input.campaign.period;
    return {
      title: `Báo cáo cuối nhiệm kỳ phong trào thi đua “Dân vận khéo” ${from.slice(0, 4)}–${to.slice(0, 4)}`,
      subtitle: `${name} — toàn bộ các năm đăng ký ${years.join(', ')} (${formatLocalDate(from)} – ${formatLocalDate(to)})`,
    };
  }
  const phase = input.phase;
  const label = phase?.review === 'final' ? 'Báo cáo tổng kết' : 'Báo cáo sơ kết';
  return {
    title: `${label} phong trào thi đua “Dân vận khéo” — ${phase?.name ?? ''}`,
    subtitle: `${name} — các năm đăng ký ${years.join(', ')}; hạn ${phase?.review === 'final' ? 'tổng kết' : 'sơ kết'} ${phase ? formatLocalDate(phase.reviewDeadline) : ''}`,
  };
}

function line(model: ReportModel, cellNames: ReadonlyMap<string, string>, input: ReportInput): ModelLine {
  return {
    id: model.id,
    year: model.year,
    cellId: model.cellId,
    cellName: cellNames.get(model.cellId) ?? model.cellId,
    kind: model.kind,
    kindLabel: KIND_LABELS[model.kind],
    title: model.title,
    area: model.area,
    ...(model.subField ? { subField: model.subField } : {}),
    personName:
      model.kind === 'individual' && model.personId
        ? (input.personNames[model.personId] ?? model.personId)
        : (cellNames.get(model.cellId) ?? ''),
    status: model.status,
    statusLabel: STATUS_LABELS[model.status],
    ...(model.tier ? { tier: model.tier, tierLabel: TIER_LABELS[model.tier] } : {}),
  };
}

const OPEN_FOR_SELF_ASSESSMENT: readonly ModelStatus[] = ['registered', 'implementing'];
const AWAITING_DECISION: readonly ModelStatus[] = ['self_assessed', 'reviewed'];

/**
 * Where a model stands at the moment counted: pending (with why) while a deadline of its year is
 * still ahead, unsuccessful (with how) once its year ended without recognition; undefined otherwise.
 */
export function outcomeOf(
  model: ReportModel,
  campaign: Campaign,
  now: Date,
): { readonly pending: boolean; readonly reason: string } | undefined {
  const t = now.getTime();
  if (OPEN_FOR_SELF_ASSESSMENT.includes(model.status)) {
    const lastDay = formatLocalDate(selfAssessmentDeadlineDay(campaign, model.year));
    return t < selfAssessmentDueBefore(campaign, model.year).getTime()
      ? { pending: true, reason: `Đang thực hiện; còn hạn tự đánh giá đến hết ngày ${lastDay}.` }
      : { pending: false, reason: `Không tự đánh giá trước hạn (hết ngày ${lastDay}).` };
  }
  if (AWAITING_DECISION.includes(model.status)) {
    const lastDay = formatLocalDate(reviewDeadlineDay(campaign, model.year));
    return t < reviewDueBefore(campaign, model.year).getTime()
      ? { pending: true, reason: `Đã tự đánh giá; chờ Ban Chấp hành xét, hạn xét đến hết ngày ${lastDay}.` }
      : { pending: false, reason: `Không có quyết định xét trước hạn (hết ngày ${lastDay}).` };
  }
  if (model.status === 'missed_self_assessment') {
    const lastDay = formatLocalDate(selfAssessmentDeadlineDay(campaign, model.year));
    return { pending: false, reason: `Không tự đánh giá trước hạn (hết ngày ${lastDay}).` };
  }
  if (model.status === 'not_recognized') {
    return { pending: false, reason: 'Ban Chấp hành xét và không công nhận.' };
  }
  return undefined;
}

/** The last whole second before `now`: what a report taken at `now` counts up to. */
export function lastCountedSecond(now: Date): Date {
  return new Date(Math.ceil(now.getTime() / 1000) * 1000 - 1000);
}

/** Computes a report from the campaign, its cells and the models of the years it covers. */
export function buildReport(input: ReportInput): ReportData {
  const years = reportYears(input);
  const models = input.models
    .filter((model) => years.includes(model.year))
    .sort(
      (a, b) =>
        a.year - b.year ||
        a.cellId.localeCompare(b.cellId) ||
        a.kind.localeCompare(b.kind) ||
        a.title.localeCompare(b.title, 'vi') ||
        a.id.localeCompare(b.id),
    );
  const cellNames = new Map(input.cells.map((cell) => [cell.id, cell.name]));
  const minimum = input.campaign.minimumPerCell;
  const cells: CellLine[] = input.cells.map((cell) => {
    const own = models.filter((model) => model.cellId === cell.id);
    return {
      cellId: cell.id,
      cellName: cell.name,
      counts: countModels(own),
      years: years.map((year) => ({
        year,
        reviewsClosed: input.now.getTime() >= reviewDueBefore(input.campaign, year).getTime(),
        ...cellCompliance(
          own.filter((model) => model.year === year),
          minimum,
        ),
      })),
    };
  });
  const flagged: Flag[] = cells.flatMap((cell) =>
    cell.years.flatMap((year) => {
      const flags: Flag[] = [];
      if (!year.registrationCompliant) {
        flags.push({
          cellId: cell.cellId,
          cellName: cell.cellName,
          year: year.year,
          reason: 'registration',
          message: `Năm ${year.year}: đăng ký ${year.collectiveRegistered} tập thể, ${year.individualRegistered} cá nhân — chưa đủ tối thiểu ${minimum.collective} tập thể và ${minimum.individual} cá nhân.`,
        });
      }
      if (input.kind !== 'registration-list' && year.reviewsClosed && !year.compliant) {
        flags.push({
          cellId: cell.cellId,
          cellName: cell.cellName,
          year: year.year,
          reason: 'recognition',
          message: `Năm ${year.year}: được công nhận ${year.collectiveRecognized} tập thể, ${year.individualRecognized} cá nhân — chưa đạt yêu cầu mỗi năm ít nhất ${minimum.collective} tập thể và ${minimum.individual} cá nhân được công nhận.`,
        });
      }
      return flags;
    }),
  );
  const lines = models.map((model) => line(model, cellNames, input));
  const outcomes = models.map((model) => outcomeOf(model, input.campaign, input.now));
  const pending: PendingLine[] = [];
  const unsuccessful: UnsuccessfulLine[] = [];
  outcomes.forEach((outcome, index) => {
    const modelLine = lines[index];
    if (!outcome || !modelLine) return;
    (outcome.pending ? pending : unsuccessful).push({ ...modelLine, reason: outcome.reason });
  });
  const countsUpTo = lastCountedSecond(input.now);
  const recognized = lines.filter((model) => model.status === 'recognized');
  return {
    kind: input.kind,
    ...titles(input, years),
    campaignId: input.campaign.id,
    campaignName: input.campaign.name,
    years,
    ...(input.phase ? { phaseId: input.phase.id } : {}),
    generatedAt: input.now.toISOString(),
    generatedAtText: formatDateTime(input.now),
    countsUpTo: countsUpTo.toISOString(),
    countsUpToText: `Số liệu tính đến hết ${formatDateTime(countsUpTo)}.`,
    minimum,
    areas: input.campaign.areas.map((area) => ({ id: area.id, name: area.name })),
    totals: countModels(models),
    byYear: years.map((year) => ({ year, ...countModels(models.filter((model) => model.year === year)) })),
    cells,
    flagged,
    models: lines,
    recognized,
    exemplary: recognized.filter((model) => model.tier === 'exemplary' || model.tier === 'commended'),
    commended: recognized.filter((model) => model.tier === 'commended'),
    pending,
    unsuccessful,
  };
}

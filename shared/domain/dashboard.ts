// Where every cell stands against today's calendar: for each registration year whose cycle
// is running today, the stage it is in and each cell's counts, with what needs attention. Pure.
import {
  addLocalDays,
  formatLocalDate,
  localDateOf,
  registrationClosingDay,
  registrationWindow,
  reviewDeadlineDay,
  reviewDueBefore,
  selfAssessmentDeadlineDay,
  selfAssessmentDueBefore,
} from './calendar.ts';
import { cellCompliance } from './compliance.ts';
import type { ModelKind } from './model-kinds.ts';
import type { ModelStatus } from './model-status.ts';
import { type JobName, jobsDue } from './periodic-jobs.ts';
import type { Campaign, Cell } from './types.ts';

export type Stage = 'before' | 'registration' | 'implementing' | 'review' | 'closed';
export type CellState = 'ok' | 'attention' | 'late';

export interface DashboardModel {
  readonly year: number;
  readonly kind: ModelKind;
  readonly cellId: string;
  readonly status: ModelStatus;
}

export interface DashboardCell {
  readonly cellId: string;
  readonly cellName: string;
  readonly collectiveRegistered: number;
  readonly individualRegistered: number;
  readonly awaitingSelfAssessment: number;
  readonly awaitingReview: number;
  readonly missedSelfAssessment: number;
  readonly collectiveRecognized: number;
  readonly individualRecognized: number;
  readonly notRecognized: number;
  readonly state: CellState;
  readonly notes: readonly string[];
}

export interface DashboardYear {
  readonly year: number;
  readonly stage: Stage;
  readonly stageLabel: string;
  readonly cells: readonly DashboardCell[];
}

export interface Dashboard {
  readonly campaignId: string;
  readonly campaignName: string;
  readonly today: string;
  readonly todayText: string;
  readonly years: readonly DashboardYear[];
  readonly upcoming: readonly { readonly date: string; readonly dateText: string; readonly label: string }[];
}

export const JOB_LABELS: Readonly<Record<JobName, string>> = {
  'window-opening': 'Mở đăng ký mô hình; thông báo tới Bí thư các chi bộ',
  'registration-reminder': 'Nhắc các chi bộ còn thiếu mô hình (2 ngày trước hạn đăng ký)',
  'registration-list': 'Gửi danh sách đăng ký của các chi bộ lên Đảng ủy',
  'self-assessment-reminder-30': 'Nhắc tự đánh giá (còn 31 ngày)',
  'self-assessment-reminder-7': 'Nhắc tự đánh giá (còn 8 ngày)',
  'recognition-compliance': 'Tổng hợp kết quả công nhận theo chi bộ',
  'review-digest': 'Gửi Ủy viên BCH danh sách mô hình chờ xét của các chi bộ mình theo dõi (hằng tuần)',
  'annual-report': 'Báo cáo kết quả hằng năm',
  'phase-review-reminder': 'Nhắc chuẩn bị sơ kết / tổng kết',
  'phase-report': 'Báo cáo sơ kết / tổng kết',
};

function stageOf(campaign: Campaign, year: number, now: Date): { stage: Stage; label: string } {
  const window = registrationWindow(campaign, year);
  const t = now.getTime();
  if (t < window.opensAt.getTime()) return { stage: 'before', label: 'Chưa mở đăng ký' };
  if (t < window.closesBefore.getTime()) {
    return {
      stage: 'registration',
      label: `Đang đăng ký (đến hết ${formatLocalDate(registrationClosingDay(campaign, year))})`,
    };
  }
  if (t < selfAssessmentDueBefore(campaign, year).getTime()) {
    return {
      stage: 'implementing',
      label: `Đang thực hiện; tự đánh giá đến hết ${formatLocalDate(selfAssessmentDeadlineDay(campaign, year))}`,
    };
  }
  if (t < reviewDueBefore(campaign, year).getTime()) {
    return {
      stage: 'review',
      label: `Đang xét, công nhận (đến hết ${formatLocalDate(reviewDeadlineDay(campaign, year))})`,
    };
  }
  return { stage: 'closed', label: 'Đã hết hạn xét, công nhận' };
}

function cellLine(
  campaign: Campaign,
  cell: Cell,
  models: readonly DashboardModel[],
  stage: Stage,
  soon: boolean,
): DashboardCell {
  const compliance = cellCompliance(models, campaign.minimumPerCell);
  const count = (statuses: readonly ModelStatus[]) =>
    models.filter((model) => statuses.includes(model.status)).length;
  const awaitingSelfAssessment = count(['registered', 'implementing']);
  const awaitingReview = count(['self_assessed', 'reviewed']);
  const notes: string[] = [];
  let state: CellState = 'ok';
  const worsen = (to: CellState) => {
    if (to === 'late' || state === 'ok') state = to;
  };
  if (!compliance.registrationCompliant) {
    const missing = [
      compliance.collectiveRegistered < campaign.minimumPerCell.collective ? 'tập thể' : '',
      compliance.individualRegistered < campaign.minimumPerCell.individual ? 'cá nhân' : '',
    ].filter((part) => part !== '');
    notes.push(`Thiếu mô hình ${missing.join(' và ')}`);
    worsen(stage === 'registration' || stage === 'before' ? 'attention' : 'late');
  }
  if (stage === 'implementing' && awaitingSelfAssessment > 0 && soon) {
    notes.push(`${awaitingSelfAssessment} mô hình chưa tự đánh giá, sắp hết hạn`);
    worsen('attention');
  }
  if (stage === 'review' && awaitingReview > 0) {
    notes.push(`${awaitingReview} mô hình chờ xét`);
    worsen('attention');
  }
  if (stage === 'closed' && !compliance.compliant) {
    notes.push('Chưa đủ mô hình được công nhận');
    worsen('late');
  }
  const missed = count(['missed_self_assessment']);
  if (missed > 0) notes.push(`${missed} mô hình quá hạn tự đánh giá`);
  return {
    cellId: cell.id,
    cellName: cell.name,
    collectiveRegistered: compliance.collectiveRegistered,
    individualRegistered: compliance.individualRegistered,
    awaitingSelfAssessment,
    awaitingReview,
    missedSelfAssessment: missed,
    collectiveRecognized: compliance.collectiveRecognized,
    individualRecognized: compliance.individualRecognized,
    notRecognized: count(['not_recognized']),
    state,
    notes,
  };
}

/** The registration years whose cycle runs at `now` (window opened, reviews not yet closed), newest first. */
export function liveYears(campaign: Campaign, now: Date): number[] {
  const live = campaign.registrationYears.filter(
    (year) =>
      registrationWindow(campaign, year).opensAt.getTime() <= now.getTime() &&
      now.getTime() < reviewDueBefore(campaign, year).getTime(),
  );
  if (live.length > 0) return [...live].sort((a, b) => b - a);
  const opened = campaign.registrationYears.filter(
    (year) => registrationWindow(campaign, year).opensAt.getTime() <= now.getTime(),
  );
  const fallback = opened.length > 0 ? Math.max(...opened) : Math.min(...campaign.registrationYears);
  return Number.isFinite(fallback) ? [fallback] : [];
}

/** The dashboard of a campaign at `now`, from its cells and the models of the years shown. */
export function buildDashboard(
  campaign: Campaign,
  cells: readonly Cell[],
  models: readonly DashboardModel[],
  now: Date,
  horizonDays = 90,
): Dashboard {
  const today = localDateOf(now);
  const years = liveYears(campaign, now).map((year) => {
    const { stage, label } = stageOf(campaign, year, now);
    const soon = addLocalDays(today, 31) >= selfAssessmentDeadlineDay(campaign, year);
    return {
      year,
      stage,
      stageLabel: label,
      cells: cells.map((cell) =>
        cellLine(
          campaign,
          cell,
          models.filter((model) => model.year === year && model.cellId === cell.id),
          stage,
          soon,
        ),
      ),
    };
  });
  const upcoming: Dashboard['upcoming'][number][] = [];
  for (let day = 1; day <= horizonDays; day += 1) {
    const date = addLocalDays(today, day);
    for (const job of jobsDue(campaign, date)) {
      upcoming.push({
        date,
        dateText: formatLocalDate(date),
        label: `${JOB_LABELS[job.job]} — năm ${job.year}`,
      });
    }
  }
  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    today,
    todayText: formatLocalDate(today),
    years,
    upcoming,
  };
}

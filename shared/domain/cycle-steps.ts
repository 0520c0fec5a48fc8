// The steps of one registration year's cycle as a person follows them — register, carry out and
// self-assess, be reviewed — each with its dates in words and whether it is the step of today.
import {
  campaignRegistrationYearAt,
  formatLocalDate,
  localDateOf,
  registrationClosingDay,
  registrationWindow,
  registrationYearFor,
  reviewDeadlineDay,
  reviewDueBefore,
  selfAssessmentDeadlineDay,
  selfAssessmentDueBefore,
} from './calendar.ts';
import type { Campaign } from './types.ts';

export type CycleStepKey = 'registration' | 'implementing' | 'review';

export interface CycleStep {
  readonly key: CycleStepKey;
  readonly label: string;
  /** When, in words: "từ 01/10/2016 đến hết 10/10/2016". */
  readonly when: string;
  readonly state: 'done' | 'current' | 'next';
}

/** The year whose cycle a person follows at `now`: the running one, else the next to open. */
export function cycleYearAt(campaign: Campaign, now: Date): number | undefined {
  return campaignRegistrationYearAt(campaign, now) ?? registrationYearFor(campaign, now);
}

/** The three steps of `year`'s cycle at `now`. */
export function cycleSteps(campaign: Campaign, year: number, now: Date): CycleStep[] {
  const t = now.getTime();
  const window = registrationWindow(campaign, year);
  const bounds: [CycleStepKey, string, string, number, number][] = [
    [
      'registration',
      'Đăng ký mô hình',
      `từ ${formatLocalDate(localDateOf(window.opensAt))} đến hết ${formatLocalDate(registrationClosingDay(campaign, year))}`,
      window.opensAt.getTime(),
      window.closesBefore.getTime(),
    ],
    [
      'implementing',
      'Thực hiện mô hình và tự đánh giá',
      `đến hết ${formatLocalDate(selfAssessmentDeadlineDay(campaign, year))}`,
      window.closesBefore.getTime(),
      selfAssessmentDueBefore(campaign, year).getTime(),
    ],
    [
      'review',
      'Ban Chấp hành xét, công nhận',
      `đến hết ${formatLocalDate(reviewDeadlineDay(campaign, year))}`,
      selfAssessmentDueBefore(campaign, year).getTime(),
      reviewDueBefore(campaign, year).getTime(),
    ],
  ];
  return bounds.map(([key, label, when, from, before]) => ({
    key,
    label,
    when,
    state: t >= before ? 'done' : t >= from ? 'current' : 'next',
  }));
}

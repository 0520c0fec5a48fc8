// The five recognition principles of the plan, the review's two decisions,
// and how people read them.

/** The five principles a model must all meet to be recognized. */
export const PRINCIPLES = [
  'registered',
  'democraticVote',
  'meetsStandard',
  'spread',
  'cellRecognized',
] as const;
export type Principle = (typeof PRINCIPLES)[number];

/** The five principles (the plan's section III.5), shortened for forms. */
export const PRINCIPLE_LABELS: Readonly<Record<Principle, string>> = {
  registered: 'Có đăng ký thực hiện mô hình, điển hình',
  democraticVote: 'Thực sự công khai, dân chủ trong bình chọn',
  meetsStandard: 'Đúng tiêu chuẩn, được tập thể nơi điển hình thừa nhận',
  spread: 'Có sức lan tỏa cao trong cơ quan, đơn vị',
  cellRecognized: 'Được Chi ủy, Chi bộ công nhận “khéo” trong tuyên truyền, vận động',
};

/** Whether one principle holds, and the reviewer's note. */
export interface PrincipleFinding {
  readonly met: boolean;
  readonly note?: string;
}

export const DECISIONS = ['recognized', 'not_recognized'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The review's two decisions, as the form offers them. */
export const DECISION_LABELS: Readonly<Record<Decision, string>> = {
  recognized: 'Công nhận',
  not_recognized: 'Không công nhận',
};

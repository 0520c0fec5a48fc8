// A vote of a cell or of the committee: its five counts, as the minutes of a meeting name them.

/** A vote's counts (whole numbers). */
export interface Vote {
  readonly eligible: number;
  readonly present: number;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** The vote's five counts, as the minutes of a meeting name them. */
export const VOTE_LABELS: Readonly<Record<keyof Vote, string>> = {
  eligible: 'Số người có quyền biểu quyết',
  present: 'Số người có mặt',
  for: 'Tán thành',
  against: 'Không tán thành',
  abstain: 'Không biểu quyết',
};

// Where a model's yearly cycle stands, how people read it, and the order the
// cycle moves in (a step recorded twice or late never moves a model back).

export const MODEL_STATUSES = [
  'registered',
  'implementing',
  'returned',
  'self_assessed',
  'reviewed',
  'recognized',
  'not_recognized',
  'missed_self_assessment',
  'withdrawn',
  'not_completed',
] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** The model's states as people read them. */
export const STATUS_LABELS: Readonly<Record<ModelStatus, string>> = {
  registered: 'Đã đăng ký',
  implementing: 'Đang thực hiện',
  returned: 'Trả lại, chờ bổ sung',
  self_assessed: 'Đã tự đánh giá',
  reviewed: 'Đã xét',
  recognized: 'Được công nhận',
  not_recognized: 'Không được công nhận',
  missed_self_assessment: 'Quá hạn tự đánh giá',
  withdrawn: 'Đã rút',
  not_completed: 'Không bổ sung trong hạn',
};

// How far along the cycle each status is. Side exits are final.
const RANK: Readonly<Record<ModelStatus, number>> = {
  registered: 0,
  implementing: 1,
  returned: 1,
  self_assessed: 2,
  reviewed: 3,
  recognized: 4,
  not_recognized: 4,
  missed_self_assessment: 4,
  withdrawn: 4,
  not_completed: 4,
};

// A registration returned for completion goes back to implementing once completed, as often as it is returned.
const ALTERNATES: Readonly<Partial<Record<ModelStatus, ModelStatus>>> = {
  implementing: 'returned',
  returned: 'implementing',
};

// Statuses that do not count as registered: withdrawn, or returned and not completed (yet, or in time).
const NOT_REGISTERED: readonly ModelStatus[] = ['withdrawn', 'returned', 'not_completed'];

/** Whether a model in this status counts as registered for the year (compliance, reports, lists). */
export function countsAsRegistered(status: ModelStatus): boolean {
  return !NOT_REGISTERED.includes(status);
}

/** Whether a status is final: nothing follows it in the cycle. */
export function isFinalStatus(status: ModelStatus): boolean {
  return RANK[status] === 4;
}

/**
 * The status a model should have when `proposed` arrives while it is at
 * `current`: steps recorded twice or out of order never move a model back.
 */
export function laterStatus(current: ModelStatus, proposed: ModelStatus): ModelStatus {
  if (isFinalStatus(current)) return current;
  if (ALTERNATES[current] === proposed) return proposed;
  return RANK[proposed] > RANK[current] ? proposed : current;
}

/** The statuses a model may move on to `status` from: those before it in the cycle (never a final one). */
export function statusesBefore(status: ModelStatus): ModelStatus[] {
  return MODEL_STATUSES.filter(
    (candidate) => laterStatus(candidate, status) === status && candidate !== status,
  );
}

/**
 * The status a person is shown: `registered` lasts only until the workflow records `implementing`
 * (about a second), so pages show it as `implementing` and the receipt and the cell page agree.
 */
export function shownStatus(status: ModelStatus): ModelStatus {
  return status === 'registered' ? 'implementing' : status;
}

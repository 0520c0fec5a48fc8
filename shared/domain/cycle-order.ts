import type { ModelStatus } from './types.ts';

// How far along the cycle each status is. Side exits are final.
const RANK: Readonly<Record<ModelStatus, number>> = {
  registered: 0,
  implementing: 1,
  self_assessed: 2,
  reviewed: 3,
  recognized: 4,
  not_recognized: 4,
  missed_self_assessment: 4,
  withdrawn: 4,
};

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
  return RANK[proposed] > RANK[current] ? proposed : current;
}

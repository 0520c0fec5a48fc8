// The model cycle's vocabulary shared by the API, its tasks and the gateway:
// the input of an execution, its deterministic name, the callback errors.
import { createHash } from 'node:crypto';
import type { Model } from '../domain/model.ts';

/**
 * Errors the API sends to a waiting callback with SendTaskFailure; the model
 * cycle's Catch matches these names, so they are literals shared by both.
 */
export const CYCLE_CALLBACK_ERRORS = { withdrawn: 'Withdrawn', returned: 'Returned' } as const;

/**
 * How long one execution of the model cycle may wait, counted from its start:
 * 360 days, safely inside Step Functions' one-year cap (the steps after a
 * wait take seconds). A wait whose deadline lies further continues as a new
 * execution. statemachines/model-cycle.asl.json holds the same number in
 * milliseconds (31104000000); a unit test keeps the two equal.
 */
export const CYCLE_SEGMENT_DAYS = 360;

/** The input every execution of a model's cycle starts with: derived only from the stored model. */
export interface CycleInput {
  readonly modelId: string;
  readonly campaignId: string;
  readonly year: number;
  readonly kind: Model['kind'];
  readonly cellId: string;
  readonly personId?: string;
  readonly registeredBy: string;
  readonly registeredAt: string;
  readonly selfAssessmentDueBefore: string;
  readonly reviewDueBefore: string;
  /** `registration` runs registered → self-assessed; `review` runs the committee's decision. */
  readonly stage: 'registration' | 'review';
  /** The execution this one continues (the review stage continues the registration stage). */
  readonly continues?: string;
  /**
   * Which execution of the stage this is: 1 for the first; each continuation
   * (a wait that would outlive the one-year cap) counts one more.
   */
  readonly round?: number;
  /** Set when the registration stage continues while the registration is returned for completion. */
  readonly awaiting?: 'completion';
}

/** The input of an execution of a model's cycle: its first by default, or a stage's continuation. */
export function cycleInput(
  model: Model,
  stage: CycleInput['stage'] = 'registration',
  continues?: string,
  round = 1,
): CycleInput {
  return {
    modelId: model.id,
    campaignId: model.campaignId,
    year: model.year,
    kind: model.kind,
    cellId: model.cellId,
    ...(model.personId ? { personId: model.personId } : {}),
    registeredBy: model.registeredBy,
    registeredAt: model.createdAt,
    selfAssessmentDueBefore: model.selfAssessmentDueBefore,
    reviewDueBefore: model.reviewDueBefore,
    stage,
    ...(continues ? { continues } : {}),
    ...(round > 1 ? { round } : {}),
    ...(stage === 'registration' && model.status === 'returned' ? { awaiting: 'completion' as const } : {}),
  };
}

/** Execution names derive from the model id, so a retry can never start a second one. */
export function executionName(modelId: string, stage: CycleInput['stage'], round = 1): string {
  const first = stage === 'registration' ? modelId : `${modelId}-review`;
  const name = round > 1 ? `${first}-${round}` : first;
  // Names are at most 80 characters; ids are at most 64, so this never truncates in practice.
  return name.length <= 80 ? name : createHash('sha256').update(name).digest('hex').slice(0, 80);
}

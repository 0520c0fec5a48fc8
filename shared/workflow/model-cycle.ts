// The model cycle's vocabulary shared by the API, its tasks and the gateway:
// the input of an execution, its deterministic name, the callback errors.
import { createHash } from 'node:crypto';
import type { Model } from '../domain/model.ts';

/**
 * Errors the API sends to a waiting callback with SendTaskFailure; the model
 * cycle's Catch matches these names, so they are literals shared by both.
 */
export const CYCLE_CALLBACK_ERRORS = { withdrawn: 'Withdrawn' } as const;

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
}

/** The input of a model's first execution. */
export function cycleInput(
  model: Model,
  stage: CycleInput['stage'] = 'registration',
  continues?: string,
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
  };
}

/** Execution names derive from the model id, so a retry can never start a second one. */
export function executionName(modelId: string, stage: CycleInput['stage']): string {
  const name = stage === 'registration' ? modelId : `${modelId}-review`;
  // Names are at most 80 characters; ids are at most 64, so this never truncates in practice.
  return name.length <= 80 ? name : createHash('sha256').update(name).digest('hex').slice(0, 80);
}

import { createHash } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../aws/sfn.ts';
import type { Model } from '../domain/model.ts';
import { ENV, requireEnv } from '../env.ts';

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

/**
 * Starts a stage of the model's cycle. Starting the same name with the same
 * input again returns the running execution (StartExecution is idempotent),
 * so a retried request is harmless; the ARN is returned either way.
 */
export async function startCycle(input: CycleInput): Promise<string> {
  const stateMachineArn = requireEnv(ENV.modelCycleStateMachineArn);
  const name = executionName(input.modelId, input.stage);
  try {
    const started = await sfnClient().send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
    );
    return started.executionArn ?? executionArnOf(stateMachineArn, name);
  } catch (error) {
    // Same name, another input: the execution exists already (its input was built from an older record).
    if (error instanceof ExecutionAlreadyExists) return executionArnOf(stateMachineArn, name);
    throw error;
  }
}

/** The ARN of an execution of a state machine, by name. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

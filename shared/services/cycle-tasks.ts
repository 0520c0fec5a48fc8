// What the model-cycle state machine's tasks do (statemachines/model-cycle.asl.json).
// Each step is idempotent: Step Functions delivers at least once.
import { modelRepository, publicModel } from '../data/models.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Awaiting, Review, SelfAssessment } from '../domain/model.ts';
import { isFinalStatus, laterStatus, type ModelStatus } from '../domain/model-status.ts';
import { assertConsistentDecision } from '../domain/recognition.ts';
import { cycleMail } from '../mail/templates.ts';
import { workflows } from '../workflow/gateway.ts';
import { cycleInput } from '../workflow/model-cycle.ts';
import { campaignOrFail } from './model-access.ts';
import { notifyModelPeople } from './notify.ts';

export interface RecordStepEvent {
  readonly modelId: string;
  readonly status: ModelStatus;
  readonly actor: string;
  readonly at: string;
  readonly executionArn: string;
  readonly assessment?: SelfAssessment;
  readonly review?: Review;
  readonly withdrawal?: { readonly reason?: string };
}

/**
 * Records that the model entered a state, once, and tells the people
 * concerned. Step Functions may run this step again (a retry, a restart): the
 * state is recorded once, and the audit entry and the emails are written
 * under keys derived from the step, so running again only completes what a
 * crash left undone.
 */
export async function recordStep(event: RecordStepEvent): Promise<{ status: ModelStatus }> {
  const stepKey = `${event.executionArn}#${event.status}`;
  const written = await modelRepository.update(event.modelId, (current) => {
    if (current.recordedSteps?.includes(stepKey)) return undefined;
    const status = laterStatus(current.status, event.status);
    const leavesToken = isFinalStatus(status) && status !== current.status;
    const { taskToken: _t, awaiting: _a, ...withoutToken } = current;
    return {
      ...(leavesToken ? withoutToken : current),
      status,
      ...(event.assessment && !current.selfAssessment ? { selfAssessment: event.assessment } : {}),
      ...(event.review && !current.review ? { review: event.review } : {}),
      recordedSteps: [...(current.recordedSteps ?? []), stepKey],
      updatedAt: event.at,
    };
  });
  if (!written) throw new NotFoundError(`Không có mô hình mã “${event.modelId}”.`);
  if (event.status !== 'registered') {
    await modelRepository.appendAudit(
      {
        modelId: event.modelId,
        at: event.at,
        actor: event.actor,
        action: event.status,
        ...(event.withdrawal?.reason ? { note: event.withdrawal.reason } : {}),
      },
      stepKey,
    );
  }
  const model = publicModel(written);
  const at = new Date(event.at);
  const notify = (compose: Parameters<typeof notifyModelPeople>[3]) =>
    notifyModelPeople(model, `cycle#${stepKey}`, event.at, compose);
  switch (event.status) {
    case 'registered':
      await notify((context) => cycleMail.registered(model, context, at));
      break;
    case 'self_assessed':
      await notify((context) => cycleMail.self_assessed(model, context, at));
      break;
    case 'missed_self_assessment':
      await notify((context) => cycleMail.missed_self_assessment(model, context));
      break;
    case 'recognized':
      await notify((context) => cycleMail.recognized(model, context));
      break;
    case 'not_recognized':
      await notify((context) =>
        cycleMail.not_recognized(model, context, event.review?.reasons || model.review?.reasons || ''),
      );
      break;
    case 'withdrawn':
      await notify((context) => cycleMail.withdrawn(model, context));
      break;
    default:
      break;
  }
  return { status: written.status };
}

export interface AwaitStepEvent {
  readonly modelId: string;
  readonly awaiting: Awaiting;
  readonly taskToken: string;
}

/** Keeps the workflow's callback token on the model so the API can answer it. */
export async function awaitStep(event: AwaitStepEvent): Promise<void> {
  const written = await modelRepository.update(event.modelId, (current) =>
    current.taskToken === event.taskToken
      ? undefined
      : { ...current, taskToken: event.taskToken, awaiting: event.awaiting },
  );
  if (!written) throw new NotFoundError(`Không có mô hình mã “${event.modelId}”.`);
}

export interface CheckReviewEvent {
  readonly modelId: string;
  readonly review: Review;
}

/**
 * The rule check the workflow runs on a decision: recognized only when all
 * five principles hold and the vote meets the campaign's quorum and majority.
 * Throws RuleViolationError (the workflow catches it and waits again).
 */
export async function checkReview(event: CheckReviewEvent): Promise<{ decision: Review['decision'] }> {
  const model = await modelRepository.get(event.modelId);
  if (!model) throw new NotFoundError(`Không có mô hình mã “${event.modelId}”.`);
  const campaign = await campaignOrFail(model.campaignId);
  assertConsistentDecision({ ...event.review, campaign });
  return { decision: event.review.decision };
}

export interface ContinueEvent {
  readonly modelId: string;
  readonly executionArn: string;
}

/**
 * Starts the review stage as a new execution, so that no execution outlives
 * Step Functions' one-year cap while a review may come up to 30 December of
 * the next year; the timeline joins the two.
 */
export async function continueToReview(event: ContinueEvent): Promise<{ executionArn: string }> {
  const model = await modelRepository.get(event.modelId);
  if (!model) throw new NotFoundError(`Không có mô hình mã “${event.modelId}”.`);
  const executionArn = await workflows.startCycle(cycleInput(model, 'review', event.executionArn));
  await modelRepository.update(event.modelId, (current) =>
    current.executions.includes(executionArn)
      ? undefined
      : { ...current, executions: [...current.executions, executionArn] },
  );
  return { executionArn };
}

// What the model-cycle state machine's tasks do (statemachines/model-cycle.asl.json).
// Each step is idempotent: Step Functions delivers at least once.
import { modelRepository, publicModel, type StoredModel } from '../data/models.ts';
import { readRecords } from '../data/records.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Awaiting, ReturnRequest, Review, SelfAssessment } from '../domain/model.ts';
import { isFinalStatus, type ModelStatus, statusesBefore } from '../domain/model-status.ts';
import { assertConsistentDecision } from '../domain/recognition.ts';
import { cycleMail } from '../mail/templates.ts';
import { CallbackGoneError, workflows } from '../workflow/gateway.ts';
import { CYCLE_CALLBACK_ERRORS, type CycleInput, cycleInput } from '../workflow/model-cycle.ts';
import { campaignOrFail } from './model-access.ts';
import { modelPeople, notifyModelPeople } from './notify.ts';

export interface RecordStepEvent {
  readonly modelId: string;
  readonly status: ModelStatus;
  readonly actor: string;
  readonly at: string;
  readonly executionArn: string;
  readonly assessment?: SelfAssessment;
  readonly review?: Review;
  readonly withdrawal?: { readonly reason?: string };
  readonly returnRequest?: ReturnRequest;
  /**
   * The step's name where it differs from the status it moves to (`completed`: a returned
   * registration resubmitted, back to implementing), for the audit trail and the mail.
   */
  readonly step?: 'completed';
  /**
   * Which occurrence of a step that may come again in one execution (returned, completed): the
   * time of the request behind it, so each return and resubmission is recorded once.
   */
  readonly occurrence?: string;
  /** The execution's input, which the registered step passes so that one read finds all it needs. */
  readonly cycle?: CycleInput;
}

/**
 * Records that the model entered a state, once, and tells the people
 * concerned. Step Functions may run this step again (a retry, a restart): the
 * state is recorded once, and the audit entry and the emails are written
 * under keys derived from the step, so running again only completes what a
 * crash left undone.
 */
export async function recordStep(event: RecordStepEvent): Promise<{ status: ModelStatus }> {
  const stepName = event.step ?? event.status;
  const stepKey = `${event.executionArn}#${stepName}${event.occurrence ? `#${event.occurrence}` : ''}`;
  // Executions started before the registered step carried its input take the general path.
  if (event.status === 'registered' && event.cycle) return recordRegistration(event, event.cycle, stepKey);
  const written = await recordOnce(event, stepKey);
  if (!written) throw new NotFoundError(`Không có mô hình mã “${event.modelId}”.`);
  if (event.status !== 'registered') {
    const note = event.withdrawal?.reason || event.returnRequest?.reason;
    await modelRepository.appendAudit(
      {
        modelId: event.modelId,
        at: event.at,
        actor: event.actor,
        action: stepName,
        ...(note ? { note } : {}),
      },
      stepKey,
    );
  }
  const model = publicModel(written);
  const at = new Date(event.at);
  const notify = (compose: Parameters<typeof notifyModelPeople>[3]) =>
    notifyModelPeople(model, `cycle#${stepKey}`, event.at, compose);
  if (event.step === 'completed') {
    await notify((context) => cycleMail.completed(model, context, at));
    return { status: written.status };
  }
  switch (event.status) {
    case 'returned':
      if (event.returnRequest) {
        const request = event.returnRequest;
        await notify((context) => cycleMail.returned(model, context, request));
      }
      break;
    case 'not_completed':
      await notify((context) => cycleMail.not_completed(model, context));
      break;
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

/**
 * The registered step. The API wrote the model in this state, so the step
 * writes nothing of the model: it reads the model, its cell and its people in
 * one request and sends the receipts (under keys that a repeated step finds).
 */
async function recordRegistration(
  event: RecordStepEvent,
  cycle: CycleInput,
  stepKey: string,
): Promise<{ status: ModelStatus }> {
  const records = await readRecords({
    models: [event.modelId],
    cells: [cycle.cellId],
    people: modelPeople(cycle),
  });
  const stored = records.models.get(event.modelId);
  if (!stored) throw new NotFoundError(`Không có mô hình mã “${event.modelId}”.`);
  const model = publicModel(stored);
  await notifyModelPeople(
    model,
    `cycle#${stepKey}`,
    event.at,
    (context) => cycleMail.registered(model, context, new Date(event.at)),
    records,
  );
  return { status: stored.status };
}

/**
 * The step's one write: the step joins the recorded ones, the status moves
 * forward (never back), what the step carries is kept if not there yet, and a
 * final status lets the callback token go. A repeated step writes nothing.
 */
async function recordOnce(event: RecordStepEvent, stepKey: string): Promise<StoredModel | undefined> {
  const carried = {
    ...(event.assessment ? { selfAssessment: event.assessment } : {}),
    ...(event.review ? { review: event.review } : {}),
  };
  const step = {
    set: { updatedAt: event.at },
    setIfAbsent: carried,
    append: { recordedSteps: [stepKey] },
  };
  // A return's callback was answered: the model waits for its completion under a new token.
  const loop =
    event.status === 'returned' && event.returnRequest
      ? { set: { returnRequest: event.returnRequest }, remove: ['taskToken', 'awaiting'] }
      : event.step === 'completed'
        ? { set: {}, remove: ['returnRequest', 'taskToken', 'awaiting'] }
        : undefined;
  const before = statusesBefore(event.status);
  const notRecorded = 'attribute_exists(pk) AND NOT contains(recordedSteps, :step)';
  const moved =
    before.length > 0
      ? await modelRepository.patch(
          event.modelId,
          {
            ...step,
            set: { ...step.set, ...loop?.set, status: event.status },
            ...(isFinalStatus(event.status) ? { remove: ['taskToken', 'awaiting', 'returnRequest'] } : {}),
            ...(loop ? { remove: loop.remove } : {}),
          },
          {
            expression: `${notRecorded} AND #status IN (${before.map((_, index) => `:before${index}`).join(', ')})`,
            names: { '#status': 'status' },
            values: {
              ':step': stepKey,
              ...Object.fromEntries(before.map((status, index) => [`:before${index}`, status])),
            },
          },
        )
      : undefined;
  if (moved) return moved;
  // Recorded already (a repeated step), or the model is further along (a late step): the status stays.
  const kept = await modelRepository.patch(event.modelId, step, {
    expression: notRecorded,
    values: { ':step': stepKey },
  });
  return kept ?? modelRepository.get(event.modelId);
}

export interface AwaitStepEvent {
  readonly modelId: string;
  readonly awaiting: Awaiting;
  readonly taskToken: string;
}

/**
 * Keeps the workflow's callback token on the model so the API can answer it;
 * waiting for the self-assessment is when a model is being implemented. A
 * withdrawal asked before the workflow got here (the API found no token yet)
 * is answered now: the callback fails with Withdrawn, as the API would have.
 */
export async function awaitStep(event: AwaitStepEvent): Promise<void> {
  const token = { taskToken: event.taskToken, awaiting: event.awaiting };
  const implementing = event.awaiting === 'self_assessment';
  const written = await modelRepository.patch(
    event.modelId,
    { set: implementing ? { ...token, status: 'implementing' } : token },
    implementing
      ? {
          expression:
            'attribute_exists(pk) AND attribute_not_exists(withdrawal) AND #status IN (:registered, :implementing)',
          names: { '#status': 'status' },
          values: { ':registered': 'registered', ':implementing': 'implementing' },
        }
      : { expression: 'attribute_exists(pk)' },
  );
  if (written) return;
  const current = await modelRepository.get(event.modelId);
  if (!current) throw new NotFoundError(`Không có mô hình mã “${event.modelId}”.`);
  if (current.withdrawal) {
    await workflows
      .fail(event.taskToken, CYCLE_CALLBACK_ERRORS.withdrawn, current.withdrawal)
      .catch((error) => {
        if (!(error instanceof CallbackGoneError)) throw error;
      });
    return;
  }
  await modelRepository.patch(event.modelId, { set: token }, { expression: 'attribute_exists(pk)' });
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
  /** The stage the new execution runs; the review stage when absent (the registration stage's end). */
  readonly stage?: CycleInput['stage'];
  /** The new execution's round of its stage (1 when the stage starts). */
  readonly round?: number;
}

/**
 * Continues the model's cycle as a new execution (continue-as-new): the
 * review stage once self-assessed, or the same stage when its wait reached
 * the execution's length limit before the deadline — the model's state and
 * the pending step carry over, the new wait stores its own token on the
 * model, and the timeline joins every execution listed on the model.
 */
export async function continueCycle(event: ContinueEvent): Promise<{ executionArn: string }> {
  const model = await modelRepository.get(event.modelId);
  if (!model) throw new NotFoundError(`Không có mô hình mã “${event.modelId}”.`);
  const executionArn = await workflows.startCycle(
    cycleInput(model, event.stage ?? 'review', event.executionArn, event.round ?? 1),
  );
  await modelRepository.patch(
    event.modelId,
    { append: { executions: [executionArn] } },
    { expression: 'NOT contains(executions, :arn)', values: { ':arn': executionArn } },
  );
  return { executionArn };
}

// The model's yearly cycle after registration: self-assessment,
// review, tiers. The API validates with the domain rules and answers the
// workflow's callback; the workflow records each state (cycle-record).
import { cellRepository } from '../data/cells.ts';
import { modelRepository, publicModel, type StoredModel } from '../data/models.ts';
import { conflictOfInterest } from '../domain/access.ts';
import { formatLocalDate, selfAssessmentDeadlineDay } from '../domain/calendar.ts';
import { ConflictError, RuleViolationError } from '../domain/errors.ts';
import type { Model, Review, SelfAssessment, TierRecord } from '../domain/model.ts';
import { laterStatus, STATUS_LABELS } from '../domain/model-status.ts';
import type { Decision, Principle, PrincipleFinding } from '../domain/principles.ts';
import {
  assertConsistentDecision,
  assertMayPromote,
  assertMayReview,
  assertMaySelfAssess,
} from '../domain/recognition.ts';
import type { ModelTier } from '../domain/tiers.ts';
import type { Caller, Cell, Person } from '../domain/types.ts';
import type { Vote } from '../domain/votes.ts';
import { cycleMail } from '../mail/templates.ts';
import { countEvent } from '../observability.ts';
import { CallbackGoneError, CallbackTimedOutError, workflows } from '../workflow/gateway.ts';
import { callerPerson, campaignOrFail, readableModel, requireRole } from './model-access.ts';
import { notifyModelPeople } from './notify.ts';

/**
 * Answers the workflow's pending callback. The token is read from the stored
 * model, never from the client. A callback the workflow no longer waits for
 * is refused as what happened says: past the deadline (422), or answered
 * already — by a concurrent request, for one (409). Step Functions answers
 * both with TaskTimedOut, so the deadline tells them apart.
 */
async function answerCallback(
  model: StoredModel,
  awaiting: StoredModel['awaiting'],
  output: unknown,
  late: { readonly deadline: string; readonly now: Date; readonly message: string },
): Promise<string> {
  if (!model.taskToken || model.awaiting !== awaiting) {
    throw new ConflictError(
      `Mô hình đang ở trạng thái “${STATUS_LABELS[model.status]}”, chưa thể thực hiện bước này.`,
      [{ path: 'status', message: `Trạng thái hiện tại: ${STATUS_LABELS[model.status]}.` }],
    );
  }
  let token = model.taskToken;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await workflows.succeed(token, output);
      return token;
    } catch (error) {
      const pastDeadline = late.now.getTime() >= Date.parse(late.deadline);
      if (error instanceof CallbackTimedOutError && pastDeadline) throw new RuleViolationError(late.message);
      // Before the deadline, a timed-out wait is one that reached the execution's length limit and
      // continues as a new execution: answer the new wait's token once it is stored.
      const continued =
        error instanceof CallbackTimedOutError && attempt < CONTINUATION_ATTEMPTS
          ? await continuedToken(model.id, token, awaiting)
          : undefined;
      if (continued) {
        token = continued;
        continue;
      }
      if (error instanceof CallbackTimedOutError || error instanceof CallbackGoneError) {
        throw new ConflictError('Bước này đã được gửi hoặc không còn chờ nữa; hãy tải lại mô hình.');
      }
      throw error;
    }
  }
}

const CONTINUATION_ATTEMPTS = 3;
const CONTINUATION_POLLS = 20;
const CONTINUATION_POLL_MS = 250;

/** The token of the wait that continued an ended one, once the new execution has stored it. */
async function continuedToken(
  modelId: string,
  ended: string,
  awaiting: StoredModel['awaiting'],
): Promise<string | undefined> {
  for (let poll = 0; poll < CONTINUATION_POLLS; poll += 1) {
    const current = await modelRepository.get(modelId);
    if (current?.taskToken && current.taskToken !== ended && current.awaiting === awaiting) {
      return current.taskToken;
    }
    await new Promise((resolve) => setTimeout(resolve, CONTINUATION_POLL_MS));
  }
  return undefined;
}

/**
 * Forgets the token this request answered — but not a newer one the workflow
 * may already have stored for its next step.
 */
function withoutAnsweredToken(current: StoredModel, answered: string): StoredModel {
  if (current.taskToken !== answered) return current;
  const { taskToken: _token, awaiting: _awaiting, ...rest } = current;
  return rest;
}

/**
 * The model's cell, after recording in the model's audit trail any refusal
 * of this person for a conflict of interest: the rule itself
 * (assertNoConflictOfInterest) refuses them right after.
 */
async function cellAuditingConflict(
  person: Person,
  model: StoredModel,
  action: 'review' | 'tier',
  now: Date,
): Promise<Cell | undefined> {
  const cell = await cellRepository.get(model.cellId);
  const reason = conflictOfInterest(person, model, cell);
  if (reason !== undefined) {
    await modelRepository.appendAudit({
      modelId: model.id,
      at: now.toISOString(),
      actor: person.id,
      action: 'conflict_of_interest_refused',
      note: `${action === 'review' ? 'Xét, biểu quyết' : 'Đề nghị biểu dương, khen thưởng'}: ${reason}`,
    });
  }
  return cell;
}

export interface SelfAssessmentRequest {
  readonly results: string;
  readonly evidence: readonly string[];
  readonly cellConfirmed: boolean;
  readonly cellVote?: Vote;
}

/** POST /api/models/{id}/self-assessment */
export async function selfAssess(
  caller: Caller,
  modelId: string,
  request: SelfAssessmentRequest,
  now: Date,
): Promise<Model> {
  const { model } = await readableModel(caller, modelId);
  const [person, campaign] = await Promise.all([callerPerson(caller), campaignOrFail(model.campaignId)]);
  assertMaySelfAssess({
    caller,
    callerPerson: person,
    model,
    now,
    campaign,
    submission: {
      cellConfirmed: request.cellConfirmed,
      ...(request.cellVote ? { cellVote: request.cellVote } : {}),
    },
  });
  const assessment: SelfAssessment = {
    results: request.results,
    evidence: request.evidence,
    cellConfirmed: request.cellConfirmed,
    ...(model.kind === 'collective' && request.cellVote ? { cellVote: request.cellVote } : {}),
    by: person.id,
    at: now.toISOString(),
  };
  const lastDay = formatLocalDate(selfAssessmentDeadlineDay(campaign, model.year));
  const answered = await answerCallback(
    model,
    'self_assessment',
    { actor: person.id, at: assessment.at, assessment },
    {
      deadline: model.selfAssessmentDueBefore,
      now,
      message: `Đã quá hạn tự đánh giá (hết ngày ${lastDay}).`,
    },
  );
  const written = await modelRepository.update(modelId, (current) =>
    current.selfAssessment
      ? undefined
      : {
          ...withoutAnsweredToken(current, answered),
          selfAssessment: assessment,
          status: laterStatus(current.status, 'self_assessed'),
          updatedAt: assessment.at,
        },
  );
  countEvent('SelfAssessmentSubmitted');
  return publicModel(written ?? model);
}

export interface ReviewRequest {
  readonly principles: Readonly<Record<Principle, PrincipleFinding>>;
  readonly vote: Vote;
  readonly decision: Decision;
  readonly reasons: string;
}

/** POST /api/models/{id}/review */
export async function reviewModel(
  caller: Caller,
  modelId: string,
  request: ReviewRequest,
  now: Date,
): Promise<Model> {
  // Refused by role before the model is looked up: nobody learns what exists from a 403 / 404.
  requireRole(caller, ['committee'], 'xét, công nhận mô hình (chỉ Ủy viên Ban Chấp hành)');
  const { model } = await readableModel(caller, modelId);
  const [person, campaign] = await Promise.all([callerPerson(caller), campaignOrFail(model.campaignId)]);
  const modelCell = await cellAuditingConflict(person, model, 'review', now);
  assertMayReview({ reviewer: person, reviewerCaller: caller, model, ...(modelCell ? { modelCell } : {}) });
  if (model.review || ['recognized', 'not_recognized', 'reviewed'].includes(model.status)) {
    throw new ConflictError('Mô hình đã được xét; mỗi mô hình chỉ có một quyết định.', [
      { path: 'decision', message: `Đã có quyết định: ${STATUS_LABELS[model.status]}.` },
    ]);
  }
  if (model.status !== 'self_assessed') {
    throw new ConflictError('Mô hình chưa tự đánh giá nên chưa thể xét.', [
      { path: 'status', message: `Trạng thái hiện tại: ${STATUS_LABELS[model.status]}.` },
    ]);
  }
  assertConsistentDecision({ ...request, campaign });
  const review: Review = { ...request, by: person.id, at: now.toISOString() };
  const answered = await answerCallback(
    model,
    'review',
    { actor: person.id, at: review.at, review },
    { deadline: model.reviewDueBefore, now, message: 'Đã quá hạn xét, công nhận mô hình của năm này.' },
  );
  const written = await modelRepository.update(modelId, (current) =>
    current.review
      ? undefined
      : {
          ...withoutAnsweredToken(current, answered),
          review,
          status: laterStatus(current.status, request.decision),
          updatedAt: review.at,
        },
  );
  countEvent('ReviewDecided');
  return publicModel(written ?? model);
}

export interface PromoteRequest {
  readonly tier: ModelTier;
  readonly level?: TierRecord['level'];
  readonly note?: string;
}

/** POST /api/models/{id}/tier: recognized → exemplary → commended, recorded with who and when. */
export async function promoteModel(
  caller: Caller,
  modelId: string,
  request: PromoteRequest,
  now: Date,
): Promise<Model> {
  requireRole(
    caller,
    ['committee', 'office'],
    'đề nghị biểu dương, khen thưởng (Ban Chấp hành hoặc Văn phòng Đảng ủy)',
  );
  const { model } = await readableModel(caller, modelId);
  const person = await callerPerson(caller);
  const modelCell = await cellAuditingConflict(person, model, 'tier', now);
  const cellPart = modelCell ? { modelCell } : {};
  assertMayPromote({ caller, person, model, tier: request.tier, ...cellPart });
  const record: TierRecord = {
    tier: request.tier,
    by: person.id,
    at: now.toISOString(),
    ...(request.level
      ? { level: request.level }
      : { ...(request.tier === 'commended' ? { level: 'party_committee' as const } : {}) }),
    ...(request.note ? { note: request.note } : {}),
  };
  const written = await modelRepository.update(modelId, (current) => {
    assertMayPromote({ caller, person, model: current, tier: request.tier, ...cellPart });
    return {
      ...current,
      tier: request.tier,
      tiers: [...(current.tiers ?? []), record],
      updatedAt: record.at,
    };
  });
  await modelRepository.appendAudit({
    modelId,
    at: record.at,
    actor: person.id,
    action: request.tier,
    changes: { tier: { from: model.tier, to: request.tier } },
    ...(request.note ? { note: request.note } : {}),
  });
  const promoted = publicModel(written ?? model);
  countEvent('ModelPromoted');
  await notifyModelPeople(promoted, `tier#${modelId}#${request.tier}`, record.at, (context) =>
    cycleMail.tier(promoted, context, request.tier),
  );
  return promoted;
}

// Self-assessment, review and recognition, and the tiers above it (the seed plan, section III.5–6).

import { conflictOfInterest, type ModelParticipants } from './access.ts';
import { formatLocalDate, selfAssessmentDeadlineDay, selfAssessmentDueBefore } from './calendar.ts';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  InvalidInputError,
  RuleViolationError,
} from './errors.ts';
import type { ModelKind } from './model-kinds.ts';
import { type ModelStatus, STATUS_LABELS } from './model-status.ts';
import {
  DECISION_LABELS,
  DECISIONS,
  type Decision,
  PRINCIPLE_LABELS,
  PRINCIPLES,
  type Principle,
  type PrincipleFinding,
} from './principles.ts';
import { isSecretaryOf } from './registration.ts';
import { type ModelTier, TIER_LABELS } from './tiers.ts';
import type { Caller, Campaign, Cell, Person, Ratio } from './types.ts';
import { VOTE_LABELS, type Vote } from './votes.ts';

export interface VoteOutcome {
  readonly quorumMet: boolean;
  readonly majorityMet: boolean;
}

/** The parts of a model the review rules look at. */
export interface ReviewedModelRef {
  readonly kind: ModelKind;
  readonly cellId: string;
  readonly personId?: string;
  readonly registeredBy: string;
  readonly selfAssessment?: { readonly by: string };
}

export interface DecisionInput {
  readonly principles: Readonly<Record<Principle, PrincipleFinding>>;
  readonly vote: Vote;
  readonly decision: Decision;
  /** Free text, or a list of reasons; required for `not_recognized`. */
  readonly reasons?: string | readonly string[];
  readonly campaign: Campaign;
}

export interface SelfAssessmentSubmission {
  readonly cellConfirmed: boolean;
  /** The cell's vote on its collective model; required for collectives only. */
  readonly cellVote?: Vote;
}

export interface SelfAssessInput {
  readonly caller: Caller;
  readonly callerPerson: Person;
  readonly model: ReviewedModelRef & { readonly status: ModelStatus; readonly year: number };
  readonly now: Date;
  readonly campaign: Campaign;
  readonly submission: SelfAssessmentSubmission;
}

export interface PromoteInput {
  readonly caller: Caller;
  /** The caller's own person record. */
  readonly person: Pick<Person, 'id' | 'cellId'>;
  readonly model: ModelParticipants & {
    readonly status: ModelStatus;
    readonly tier?: ModelTier;
  };
  readonly modelCell?: Pick<Cell, 'secretaryId'>;
  readonly tier: ModelTier;
}

const VOTE_FIELDS = ['eligible', 'present', 'for', 'against', 'abstain'] as const;
const SELF_ASSESSABLE: readonly ModelStatus[] = ['registered', 'implementing'];
const DEFAULT_QUORUM: Ratio = { numerator: 2, denominator: 3 };
const DEFAULT_MAJORITY: Ratio = { numerator: 1, denominator: 2 };

/** The problems with a vote's numbers, each under `${path}.<field>`; empty when it adds up. */
export function validateVote(vote: Vote | undefined, path: string): FieldIssue[] {
  if (typeof vote !== 'object' || vote === null) {
    return [
      {
        path,
        message: `Cần điền kết quả biểu quyết: ${Object.values(VOTE_LABELS)
          .map((label) => label.toLowerCase())
          .join(', ')}.`,
      },
    ];
  }
  const issues: FieldIssue[] = [];
  for (const field of VOTE_FIELDS) {
    const value: unknown = vote[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      issues.push({
        path: `${path}.${field}`,
        message: `“${VOTE_LABELS[field]}” phải là số nguyên, không âm.`,
      });
    }
  }
  if (issues.length > 0) return issues;
  if (vote.eligible === 0) {
    issues.push({ path: `${path}.eligible`, message: `“${VOTE_LABELS.eligible}” phải lớn hơn 0.` });
  }
  if (vote.present > vote.eligible) {
    issues.push({
      path: `${path}.present`,
      message: `“${VOTE_LABELS.present}” không được lớn hơn “${VOTE_LABELS.eligible}”.`,
    });
  }
  if (vote.for + vote.against + vote.abstain !== vote.present) {
    issues.push({
      path: `${path}.for`,
      message: `Tổng “${VOTE_LABELS.for}”, “${VOTE_LABELS.against}” và “${VOTE_LABELS.abstain}” phải bằng “${VOTE_LABELS.present}”.`,
    });
  }
  return issues;
}

/** Whether a/b >= c/d for whole numbers, exactly (BigInt: no rounding, no overflow). */
function atLeast(a: number, b: number, ratio: Ratio): boolean {
  return BigInt(a) * BigInt(ratio.denominator) >= BigInt(b) * BigInt(ratio.numerator);
}

/** Whether a/b > c/d for whole numbers, exactly. */
function moreThan(a: number, b: number, ratio: Ratio): boolean {
  return BigInt(a) * BigInt(ratio.denominator) > BigInt(b) * BigInt(ratio.numerator);
}

/** Quorum (present/eligible ≥ quorum) and majority (for/present > majority), in exact fractions. */
export function voteOutcome(vote: Vote, campaign: Pick<Campaign, 'quorum' | 'majority'>): VoteOutcome {
  const issues = validateVote(vote, 'vote');
  if (issues.length > 0) throw new InvalidInputError('Kết quả biểu quyết không hợp lệ.', issues);
  const quorum = campaign.quorum ?? DEFAULT_QUORUM;
  const majority = campaign.majority ?? DEFAULT_MAJORITY;
  return {
    quorumMet: atLeast(vote.present, vote.eligible, quorum),
    majorityMet: vote.present > 0 && moreThan(vote.for, vote.present, majority),
  };
}

function hasReasons(reasons: DecisionInput['reasons']): boolean {
  if (typeof reasons === 'string') return reasons.trim() !== '';
  if (Array.isArray(reasons))
    return reasons.some((reason) => typeof reason === 'string' && reason.trim() !== '');
  return false;
}

function ratioText(ratio: Ratio): string {
  return `${ratio.numerator}/${ratio.denominator}`;
}

/**
 * Refuses a review decision that the principles and the committee's vote do not support.
 * `recognized` needs all five principles and a valid (quorate) majority vote. `not_recognized` needs
 * reasons, and is refused only when it contradicts a quorate majority in favour with every principle
 * met: the committee decides by its vote, and within the rules that vote is sovereign — so a vote
 * that failed (no quorum, or no majority) may end in `not_recognized` even with every principle met.
 */
export function assertConsistentDecision(input: DecisionInput): void {
  const { principles, vote, decision, reasons, campaign } = input;
  const malformed: FieldIssue[] = [];
  for (const principle of PRINCIPLES) {
    const finding: unknown = principles?.[principle];
    if (
      typeof finding !== 'object' ||
      finding === null ||
      typeof (finding as { met?: unknown }).met !== 'boolean'
    ) {
      malformed.push({
        path: `principles.${principle}`,
        message: `Cần chọn “Đạt” hoặc “Không đạt” cho nguyên tắc “${PRINCIPLE_LABELS[principle]}”.`,
      });
    }
  }
  malformed.push(...validateVote(vote, 'vote'));
  if (!DECISIONS.includes(decision)) {
    malformed.push({
      path: 'decision',
      message: `Cần chọn “${DECISION_LABELS.recognized}” hoặc “${DECISION_LABELS.not_recognized}”.`,
    });
  }
  if (decision === 'not_recognized' && !hasReasons(reasons)) {
    malformed.push({ path: 'reasons', message: 'Bắt buộc: ghi rõ lý do không công nhận.' });
  }
  if (malformed.length > 0) throw new InvalidInputError('Kết quả xét công nhận không hợp lệ.', malformed);

  const outcome = voteOutcome(vote, campaign);
  const failing: FieldIssue[] = PRINCIPLES.filter((principle) => !principles[principle].met).map(
    (principle) => ({
      path: `principles.${principle}`,
      message: `Chưa đạt nguyên tắc “${PRINCIPLE_LABELS[principle]}”.`,
    }),
  );
  if (!outcome.quorumMet) {
    failing.push({
      path: 'vote.present',
      message: `Không đủ số người có mặt: cần ít nhất ${ratioText(campaign.quorum ?? DEFAULT_QUORUM)} số người được biểu quyết.`,
    });
  }
  if (!outcome.majorityMet) {
    failing.push({
      path: 'vote.for',
      message: `Số tán thành phải nhiều hơn ${ratioText(campaign.majority ?? DEFAULT_MAJORITY)} số người có mặt.`,
    });
  }

  if (decision === 'recognized' && failing.length > 0) {
    throw new RuleViolationError(
      'Không thể công nhận: mô hình chưa đạt đủ các nguyên tắc và biểu quyết.',
      failing,
    );
  }
  if (decision === 'not_recognized' && failing.length === 0) {
    throw new RuleViolationError('Quyết định không công nhận trái với kết quả biểu quyết.', [
      {
        path: 'decision',
        message: 'Mô hình đạt đủ năm nguyên tắc và được đa số tán thành, nên quyết định phải là công nhận.',
      },
    ]);
  }
}

const STAND_ASIDE: Readonly<Record<'review' | 'promote', { headline: string; path: string }>> = {
  review: {
    headline:
      'Đồng chí phải tự rút, không tham gia xét, biểu quyết mô hình này: không ai xét mô hình mình có liên quan.',
    path: 'decision',
  },
  promote: {
    headline:
      'Đồng chí phải tự rút, không tham gia đề nghị biểu dương, khen thưởng mô hình này: không ai xét mô hình mình có liên quan.',
    path: 'tier',
  },
};

/** Refuses a person tied to the model (conflictOfInterest) from reviewing, voting on or promoting it. */
export function assertNoConflictOfInterest(
  person: Pick<Person, 'id' | 'cellId'>,
  model: ModelParticipants,
  modelCell: Pick<Cell, 'secretaryId'> | undefined,
  action: 'review' | 'promote',
): void {
  const reason = conflictOfInterest(person, model, modelCell);
  if (reason === undefined) return;
  const { headline, path } = STAND_ASIDE[action];
  throw new ForbiddenError(headline, [{ path, message: reason }]);
}

/** Refuses a reviewer who is not on the committee, or who took part in the model (conflictOfInterest). */
export function assertMayReview(input: {
  readonly reviewer: Person;
  readonly reviewerCaller: Caller;
  readonly model: ReviewedModelRef;
  readonly modelCell?: Pick<Cell, 'secretaryId'>;
}): void {
  const { reviewer, reviewerCaller, model, modelCell } = input;
  if (!reviewerCaller.roles.includes('committee') || reviewerCaller.personId !== reviewer.id) {
    throw new ForbiddenError('Chỉ Ban Chấp hành Đảng bộ mới được xét công nhận mô hình.', [
      { path: 'decision', message: 'Bạn không phải Ủy viên Ban Chấp hành Đảng bộ.' },
    ]);
  }
  assertNoConflictOfInterest(reviewer, model, modelCell, 'review');
}

/** Refuses a self-assessment by the wrong person, of a model in the wrong state, late, or unconfirmed. */
export function assertMaySelfAssess(input: SelfAssessInput): void {
  const { caller, callerPerson, model, now, campaign, submission } = input;

  const malformed: FieldIssue[] = [];
  if (typeof submission?.cellConfirmed !== 'boolean') {
    malformed.push({
      path: 'cellConfirmed',
      message: 'Cần cho biết Chi ủy, Chi bộ đã xác nhận kết quả hay chưa.',
    });
  }
  if (model.kind === 'collective') malformed.push(...validateVote(submission?.cellVote, 'cellVote'));
  if (malformed.length > 0) throw new InvalidInputError('Báo cáo tự đánh giá không hợp lệ.', malformed);

  const own =
    model.kind === 'individual' && model.personId === callerPerson.id && caller.personId === callerPerson.id;
  if (!own && !isSecretaryOf(caller, callerPerson, model.cellId)) {
    throw new ForbiddenError('Chỉ người thực hiện mô hình hoặc Bí thư chi bộ mới được tự đánh giá.', [
      {
        path: 'id',
        message:
          model.kind === 'collective'
            ? 'Mô hình tập thể do Bí thư hoặc Chi ủy của chi bộ tự đánh giá.'
            : 'Mô hình cá nhân do chính người thực hiện hoặc Bí thư chi bộ tự đánh giá.',
      },
    ]);
  }
  // The deadline is checked before the state: a late report hears about the deadline (422)
  // even when the workflow has already closed the model as missed.
  if (now.getTime() >= selfAssessmentDueBefore(campaign, model.year).getTime()) {
    const lastDay = formatLocalDate(selfAssessmentDeadlineDay(campaign, model.year));
    throw new RuleViolationError(`Đã quá hạn tự đánh giá (hết ngày ${lastDay}).`, [
      { path: 'selfAssessmentDeadline', message: `Hạn cuối tự đánh giá là hết ngày ${lastDay}.` },
    ]);
  }
  if (!SELF_ASSESSABLE.includes(model.status)) {
    throw new ConflictError(
      `Mô hình đang ở trạng thái “${STATUS_LABELS[model.status]}”, không thể tự đánh giá.`,
      [
        {
          path: 'status',
          message: `Chỉ tự đánh giá khi mô hình ở trạng thái “${STATUS_LABELS.registered}” hoặc “${STATUS_LABELS.implementing}”.`,
        },
      ],
    );
  }
  if (!submission.cellConfirmed) {
    throw new RuleViolationError('Kết quả tự đánh giá phải được chi bộ xác nhận.', [
      { path: 'cellConfirmed', message: 'Chi ủy, Chi bộ phải xác nhận kết quả trước khi gửi tự đánh giá.' },
    ]);
  }
}

/** Refuses a promotion to a tier out of order (recognized → exemplary → commended) or by the wrong role. */
export function assertMayPromote(input: PromoteInput): void {
  const { caller, person, model, modelCell, tier } = input;
  if (!caller.roles.includes('committee') && !caller.roles.includes('office')) {
    throw new ForbiddenError(
      'Chỉ Ban Chấp hành hoặc Văn phòng Đảng ủy mới được đề nghị biểu dương, khen thưởng.',
      [{ path: 'tier', message: 'Bạn không có quyền nâng mức mô hình.' }],
    );
  }
  assertNoConflictOfInterest(person, model, modelCell, 'promote');
  const expectedTier: ModelTier | undefined = tier === 'exemplary' ? undefined : 'exemplary';
  if (model.status !== 'recognized' || model.tier !== expectedTier) {
    const from = tier === 'exemplary' ? STATUS_LABELS.recognized : TIER_LABELS.exemplary;
    throw new ConflictError(`Chỉ mô hình “${from}” mới được nâng lên mức “${TIER_LABELS[tier]}”.`, [
      { path: 'tier', message: `Mức “${TIER_LABELS[tier]}” chỉ xét cho mô hình đang ở mức “${from}”.` },
    ]);
  }
}

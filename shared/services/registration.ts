// Registering, editing and withdrawing models, and the Office's extensions
//. Rules come from shared/domain; this file loads, writes and
// starts the workflow.
import { createHash, randomUUID } from 'node:crypto';
import { cellRepository } from '../data/cells.ts';
import { extensionRepository } from '../data/extensions.ts';
import { modelRepository, publicModel, StaleWriteError, type StoredModel } from '../data/models.ts';
import type { RecordRequest, Records } from '../data/records.ts';
import {
  isWithinWindow,
  registrationWindow,
  reviewDueBefore,
  selfAssessmentDueBefore,
} from '../domain/calendar.ts';
import { ConflictError, InvalidInputError, NotFoundError, UnauthenticatedError } from '../domain/errors.ts';
import type {
  Model,
  ModelContentFields,
  ModelRegistration,
  ReturnRequest,
  Withdrawal,
} from '../domain/model.ts';
import {
  assertMayEdit,
  assertMayRegister,
  assertMayRegisterFor,
  assertMayReturn,
  assertMayWithdraw,
  effectiveWindow,
  validateExtension,
} from '../domain/registration.ts';
import { MODEL_SECTIONS, type ModelSection } from '../domain/sections.ts';
import type { Caller } from '../domain/types.ts';
import { countEvent } from '../observability.ts';
import {
  CallbackGoneError,
  CallbackTimedOutError,
  cycleExecutionArn,
  workflows,
} from '../workflow/gateway.ts';
import { CYCLE_CALLBACK_ERRORS, cycleInput } from '../workflow/model-cycle.ts';
import { recordAdminChange } from './admin-audit.ts';
import { campaignOrFail, cellOrFail, extensionFor, readableModel, requireRole } from './model-access.ts';

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/**
 * A model's id. With an Idempotency-Key it derives from the caller and the
 * key; without one, from what identifies the model (cell, year, kind, person,
 * title) — so a double submission lands on one id either way.
 */
function modelIdFor(caller: Caller, body: ModelRegistration, idempotencyKey: string | undefined): string {
  const basis = idempotencyKey
    ? hash('key', caller.personId, idempotencyKey)
    : hash(
        'natural',
        body.campaignId,
        String(body.year),
        body.cellId,
        body.kind,
        body.personId ?? '',
        body.title.toLowerCase(),
      );
  return `m${BigInt(`0x${basis.slice(0, 26)}`).toString(36)}`;
}

function sectionsOf(body: Pick<ModelRegistration, ModelSection>): Record<ModelSection, string> {
  return Object.fromEntries(MODEL_SECTIONS.map((section) => [section, body[section]])) as Record<
    ModelSection,
    string
  >;
}

/** Whether a model other than `modelId` holds this person's individual model of the year. */
async function individualHeldByAnother(body: ModelRegistration, personId: string, modelId: string) {
  const holder = await modelRepository.claimIndividual(body.campaignId, body.year, personId, modelId);
  if (holder === undefined) return false;
  const held = holder ? await modelRepository.get(holder) : undefined;
  if (held && held.status !== 'withdrawn') return true;
  // The holder was withdrawn, or its write never happened: take the claim over.
  return !(await modelRepository.takeOverIndividual(body.campaignId, body.year, personId, holder, modelId));
}

export interface RegisterResult {
  readonly model: Model;
  readonly created: boolean;
}

/** The records a registration reads: its campaign, its cell and the person it is for (the caller's come with them). */
export function registrationReads(body: ModelRegistration): RecordRequest {
  return {
    campaigns: [body.campaignId],
    cells: [body.cellId],
    people: body.personId ? [body.personId] : [],
  };
}

/** The records a registration needs, as read with the caller's; 404 for an unknown campaign, cell or person. */
function registrationRecords(caller: Caller, body: ModelRegistration, records: Records) {
  const campaign = records.campaigns.get(body.campaignId);
  if (!campaign) throw new NotFoundError(`Không có phong trào thi đua mã “${body.campaignId}”.`);
  const cell = records.cells.get(body.cellId);
  if (!cell) throw new NotFoundError(`Không có chi bộ mã “${body.cellId}”.`);
  const person = records.people.get(caller.personId);
  if (!person)
    throw new UnauthenticatedError('Tài khoản của bạn không gắn với người nào trong danh sách của Đảng bộ.');
  const subject = body.personId ? records.people.get(body.personId) : undefined;
  if (body.personId && !subject) throw new NotFoundError(`Không có người mã “${body.personId}”.`);
  return { campaign, cell, person, subject };
}

/**
 * POST /api/models: checks who asks, then the rules, writes the model once —
 * the ARN of its workflow is known before it starts, since execution names are
 * deterministic — and starts the workflow. A repeated request answers as the
 * first did; a request that matches a model the caller may not register is
 * refused the same way whether that model exists or not.
 */
export async function registerModel(
  caller: Caller,
  body: ModelRegistration,
  now: Date,
  idempotencyKey: string | undefined,
  records: Records,
): Promise<RegisterResult> {
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,128}$/.test(idempotencyKey)) {
    throw new InvalidInputError('Mã chống gửi trùng của yêu cầu không hợp lệ.', [
      {
        path: 'headers.idempotency-key',
        message:
          'Mã chống gửi trùng gồm tối đa 128 chữ cái không dấu, chữ số hoặc dấu, không có khoảng trắng.',
      },
    ]);
  }
  const { campaign, cell, person, subject } = registrationRecords(caller, body, records);
  const who = { caller, callerPerson: person, cell, kind: body.kind, ...(subject ? { subject } : {}) };
  assertMayRegisterFor(who);
  const id = modelIdFor(caller, body, idempotencyKey);
  const requestHash = hash(JSON.stringify(body));

  // The extension matters only once the normal window has closed: no read inside it.
  const inWindow = isWithinWindow(registrationWindow(campaign, body.year), now);
  const extension = inWindow ? undefined : await extensionFor(body.campaignId, body.year, body.cellId);
  const rules = { ...who, campaign, year: body.year, now, extension };
  try {
    assertMayRegister({ ...rules, individualAlreadyRegistered: false });
    if (subject && (await individualHeldByAnother(body, subject.id, id))) {
      assertMayRegister({ ...rules, individualAlreadyRegistered: true });
    }
  } catch (error) {
    // A retry of a registration that was accepted (say just before the window closed) answers as it did.
    const existing = await modelRepository.get(id);
    if (existing) return replay(existing, requestHash);
    throw error;
  }

  const at = now.toISOString();
  const stage = { modelId: id, stage: 'registration' as const };
  const model: StoredModel = {
    id,
    campaignId: body.campaignId,
    year: body.year,
    kind: body.kind,
    cellId: body.cellId,
    ...(subject ? { personId: subject.id } : {}),
    registeredBy: person.id,
    title: body.title,
    area: body.area,
    ...(body.subField ? { subField: body.subField } : {}),
    sections: sectionsOf(body),
    status: 'registered',
    createdAt: at,
    updatedAt: at,
    version: 1,
    selfAssessmentDueBefore: selfAssessmentDueBefore(campaign, body.year).toISOString(),
    reviewDueBefore: reviewDueBefore(campaign, body.year).toISOString(),
    executions: [cycleExecutionArn(stage)],
    requestHash,
  };
  if (!(await modelRepository.create(model))) {
    const raced = await modelRepository.get(id);
    if (raced) return replay(raced, requestHash);
  }
  await workflows.startCycle(cycleInput(model));
  countEvent('ModelRegistered');
  return { model: publicModel(model), created: true };
}

/** A repeated request: the same content gets the same answer, and the workflow is made sure of. */
async function replay(existing: StoredModel, requestHash: string): Promise<RegisterResult> {
  if (existing.requestHash !== requestHash) {
    throw new ConflictError('Mô hình này đã được đăng ký với nội dung khác.', [
      {
        path: 'title',
        message:
          'Đã có mô hình cùng tên (hoặc cùng Idempotency-Key) trong chi bộ năm nay; hãy đặt tên khác hoặc sửa mô hình đã đăng ký.',
      },
    ]);
  }
  // Started already in all but a crash between the write and the start; starting again is harmless.
  if (existing.status === 'registered') await workflows.startCycle(cycleInput(existing));
  return { model: publicModel(existing), created: false };
}

/** The model to change (404 when it does not exist or the caller may not read it), its campaign and extension. */
async function changeContext(caller: Caller, modelId: string) {
  const { model, person } = await readableModel(caller, modelId);
  const [campaign, extension] = await Promise.all([
    campaignOrFail(model.campaignId),
    extensionFor(model.campaignId, model.year, model.cellId),
  ]);
  return { model, person, campaign, extension };
}

/** PUT /api/models/{id}: the registrant or the secretary edits the content while the window is open. */
export async function updateModel(
  caller: Caller,
  modelId: string,
  body: ModelContentFields,
  now: Date,
): Promise<Model> {
  const { model, person, campaign, extension } = await changeContext(caller, modelId);
  assertMayEdit({ campaign, now, caller, callerPerson: person, model, ...(extension ? { extension } : {}) });
  const changes: Record<string, { from?: unknown; to?: unknown }> = {};
  const next: StoredModel = {
    ...model,
    title: body.title,
    area: body.area,
    sections: sectionsOf(body),
    updatedAt: now.toISOString(),
  };
  if (body.subField) Object.assign(next, { subField: body.subField });
  else delete (next as { subField?: string }).subField;
  for (const field of ['title', 'area', 'subField'] as const) {
    if (model[field] !== next[field]) changes[field] = { from: model[field], to: next[field] };
  }
  for (const section of MODEL_SECTIONS) {
    if (model.sections[section] !== next.sections[section]) {
      changes[`sections.${section}`] = { from: model.sections[section], to: next.sections[section] };
    }
  }
  const resubmission = model.status === 'returned';
  const completionToken = model.awaiting === 'completion' ? model.taskToken : undefined;
  if (resubmission && !completionToken) {
    // The return is being recorded (a second at most): nothing is written yet.
    throw new ConflictError('Đăng ký vừa được trả lại và đang được ghi nhận; hãy gửi lại sau giây lát.');
  }
  if (Object.keys(changes).length === 0 && !resubmission) return publicModel(model);
  let written = model;
  if (Object.keys(changes).length > 0) {
    written = await modelRepository.replace(next, model.version).catch((error: unknown) => {
      if (error instanceof StaleWriteError) {
        throw new ConflictError('Mô hình vừa được người khác thay đổi; hãy tải lại rồi sửa tiếp.');
      }
      throw error;
    });
    await modelRepository.appendAudit({
      modelId,
      at: now.toISOString(),
      actor: person.id,
      action: 'edited',
      changes,
    });
  }
  if (!resubmission || !completionToken) return publicModel(written);
  await answerCompletion(completionToken, { actor: person.id, at: now.toISOString() });
  return publicModel((await modelRepository.get(modelId)) ?? written);
}

/**
 * A returned registration, edited, goes back to its workflow, which records it completed
 * ("Đã bổ sung") and waits for the self-assessment again. Of two resubmissions at once one
 * answers the callback; the other's edit stands.
 */
async function answerCompletion(taskToken: string, completion: { actor: string; at: string }) {
  try {
    await workflows.succeed(taskToken, completion);
  } catch (error) {
    // Another resubmission answered first: this one's content is saved all the same.
    if (error instanceof CallbackGoneError) return;
    if (error instanceof CallbackTimedOutError) {
      throw new ConflictError('Đã hết hạn bổ sung đăng ký của mô hình này.');
    }
    throw error;
  }
}

/**
 * POST /api/models/{id}/return: the Office or a supervising committee member sends the
 * registration back to its cell with what to complete. The workflow's wait for the
 * self-assessment fails with Returned, so the return is a step of the model's cycle: recorded,
 * mailed, and waiting for the cell's resubmission until the self-assessment deadline.
 */
export async function returnModel(
  caller: Caller,
  modelId: string,
  reason: string,
  now: Date,
): Promise<Model> {
  // Who may return at all is settled before anything is read, as the access matrix declares.
  requireRole(
    caller,
    ['office', 'committee'],
    'trả lại đăng ký để bổ sung (chỉ Văn phòng Đảng ủy hoặc Ủy viên Ban Chấp hành theo dõi chi bộ)',
  );
  const { model, person, campaign, extension } = await changeContext(caller, modelId);
  const modelCell = await cellRepository.get(model.cellId);
  assertMayReturn({
    campaign,
    now,
    caller,
    callerPerson: person,
    model,
    ...(modelCell ? { modelCell } : {}),
    ...(extension ? { extension } : {}),
  });
  if (!model.taskToken || model.awaiting !== 'self_assessment') {
    throw new ConflictError('Đăng ký vừa được gửi và đang được ghi nhận; hãy thử lại sau giây lát.');
  }
  const returnRequest: ReturnRequest = {
    actor: person.id,
    at: now.toISOString(),
    reason,
    completeBefore: effectiveWindow(campaign, model.year, model.cellId, extension).closesBefore.toISOString(),
  };
  try {
    await workflows.fail(model.taskToken, CYCLE_CALLBACK_ERRORS.returned, returnRequest);
  } catch (error) {
    if (error instanceof CallbackGoneError || error instanceof CallbackTimedOutError) {
      throw new ConflictError(
        'Mô hình vừa thay đổi (đã được trả lại, rút hoặc tự đánh giá); hãy tải lại trang.',
      );
    }
    throw error;
  }
  return publicModel((await modelRepository.get(modelId)) ?? model);
}

/** POST /api/models/{id}/withdraw: ends the model's cycle as `withdrawn` while the window is open. */
export async function withdrawModel(
  caller: Caller,
  modelId: string,
  reason: string,
  now: Date,
): Promise<Model> {
  const { model, person, campaign, extension } = await changeContext(caller, modelId);
  assertMayWithdraw({
    campaign,
    now,
    caller,
    callerPerson: person,
    model,
    ...(extension ? { extension } : {}),
  });
  if (model.withdrawal) throw new ConflictError(ALREADY_WITHDRAWN);
  const withdrawal = { actor: person.id, at: now.toISOString(), reason };
  await failWithWithdrawal(model, withdrawal);
  if (model.personId)
    await modelRepository.releaseIndividual(model.campaignId, model.year, model.personId, model.id);
  const fresh = (await modelRepository.get(modelId)) ?? model;
  return publicModel(fresh);
}

const ALREADY_WITHDRAWN = 'Yêu cầu rút đăng ký mô hình này đã được gửi.';

/**
 * Withdraws through the workflow: when it waits for the self-assessment, its
 * callback fails with Withdrawn and the workflow records the withdrawal (and
 * its email); when it has not reached that wait yet, the withdrawal is left on
 * the model and the wait's own task carries it out, so a withdrawal right
 * after registering works at once. Of concurrent withdrawals one wins and the
 * others are told it was sent already.
 */
async function failWithWithdrawal(model: StoredModel, withdrawal: Withdrawal): Promise<void> {
  for (let current = model; ; ) {
    if (current.taskToken && (current.awaiting === 'self_assessment' || current.awaiting === 'completion')) {
      try {
        await workflows.fail(current.taskToken, CYCLE_CALLBACK_ERRORS.withdrawn, withdrawal);
        return;
      } catch (error) {
        if (error instanceof CallbackGoneError || error instanceof CallbackTimedOutError) {
          throw new ConflictError(ALREADY_WITHDRAWN);
        }
        throw error;
      }
    }
    const left = await modelRepository.patch(
      current.id,
      { set: { withdrawal } },
      {
        expression:
          'attribute_not_exists(withdrawal) AND attribute_not_exists(taskToken) AND #status IN (:registered, :implementing)',
        names: { '#status': 'status' },
        values: { ':registered': 'registered', ':implementing': 'implementing' },
      },
    );
    if (left) return;
    const fresh = await modelRepository.get(current.id);
    if (!fresh || fresh.withdrawal || fresh.status === 'withdrawn')
      throw new ConflictError(ALREADY_WITHDRAWN);
    // The workflow kept its token meanwhile: answer it instead.
    current = fresh;
  }
}

export interface ExtensionRequest {
  readonly campaignId: string;
  readonly year: number;
  readonly cellId: string;
  readonly closesBefore: string;
  readonly reason: string;
}

/** POST /api/extensions: the Office grants one cell a late registration, recording who and why. */
export async function grantExtension(caller: Caller, request: ExtensionRequest, now: Date) {
  requireRole(caller, ['office'], 'gia hạn đăng ký (chỉ Văn phòng Đảng ủy)');
  const [campaign] = await Promise.all([campaignOrFail(request.campaignId), cellOrFail(request.cellId)]);
  const closesBefore = new Date(request.closesBefore);
  validateExtension({ campaign, year: request.year, closesBefore, reason: request.reason, now });
  const extension = {
    campaignId: request.campaignId,
    year: request.year,
    cellId: request.cellId,
    closesBefore: closesBefore.toISOString(),
    reason: request.reason,
    grantedBy: caller.personId,
    grantedAt: now.toISOString(),
    id: randomUUID(),
  };
  // The cell's audit trail keeps every grant, though a later grant for the year replaces the record.
  const previous = await extensionRepository.get(request.campaignId, request.year, request.cellId);
  await extensionRepository.put(extension);
  const entry = (e: { closesBefore: string; reason: string } | undefined) =>
    e ? { [`registrationExtension${request.year}`]: { closesBefore: e.closesBefore, reason: e.reason } } : {};
  await recordAdminChange({
    entity: 'cell',
    id: request.cellId,
    at: now.toISOString(),
    actor: caller.personId,
    action: 'updated',
    before: entry(previous),
    after: entry(extension),
  });
  return extension;
}

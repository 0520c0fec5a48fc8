// Registering, editing and withdrawing models, and the Office's extensions
// (issue #4). Rules come from shared/domain; this file loads, writes and
// starts the workflow.
import { createHash, randomUUID } from 'node:crypto';
import { extensionRepository } from '../data/extensions.ts';
import { modelRepository, publicModel, StaleWriteError, type StoredModel } from '../data/models.ts';
import { reviewDueBefore, selfAssessmentDueBefore } from '../domain/calendar.ts';
import { ConflictError, InvalidInputError } from '../domain/errors.ts';
import type { Model, ModelContentFields, ModelRegistration } from '../domain/model.ts';
import {
  assertMayEdit,
  assertMayRegister,
  assertMayWithdraw,
  type Extension,
  validateExtension,
} from '../domain/registration.ts';
import { MODEL_SECTIONS, type ModelSection } from '../domain/sections.ts';
import type { Caller } from '../domain/types.ts';
import { countEvent } from '../observability.ts';
import { workflows } from '../workflow/gateway.ts';
import { CYCLE_CALLBACK_ERRORS, cycleInput } from '../workflow/model-cycle.ts';
import { callerPerson, campaignOrFail, cellOrFail, personOrFail, requireRole } from './model-access.ts';

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

async function extensionFor(
  campaignId: string,
  year: number,
  cellId: string,
): Promise<Extension | undefined> {
  const stored = await extensionRepository.get(campaignId, year, cellId);
  return stored ? { cellId, closesBefore: new Date(stored.closesBefore), reason: stored.reason } : undefined;
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

/** POST /api/models: checks the rules, writes the model once, starts its workflow. */
export async function registerModel(
  caller: Caller,
  body: ModelRegistration,
  now: Date,
  idempotencyKey: string | undefined,
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
  const [campaign, cell, person] = await Promise.all([
    campaignOrFail(body.campaignId),
    cellOrFail(body.cellId),
    callerPerson(caller),
  ]);
  const subject = body.personId ? await personOrFail(body.personId) : undefined;
  const id = modelIdFor(caller, body, idempotencyKey);
  const requestHash = hash(JSON.stringify(body));

  const existing = await modelRepository.get(id);
  if (existing) return replay(existing, requestHash);

  const extension = await extensionFor(body.campaignId, body.year, body.cellId);
  const rules = {
    campaign,
    year: body.year,
    now,
    caller,
    callerPerson: person,
    cell,
    kind: body.kind,
    extension,
  };
  assertMayRegister({ ...rules, ...(subject ? { subject } : {}), individualAlreadyRegistered: false });
  if (subject && (await individualHeldByAnother(body, subject.id, id))) {
    assertMayRegister({ ...rules, subject, individualAlreadyRegistered: true });
  }

  const at = now.toISOString();
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
    executions: [],
    requestHash,
  };
  if (!(await modelRepository.create(model))) {
    const raced = await modelRepository.get(id);
    if (raced) return replay(raced, requestHash);
  }
  await modelRepository.appendAudit({ modelId: id, at, actor: person.id, action: 'registered' });
  const executionArn = await workflows.startCycle(cycleInput(model));
  const withExecution = await recordExecution(model, executionArn);
  countEvent('ModelRegistered');
  return { model: publicModel(withExecution), created: true };
}

async function recordExecution(model: StoredModel, executionArn: string): Promise<StoredModel> {
  for (let current = model; ; ) {
    if (current.executions.includes(executionArn)) return current;
    try {
      return await modelRepository.replace(
        { ...current, executions: [...current.executions, executionArn] },
        current.version,
      );
    } catch (error) {
      if (!(error instanceof StaleWriteError)) throw error;
      const fresh = await modelRepository.get(model.id);
      if (!fresh) throw error;
      current = fresh;
    }
  }
}

/** A repeated request: the same content gets the same answer (and the workflow is made sure of). */
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
  if (existing.executions.length === 0) {
    const executionArn = await workflows.startCycle(cycleInput(existing));
    return { model: publicModel(await recordExecution(existing, executionArn)), created: false };
  }
  return { model: publicModel(existing), created: false };
}

async function changeContext(caller: Caller, modelId: string) {
  const [model, person] = await Promise.all([modelRepository.get(modelId), callerPerson(caller)]);
  if (!model) throw new ConflictError(`Không có mô hình mã “${modelId}”.`);
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
  if (Object.keys(changes).length === 0) return publicModel(model);
  const written = await modelRepository.replace(next, model.version).catch((error: unknown) => {
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
  return publicModel(written);
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
  if (!model.taskToken || model.awaiting !== 'self_assessment') {
    throw new ConflictError('Quy trình của mô hình chưa sẵn sàng; vui lòng thử lại sau ít giây.');
  }
  // The workflow records the withdrawal (and its email) when the callback fails with Withdrawn.
  await workflows.fail(model.taskToken, CYCLE_CALLBACK_ERRORS.withdrawn, {
    actor: person.id,
    at: now.toISOString(),
    reason,
  });
  if (model.personId)
    await modelRepository.releaseIndividual(model.campaignId, model.year, model.personId, model.id);
  const fresh = (await modelRepository.get(modelId)) ?? model;
  return publicModel(fresh);
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
  await extensionRepository.put(extension);
  return extension;
}

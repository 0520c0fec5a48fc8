// The models' evidence files: an upload is asked for (the rules checked, a
// slot taken, a presigned POST handed out), then confirmed (what S3 holds
// checked again: size, type and the bytes themselves), then listed and
// downloaded through short-lived presigned GETs by whoever may read the model.
import { randomUUID } from 'node:crypto';
import {
  attachmentObjectKey,
  attachmentRepository,
  evidenceFiles,
  type StoredAttachment,
} from '../data/attachments.ts';
import { modelRepository } from '../data/models.ts';
import { personRepository } from '../data/people.ts';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_KIND_LABELS,
  ATTACHMENT_LIMITS,
  ATTACHMENT_STAGE_LABELS,
  type AttachmentKind,
  type AttachmentStage,
  assertAcceptableUpload,
  assertMayAttach,
  MAGIC_BYTES,
  mayAttach,
  uploadProblem,
} from '../domain/attachments.ts';
import { formatDateTime } from '../domain/calendar.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../domain/errors.ts';
import type { Caller } from '../domain/types.ts';
import { readableModel } from './model-access.ts';

/** How long an upload's presigned POST lives; an unconfirmed slot is free again after it. */
export const UPLOAD_SECONDS = 15 * 60;
/** How long a download link lives. */
export const DOWNLOAD_SECONDS = 5 * 60;

export interface UploadRequest {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly stage: AttachmentStage;
}

/** An attachment as clients see it. */
export interface Attachment {
  readonly id: string;
  readonly modelId: string;
  readonly name: string;
  readonly kind: AttachmentKind;
  readonly kindLabel: string;
  readonly contentType: string;
  readonly size: number;
  readonly stage: AttachmentStage;
  readonly stageLabel: string;
  readonly status: 'pending' | 'confirmed';
  readonly addedBy: string;
  readonly addedByName: string;
  readonly addedAt: string;
  /** dd/mm/yyyy hh:mm:ss, Asia/Ho_Chi_Minh. */
  readonly addedAtText: string;
}

function publicAttachment(attachment: StoredAttachment, names: ReadonlyMap<string, string>): Attachment {
  const addedAt = attachment.confirmedAt ?? attachment.requestedAt;
  return {
    id: attachment.id,
    modelId: attachment.modelId,
    name: attachment.name,
    kind: attachment.kind,
    kindLabel: ATTACHMENT_KIND_LABELS[attachment.kind],
    contentType: attachment.contentType,
    size: attachment.size,
    stage: attachment.stage,
    stageLabel: ATTACHMENT_STAGE_LABELS[attachment.stage],
    status: attachment.status,
    addedBy: attachment.addedBy,
    addedByName: names.get(attachment.addedBy) ?? attachment.addedBy,
    addedAt,
    addedAtText: formatDateTime(new Date(addedAt)),
  };
}

async function namesOf(attachments: readonly StoredAttachment[]): Promise<Map<string, string>> {
  const ids = [...new Set(attachments.map((attachment) => attachment.addedBy))];
  const people = await Promise.all(ids.map((id) => personRepository.get(id)));
  return new Map(ids.map((id, index) => [id, people[index]?.name ?? id]));
}

const holdsSlot = (attachment: StoredAttachment, now: Date) =>
  attachment.status === 'confirmed' || Date.parse(attachment.uploadExpiresAt) > now.getTime();

/** POST /api/models/{id}/attachments: checks the rules, takes a slot and presigns the upload. */
export async function requestUpload(caller: Caller, modelId: string, request: UploadRequest, now: Date) {
  const kind = assertAcceptableUpload(request);
  const { model, person } = await readableModel(caller, modelId);
  const slots = await attachmentRepository.list(modelId);
  const held = slots.filter((slot) => holdsSlot(slot, now));
  assertMayAttach({ caller, callerPerson: person, model, stage: request.stage, held: held.length, now });
  const taken = new Set(held.map((slot) => slot.slot));
  const slot = Array.from({ length: ATTACHMENT_LIMITS.maxPerModel }, (_, index) => index + 1).find(
    (candidate) => !taken.has(candidate),
  );
  if (slot === undefined) throw new RuleViolationError('Mô hình đã đủ tệp đính kèm.');
  const id = randomUUID();
  const attachment: StoredAttachment = {
    id,
    modelId,
    slot,
    name: request.name,
    kind,
    contentType: ATTACHMENT_CONTENT_TYPES[kind],
    size: request.size,
    stage: request.stage,
    objectKey: attachmentObjectKey(modelId, id),
    status: 'pending',
    addedBy: person.id,
    requestedAt: now.toISOString(),
    uploadExpiresAt: new Date(now.getTime() + UPLOAD_SECONDS * 1000).toISOString(),
  };
  if (!(await attachmentRepository.claim(attachment, now.toISOString()))) {
    throw new ConflictError('Có tệp khác đang được đính kèm cùng lúc; vui lòng gửi lại.');
  }
  // The policy allows exactly the declared type and no more than 20 MB; confirm checks the exact size.
  const upload = await evidenceFiles.presignUpload(
    attachment.objectKey,
    attachment.contentType,
    ATTACHMENT_LIMITS.maxBytes,
    UPLOAD_SECONDS,
  );
  return {
    attachment: publicAttachment(attachment, new Map([[person.id, person.name]])),
    upload: {
      method: 'POST' as const,
      url: upload.url,
      fields: upload.fields,
      expiresAt: attachment.uploadExpiresAt,
    },
  };
}

async function attachmentOf(modelId: string, attachmentId: string): Promise<StoredAttachment> {
  const found = (await attachmentRepository.list(modelId)).find((slot) => slot.id === attachmentId);
  if (!found) throw new NotFoundError(`Không có tệp đính kèm mã “${attachmentId}”.`);
  return found;
}

/** POST /api/models/{id}/attachments/{attachmentId}/confirm: checks what arrived, then records it. */
export async function confirmUpload(caller: Caller, modelId: string, attachmentId: string, now: Date) {
  const { model, person } = await readableModel(caller, modelId);
  // As on asking for the upload: a reader of the model who may not attach is told so, whatever the file's state.
  if (!mayAttach(caller, person, model))
    throw new ForbiddenError(
      'Chỉ người đăng ký, người thực hiện mô hình hoặc Bí thư chi bộ mới được đính kèm tài liệu.',
    );
  const attachment = await attachmentOf(modelId, attachmentId);
  const names = new Map([[person.id, person.name]]);
  if (attachment.status === 'confirmed') return publicAttachment(attachment, await namesOf([attachment]));
  const uploaded = await evidenceFiles.inspect(attachment.objectKey, MAGIC_BYTES.head, MAGIC_BYTES.tail);
  if (!uploaded) {
    throw new ConflictError(`Chưa nhận được tệp “${attachment.name}”; hãy tải tệp lên rồi xác nhận.`);
  }
  const problem = uploadProblem(attachment, uploaded);
  if (problem) {
    await attachmentRepository.release(attachment);
    throw new RuleViolationError(problem, [{ path: 'file', message: problem }]);
  }
  const at = now.toISOString();
  if (!(await attachmentRepository.confirm(attachment, at))) {
    const current = await attachmentOf(modelId, attachmentId);
    return publicAttachment(current, await namesOf([current]));
  }
  await modelRepository.appendAudit(
    {
      modelId,
      at,
      actor: person.id,
      action: 'attachment_added',
      note: `${attachment.name} (${ATTACHMENT_KIND_LABELS[attachment.kind]}, giai đoạn ${ATTACHMENT_STAGE_LABELS[attachment.stage]})`,
    },
    `attachment#${attachment.id}`,
  );
  return publicAttachment({ ...attachment, status: 'confirmed', confirmedAt: at }, names);
}

/** GET /api/models/{id}/attachments: the confirmed files, and the caller's own uploads under way. */
export async function listAttachments(caller: Caller, modelId: string, now: Date) {
  const { person } = await readableModel(caller, modelId);
  const visible = (await attachmentRepository.list(modelId)).filter(
    (slot) => slot.status === 'confirmed' || (slot.addedBy === person.id && holdsSlot(slot, now)),
  );
  const names = await namesOf(visible);
  const items = visible
    .map((slot) => publicAttachment(slot, names))
    .sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  return {
    items,
    limits: { maxBytes: ATTACHMENT_LIMITS.maxBytes, maxPerModel: ATTACHMENT_LIMITS.maxPerModel },
  };
}

/** GET /api/models/{id}/attachments/{attachmentId}: a short-lived download link for a confirmed file. */
export async function downloadAttachment(caller: Caller, modelId: string, attachmentId: string) {
  await readableModel(caller, modelId);
  const attachment = await attachmentOf(modelId, attachmentId);
  if (attachment.status !== 'confirmed')
    throw new NotFoundError(`Không có tệp đính kèm mã “${attachmentId}”.`);
  const url = await evidenceFiles.presignDownload(
    attachment.objectKey,
    attachment.name,
    attachment.contentType,
    DOWNLOAD_SECONDS,
  );
  return {
    url,
    name: attachment.name,
    contentType: attachment.contentType,
    expiresInSeconds: DOWNLOAD_SECONDS,
  };
}

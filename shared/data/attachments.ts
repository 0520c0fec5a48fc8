// A model's evidence files: their records in the table (one item per slot
// under the model, so the 20-file cap holds with single-item conditional
// writes) and their bytes in the private evidence bucket.

import type { AttachmentKind, AttachmentStage } from '../domain/attachments.ts';
import { ENV, requireEnv } from '../env.ts';
import { keys } from './keys.ts';
import { deleteItem, putItem, queryPartition, updateItem } from './table.ts';

/** An attachment as stored; `pending` until the upload is confirmed and checked. */
export interface StoredAttachment {
  readonly id: string;
  readonly modelId: string;
  readonly slot: number;
  readonly name: string;
  readonly kind: AttachmentKind;
  readonly contentType: string;
  readonly size: number;
  readonly stage: AttachmentStage;
  readonly objectKey: string;
  readonly status: 'pending' | 'confirmed';
  readonly addedBy: string;
  readonly requestedAt: string;
  /** A pending upload not confirmed by then gives its slot back. */
  readonly uploadExpiresAt: string;
  readonly confirmedAt?: string;
}

/** The object key of an attachment: the model and the attachment's own id, never the file's name. */
export function attachmentObjectKey(modelId: string, attachmentId: string): string {
  return `models/${modelId}/${attachmentId}`;
}

function item(attachment: StoredAttachment) {
  return { ...attachment, ...keys.attachment(attachment.modelId, attachment.slot), entity: 'attachment' };
}

/** The attachments of models. */
export const attachmentRepository = {
  /** Every slot of a model, in slot order (at most 20 items: one Query). */
  list: (modelId: string) => queryPartition<StoredAttachment>(keys.model(modelId).pk, keys.attachmentPrefix),

  /** Takes a slot that is free or held by an upload that expired unconfirmed; false when another took it. */
  claim: (attachment: StoredAttachment, now: string) =>
    putItem(item(attachment), {
      expression: 'attribute_not_exists(pk) OR (#status = :pending AND uploadExpiresAt < :now)',
      names: { '#status': 'status' },
      values: { ':pending': 'pending', ':now': now },
    }),

  /** Marks the slot's pending upload confirmed; false when the slot holds another or is confirmed already. */
  async confirm(attachment: StoredAttachment, at: string): Promise<boolean> {
    const written = await updateItem(
      keys.attachment(attachment.modelId, attachment.slot),
      { set: { status: 'confirmed', confirmedAt: at } },
      {
        expression: 'id = :id AND #status = :pending',
        names: { '#status': 'status' },
        values: { ':id': attachment.id, ':pending': 'pending' },
      },
    );
    return written !== undefined;
  },

  /** Gives a refused upload's slot back; a confirmed attachment is never removed. */
  release: (attachment: StoredAttachment) =>
    deleteItem(keys.attachment(attachment.modelId, attachment.slot), {
      expression: 'id = :id AND #status = :pending',
      names: { '#status': 'status' },
      values: { ':id': attachment.id, ':pending': 'pending' },
    }),
};

const bucket = () => requireEnv(ENV.evidenceBucket);
// Loaded on first use: only the functions that handle evidence pay for the S3 client and its presigners.
const s3 = () => import('../aws/s3.ts');

/** The evidence bucket: presigned uploads and downloads, and what arrived. */
export const evidenceFiles = {
  async presignUpload(objectKey: string, contentType: string, maxBytes: number, expiresSeconds: number) {
    return (await s3()).presignUpload({
      bucket: bucket(),
      key: objectKey,
      contentType,
      maxBytes,
      expiresSeconds,
    });
  },

  async presignDownload(objectKey: string, fileName: string, contentType: string, expiresSeconds: number) {
    return (await s3()).presignDownload({
      bucket: bucket(),
      key: objectKey,
      fileName,
      contentType,
      expiresSeconds,
    });
  },

  /** The stored size and type with the first `head` and last `tail` bytes; undefined when nothing arrived. */
  async inspect(objectKey: string, head: number, tail: number) {
    const { headObject, getObjectRange } = await s3();
    const found = await headObject(bucket(), objectKey);
    if (!found) return undefined;
    const [first, last] = await Promise.all([
      getObjectRange(bucket(), objectKey, `bytes=0-${head - 1}`),
      getObjectRange(bucket(), objectKey, `bytes=-${tail}`),
    ]);
    return { ...found, head: first, tail: last };
  },
};

// The evidence files' request schemas; each field carries its label on the upload form.
import * as z from 'zod/mini';
import { ATTACHMENT_FIELD_LABELS, ATTACHMENT_LIMITS, ATTACHMENT_STAGES } from '../domain/attachments.ts';
import { MODEL_FIELD_LABELS } from '../domain/form-fields.ts';
import { labelled } from './messages.ts';
import { address, codeField, form, textField } from './schemas.ts';

/** POST /api/models/{id}/attachments: what is about to be uploaded. The type and size rules are the domain's. */
export const uploadRequestBody = form(
  z.strictObject({
    name: textField(ATTACHMENT_FIELD_LABELS.name, ATTACHMENT_LIMITS.nameMax),
    contentType: textField(ATTACHMENT_FIELD_LABELS.contentType, 200),
    size: labelled(z.int().check(z.minimum(1)), ATTACHMENT_FIELD_LABELS.size, {
      format: `“${ATTACHMENT_FIELD_LABELS.size}” phải là số byte của tệp.`,
    }),
    stage: labelled(z.enum(ATTACHMENT_STAGES), ATTACHMENT_FIELD_LABELS.stage),
  }),
);

/** /api/models/{id}/attachments/{attachmentId} */
export const attachmentParams = address(
  z.object({
    id: codeField(MODEL_FIELD_LABELS.id),
    attachmentId: codeField(ATTACHMENT_FIELD_LABELS.attachmentId),
  }),
);

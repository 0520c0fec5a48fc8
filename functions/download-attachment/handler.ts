import { apiHandler } from '../../shared/http/api-handler.ts';
import { attachmentParams } from '../../shared/http/attachment-schemas.ts';
import { downloadAttachment } from '../../shared/services/attachments.ts';

/** GET /api/models/{id}/attachments/{attachmentId}: a short-lived download link */
export const handler = apiHandler({ params: attachmentParams }, async ({ caller, params }) => ({
  body: await downloadAttachment(caller, params.id, params.attachmentId),
}));

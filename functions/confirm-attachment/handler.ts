import { apiHandler } from '../../shared/http/api-handler.ts';
import { attachmentParams } from '../../shared/http/attachment-schemas.ts';
import { confirmUpload } from '../../shared/services/attachments.ts';

/** POST /api/models/{id}/attachments/{attachmentId}/confirm */
export const handler = apiHandler({ params: attachmentParams }, async ({ caller, params, now }) => ({
  body: await confirmUpload(caller, params.id, params.attachmentId, now),
}));

import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams } from '../../shared/http/schemas.ts';
import { listAttachments } from '../../shared/services/attachments.ts';

/** GET /api/models/{id}/attachments */
export const handler = apiHandler({ params: modelIdParams }, async ({ caller, params, now }) => ({
  body: await listAttachments(caller, params.id, now),
}));

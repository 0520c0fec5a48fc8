import { apiHandler } from '../../shared/http/api-handler.ts';
import { uploadRequestBody } from '../../shared/http/attachment-schemas.ts';
import { modelIdParams } from '../../shared/http/schemas.ts';
import { requestUpload } from '../../shared/services/attachments.ts';

/** POST /api/models/{id}/attachments */
export const handler = apiHandler(
  { params: modelIdParams, body: uploadRequestBody },
  async ({ caller, params, body, now }) => ({
    status: 201,
    body: await requestUpload(caller, params.id, body, now),
  }),
);

import { apiHandler } from '../../shared/http/api-handler.ts';
import { cancelDocumentBody, documentParams } from '../../shared/http/document-schemas.ts';
import { cancelDocument } from '../../shared/services/documents.ts';

/** POST /api/documents/{id}/cancel */
export const handler = apiHandler(
  { params: documentParams, body: cancelDocumentBody },
  async ({ caller, params, body, now }) => ({
    body: await cancelDocument(caller, params.id, body.reason, now),
  }),
);

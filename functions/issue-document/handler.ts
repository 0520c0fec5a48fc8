import { apiHandler } from '../../shared/http/api-handler.ts';
import { documentParams, issueDocumentBody } from '../../shared/http/document-schemas.ts';
import { issueDocument } from '../../shared/services/documents.ts';

/** POST /api/documents/{id}/issue */
export const handler = apiHandler(
  { params: documentParams, body: issueDocumentBody },
  async ({ caller, params, body, now }) => ({ body: await issueDocument(caller, params.id, body, now) }),
);

import { apiHandler } from '../../shared/http/api-handler.ts';
import { createDocumentBody } from '../../shared/http/document-schemas.ts';
import { createDocument } from '../../shared/services/documents.ts';

/** POST /api/documents */
export const handler = apiHandler({ body: createDocumentBody }, async ({ caller, body, now }) => ({
  status: 201,
  body: await createDocument(caller, body, now),
}));

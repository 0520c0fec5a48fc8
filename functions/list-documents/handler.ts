import { apiHandler } from '../../shared/http/api-handler.ts';
import { listDocumentsQuery } from '../../shared/http/document-schemas.ts';
import { listDocuments } from '../../shared/services/documents.ts';

/** GET /api/documents?campaignId&year or ?modelId */
export const handler = apiHandler({ query: listDocumentsQuery }, async ({ caller, query }) => ({
  body: { items: await listDocuments(caller, query) },
}));

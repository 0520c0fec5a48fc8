import { apiHandler } from '../../shared/http/api-handler.ts';
import { documentParams, documentQuery } from '../../shared/http/document-schemas.ts';
import { documentFile, readDocument } from '../../shared/services/documents.ts';

/** GET /api/documents/{id}?format=json|docx|pdf: the metadata, or the file (a PDF is shown in the browser). */
export const handler = apiHandler(
  { params: documentParams, query: documentQuery },
  async ({ caller, params, query, now }) => {
    if (query.format === 'json') return { body: await readDocument(caller, params.id) };
    const file = await documentFile(caller, params.id, query.format, now);
    return { file: { ...file, inline: query.format === 'pdf' } };
  },
);

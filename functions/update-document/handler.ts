import { apiHandler } from '../../shared/http/api-handler.ts';
import { documentParams, updateDraftBody } from '../../shared/http/document-schemas.ts';
import { updateDraft } from '../../shared/services/documents.ts';

/** PUT /api/documents/{id}: the Office writes a draft's narrative, reasons, recipients or signer. */
export const handler = apiHandler(
  { params: documentParams, body: updateDraftBody },
  async ({ caller, params, body, now }) => ({ body: await updateDraft(caller, params.id, body, now) }),
);

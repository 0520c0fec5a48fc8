import { importBody } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { startImport } from '../../shared/services/imports.ts';

/** POST /api/imports: 202 with the import's id, its row report and progress. */
export const handler = apiHandler({ body: importBody }, async ({ caller, body, now }) => ({
  status: 202,
  body: await startImport(caller, body, now),
}));

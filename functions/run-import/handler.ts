import { importParams } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { runImport } from '../../shared/services/imports.ts';

/** POST /api/imports/{id}/run: writes the next chunk of rows. */
export const handler = apiHandler({ params: importParams }, async ({ caller, params, now }) => ({
  body: await runImport(caller, params.id, now),
}));

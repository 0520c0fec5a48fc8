import { importParams } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { getImport } from '../../shared/services/imports.ts';

/** GET /api/imports/{id} */
export const handler = apiHandler({ params: importParams }, async ({ caller, params }) => ({
  body: await getImport(caller, params.id),
}));

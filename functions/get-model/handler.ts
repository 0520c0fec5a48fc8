import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams } from '../../shared/http/schemas.ts';
import { readModel } from '../../shared/services/model-access.ts';

/** GET /api/models/{id} */
export const handler = apiHandler({ params: modelIdParams }, async ({ caller, params, now }) => ({
  body: await readModel(caller, params.id, now),
}));

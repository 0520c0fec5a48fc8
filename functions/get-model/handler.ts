import { publicModel } from '../../shared/data/model-repository.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams } from '../../shared/http/schemas.ts';
import { readableModel } from '../../shared/services/model-access.ts';

/** GET /api/models/{id} */
export const handler = apiHandler({ params: modelIdParams }, async ({ caller, params }) => ({
  body: publicModel((await readableModel(caller, params.id)).model),
}));

import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams, promoteBody } from '../../shared/http/schemas.ts';
import { promoteModel } from '../../shared/services/assessment-and-review.ts';

/** POST /api/models/{id}/tier */
export const handler = apiHandler(
  { params: modelIdParams, body: promoteBody },
  async ({ caller, params, body, now }) => ({
    body: await promoteModel(caller, params.id, body, now),
  }),
);

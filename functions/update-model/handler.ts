import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams, updateModelBody } from '../../shared/http/schemas.ts';
import { updateModel } from '../../shared/services/registration.ts';

/** PUT /api/models/{id} */
export const handler = apiHandler(
  { params: modelIdParams, body: updateModelBody },
  async ({ caller, params, body, now }) => ({
    body: await updateModel(caller, params.id, body, now),
  }),
);

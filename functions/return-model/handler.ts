import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams, returnBody } from '../../shared/http/schemas.ts';
import { returnModel } from '../../shared/services/registration.ts';

/** POST /api/models/{id}/return */
export const handler = apiHandler(
  { params: modelIdParams, body: returnBody },
  async ({ caller, params, body: request, now }) => ({
    body: await returnModel(caller, params.id, request.reason, now),
  }),
);

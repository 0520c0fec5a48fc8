import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams, withdrawBody } from '../../shared/http/schemas.ts';
import { withdrawModel } from '../../shared/services/registration.ts';

/** POST /api/models/{id}/withdraw */
export const handler = apiHandler(
  { params: modelIdParams, body: withdrawBody },
  async ({ caller, params, body: request, now }) => ({
    body: await withdrawModel(caller, params.id, request.reason, now),
  }),
);

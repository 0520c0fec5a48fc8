import { apiHandler } from '../../shared/http/api-handler.ts';
import { registerModelBody } from '../../shared/http/schemas.ts';
import { registerModel } from '../../shared/services/registration.ts';

/** POST /api/models */
export const handler = apiHandler({ body: registerModelBody }, async ({ caller, body, now, headers }) => {
  const { model } = await registerModel(caller, body, now, headers['idempotency-key']);
  return { status: 201, body: model };
});

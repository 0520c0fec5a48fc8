import { apiHandler } from '../../shared/http/api-handler.ts';
import { registerModelBody } from '../../shared/http/schemas.ts';
import { registerModel, registrationReads } from '../../shared/services/registration.ts';

/** POST /api/models */
export const handler = apiHandler(
  { body: registerModelBody, records: ({ body }) => registrationReads(body) },
  async ({ caller, body, now, headers, records }) => {
    const { model } = await registerModel(caller, body, now, headers['idempotency-key'], records);
    return { status: 201, body: model };
  },
);

import { apiHandler } from '../../shared/http/api-handler.ts';
import { grantExtensionBody } from '../../shared/http/schemas.ts';
import { grantExtension } from '../../shared/services/registration.ts';

/** POST /api/extensions (Office only) */
export const handler = apiHandler({ body: grantExtensionBody }, async ({ caller, body, now }) => ({
  status: 201,
  body: await grantExtension(caller, body, now),
}));

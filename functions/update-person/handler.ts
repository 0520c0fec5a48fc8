import { personParams, updatePersonBody } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { updatePerson } from '../../shared/services/organization-admin.ts';

/** PUT /api/people/{id} */
export const handler = apiHandler(
  { body: updatePersonBody, params: personParams },
  async ({ caller, body, params, now }) => ({ body: await updatePerson(caller, params.id, body, now) }),
);

import { personParams } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { removePerson } from '../../shared/services/organization-admin.ts';

/** DELETE /api/people/{id} */
export const handler = apiHandler({ params: personParams }, async ({ caller, params, now }) => ({
  body: await removePerson(caller, params.id, now),
}));

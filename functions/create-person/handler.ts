import { createPersonBody } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { createPerson } from '../../shared/services/organization-admin.ts';

/** POST /api/people */
export const handler = apiHandler({ body: createPersonBody }, async ({ caller, body, now }) => {
  const { person, created } = await createPerson(caller, body, now);
  return { status: created ? 201 : 200, body: person };
});

import { listPeopleQuery } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { listPeopleOfCell } from '../../shared/services/organization-admin.ts';

/** GET /api/people?cellId */
export const handler = apiHandler({ query: listPeopleQuery }, async ({ caller, query }) => ({
  body: { items: await listPeopleOfCell(caller, query.cellId) },
}));

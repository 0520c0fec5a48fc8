import { apiHandler } from '../../shared/http/api-handler.ts';
import { cellIdParams } from '../../shared/http/schemas.ts';
import { listCellPeople } from '../../shared/services/cell-people.ts';

/** GET /api/cells/{cellId}/people */
export const handler = apiHandler({ params: cellIdParams }, async ({ caller, params }) => ({
  body: { items: await listCellPeople(caller, params.cellId) },
}));

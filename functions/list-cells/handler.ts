import { dynamoCells, dynamoPeople } from '../../shared/data/dynamo-repositories.ts';
import { visibleCells } from '../../shared/domain/access.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';

/** GET /api/cells */
export const handler = apiHandler({}, async ({ caller }) => {
  const [cells, person] = await Promise.all([dynamoCells.list(), dynamoPeople.get(caller.personId)]);
  return { body: { items: visibleCells(caller, person, cells) } };
});

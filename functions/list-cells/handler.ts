import { apiHandler } from '../../shared/http/api-handler.ts';
import { listVisibleCells } from '../../shared/services/organization-admin.ts';

/** GET /api/cells */
export const handler = apiHandler({}, async ({ caller }) => ({
  body: { items: await listVisibleCells(caller) },
}));

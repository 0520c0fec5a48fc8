import { dashboardQuery } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { readDashboard } from '../../shared/services/dashboard.ts';

/** GET /api/dashboard?campaignId&cells=mine */
export const handler = apiHandler({ query: dashboardQuery }, async ({ caller, query, now }) => ({
  body: await readDashboard(caller, query.campaignId, now, query.cells ?? 'all'),
}));

import { apiHandler } from '../../shared/http/api-handler.ts';
import { listCampaigns } from '../../shared/services/campaign-admin.ts';

/** GET /api/campaigns */
export const handler = apiHandler({}, async () => ({ body: { items: await listCampaigns() } }));

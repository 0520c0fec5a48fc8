import { dynamoCampaigns } from '../../shared/data/dynamo-repositories.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';

/** GET /api/campaigns */
export const handler = apiHandler({}, async () => ({ body: { items: await dynamoCampaigns.list() } }));

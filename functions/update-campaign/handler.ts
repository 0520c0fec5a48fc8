import { campaignBody, campaignIdParams } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { updateCampaign } from '../../shared/services/campaign-admin.ts';

/** PUT /api/campaigns/{id} */
export const handler = apiHandler(
  { body: campaignBody, params: campaignIdParams },
  async ({ caller, body, params, now }) => ({ body: await updateCampaign(caller, params.id, body, now) }),
);

import { campaignBody } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { createCampaign } from '../../shared/services/campaign-admin.ts';

/** POST /api/campaigns */
export const handler = apiHandler({ body: campaignBody }, async ({ caller, body, now }) => {
  const { campaign, created } = await createCampaign(caller, body, now);
  return { status: created ? 201 : 200, body: campaign };
});

import { apiHandler } from '../../shared/http/api-handler.ts';
import { readOrganizationProfile } from '../../shared/services/organization-profile.ts';

/** GET /api/organization-profile */
export const handler = apiHandler({}, async ({ caller }) => ({
  body: await readOrganizationProfile(caller),
}));

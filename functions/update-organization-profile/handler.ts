import { apiHandler } from '../../shared/http/api-handler.ts';
import { organizationProfileBody } from '../../shared/http/document-schemas.ts';
import { updateOrganizationProfile } from '../../shared/services/organization-profile.ts';

/** PUT /api/organization-profile */
export const handler = apiHandler({ body: organizationProfileBody }, async ({ caller, body, now }) => ({
  body: await updateOrganizationProfile(caller, body, now),
}));

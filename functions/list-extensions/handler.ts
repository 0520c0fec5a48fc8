import { extensionsQuery } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { listExtensions } from '../../shared/services/extensions.ts';

/** GET /api/extensions?campaignId&year */
export const handler = apiHandler({ query: extensionsQuery }, async ({ caller, query }) => ({
  body: { items: await listExtensions(caller, query.campaignId, query.year) },
}));

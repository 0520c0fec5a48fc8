import { apiHandler } from '../../shared/http/api-handler.ts';
import { listModelsQuery } from '../../shared/http/schemas.ts';
import { listModels } from '../../shared/services/model-queries.ts';

/** GET /api/models?campaignId&year&cellId */
export const handler = apiHandler({ query: listModelsQuery }, async ({ caller, query }) => ({
  body: { items: await listModels(caller, query) },
}));

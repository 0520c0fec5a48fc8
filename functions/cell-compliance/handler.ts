import { apiHandler } from '../../shared/http/api-handler.ts';
import { cellIdParams, complianceQuery } from '../../shared/http/schemas.ts';
import { complianceOfCell } from '../../shared/services/model-queries.ts';

/** GET /api/cells/{cellId}/compliance?campaignId&year */
export const handler = apiHandler(
  { params: cellIdParams, query: complianceQuery },
  async ({ caller, params, query }) => ({
    body: await complianceOfCell(caller, params.cellId, query.campaignId, query.year),
  }),
);

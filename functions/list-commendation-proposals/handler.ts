import { apiHandler } from '../../shared/http/api-handler.ts';
import { proposalsQuery } from '../../shared/http/document-schemas.ts';
import { listCommendationProposals } from '../../shared/services/documents.ts';

/** GET /api/commendation-proposals?campaignId&year */
export const handler = apiHandler({ query: proposalsQuery }, async ({ caller, query }) => ({
  body: { items: await listCommendationProposals(caller, query.campaignId, query.year) },
}));

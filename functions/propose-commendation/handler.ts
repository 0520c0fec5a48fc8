import { apiHandler } from '../../shared/http/api-handler.ts';
import { proposeCommendationBody } from '../../shared/http/document-schemas.ts';
import { modelIdParams } from '../../shared/http/schemas.ts';
import { proposeCommendation } from '../../shared/services/documents.ts';

/** POST /api/models/{id}/commendation-proposal */
export const handler = apiHandler(
  { params: modelIdParams, body: proposeCommendationBody },
  async ({ caller, params, body, now }) => ({
    status: 201,
    body: await proposeCommendation(caller, params.id, body, now),
  }),
);

import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams, selfAssessmentBody } from '../../shared/http/schemas.ts';
import { selfAssess } from '../../shared/services/assessment-and-review.ts';

/** POST /api/models/{id}/self-assessment */
export const handler = apiHandler(
  { params: modelIdParams, body: selfAssessmentBody },
  async ({ caller, params, body, now }) => ({
    body: await selfAssess(caller, params.id, body, now),
  }),
);

import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams, reviewBody } from '../../shared/http/schemas.ts';
import { reviewModel } from '../../shared/services/assessment-and-review.ts';

/** POST /api/models/{id}/review */
export const handler = apiHandler(
  { params: modelIdParams, body: reviewBody },
  async ({ caller, params, body, now }) => ({
    body: await reviewModel(caller, params.id, body, now),
  }),
);

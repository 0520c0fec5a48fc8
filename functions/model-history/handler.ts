import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams } from '../../shared/http/schemas.ts';
import { modelTimeline } from '../../shared/services/timeline.ts';

/** GET /api/models/{id}/history: the auditors' timeline. */
export const handler = apiHandler({ params: modelIdParams }, async ({ caller, params }) => ({
  body: await modelTimeline(caller, params.id),
}));

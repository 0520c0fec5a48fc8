import { apiHandler } from '../../shared/http/api-handler.ts';
import { auditTrailParams } from '../../shared/http/schemas.ts';
import { adminAuditTrail } from '../../shared/services/admin-audit.ts';

/** GET /api/audit/{entity}/{id} */
export const handler = apiHandler({ params: auditTrailParams }, async ({ caller, params }) => ({
  body: { items: await adminAuditTrail(caller, params.entity, params.id) },
}));

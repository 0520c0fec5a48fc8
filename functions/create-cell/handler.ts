import { createCellBody } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { createCell } from '../../shared/services/organization-admin.ts';

/** POST /api/cells */
export const handler = apiHandler({ body: createCellBody }, async ({ caller, body, now }) => {
  const { cell, created } = await createCell(caller, body, now);
  return { status: created ? 201 : 200, body: cell };
});

import { cellParams, updateCellBody } from '../../shared/http/admin-schemas.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { updateCell } from '../../shared/services/organization-admin.ts';

/** PUT /api/cells/{cellId} */
export const handler = apiHandler(
  { body: updateCellBody, params: cellParams },
  async ({ caller, body, params, now }) => ({ body: await updateCell(caller, params.cellId, body, now) }),
);

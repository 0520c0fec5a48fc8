import * as z from 'zod';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { modelIdParams } from '../../shared/http/schemas.ts';
import { withdrawModel } from '../../shared/services/registration.ts';

const body = z.strictObject({ reason: z.string().trim().max(2000).default('') }).default({ reason: '' });

/** POST /api/models/{id}/withdraw */
export const handler = apiHandler(
  { params: modelIdParams, body },
  async ({ caller, params, body: request, now }) => ({
    body: await withdrawModel(caller, params.id, request.reason, now),
  }),
);

import * as z from 'zod/mini';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { resendMail } from '../../shared/services/outbox.ts';

const params = z.object({ id: z.string().check(z.regex(/^[0-9a-f]{32}$/, 'Mã thư không hợp lệ.')) });

/** POST /api/mail/{id}/resend */
export const handler = apiHandler({ params }, async ({ caller, params: { id }, now }) => ({
  status: 202,
  body: await resendMail(caller, id, now),
}));

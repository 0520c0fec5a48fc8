import { apiHandler } from '../../shared/http/api-handler.ts';
import { listTasks } from '../../shared/services/tasks.ts';

/** GET /api/tasks: the caller's open tasks */
export const handler = apiHandler({}, async ({ caller, now }) => ({
  body: { items: await listTasks(caller, now) },
}));

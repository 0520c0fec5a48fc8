import { type DeliverEvent, deliverMail } from '../../shared/services/outbox.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** mail-delivery task: sends the delivery's outbox messages through SES, each once. */
export const handler = taskHandler<DeliverEvent, Awaited<ReturnType<typeof deliverMail>>>(deliverMail);

import { sweepMail } from '../../shared/services/outbox.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** Daily schedule: restarts the delivery of messages a crash left pending. */
export const handler = taskHandler<{ scheduledTime: string }, Awaited<ReturnType<typeof sweepMail>>>(
  sweepMail,
);

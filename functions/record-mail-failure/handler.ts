import { type DeliverEvent, recordMailFailure } from '../../shared/services/outbox.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** mail-delivery task: marks a message failed, with the reason, when every retry failed. */
export const handler = taskHandler<DeliverEvent, Awaited<ReturnType<typeof recordMailFailure>>>(
  recordMailFailure,
);

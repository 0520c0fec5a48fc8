import { type DeliverEvent, recordMailFailure } from '../../shared/services/outbox.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** mail-delivery task: marks the delivery's messages still unsent failed, with the reason, when every retry failed. */
export const handler = taskHandler<
  Omit<DeliverEvent, 'attempt'>,
  Awaited<ReturnType<typeof recordMailFailure>>
>(recordMailFailure);

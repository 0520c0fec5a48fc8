import { type IdentitySyncEvent, recordIdentitySyncFailure } from '../../shared/services/identity-outbox.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** identity-sync task: marks a sync failed, with the reason, when every retry failed. */
export const handler = taskHandler<IdentitySyncEvent, Awaited<ReturnType<typeof recordIdentitySyncFailure>>>(
  recordIdentitySyncFailure,
);

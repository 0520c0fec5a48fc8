import { applyIdentitySync, type IdentitySyncEvent } from '../../shared/services/identity-outbox.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** identity-sync task: makes a person's user match their current record, or disables it. */
export const handler = taskHandler<IdentitySyncEvent, Awaited<ReturnType<typeof applyIdentitySync>>>(
  applyIdentitySync,
);

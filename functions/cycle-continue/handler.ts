import { type ContinueEvent, continueToReview } from '../../shared/services/cycle-tasks.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** model-cycle task: starts the review stage as a new execution. */
export const handler = taskHandler<ContinueEvent, Awaited<ReturnType<typeof continueToReview>>>(
  continueToReview,
);

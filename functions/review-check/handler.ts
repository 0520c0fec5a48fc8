import { type CheckReviewEvent, checkReview } from '../../shared/services/cycle-tasks.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** model-cycle task: the rule check on the committee's decision. */
export const handler = taskHandler<CheckReviewEvent, Awaited<ReturnType<typeof checkReview>>>(checkReview);

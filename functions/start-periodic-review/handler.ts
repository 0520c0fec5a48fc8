import { startDailyReview } from '../../shared/services/periodic-review.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** The daily schedule's target: starts the day's periodic review once, under the day's name. */
export const handler = taskHandler(startDailyReview);

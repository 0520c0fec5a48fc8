import { type PlanEvent, planJobs } from '../../shared/services/periodic-review.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** periodic-review task: the jobs due today for each active campaign. */
export const handler = taskHandler<PlanEvent, Awaited<ReturnType<typeof planJobs>>>(planJobs);

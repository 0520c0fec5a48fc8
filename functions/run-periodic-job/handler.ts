import type { DueJob } from '../../shared/domain/periodic-jobs.ts';
import { runDueJob } from '../../shared/services/periodic-review.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** periodic-review task: runs one due job, once per campaign and date. */
export const handler = taskHandler<DueJob, Awaited<ReturnType<typeof runDueJob>>>(runDueJob);

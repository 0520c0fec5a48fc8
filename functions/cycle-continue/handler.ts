import { type ContinueEvent, continueCycle } from '../../shared/services/cycle-tasks.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** model-cycle task: continues the cycle as a new execution (the review stage, or a wait past the length limit). */
export const handler = taskHandler<ContinueEvent, Awaited<ReturnType<typeof continueCycle>>>(continueCycle);

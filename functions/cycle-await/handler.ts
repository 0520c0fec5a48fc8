import { type AwaitStepEvent, awaitStep } from '../../shared/services/cycle-tasks.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** model-cycle callback task: keeps the task token on the model for the API to answer. */
export const handler = taskHandler<AwaitStepEvent, void>(awaitStep);

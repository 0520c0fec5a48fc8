import { type RecordStepEvent, recordStep } from '../../shared/services/cycle-tasks.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

/** model-cycle task: records a state of the model and mails the people concerned. */
export const handler = taskHandler<RecordStepEvent, Awaited<ReturnType<typeof recordStep>>>(recordStep);

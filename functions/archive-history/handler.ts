import type { EventBridgeEvent } from 'aws-lambda';
import { archiveExecution } from '../../shared/services/timeline.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

interface ExecutionStatusChange {
  readonly executionArn: string;
  readonly status: string;
}

const CLOSED = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** EventBridge "Step Functions Execution Status Change": archives a closed execution's history. */
export const handler = taskHandler<EventBridgeEvent<string, ExecutionStatusChange>, { archived: boolean }>(
  async (event) => {
    if (!CLOSED.includes(event.detail.status)) return { archived: false };
    return {
      archived: await archiveExecution(event.detail.executionArn, event.detail.status, new Date(event.time)),
    };
  },
);

import type { EventBridgeEvent } from 'aws-lambda';
import { archiveExecution } from '../../shared/services/timeline.ts';
import { CLOSED_EXECUTION_STATUSES } from '../../shared/workflow/execution-statuses.ts';
import { taskHandler } from '../../shared/workflow/task-handler.ts';

interface ExecutionStatusChange {
  readonly executionArn: string;
  readonly status: string;
}

const CLOSED: readonly string[] = CLOSED_EXECUTION_STATUSES;

/** EventBridge "Step Functions Execution Status Change": archives a closed execution's history. */
export const handler = taskHandler<EventBridgeEvent<string, ExecutionStatusChange>, { archived: boolean }>(
  async (event) => {
    // The rule delivers closed executions only; an event of a running one must still never archive a partial history.
    if (!CLOSED.includes(event.detail.status)) return { archived: false };
    return {
      archived: await archiveExecution(event.detail.executionArn, event.detail.status, new Date(event.time)),
    };
  },
);

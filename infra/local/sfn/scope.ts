// What an expression sees of the execution: the context object of
// $states.context and the variables in scope.

import type { ExecutionHeader, Thread } from './execution-record.ts';
import type { Json, JsonObject } from './json.ts';

/** `$states.context` for a state of a thread (Task.Token and Map.Item are added by the caller). */
export function contextObject(header: ExecutionHeader, input: Json, thread: Thread): JsonObject {
  return {
    Execution: {
      Id: header.executionArn,
      Input: input,
      Name: header.name,
      RoleArn: header.roleArn,
      StartTime: new Date(header.startDate).toISOString(),
      RedriveCount: 0,
    },
    State: {
      EnteredTime: new Date(thread.enteredAt).toISOString(),
      Name: thread.state,
      RetryCount: thread.retryTotal,
    },
    StateMachine: { Id: header.stateMachineArn, Name: header.stateMachineName },
  };
}

/** A branch or iteration reads its ancestors' variables; its own assignments stay in its scope. */
export function visibleVariables(
  thread: Thread,
  find: (id: string) => Thread | undefined,
): Record<string, Json> {
  const chain: Thread[] = [];
  for (
    let current: Thread | undefined = thread;
    current;
    current = current.parentId ? find(current.parentId) : undefined
  ) {
    chain.unshift(current);
  }
  return Object.assign({}, ...chain.map((link) => link.vars)) as Record<string, Json>;
}

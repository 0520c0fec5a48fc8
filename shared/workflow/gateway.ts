// The one place the application reaches Step Functions: starting the model
// cycle, mail deliveries and identity syncs, answering a waiting callback, reading an
// execution's history. The services see only these functions and the
// errors below, never the SDK.
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { type StepFunctions, stepFunctions } from '../aws/sfn.ts';
import { ENV, requireEnv } from '../env.ts';
import type { IdentitySyncInput } from './identity-sync.ts';
import type { DeliveryInput } from './mail-delivery.ts';
import { type CycleInput, executionName } from './model-cycle.ts';

/** The callback's wait ended at its deadline (Step Functions' task timeout) before the answer came. */
export class CallbackTimedOutError extends Error {
  override readonly name = 'CallbackTimedOutError';
}

/** The workflow no longer waits on this callback: it was answered already, or the token is unknown. */
export class CallbackGoneError extends Error {
  override readonly name = 'CallbackGoneError';
}

/** One event of an execution's history, as the timeline reads it (Step Functions' HistoryEvent). */
export type WorkflowEvent = HistoryEvent;

/** The ARN of an execution of a state machine, by name. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** The ARN the stage of a model's cycle runs under (known before it starts: names are deterministic). */
export function cycleExecutionArn(input: Pick<CycleInput, 'modelId' | 'stage' | 'round'>): string {
  return executionArnOf(
    requireEnv(ENV.modelCycleStateMachineArn),
    executionName(input.modelId, input.stage, input.round),
  );
}

async function start(stateMachineArn: string, name: string, input: unknown): Promise<'started' | 'exists'> {
  const { sdk, client } = await stepFunctions();
  const { StartExecutionCommand, ExecutionAlreadyExists } = sdk;
  try {
    await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return 'started';
  } catch (error) {
    // Same name, another input or a closed execution: it exists already.
    if (error instanceof ExecutionAlreadyExists) return 'exists';
    throw error;
  }
}

async function answer(send: (loaded: StepFunctions) => Promise<unknown>): Promise<void> {
  const loaded = await stepFunctions();
  const { TaskTimedOut, TaskDoesNotExist, InvalidToken } = loaded.sdk;
  try {
    await send(loaded);
  } catch (error) {
    if (error instanceof TaskTimedOut) throw new CallbackTimedOutError(error.message);
    if (error instanceof TaskDoesNotExist || error instanceof InvalidToken)
      throw new CallbackGoneError(error.message);
    throw error;
  }
}

/** Step Functions, as the application uses it. */
export const workflows = {
  /**
   * Starts a stage of a model's cycle. Starting the same name with the same
   * input again returns the running execution (StartExecution is idempotent),
   * so a retried request is harmless; the ARN is returned either way.
   */
  async startCycle(input: CycleInput): Promise<string> {
    await start(
      requireEnv(ENV.modelCycleStateMachineArn),
      executionName(input.modelId, input.stage, input.round),
      input,
    );
    return cycleExecutionArn(input);
  },

  /** Starts the delivery named `name` of outbox messages; `exists` when that execution ran already. */
  startDelivery(name: string, messages: DeliveryInput['messages']): Promise<'started' | 'exists'> {
    const input: DeliveryInput = { messages };
    return start(requireEnv(ENV.mailDeliveryStateMachineArn), name, input);
  },

  /**
   * Starts the day's periodic review under its day's name: a repeated start of
   * the same day (a schedule delivered twice, a restart) is `exists`, never a
   * second execution.
   */
  startPeriodicReview(
    name: string,
    input: { readonly scheduledTime: string },
  ): Promise<'started' | 'exists'> {
    return start(requireEnv(ENV.periodicReviewStateMachineArn), name, input);
  },

  /** Whether the delivery named `name` is still running. */
  async deliveryRunning(name: string): Promise<boolean> {
    const executionArn = executionArnOf(requireEnv(ENV.mailDeliveryStateMachineArn), name);
    const { sdk, client } = await stepFunctions();
    const execution = await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING';
  },

  /** Starts the sync named `name` of a person's recorded change; `exists` when that execution ran already. */
  startIdentitySync(input: IdentitySyncInput, name: string): Promise<'started' | 'exists'> {
    return start(requireEnv(ENV.identitySyncStateMachineArn), name, input);
  },

  /** Whether the identity sync named `name` is still running. */
  async identitySyncRunning(name: string): Promise<boolean> {
    const executionArn = executionArnOf(requireEnv(ENV.identitySyncStateMachineArn), name);
    const { sdk, client } = await stepFunctions();
    const execution = await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING';
  },

  /** Answers a waiting callback with its output. */
  succeed(taskToken: string, output: unknown): Promise<void> {
    return answer(({ sdk, client }) =>
      client.send(new sdk.SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
    );
  },

  /** Fails a waiting callback with an error the workflow's Catch matches by name. */
  fail(taskToken: string, error: string, cause: unknown): Promise<void> {
    return answer(({ sdk, client }) =>
      client.send(new sdk.SendTaskFailureCommand({ taskToken, error, cause: JSON.stringify(cause) })),
    );
  },

  /** Every event of an execution, from Step Functions (kept there 90 days after it closes). */
  async history(executionArn: string): Promise<WorkflowEvent[]> {
    const { sdk, client } = await stepFunctions();
    const events: WorkflowEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new sdk.GetExecutionHistoryCommand({
          executionArn,
          nextToken,
          includeExecutionData: true,
          maxResults: 1000,
        }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  },
};

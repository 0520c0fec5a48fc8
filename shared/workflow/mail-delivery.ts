// Starts the delivery of one outbox message: an execution of the
// mail-delivery state machine, named after the message, whose retries with
// backoff are the sender's (statemachines/mail-delivery.asl.json).
import { DescribeExecutionCommand, ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../aws/sfn.ts';
import { ENV, requireEnv } from '../env.ts';
import { executionArnOf } from './model-cycle.ts';

/** The input of a delivery. */
export interface DeliveryInput {
  readonly messageId: string;
}

/**
 * Starts a delivery named `name` (the message id, or a later attempt's name).
 * StartExecution is idempotent for a running execution of the same name and
 * input; a closed one answers ExecutionAlreadyExists, reported as `closed`.
 */
export async function startDelivery(messageId: string, name = messageId): Promise<'started' | 'closed'> {
  const input: DeliveryInput = { messageId };
  try {
    await sfnClient().send(
      new StartExecutionCommand({
        stateMachineArn: requireEnv(ENV.mailDeliveryStateMachineArn),
        name,
        input: JSON.stringify(input),
      }),
    );
    return 'started';
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return 'closed';
    throw error;
  }
}

/** Whether the delivery named `name` is still running. */
export async function deliveryRunning(name: string): Promise<boolean> {
  const executionArn = executionArnOf(requireEnv(ENV.mailDeliveryStateMachineArn), name);
  const execution = await sfnClient().send(new DescribeExecutionCommand({ executionArn }));
  return execution.status === 'RUNNING';
}

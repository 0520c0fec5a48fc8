import { describe, expect, it } from 'vitest';
import { functions } from '../../../functions/catalog.ts';
import { createEventBus } from '../../../infra/local/event-bus.ts';
import type { LambdaRuntime } from '../../../infra/local/lambda-runtime.ts';
import { localStateMachineArn } from '../../../infra/local/sfn/arns.ts';

const STATUS_CHANGE = 'Step Functions Execution Status Change';

/** The bus over the real catalog, with a Lambda runtime that records what it is asked to run. */
function busRecordingInvocations() {
  const invoked: { name: string; event: { detail: unknown } }[] = [];
  const lambdas: LambdaRuntime = {
    invoke: async (name, event) => {
      invoked.push({ name, event: event as { detail: unknown } });
      return {};
    },
    close: async () => undefined,
  };
  const bus = createEventBus(functions, lambdas, { now: () => Date.parse('2016-10-03T01:00:00Z') }, () => {});
  return { bus, invoked };
}

const statusChange = (machine: string, status: string) => ({
  executionArn: `${localStateMachineArn(machine).replace(':stateMachine:', ':execution:')}:m-1`,
  stateMachineArn: localStateMachineArn(machine),
  status,
});

describe('the local EventBridge bus, as the rules AWS builds from the catalog (docs.aws.amazon.com/eventbridge/latest/ref/events-ref-states.html)', () => {
  it('runs archive-history when a model cycle closes, in each closed status', async () => {
    // Prepare
    const { bus, invoked } = busRecordingInvocations();
    // Act
    for (const status of ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'])
      bus.publish('aws.states', STATUS_CHANGE, statusChange('model-cycle', status));
    await bus.idle();
    // Assess
    expect(invoked.map((call) => call.name)).toEqual(Array(4).fill('archive-history'));
    expect(invoked.map((call) => (call.event.detail as { status: string }).status)).toEqual([
      'SUCCEEDED',
      'FAILED',
      'TIMED_OUT',
      'ABORTED',
    ]);
  });

  it('runs nothing when an execution starts, which has no history to keep yet', async () => {
    // Prepare
    const { bus, invoked } = busRecordingInvocations();
    // Act
    bus.publish('aws.states', STATUS_CHANGE, statusChange('model-cycle', 'RUNNING'));
    await bus.idle();
    // Assess
    expect(invoked).toEqual([]);
  });

  it('runs nothing for a state machine no rule names (a mail delivery keeps its attempts on its record)', async () => {
    // Prepare
    const { bus, invoked } = busRecordingInvocations();
    // Act
    bus.publish('aws.states', STATUS_CHANGE, statusChange('mail-delivery', 'SUCCEEDED'));
    await bus.idle();
    // Assess
    expect(invoked).toEqual([]);
  });
});

// Callback tasks (.waitForTaskToken): success, failure, heartbeats and the
// token errors, driven only through @aws-sdk/client-sfn.
import {
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHarness, jsonata, outputOf, typesOf } from './helpers.ts';

const DG = 'docs.aws.amazon.com/step-functions/latest/dg';
const API = 'docs.aws.amazon.com/step-functions/latest/apireference';

describe('callback tasks', () => {
  const h = new EngineHarness();
  const tokens: string[] = [];
  beforeAll(async () => {
    await h.open();
    h.functions.set('get-model-review-decision', (payload) => {
      tokens.push((payload as { token: string }).token);
      return { stored: true };
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const review = (extra: object = {}): object =>
    jsonata('GetManualReview', {
      GetManualReview: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: {
          FunctionName: 'get-model-review-decision',
          Payload: { model: '{% $states.input.new_model %}', token: '{% $states.context.Task.Token %}' },
        },
        ...extra,
        End: true,
      },
    });

  async function waiting(extra: object = {}): Promise<{ arn: string; token: string }> {
    const arn = await h.start(await h.machine(review(extra)), { new_model: 'm1' });
    const token = tokens.at(-1);
    if (!token) throw new Error('the function did not receive a token');
    return { arn, token };
  }

  it(`SendTaskSuccess completes the task with its output — ${DG}/connect-to-resource.html#connect-wait-token`, async () => {
    // Prepare
    const { arn, token } = await waiting({ Output: { decision: '{% $states.result.decision %}' } });
    const before = (await h.describe(arn)).status;
    // Act
    await h.client.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'approved' }) }),
    );
    await h.settle();
    // Assess
    const result = await h.describe(arn);
    expect([before, result.status, outputOf(result)]).toEqual([
      'RUNNING',
      'SUCCEEDED',
      { decision: 'approved' },
    ]);
    expect(typesOf(await h.history(arn))).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it(`SendTaskFailure fails the task with the given error and cause — ${API}/API_SendTaskFailure.html`, async () => {
    const { arn, token } = await waiting();
    await h.client.send(
      new SendTaskFailureCommand({
        taskToken: token,
        error: 'RuleViolationError',
        cause: 'Hết hạn tự đánh giá',
      }),
    );
    await h.settle();
    const result = await h.describe(arn);
    expect([result.status, result.error, result.cause]).toEqual([
      'FAILED',
      'RuleViolationError',
      'Hết hạn tự đánh giá',
    ]);
  });

  it(`A token whose task has closed answers TaskTimedOut — ${API}/API_SendTaskSuccess.html`, async () => {
    const { token } = await waiting();
    await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await h.settle();
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it(`A token that was never issued answers InvalidToken — ${API}/API_SendTaskSuccess.html`, async () => {
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toBeInstanceOf(InvalidToken);
    const forged = `${Buffer.from(JSON.stringify(['arn:aws:states:us-east-1:000000000000:execution:x:y', 'root', 1])).toString('base64url')}.abc`;
    await expect(h.client.send(new SendTaskFailureCommand({ taskToken: forged }))).rejects.toBeInstanceOf(
      InvalidToken,
    );
  });

  it(`Output that is not JSON answers InvalidOutput — ${API}/API_SendTaskSuccess.html`, async () => {
    const { token } = await waiting();
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{not json' })),
    ).rejects.toMatchObject({
      name: 'InvalidOutput',
    });
  });

  it(`SendTaskHeartbeat keeps a task with HeartbeatSeconds alive — ${API}/API_SendTaskHeartbeat.html`, async () => {
    const { arn, token } = await waiting({ HeartbeatSeconds: 60, TimeoutSeconds: 3_600 });
    await h.advance(50_000);
    await h.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await h.advance(50_000);
    const alive = (await h.describe(arn)).status;
    await h.advance(10_000);
    const result = await h.describe(arn);
    expect([alive, result.status, result.error]).toEqual(['RUNNING', 'FAILED', 'States.HeartbeatTimeout']);
  });

  it(`A callback that arrives while the function is still running wins — ${DG}/connect-to-resource.html#connect-wait-token`, async () => {
    let release: () => void = () => undefined;
    h.functions.set('slow-notify', async (payload) => {
      const token = (payload as { token: string }).token;
      await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '"early"' }));
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return {};
    });
    const definition = jsonata('Notify', {
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'slow-notify', Payload: { token: '{% $states.context.Task.Token %}' } },
        End: true,
      },
    });
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: await h.machine(definition) }),
    );
    for (let i = 0; i < 50 && (await h.describe(executionArn ?? '')).status === 'RUNNING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();
    await h.settle();
    const result = await h.describe(executionArn ?? '');
    expect([result.status, outputOf(result)]).toEqual(['SUCCEEDED', 'early']);
  });
});

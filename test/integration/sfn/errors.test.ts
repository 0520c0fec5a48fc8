// Retry, Catch, timeouts, heartbeats and quotas, driven only through
// @aws-sdk/client-sfn, with virtual time moved by the test's clock driver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHarness, fnArn, functionError, jsonata, outputOf, typesOf } from './helpers.ts';

const DG = 'docs.aws.amazon.com/step-functions/latest/dg';
const DAY = 24 * 60 * 60 * 1000;

describe('errors, retries, timeouts and quotas', () => {
  const h = new EngineHarness();
  let attempts = 0;
  beforeAll(async () => {
    await h.open();
    h.functions.set('always-fails', () => {
      attempts += 1;
      throw functionError('ErrorA', 'always failing');
    });
    h.functions.set('flaky', (payload) => {
      attempts += 1;
      if (attempts < 3) throw functionError(attempts === 1 ? 'ErrorA' : 'ErrorB', `attempt ${attempts}`);
      return { attempts, payload };
    });
    h.functions.set('big', () => ({ blob: 'x'.repeat(300_000) }));
    h.functions.set('ok', () => ({ ok: true }));
  });
  afterAll(async () => {
    await h.close();
  });

  it(`Retry waits IntervalSeconds × BackoffRate^n: 3 s then 4.5 s for MaxAttempts 2 — ${DG}/concepts-error-handling.html`, async () => {
    // Prepare
    attempts = 0;
    const definition = jsonata('Call', {
      Call: {
        Type: 'Task',
        Resource: fnArn('always-fails'),
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5 }],
        End: true,
      },
    });
    const arn = await h.start(await h.machine(definition));
    // Act
    await h.advance(2_999);
    const afterFirst = attempts;
    await h.advance(1);
    const afterSecond = attempts;
    await h.advance(4_499);
    const beforeThird = attempts;
    await h.advance(1);
    const result = await h.describe(arn);
    // Assess
    expect([afterFirst, afterSecond, beforeThird, attempts]).toEqual([1, 2, 2, 3]);
    expect([result.status, result.error]).toEqual(['FAILED', 'ErrorA']);
    expect(typesOf(await h.history(arn)).filter((type) => type === 'LambdaFunctionFailed')).toHaveLength(3);
  });

  it(`Retriers count separately and the first matching one applies — ${DG}/concepts-error-handling.html`, async () => {
    attempts = 0;
    const definition = jsonata('Call', {
      Call: {
        Type: 'Task',
        Resource: fnArn('flaky'),
        Retry: [
          { ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2.0, MaxAttempts: 2 },
          { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 },
        ],
        Output: '{% $states.result.attempts %}',
        End: true,
      },
    });
    const arn = await h.start(await h.machine(definition), { n: 1 });
    await h.advance(3_000);
    const result = await h.describe(arn);
    expect([result.status, outputOf(result)]).toEqual(['SUCCEEDED', 3]);
  });

  it(`MaxDelaySeconds caps the backoff and JitterStrategy FULL stays within it — ${DG}/concepts-error-handling.html`, async () => {
    attempts = 0;
    const definition = jsonata('Call', {
      Call: {
        Type: 'Task',
        Resource: fnArn('always-fails'),
        Retry: [
          {
            ErrorEquals: ['States.TaskFailed'],
            IntervalSeconds: 10,
            BackoffRate: 10,
            MaxAttempts: 3,
            MaxDelaySeconds: 15,
            JitterStrategy: 'FULL',
          },
        ],
        End: true,
      },
    });
    const arn = await h.start(await h.machine(definition));
    await h.advance(45_000);
    expect([(await h.describe(arn)).status, attempts]).toEqual(['FAILED', 4]);
  });

  it(`MaxAttempts 0 never retries — ${DG}/concepts-error-handling.html`, async () => {
    attempts = 0;
    const definition = jsonata('Call', {
      Call: {
        Type: 'Task',
        Resource: fnArn('always-fails'),
        Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }],
        End: true,
      },
    });
    const result = await h.run(definition);
    expect([result.status, attempts]).toEqual(['FAILED', 1]);
  });

  it(`Catch with Output and Assign from $states.errorOutput, then the fallback state — ${DG}/concepts-error-handling.html`, async () => {
    const definition = jsonata('Call', {
      Call: {
        Type: 'Task',
        Resource: fnArn('always-fails'),
        Catch: [
          { ErrorEquals: ['java.lang.Exception'], Next: 'RecoveryState' },
          {
            ErrorEquals: ['States.ALL'],
            Next: 'EndState',
            Output: { caught: '{% $states.errorOutput.Error %}', input: '{% $states.input %}' },
            Assign: { cause: '{% $parse($states.errorOutput.Cause).errorMessage %}' },
          },
        ],
        End: true,
      },
      RecoveryState: { Type: 'Pass', Output: 'wrong', End: true },
      EndState: { Type: 'Pass', Output: { output: '{% $states.input %}', cause: '{% $cause %}' }, End: true },
    });
    const result = await h.run(definition, { id: 7 });
    expect(outputOf(result)).toEqual({
      output: { caught: 'ErrorA', input: { id: 7 } },
      cause: 'always failing',
    });
    const types = typesOf(await h.history(result.arn));
    expect(
      types.slice(types.indexOf('LambdaFunctionFailed'), types.indexOf('LambdaFunctionFailed') + 3),
    ).toEqual(['LambdaFunctionFailed', 'TaskStateExited', 'PassStateEntered']);
  });

  it(`Catch without Output passes the error output on — ${DG}/concepts-error-handling.html`, async () => {
    const definition = jsonata('Call', {
      Call: {
        Type: 'Task',
        Resource: fnArn('always-fails'),
        Catch: [{ ErrorEquals: ['ErrorA'], Next: 'Handled' }],
        End: true,
      },
      Handled: { Type: 'Pass', End: true },
    });
    const output = outputOf(await h.run(definition)) as { Error: string; Cause: string };
    expect(output.Error).toBe('ErrorA');
    expect(JSON.parse(output.Cause)).toMatchObject({ errorType: 'ErrorA', errorMessage: 'always failing' });
  });

  it(`States.TaskFailed matches every error but States.Timeout — ${DG}/concepts-error-handling.html`, async () => {
    const definition = jsonata('Wait', {
      Wait: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'ok', Payload: { token: '{% $states.context.Task.Token %}' } },
        TimeoutSeconds: 60,
        Catch: [
          { ErrorEquals: ['States.TaskFailed'], Next: 'TaskFailed' },
          { ErrorEquals: ['States.Timeout'], Next: 'TimedOut' },
        ],
        End: true,
      },
      TaskFailed: { Type: 'Pass', Output: 'task-failed', End: true },
      TimedOut: { Type: 'Pass', Output: 'timed-out', End: true },
    });
    const arn = await h.start(await h.machine(definition));
    await h.advance(60_000);
    const result = await h.describe(arn);
    expect(outputOf(result)).toBe('timed-out');
    const events = await h.history(arn);
    expect(events.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe(
      'States.Timeout',
    );
  });

  it(`A task TimeoutSeconds given as JSONata times the task out — ${DG}/state-task.html`, async () => {
    const definition = jsonata('Wait', {
      Wait: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'ok', Payload: {} },
        TimeoutSeconds: '{% $states.input.timeout %}',
        End: true,
      },
    });
    const arn = await h.start(await h.machine(definition), { timeout: 3_600 });
    await h.advance(3_599_999);
    const before = (await h.describe(arn)).status;
    await h.advance(1);
    const after = await h.describe(arn);
    expect([before, after.status, after.error]).toEqual(['RUNNING', 'FAILED', 'States.Timeout']);
  });

  it(`HeartbeatSeconds fails a silent task with States.HeartbeatTimeout — ${DG}/state-task.html`, async () => {
    const definition = jsonata('Wait', {
      Wait: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'ok', Payload: {} },
        TimeoutSeconds: 600,
        HeartbeatSeconds: '{% 60 %}',
        End: true,
      },
    });
    const arn = await h.start(await h.machine(definition));
    await h.advance(60_000);
    const result = await h.describe(arn);
    expect([result.status, result.error]).toEqual(['FAILED', 'States.HeartbeatTimeout']);
  });

  it(`The state machine's TimeoutSeconds times the execution out — ${DG}/statemachine-structure.html`, async () => {
    const definition = jsonata(
      'Long',
      { Long: { Type: 'Wait', Seconds: 7_200, Next: 'Done' }, Done: { Type: 'Succeed' } },
      { TimeoutSeconds: 3_600 },
    );
    const arn = await h.start(await h.machine(definition));
    await h.advance(3_600_000);
    const result = await h.describe(arn);
    expect([result.status, result.error]).toEqual(['TIMED_OUT', 'States.Timeout']);
    expect(typesOf(await h.history(arn)).at(-1)).toBe('ExecutionTimedOut');
  });

  it(`An execution still running one year after it started times out with States.Timeout — ${DG}/service-quotas.html`, async () => {
    const definition = jsonata('Forever', {
      Forever: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'ok', Payload: {} },
        End: true,
      },
    });
    const arn = await h.start(await h.machine(definition));
    await h.advance(365 * DAY - 1);
    const before = (await h.describe(arn)).status;
    await h.advance(1);
    const after = await h.describe(arn);
    expect([before, after.status, after.error]).toEqual(['RUNNING', 'TIMED_OUT', 'States.Timeout']);
    expect((after.stopDate?.getTime() ?? 0) - (after.startDate?.getTime() ?? 0)).toBe(365 * DAY);
  });

  it(`A result over 256 KiB fails with States.DataLimitExceeded, which States.ALL does not catch — ${DG}/concepts-error-handling.html`, async () => {
    const definition = jsonata('Big', {
      Big: {
        Type: 'Task',
        Resource: fnArn('big'),
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    });
    const result = await h.run(definition);
    expect([result.status, result.error]).toEqual(['FAILED', 'States.DataLimitExceeded']);
  });

  it(`A state output over 256 KiB fails with States.DataLimitExceeded — ${DG}/service-quotas.html`, async () => {
    const definition = jsonata('Grow', {
      Grow: { Type: 'Pass', Output: "{% $pad('', 262145, 'x') %}", End: true },
    });
    const result = await h.run(definition);
    expect([result.status, result.error]).toEqual(['FAILED', 'States.DataLimitExceeded']);
  });

  it(`A failing Parallel branch fails the Parallel state with the branch's error, and Catch applies — ${DG}/state-parallel.html`, async () => {
    const definition = jsonata('Both', {
      Both: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Fine', States: { Fine: { Type: 'Wait', Seconds: 5, End: true } } },
          {
            StartAt: 'Broken',
            States: { Broken: { Type: 'Fail', Error: 'BranchError', Cause: 'broken branch' } },
          },
        ],
        Catch: [{ ErrorEquals: ['BranchError'], Next: 'Recovered', Output: '{% $states.errorOutput %}' }],
        End: true,
      },
      Recovered: { Type: 'Pass', End: true },
    });
    const result = await h.run(definition);
    expect(outputOf(result)).toEqual({ Error: 'BranchError', Cause: 'broken branch' });
    expect(typesOf(await h.history(result.arn))).toContain('ParallelStateFailed');
  });

  it(`A failing Map iteration fails the Map, aborts the others, and Retry reruns the Map — ${DG}/state-map-inline.html`, async () => {
    attempts = 0;
    const definition = jsonata('Each', {
      Each: {
        Type: 'Map',
        Items: [1, 2],
        ItemProcessor: {
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: fnArn('flaky'),
              Output: '{% $states.result.payload %}',
              End: true,
            },
          },
        },
        Retry: [{ ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, MaxAttempts: 5 }],
        End: true,
      },
    });
    const arn = await h.start(await h.machine(definition));
    await h.advance(60_000);
    const result = await h.describe(arn);
    expect([result.status, outputOf(result)]).toEqual(['SUCCEEDED', [1, 2]]);
    expect(typesOf(await h.history(arn))).toContain('MapIterationFailed');
  });
});

// Conformance of the state types and of JSONata evaluation, driven only through
// @aws-sdk/client-sfn. Each test names the AWS documentation page whose example
// or rule it reproduces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHarness, fnArn, jsonata, outputOf, typesOf } from './helpers.ts';

const DG = 'docs.aws.amazon.com/step-functions/latest/dg';

describe('state types and JSONata', () => {
  const h = new EngineHarness();
  beforeAll(async () => {
    await h.open();
    h.functions.set('echo', (payload) => payload);
  });
  afterAll(async () => {
    await h.close();
  });

  it(`Pass with Output and Arguments-style templates — ${DG}/transforming-data.html`, async () => {
    // Prepare
    const definition = jsonata('Convert', {
      Convert: {
        Type: 'Pass',
        Output: { static: 'Hello', title: '{% $states.input.title %}', 'not-evaluated': '$customerName' },
        End: true,
      },
    });
    // Act
    const result = await h.run(definition, { title: 'Doctor' });
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(outputOf(result)).toEqual({ static: 'Hello', title: 'Doctor', 'not-evaluated': '$customerName' });
  });

  it(`Pass without Output passes its input through — ${DG}/state-pass.html`, async () => {
    const result = await h.run(jsonata('P', { P: { Type: 'Pass', End: true } }), { georefOf: 'Home' });
    expect(outputOf(result)).toEqual({ georefOf: 'Home' });
  });

  it(`Assign stores variables for later states — ${DG}/workflow-variables.html`, async () => {
    const definition = jsonata('Set', {
      Set: { Type: 'Pass', Assign: { productName: 'product1', count: 42, available: true }, Next: 'Use' },
      Use: {
        Type: 'Pass',
        Output: { name: '{% $productName %}', count: '{% $count %}', available: '{% $available %}' },
        End: true,
      },
    });
    const result = await h.run(definition);
    expect(outputOf(result)).toEqual({ name: 'product1', count: 42, available: true });
  });

  it(`Assign and Output see the variables as they were when the state was entered — ${DG}/workflow-variables.html`, async () => {
    const definition = jsonata('Init', {
      Init: { Type: 'Pass', Assign: { x: 1 }, Next: 'Swap' },
      Swap: {
        Type: 'Pass',
        Assign: { x: '{% $x + 1 %}', previous: '{% $x %}' },
        Output: '{% $x %}',
        Next: 'Read',
      },
      Read: {
        Type: 'Pass',
        Output: { x: '{% $x %}', previous: '{% $previous %}', input: '{% $states.input %}' },
        End: true,
      },
    });
    const result = await h.run(definition);
    expect(outputOf(result)).toEqual({ x: 2, previous: 1, input: 1 });
  });

  it(`StateExited records assignedVariables — ${DG}/workflow-variables.html`, async () => {
    const result = await h.run(jsonata('S', { S: { Type: 'Pass', Assign: { count: 42 }, End: true } }));
    const exited = (await h.history(result.arn)).find((event) => event.type === 'PassStateExited');
    expect(exited?.stateExitedEventDetails?.assignedVariables).toEqual({ count: '42' });
  });

  it(`Choice rules with Condition, rule-level Assign and Default — ${DG}/state-choice.html`, async () => {
    const definition = jsonata('Decide', {
      Decide: {
        Type: 'Choice',
        Choices: [
          {
            Condition: '{% $states.input.foo = 1 %}',
            Next: 'NumericMatchState',
            Assign: { path: 'numeric' },
          },
          { Condition: "{% $states.input.type = 'local' %}", Next: 'StringMatchState' },
        ],
        Default: 'DefaultState',
      },
      NumericMatchState: { Type: 'Pass', Output: '{% $path %}', End: true },
      StringMatchState: { Type: 'Pass', Output: 'string', End: true },
      DefaultState: { Type: 'Pass', Output: 'default', End: true },
    });
    const arn = await h.machine(definition);
    const numeric = await h.describe(await h.start(arn, { foo: 1 }));
    const text = await h.describe(await h.start(arn, { type: 'local' }));
    const neither = await h.describe(await h.start(arn, { foo: 2 }));
    expect([outputOf(numeric), outputOf(text), outputOf(neither)]).toEqual(['numeric', 'string', 'default']);
  });

  it(`Choice with no match and no Default fails with States.NoChoiceMatched — ${DG}/concepts-error-handling.html`, async () => {
    const definition = jsonata('Decide', {
      Decide: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'Done' }] },
      Done: { Type: 'Succeed' },
    });
    const result = await h.run(definition);
    expect([result.status, result.error]).toEqual(['FAILED', 'States.NoChoiceMatched']);
  });

  it(`Wait with Seconds waits in virtual time — ${DG}/state-wait.html`, async () => {
    const arn = await h.start(
      await h.machine(
        jsonata('wait_ten_seconds', {
          wait_ten_seconds: { Type: 'Wait', Seconds: 10, Next: 'NextState' },
          NextState: { Type: 'Succeed' },
        }),
      ),
    );
    const before = (await h.describe(arn)).status;
    await h.advance(9_999);
    const almost = (await h.describe(arn)).status;
    await h.advance(1);
    const after = await h.describe(arn);
    expect([before, almost, after.status]).toEqual(['RUNNING', 'RUNNING', 'SUCCEEDED']);
    expect((after.stopDate?.getTime() ?? 0) - (after.startDate?.getTime() ?? 0)).toBe(10_000);
  });

  it(`Wait with a JSONata Seconds and a Timestamp — ${DG}/state-wait.html`, async () => {
    const target = new Date(h.clock.now() + 3_600_000).toISOString().replace('.000Z', 'Z');
    const definition = jsonata('WaitSeconds', {
      WaitSeconds: { Type: 'Wait', Seconds: '{% $states.input.seconds %}', Next: 'wait_until' },
      wait_until: { Type: 'Wait', Timestamp: '{% $states.input.until %}', Next: 'NextState' },
      NextState: { Type: 'Pass', End: true },
    });
    const arn = await h.start(await h.machine(definition), { seconds: 60, until: target });
    await h.advance(60_000);
    const afterFirst = typesOf(await h.history(arn)).at(-1);
    await h.advance(3_600_000);
    const done = await h.describe(arn);
    expect(afterFirst).toBe('WaitStateEntered');
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate?.toISOString()).toBe(new Date(Date.parse(target)).toISOString());
  });

  it(`Wait with a timestamp in the past goes straight on — ${DG}/state-wait.html`, async () => {
    const result = await h.run(
      jsonata('W', {
        W: { Type: 'Wait', Timestamp: '2016-03-14T01:59:00Z', Next: 'NextState' },
        NextState: { Type: 'Succeed' },
      }),
    );
    expect(result.status).toBe('SUCCEEDED');
  });

  it(`Succeed with Output ends the execution — ${DG}/state-succeed.html`, async () => {
    const result = await h.run(
      jsonata('Done', { Done: { Type: 'Succeed', Output: { ok: '{% $states.input.n * 2 %}' } } }),
      { n: 21 },
    );
    expect(outputOf(result)).toEqual({ ok: 42 });
  });

  it(`Fail with Error and Cause (JSONata) — ${DG}/state-fail.html`, async () => {
    const definition = jsonata('FailState', {
      FailState: { Type: 'Fail', Error: 'ErrorA', Cause: "{% 'Kaiju attack on ' & $states.input.city %}" },
    });
    const result = await h.run(definition, { city: 'Tokyo' });
    expect([result.status, result.error, result.cause]).toEqual([
      'FAILED',
      'ErrorA',
      'Kaiju attack on Tokyo',
    ]);
    expect(typesOf(await h.history(result.arn)).slice(-2)).toEqual(['FailStateEntered', 'ExecutionFailed']);
  });

  it(`Parallel runs its branches and outputs their results in order — ${DG}/state-parallel.html`, async () => {
    const definition = jsonata('LookupCustomerInfo', {
      LookupCustomerInfo: {
        Type: 'Parallel',
        Arguments: { id: '{% $states.input.customer %}' },
        Branches: [
          {
            StartAt: 'LookupAddress',
            States: {
              LookupAddress: {
                Type: 'Task',
                Resource: fnArn('echo'),
                Arguments: { address: '{% $states.input.id & "-address" %}' },
                End: true,
              },
            },
          },
          {
            StartAt: 'LookupPhone',
            States: {
              LookupPhone: {
                Type: 'Pass',
                Output: { phone: '{% $states.input.id & "-phone" %}' },
                End: true,
              },
            },
          },
        ],
        Output: '{% $merge($states.result) %}',
        End: true,
      },
    });
    const result = await h.run(definition, { customer: 'c1' });
    expect(outputOf(result)).toEqual({ address: 'c1-address', phone: 'c1-phone' });
    const types = typesOf(await h.history(result.arn));
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    expect(types.slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  });

  it(`Branches read outer variables, keep their own, and cannot change the outer scope — ${DG}/workflow-variables.html`, async () => {
    const definition = jsonata('Set', {
      Set: { Type: 'Pass', Assign: { outer: 'o' }, Next: 'Both' },
      Both: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Inner',
            States: {
              Inner: { Type: 'Pass', Assign: { inner: 'i' }, Next: 'Read' },
              Read: { Type: 'Pass', Output: '{% $outer & $inner %}', End: true },
            },
          },
        ],
        Next: 'After',
      },
      After: {
        Type: 'Pass',
        Output: { result: '{% $states.input %}', inner: '{% $exists($inner) %}' },
        End: true,
      },
    });
    const result = await h.run(definition);
    expect(outputOf(result)).toEqual({ result: ['oi'], inner: false });
  });

  it(`Map with ItemSelector — ${DG}/input-output-itemselector.html`, async () => {
    const definition = jsonata('Map', {
      Map: {
        Type: 'Map',
        Items: '{% $states.input.imageData %}',
        ItemSelector: { size: 10, value: '{% $states.context.Map.Item.Value %}' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Echo',
          States: { Echo: { Type: 'Pass', End: true } },
        },
        End: true,
      },
    });
    const imageData = [
      { resize: 'true', format: 'jpg' },
      { resize: 'false', format: 'png' },
      { resize: 'true', format: 'jpg' },
    ];
    const result = await h.run(definition, { imageData });
    expect(outputOf(result)).toEqual(imageData.map((value) => ({ size: 10, value })));
  });

  it(`Inline Map with MaxConcurrency and Map events in history — ${DG}/state-map-inline.html`, async () => {
    const definition = jsonata('Validate-All', {
      'Validate-All': {
        Type: 'Map',
        Items: '{% $states.input.detail.shipped %}',
        MaxConcurrency: 1,
        ItemSelector: {
          parcel: '{% $states.context.Map.Item.Value %}',
          courier: '{% $states.input.detail."delivery-partner" %}',
          index: '{% $states.context.Map.Item.Index %}',
        },
        ItemProcessor: {
          StartAt: 'Validate',
          States: { Validate: { Type: 'Task', Resource: fnArn('echo'), End: true } },
        },
        End: true,
      },
    });
    const input = {
      'ship-date': '2016-03-14T01:59:00Z',
      detail: {
        'delivery-partner': 'UQS',
        shipped: [
          { prod: 'R31', 'dest-code': 9511, quantity: 1344 },
          { prod: 'S39', 'dest-code': 9511, quantity: 40 },
        ],
      },
    };
    const result = await h.run(definition, input);
    expect(outputOf(result)).toEqual(
      input.detail.shipped.map((parcel, index) => ({ parcel, courier: 'UQS', index })),
    );
    const events = await h.history(result.arn);
    const types = typesOf(events);
    expect(types.filter((type) => type.startsWith('MapIteration'))).toEqual([
      'MapIterationStarted',
      'MapIterationSucceeded',
      'MapIterationStarted',
      'MapIterationSucceeded',
    ]);
    expect(
      events.find((event) => event.type === 'MapStateStarted')?.mapStateStartedEventDetails?.length,
    ).toBe(2);
  });

  it(`Map over an empty array outputs an empty array — ${DG}/state-map-inline.html`, async () => {
    const definition = jsonata('M', {
      M: {
        Type: 'Map',
        Items: [],
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        End: true,
      },
    });
    expect(outputOf(await h.run(definition))).toEqual([]);
  });

  it(`$states.context carries Execution, State and StateMachine — ${DG}/input-output-contextobject.html`, async () => {
    const definition = jsonata('Ctx', {
      Ctx: {
        Type: 'Pass',
        Output: {
          id: '{% $states.context.Execution.Id %}',
          name: '{% $states.context.Execution.Name %}',
          input: '{% $states.context.Execution.Input %}',
          start: '{% $states.context.Execution.StartTime %}',
          state: '{% $states.context.State.Name %}',
          retries: '{% $states.context.State.RetryCount %}',
          machine: '{% $states.context.StateMachine.Name %}',
        },
        End: true,
      },
    });
    const smArn = await h.machine(definition, 'context-machine');
    const arn = await h.start(smArn, { a: 1 }, 'context-run');
    const output = outputOf(await h.describe(arn)) as Record<string, unknown>;
    expect(output).toEqual({
      id: arn,
      name: 'context-run',
      input: { a: 1 },
      start: new Date(h.clock.now()).toISOString(),
      state: 'Ctx',
      retries: 0,
      machine: 'context-machine',
    });
  });

  it(`JSONata functions Step Functions adds: $partition, $range, $hash, $random, $uuid, $parse — ${DG}/transforming-data.html`, async () => {
    const definition = jsonata('Fns', {
      Fns: {
        Type: 'Pass',
        Output: {
          arrayPartition: '{% $partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3) %}',
          evenNumbers: '{% $range(0, 10, 2) %}',
          contentHash: "{% $hash($states.input.content, 'SHA-256') %}",
          seeded: '{% $random(7) = $random(7) %}',
          unseeded: '{% $random() < 1 %}',
          uuid: '{% $uuid() %}',
          parsed: '{% $parse($states.input.json) %}',
          now: '{% $now() %}',
          millis: '{% $millis() %}',
        },
        End: true,
      },
    });
    const result = await h.run(definition, { content: 'hello', json: '{"a":[1,2]}' });
    const output = outputOf(result) as Record<string, unknown>;
    expect(output.arrayPartition).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(output.evenNumbers).toEqual([0, 2, 4, 6, 8, 10]);
    expect(output.contentHash).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect([output.seeded, output.unseeded]).toEqual([true, true]);
    expect(output.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(output.parsed).toEqual({ a: [1, 2] });
    expect([output.now, output.millis]).toEqual([new Date(h.clock.now()).toISOString(), h.clock.now()]);
  });

  it(`$eval is not available — ${DG}/transforming-data.html`, async () => {
    const result = await h.run(
      jsonata('E', { E: { Type: 'Pass', Output: "{% $eval('1 + 1') %}", End: true } }),
    );
    expect([result.status, result.error]).toEqual(['FAILED', 'States.QueryEvaluationError']);
  });

  it(`An expression that returns nothing fails with States.QueryEvaluationError and an EvaluationFailed event — ${DG}/concepts-error-handling.html`, async () => {
    const result = await h.run(
      jsonata('E', { E: { Type: 'Pass', Output: { x: '{% $states.input.missing %}' }, End: true } }),
    );
    expect([result.status, result.error]).toEqual(['FAILED', 'States.QueryEvaluationError']);
    expect(result.cause).toContain('Output/x');
    expect(typesOf(await h.history(result.arn))).toContain('EvaluationFailed');
  });
});

// The Step Functions API itself: operations, validation, named errors on the
// wire, pagination — through @aws-sdk/client-sfn, and with raw (signed) HTTP to
// check the JSON 1.0 error shape.
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidExecutionInput,
  InvalidName,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw } from '../../support/raw-http.ts';
import { signRequest } from '../../support/sigv4-signer.ts';
import { EngineHarness, jsonata, outputOf, ROLE, typesOf } from './helpers.ts';

const API = 'docs.aws.amazon.com/step-functions/latest/apireference';
const waitForever = jsonata('W', { W: { Type: 'Wait', Seconds: 86_400, End: true } });

describe('the Step Functions API', () => {
  const h = new EngineHarness();
  beforeAll(async () => {
    await h.open();
  });
  afterAll(async () => {
    await h.close();
  });

  it(`errors travel as JSON 1.0 {__type, message} with HTTP 400 — ${API}/CommonErrors.html`, async () => {
    // Act
    const response = await sendRaw(
      await signRequest({
        url: h.url,
        service: 'states',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AWSStepFunctions.DescribeExecution',
        },
        body: JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:none:none' }),
      }),
    );
    // Assess
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(response.body)).toEqual({
      __type: 'ExecutionDoesNotExist',
      message: "Execution Does Not Exist: 'arn:aws:states:us-east-1:000000000000:execution:none:none'",
    });
  });

  it(`an unknown operation is refused — ${API}/CommonErrors.html`, async () => {
    const response = await sendRaw(
      await signRequest({
        url: h.url,
        service: 'states',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AWSStepFunctions.CreateActivity',
        },
        body: '{}',
      }),
    );
    expect([response.status, (JSON.parse(response.body) as { __type: string }).__type]).toEqual([
      400,
      'UnknownOperationException',
    ]);
  });

  it(`CreateStateMachine, DescribeStateMachine, UpdateStateMachine, ListStateMachines, DeleteStateMachine — ${API}/API_CreateStateMachine.html`, async () => {
    const definition = JSON.stringify(jsonata('P', { P: { Type: 'Pass', End: true } }));
    const created = await h.client.send(
      new CreateStateMachineCommand({ name: 'crud', definition, roleArn: ROLE }),
    );
    const again = await h.client.send(
      new CreateStateMachineCommand({ name: 'crud', definition, roleArn: ROLE }),
    );
    const conflict = h.client.send(
      new CreateStateMachineCommand({ name: 'crud', definition: JSON.stringify(waitForever), roleArn: ROLE }),
    );
    await expect(conflict).rejects.toMatchObject({ name: 'StateMachineAlreadyExists' });
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:crud');
    expect(again.stateMachineArn).toBe(created.stateMachineArn);
    await h.client.send(
      new UpdateStateMachineCommand({
        stateMachineArn: created.stateMachineArn,
        definition: JSON.stringify(waitForever),
      }),
    );
    const described = await h.client.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect([
      described.name,
      described.status,
      described.type,
      JSON.parse(described.definition ?? ''),
    ]).toEqual(['crud', 'ACTIVE', 'STANDARD', waitForever]);
    const listed = await h.client.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((machine) => machine.name)).toContain('crud');
    await h.client.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await expect(
      h.client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it(`a JSONPath definition is refused with InvalidDefinition — ${API}/API_CreateStateMachine.html`, async () => {
    const jsonPath = { StartAt: 'P', States: { P: { Type: 'Pass', ResultPath: '$.x', End: true } } };
    const refused = h.client.send(
      new CreateStateMachineCommand({
        name: 'jsonpath',
        definition: JSON.stringify(jsonPath),
        roleArn: ROLE,
      }),
    );
    await expect(refused).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(refused).rejects.toThrow(/JSONata/);
  });

  it(`an unsupported resource is refused at definition time, naming it — ${API}/API_CreateStateMachine.html`, async () => {
    const definition = jsonata('Send', {
      Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Arguments: {}, End: true },
    });
    const refused = h.client.send(
      new CreateStateMachineCommand({ name: 'sqs', definition: JSON.stringify(definition), roleArn: ROLE }),
    );
    await expect(refused).rejects.toThrow(/state 'Send'.*arn:aws:states:::sqs:sendMessage/);
  });

  it(`names with forbidden characters are refused with InvalidName — ${API}/API_StartExecution.html`, async () => {
    const arn = await h.machine(waitForever);
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'has space' })),
    ).rejects.toBeInstanceOf(InvalidName);
    await expect(
      h.client.send(
        new CreateStateMachineCommand({
          name: 'a/b',
          definition: JSON.stringify(waitForever),
          roleArn: ROLE,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidName);
  });

  it(`StartExecution is idempotent for a running execution with the same name and input — ${API}/API_StartExecution.html`, async () => {
    const arn = await h.machine(waitForever);
    const first = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: 'model-2024', input: '{"a":1}' }),
    );
    const again = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: 'model-2024', input: '{"a":1}' }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      h.client.send(
        new StartExecutionCommand({ stateMachineArn: arn, name: 'model-2024', input: '{"a":2}' }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await h.client.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect(
      h.client.send(
        new StartExecutionCommand({ stateMachineArn: arn, name: 'model-2024', input: '{"a":1}' }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it(`StartExecution refuses input that is not JSON, input over 256 KiB, and unknown machines — ${API}/API_StartExecution.html`, async () => {
    const arn = await h.machine(waitForever);
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{' })),
    ).rejects.toBeInstanceOf(InvalidExecutionInput);
    await expect(
      h.client.send(
        new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify('x'.repeat(262_144)) }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      h.client.send(
        new StartExecutionCommand({
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope',
        }),
      ),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: 'not-an-arn' })),
    ).rejects.toBeInstanceOf(InvalidArn);
  });

  it(`StopExecution aborts with the given error and cause — ${API}/API_StopExecution.html`, async () => {
    const arn = await h.start(await h.machine(waitForever));
    await h.client.send(
      new StopExecutionCommand({ executionArn: arn, error: 'Withdrawn', cause: 'Rút đăng ký' }),
    );
    const result = await h.describe(arn);
    expect([result.status, result.error, result.cause]).toEqual(['ABORTED', 'Withdrawn', 'Rút đăng ký']);
    expect(typesOf(await h.history(arn)).at(-1)).toBe('ExecutionAborted');
  });

  it(`ListExecutions filters by status and paginates, newest first — ${API}/API_ListExecutions.html`, async () => {
    const arn = await h.machine(waitForever);
    const started: string[] = [];
    for (let i = 0; i < 5; i++) {
      started.push(await h.start(arn, { i }, `run-${i}`));
      await h.advance(1_000);
    }
    await h.client.send(new StopExecutionCommand({ executionArn: started[0] }));
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.client.send(
        new ListExecutionsCommand({
          stateMachineArn: arn,
          statusFilter: 'RUNNING',
          maxResults: 2,
          nextToken,
        }),
      );
      names.push(...(page.executions ?? []).map((execution) => execution.name ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names).toEqual(['run-4', 'run-3', 'run-2', 'run-1']);
  });

  it(`GetExecutionHistory paginates, reverses and leaves data out on request — ${API}/API_GetExecutionHistory.html`, async () => {
    const definition = jsonata('A', {
      A: { Type: 'Pass', Next: 'B' },
      B: { Type: 'Pass', Next: 'C' },
      C: { Type: 'Pass', End: true },
    });
    const { arn } = await h.run(definition, { secret: 1 });
    const all = await h.history(arn);
    const firstPage = await h.client.send(
      new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 3 }),
    );
    const reversed = await h.client.send(
      new GetExecutionHistoryCommand({ executionArn: arn, reverseOrder: true }),
    );
    const bare = await h.client.send(
      new GetExecutionHistoryCommand({ executionArn: arn, includeExecutionData: false }),
    );
    expect(all.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(all.map((event) => event.previousEventId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(firstPage.events?.map((event) => event.id)).toEqual([1, 2, 3]);
    expect(firstPage.nextToken).toBeTruthy();
    expect(reversed.events?.map((event) => event.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(bare.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
    expect(all[0]?.executionStartedEventDetails?.input).toBe('{"secret":1}');
    expect(all[0]?.timestamp?.getTime()).toBe(h.clock.now());
  });

  it(`DescribeExecution of an unknown execution answers ExecutionDoesNotExist — ${API}/API_DescribeExecution.html`, async () => {
    await expect(
      h.describe('arn:aws:states:us-east-1:000000000000:execution:nope:nope'),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it(`an execution keeps the definition it started with after an update — ${API}/API_UpdateStateMachine.html`, async () => {
    const name = 'versioned';
    const arn = await h.machine(
      jsonata('W', {
        W: { Type: 'Wait', Seconds: 10, Next: 'P' },
        P: { Type: 'Pass', Output: 'old', End: true },
      }),
      name,
    );
    const execution = await h.start(arn);
    await h.client.send(
      new UpdateStateMachineCommand({
        stateMachineArn: arn,
        definition: JSON.stringify(jsonata('P', { P: { Type: 'Pass', Output: 'new', End: true } })),
      }),
    );
    await h.advance(10_000);
    expect(outputOf(await h.describe(execution))).toBe('old');
  });
});

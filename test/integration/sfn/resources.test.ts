// Task resources: Lambda (optimized and plain ARN) and DynamoDB against a
// local dynalite, through @aws-sdk/client-sfn.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDynamo, localCredentials, startDynamo } from '../../../infra/local/dynamodb.ts';
import { EngineHarness, fnArn, functionError, jsonata, outputOf, typesOf } from './helpers.ts';

const DG = 'docs.aws.amazon.com/step-functions/latest/dg';
const TABLE = 'sfn-test';

describe('task resources', () => {
  const h = new EngineHarness();
  const dynamoDir = mkdtempSync(join(tmpdir(), 'sfn-dynamo-'));
  let dynamo: LocalDynamo;
  let client: DynamoDBClient;
  beforeAll(async () => {
    dynamo = await startDynamo(dynamoDir, 0);
    client = new DynamoDBClient({
      endpoint: dynamo.url,
      region: 'us-east-1',
      credentials: localCredentials,
    });
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await h.open(dynamo.url);
    h.functions.set('HelloFunction', (payload) => ({ hello: payload }));
    h.functions.set('rule-check', () => {
      throw functionError('RuleViolationError', 'Ngoài thời hạn đăng ký');
    });
  });
  afterAll(async () => {
    await h.close();
    client.destroy();
    await dynamo.close();
    rmSync(dynamoDir, { recursive: true, force: true });
  });

  it(`lambda:invoke returns {ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode} — ${DG}/connect-lambda.html`, async () => {
    // Prepare
    const definition = jsonata('CallLambda', {
      CallLambda: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: {
          FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:HelloFunction:$LATEST',
          Payload: { name: '{% $states.input.name %}' },
        },
        End: true,
      },
    });
    // Act
    const result = await h.run(definition, { name: 'Hà Nội' });
    // Assess
    const output = outputOf(result) as Record<string, unknown>;
    expect(output).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { hello: { name: 'Hà Nội' } },
      StatusCode: 200,
    });
    expect(output.SdkHttpMetadata).toMatchObject({ HttpStatusCode: 200 });
    expect(output.SdkResponseMetadata).toHaveProperty('RequestId');
    const events = await h.history(result.arn);
    expect(events.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
    });
  });

  it(`a function ARN as Resource passes the input and returns the function's value — ${DG}/connect-lambda.html`, async () => {
    const definition = jsonata('CallFunction', {
      CallFunction: { Type: 'Task', Resource: fnArn('HelloFunction'), End: true },
    });
    const result = await h.run(definition, { a: 1 });
    expect(outputOf(result)).toEqual({ hello: { a: 1 } });
    expect(typesOf(await h.history(result.arn))).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it(`a function error is named after its errorType, with Lambda's error object as cause — ${DG}/concepts-error-handling.html`, async () => {
    const definition = jsonata('Check', {
      Check: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'rule-check', Payload: {} },
        End: true,
      },
    });
    const result = await h.run(definition);
    expect([result.status, result.error]).toEqual(['FAILED', 'RuleViolationError']);
    expect(JSON.parse(result.cause ?? '{}')).toMatchObject({
      errorType: 'RuleViolationError',
      errorMessage: 'Ngoài thời hạn đăng ký',
    });
  });

  it(`dynamodb:putItem and dynamodb:getItem against the local endpoint — ${DG}/connect-ddb.html`, async () => {
    const definition = jsonata('Put', {
      Put: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Arguments: {
          TableName: TABLE,
          Item: { pk: { S: '{% $states.input.id %}' }, title: { S: 'Mô hình dân vận khéo' } },
        },
        Next: 'Get',
      },
      Get: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:getItem',
        Arguments: { TableName: TABLE, Key: { pk: { S: '{% $states.context.Execution.Input.id %}' } } },
        Output: '{% $states.result.Item %}',
        End: true,
      },
    });
    const result = await h.run(definition, { id: 'model-1' });
    expect(outputOf(result)).toEqual({ pk: { S: 'model-1' }, title: { S: 'Mô hình dân vận khéo' } });
  });

  it(`aws-sdk:dynamodb:updateItem and its errors (DynamoDb.ConditionalCheckFailedException) — ${DG}/supported-services-awssdk.html`, async () => {
    const definition = jsonata('Update', {
      Update: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem',
        Arguments: {
          TableName: TABLE,
          Key: { pk: { S: 'counter' } },
          UpdateExpression: 'ADD hits :one',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
          ExpressionAttributeValues: { ':one': { N: '1' }, ':max': { N: '1' } },
          ReturnValues: 'ALL_NEW',
        },
        End: true,
      },
    });
    const arn = await h.machine(definition);
    const first = await h.describe(await h.start(arn));
    const second = await h.describe(await h.start(arn));
    expect(outputOf(first)).toEqual({ Attributes: { pk: { S: 'counter' }, hits: { N: '1' } } });
    expect([second.status, second.error]).toEqual(['FAILED', 'DynamoDb.ConditionalCheckFailedException']);
    const stored = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'counter' } } }));
    expect(stored.Item?.hits).toEqual({ N: '1' });
  });
});

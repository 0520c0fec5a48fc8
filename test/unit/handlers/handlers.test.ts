// Handlers as thin adapters, with the AWS SDK mocked (aws-sdk-client-mock).
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as listCells } from '../../../functions/list-cells/handler.ts';
import { handler as registerModel } from '../../../functions/register-model/handler.ts';
import { demoOrganization, seedCampaign } from '../../../infra/local/seed.ts';
import { apiEvent, lambdaContext } from '../../support/api-event.ts';
import { registrationBody } from '../../support/models.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const organization = demoOrganization();
const person = (id: string) => organization.people.find((candidate) => candidate.id === id);

beforeEach(() => {
  process.env.TABLE_NAME = 'table';
  process.env.MODEL_CYCLE_STATE_MACHINE_ARN =
    'arn:aws:states:us-east-1:123456789012:stateMachine:model-cycle';
  dynamo.reset();
  sfn.reset();
});
afterEach(() => {
  delete process.env.MODEL_CYCLE_STATE_MACHINE_ARN;
});

describe('GET /api/cells', () => {
  beforeEach(() => {
    dynamo.on(QueryCommand).resolves({
      Items: organization.cells.map((cell) => ({ ...cell, pk: `CELL#${cell.id}`, sk: 'META' })),
    });
  });

  it('answers a member with their own cell only, without key attributes', async () => {
    dynamo.on(GetCommand).resolves({ Item: person('p021') });
    const answer = await listCells(
      apiEvent({ method: 'GET', path: '/api/cells', personId: 'p021', groups: ['member'] }),
      lambdaContext,
    );
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body ?? '')).toEqual({
      items: [organization.cells.find((cell) => cell.id === 'hanh-chinh-tp')],
    });
  });

  it('answers the Office with every cell', async () => {
    dynamo.on(GetCommand).resolves({ Item: person('p002') });
    const answer = await listCells(
      apiEvent({ method: 'GET', path: '/api/cells', personId: 'p002', groups: ['office', 'member'] }),
      lambdaContext,
    );
    expect(JSON.parse(answer.body ?? '').items).toHaveLength(organization.cells.length);
  });

  it('answers 401 in the documented shape when the claims carry no person', async () => {
    const answer = await listCells(apiEvent({ method: 'GET', path: '/api/cells' }), lambdaContext);
    expect(answer.statusCode).toBe(401);
    expect(JSON.parse(answer.body ?? '')).toMatchObject({ error: { code: 'unauthenticated', fields: [] } });
  });

  it('answers 500 without details when DynamoDB fails, never leaking the error', async () => {
    dynamo.on(GetCommand).rejects(new Error('ProvisionedThroughputExceededException: secret detail'));
    const answer = await listCells(
      apiEvent({ method: 'GET', path: '/api/cells', personId: 'p021', groups: ['member'] }),
      lambdaContext,
    );
    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toContain('secret');
  });
});

describe('POST /api/models', () => {
  const secretary = 'p025';

  beforeEach(() => {
    const lookup = (key: { pk: string; sk: string }) => {
      if (key.sk !== 'META') return undefined;
      const [kind, id, more] = key.pk.split('#');
      if (more !== undefined) return undefined;
      if (kind === 'CAMPAIGN') return id === 'dvk-2016-2020' ? seedCampaign() : undefined;
      if (kind === 'CELL') return organization.cells.find((cell) => cell.id === id);
      if (kind === 'PERSON') return person(id ?? '');
      return undefined;
    };
    dynamo
      .on(GetCommand)
      .callsFake((input: { Key: { pk: string; sk: string } }) => ({ Item: lookup(input.Key) }));
    // The records a request needs come in one BatchGetItem, each item with its keys as stored.
    dynamo
      .on(BatchGetCommand)
      .callsFake((input: { RequestItems: Record<string, { Keys: { pk: string; sk: string }[] }> }) => ({
        Responses: Object.fromEntries(
          Object.entries(input.RequestItems).map(([table, { Keys }]) => [
            table,
            Keys.flatMap((key) => {
              const item = lookup(key);
              return item ? [{ ...item, ...key }] : [];
            }),
          ]),
        ),
      }));
    dynamo.on(PutCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:model-cycle:x',
      startDate: new Date(),
    });
  });

  it('writes the model with a condition and starts its workflow named after it', async () => {
    const answer = await registerModel(
      apiEvent({
        method: 'POST',
        path: '/api/models',
        personId: secretary,
        groups: ['member', 'secretary'],
        body: JSON.stringify(registrationBody()),
      }),
      lambdaContext,
    );
    expect(answer.statusCode).toBe(201);
    const model = JSON.parse(answer.body ?? '');
    const created = dynamo
      .commandCalls(PutCommand)
      .find((call) => call.args[0].input.Item?.entity === 'model');
    expect(created?.args[0].input.ConditionExpression).toBe('attribute_not_exists(pk)');
    const started = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(started?.name).toBe(model.id);
    expect(JSON.parse(started?.input ?? '{}')).toMatchObject({
      modelId: model.id,
      stage: 'registration',
      selfAssessmentDueBefore: '2017-08-31T17:00:00.000Z',
    });
  });

  it('maps a closed window to 422 and writes nothing', async () => {
    const answer = await registerModel(
      apiEvent({
        method: 'POST',
        path: '/api/models',
        personId: secretary,
        groups: ['member', 'secretary'],
        body: JSON.stringify(registrationBody()),
        at: '2016-10-10T17:00:00Z',
      }),
      lambdaContext,
    );
    expect(answer.statusCode).toBe(422);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('reads base64 bodies as API Gateway may send them', async () => {
    const event = apiEvent({
      method: 'POST',
      path: '/api/models',
      personId: secretary,
      groups: ['member', 'secretary'],
      body: Buffer.from(JSON.stringify(registrationBody())).toString('base64'),
    });
    const answer = await registerModel({ ...event, isBase64Encoded: true }, lambdaContext);
    expect(answer.statusCode).toBe(201);
  });
});

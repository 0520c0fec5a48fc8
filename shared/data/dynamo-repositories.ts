import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../aws/dynamodb.ts';
import type { Campaign, Cell, Person } from '../domain/types.ts';
import { ENV, requireEnv } from '../env.ts';
import { type Key, keys } from './keys.ts';
import type { CampaignRepository, CellRepository, PersonRepository } from './ports.ts';

const INDEX_KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'entity',
];

/** Removes key and bookkeeping attributes so callers get the entity back. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const attribute of INDEX_KEY_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/** The table name, read once per call so tests can point at their own table. */
export function tableName(): string {
  return requireEnv(ENV.tableName);
}

/** Reads one item by key. */
export async function getItem<T>(key: Key): Promise<T | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return result.Item ? stripKeys<T>(result.Item) : undefined;
}

/** Runs a Query to the end (or to `limit` items), following LastEvaluatedKey. */
export async function queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>, limit?: number): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) items.push(stripKeys<T>(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey && (limit === undefined || items.length < limit));
  return limit === undefined ? items : items.slice(0, limit);
}

/** Puts an item if the condition holds; false when it does not (nothing written). */
export async function conditionalPut(
  item: Record<string, unknown>,
  condition: string,
  values?: Record<string, unknown>,
): Promise<boolean> {
  try {
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ConditionExpression: condition,
        ...(values ? { ExpressionAttributeValues: values } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Queries one index partition, in sort-key order. */
export function queryIndex<T>(indexName: 'gsi1' | 'gsi2' | 'gsi3', partition: string): Promise<T[]> {
  return queryAll<T>({
    IndexName: indexName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': `${indexName}pk` },
    ExpressionAttributeValues: { ':pk': partition },
  });
}

async function putEntity(entity: string, item: object, itemKeys: Record<string, string>): Promise<void> {
  await dynamoDocumentClient().send(
    new PutCommand({ TableName: tableName(), Item: { ...item, ...itemKeys, entity } }),
  );
}

/** Campaigns in DynamoDB. */
export const dynamoCampaigns: CampaignRepository = {
  list: () => queryIndex<Campaign>('gsi1', keys.campaignListPartition),
  get: (campaignId) => getItem<Campaign>(keys.campaign(campaignId)),
  put: (campaign) =>
    putEntity('campaign', campaign, {
      ...keys.campaign(campaign.id),
      ...keys.campaignList(campaign.period.from, campaign.id),
    }),
};

/** Cells in DynamoDB. */
export const dynamoCells: CellRepository = {
  list: () => queryIndex<Cell>('gsi1', keys.cellListPartition),
  get: (cellId) => getItem<Cell>(keys.cell(cellId)),
  put: (cell) => putEntity('cell', cell, { ...keys.cell(cell.id), ...keys.cellList(cell.name, cell.id) }),
};

/** People in DynamoDB. */
export const dynamoPeople: PersonRepository = {
  get: (personId) => getItem<Person>(keys.person(personId)),
  findByUsername: async (username) => (await queryIndex<Person>('gsi2', keys.usernamePartition(username)))[0],
  listByCell: (cellId) => queryIndex<Person>('gsi1', keys.cellPeoplePartition(cellId)),
  put: (person) =>
    putEntity('person', person, {
      ...keys.person(person.id),
      ...keys.personIndexes(person.cellId, person.name, person.id, person.username),
    }),
};

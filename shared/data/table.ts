// The one DynamoDB adapter under every repository: reads, queries and
// single-item conditional writes on the single table (the local DynamoDB has
// no transactions, and the design needs none). Repositories, one file per kind
// of thing held, build their items with shared/data/keys.ts and call these.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../aws/dynamodb.ts';
import { ENV, requireEnv } from '../env.ts';
import type { Key } from './keys.ts';

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

/** The table name, read on each call so tests can point at their own table. */
export function tableName(): string {
  return requireEnv(ENV.tableName);
}

/** Reads one item by key (strongly consistent). */
export async function getItem<T>(key: Key): Promise<T | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return result.Item ? stripKeys<T>(result.Item) : undefined;
}

/** Reads several items by key in one request (strongly consistent), in the order of `keys`. */
export async function getItems<T>(itemKeys: readonly Key[]): Promise<(T | undefined)[]> {
  const unique = [...new Map(itemKeys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  if (unique.length === 0) return [];
  const found = new Map<string, Record<string, unknown>>();
  // BatchGetItem takes 100 keys and may leave some unprocessed: ask again for those.
  for (let start = 0; start < unique.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = unique
      .slice(start, start + 100)
      .map((key) => ({ ...key }));
    while (pending && pending.length > 0) {
      const answer: BatchGetCommandOutput = await dynamoDocumentClient().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of answer.Responses?.[tableName()] ?? []) found.set(`${item.pk}\u0000${item.sk}`, item);
      pending = answer.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return itemKeys.map((key) => {
    const item = found.get(`${key.pk}\u0000${key.sk}`);
    return item ? stripKeys<T>(item) : undefined;
  });
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

/** Queries one index partition, in sort-key order. */
export function queryIndex<T>(indexName: 'gsi1' | 'gsi2' | 'gsi3', partition: string): Promise<T[]> {
  return queryAll<T>({
    IndexName: indexName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': `${indexName}pk` },
    ExpressionAttributeValues: { ':pk': partition },
  });
}

/** The items of a table partition whose sort key starts with `prefix`, in order. */
export function queryPartition<T>(pk: string, prefix?: string): Promise<T[]> {
  return queryAll<T>({
    KeyConditionExpression: prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
  });
}

/** Options of a conditional write. */
export interface Condition {
  readonly expression: string;
  readonly values?: Record<string, unknown>;
  readonly names?: Record<string, string>;
}

/** Puts an item, if the condition holds; false when it does not (nothing written). */
export async function putItem(item: Record<string, unknown>, condition?: Condition): Promise<boolean> {
  try {
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
              ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
            }
          : {}),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Deletes an item if the condition holds; false when it does not. */
export async function deleteItem(key: Key, condition: Condition): Promise<boolean> {
  try {
    await dynamoDocumentClient().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: key,
        ConditionExpression: condition.expression,
        ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
        ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Sets and removes attributes of one item if the condition holds, writing
 * only what changes; answers the item as it is afterwards, or undefined when
 * the condition does not hold (nothing written).
 */
export async function updateItem<T>(
  key: Key,
  change: {
    readonly set?: Readonly<Record<string, unknown>>;
    /** Attributes set only when they have no value yet. */
    readonly setIfAbsent?: Readonly<Record<string, unknown>>;
    readonly remove?: readonly string[];
    /** Values appended to list attributes (created when absent). */
    readonly append?: Readonly<Record<string, readonly unknown[]>>;
    /** Numbers added to number attributes (created at the amount when absent). */
    readonly add?: Readonly<Record<string, number>>;
  },
  condition?: Condition,
): Promise<T | undefined> {
  const names: Record<string, string> = { ...condition?.names };
  const values: Record<string, unknown> = { ...condition?.values };
  const sets: string[] = [];
  let n = 0;
  for (const [attribute, value] of Object.entries(change.set ?? {})) {
    names[`#u${n}`] = attribute;
    values[`:u${n}`] = value;
    sets.push(`#u${n} = :u${n}`);
    n += 1;
  }
  for (const [attribute, value] of Object.entries(change.setIfAbsent ?? {})) {
    names[`#u${n}`] = attribute;
    values[`:u${n}`] = value;
    sets.push(`#u${n} = if_not_exists(#u${n}, :u${n})`);
    n += 1;
  }
  for (const [attribute, items] of Object.entries(change.append ?? {})) {
    names[`#u${n}`] = attribute;
    values[`:u${n}`] = items;
    values[':emptyList'] = [];
    sets.push(`#u${n} = list_append(if_not_exists(#u${n}, :emptyList), :u${n})`);
    n += 1;
  }
  const adds = Object.entries(change.add ?? {}).map(([attribute, amount]) => {
    names[`#u${n}`] = attribute;
    values[`:u${n}`] = amount;
    return `#u${n} :u${n++}`;
  });
  const removes = (change.remove ?? []).map((attribute) => {
    names[`#u${n}`] = attribute;
    return `#u${n++}`;
  });
  const expression = [
    ...(sets.length ? [`SET ${sets.join(', ')}`] : []),
    ...(adds.length ? [`ADD ${adds.join(', ')}`] : []),
    ...(removes.length ? [`REMOVE ${removes.join(', ')}`] : []),
  ].join(' ');
  try {
    const answer = await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: expression,
        ...(condition ? { ConditionExpression: condition.expression } : {}),
        ExpressionAttributeNames: names,
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return answer.Attributes ? stripKeys<T>(answer.Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

// The Office's administrative writes: conditional single-item puts only (dynalite has no
// transactions), each guarded so a repeated or racing request writes nothing twice.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../aws/dynamodb.ts';
import type { Campaign, Cell, Person } from '../domain/types.ts';
import { getItem, queryAll, tableName } from './dynamo-repositories.ts';
import { type Key, keys } from './keys.ts';

/** Who created and last changed an administrative record, for the auditors. */
export interface Stamp {
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type StoredCampaign = Campaign & Partial<Stamp>;

async function put(
  item: Record<string, unknown>,
  condition?: string,
  values?: Record<string, unknown>,
  names?: Record<string, string>,
): Promise<boolean> {
  try {
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ...(condition ? { ConditionExpression: condition } : {}),
        ...(values ? { ExpressionAttributeValues: values } : {}),
        ...(names ? { ExpressionAttributeNames: names } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

async function remove(key: Key, condition: string, values: Record<string, unknown>): Promise<void> {
  try {
    await dynamoDocumentClient().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: key,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

function campaignItem(campaign: StoredCampaign) {
  return {
    ...campaign,
    ...keys.campaign(campaign.id),
    ...keys.campaignList(campaign.period.from, campaign.id),
    entity: 'campaign',
  };
}

function cellItem(cell: Cell & Partial<Stamp>) {
  return { ...cell, ...keys.cell(cell.id), ...keys.cellList(cell.name, cell.id), entity: 'cell' };
}

function personItem(person: Person & Partial<Stamp>) {
  return {
    ...person,
    ...keys.person(person.id),
    ...keys.personIndexes(person.cellId, person.name, person.id, person.username),
    entity: 'person',
  };
}

export const adminRepository = {
  /** Creates a campaign unless its id is taken; returns whether it did. */
  createCampaign: (campaign: StoredCampaign) => put(campaignItem(campaign), 'attribute_not_exists(pk)'),
  /** Replaces a campaign that exists. */
  replaceCampaign: (campaign: StoredCampaign) => put(campaignItem(campaign), 'attribute_exists(pk)'),

  /** Claims a registration year for a campaign; answers the holder's id when another campaign holds it. */
  async claimRegistrationYear(year: number, campaignId: string): Promise<string | undefined> {
    const key = keys.registrationYearGuard(year);
    const claimed = await put(
      { ...key, campaignId, year, entity: 'guard' },
      'attribute_not_exists(pk) OR campaignId = :id',
      { ':id': campaignId },
    );
    if (claimed) return undefined;
    return (await getItem<{ campaignId: string }>(key))?.campaignId ?? '';
  },
  /** Moves a year's claim from a campaign that no longer holds the year. */
  takeOverRegistrationYear: (year: number, fromCampaignId: string, toCampaignId: string) =>
    put(
      { ...keys.registrationYearGuard(year), campaignId: toCampaignId, year, entity: 'guard' },
      'campaignId = :from',
      { ':from': fromCampaignId },
    ),
  releaseRegistrationYear: (year: number, campaignId: string) =>
    remove(keys.registrationYearGuard(year), 'campaignId = :id', { ':id': campaignId }),

  createCell: (cell: Cell & Stamp) => put(cellItem(cell), 'attribute_not_exists(pk)'),
  replaceCell: (cell: Cell & Partial<Stamp>) => put(cellItem(cell), 'attribute_exists(pk)'),

  /** Claims a username for a person; answers the holder's id when another person holds it. */
  async claimUsername(username: string, personId: string): Promise<string | undefined> {
    const key = keys.usernameGuard(username);
    const claimed = await put(
      { ...key, personId, entity: 'guard' },
      'attribute_not_exists(pk) OR personId = :id',
      { ':id': personId },
    );
    if (claimed) return undefined;
    return (await getItem<{ personId: string }>(key))?.personId ?? '';
  },
  releaseUsername: (username: string, personId: string) =>
    remove(keys.usernameGuard(username), 'personId = :id', { ':id': personId }),

  createPerson: (person: Person & Stamp) => put(personItem(person), 'attribute_not_exists(pk)'),
  /** Writes a person (created or replaced): imports rewrite a row the same way every time. */
  putPerson: (person: Person & Partial<Stamp>) => put(personItem(person)),
  putCell: (cell: Cell & Partial<Stamp>) => put(cellItem(cell)),

  /** Creates an import record unless one with its id exists. */
  createImport: (record: Record<string, unknown> & { id: string }) =>
    put({ ...record, ...keys.importJob(record.id), entity: 'import' }, 'attribute_not_exists(pk)'),
  getImport: <T>(importId: string) => getItem<T>(keys.importJob(importId)),
  putImportChunk: (importId: string, chunk: number, rows: readonly unknown[]) =>
    put({ ...keys.importChunk(importId, chunk), importId, chunk, rows, entity: 'import-chunk' }),
  getImportChunk: <T>(importId: string, chunk: number) =>
    getItem<{ rows: T[] }>(keys.importChunk(importId, chunk)),
  /** Advances an import's progress if nobody advanced it meanwhile; returns whether it did. */
  async advanceImport(
    importId: string,
    expectedProcessed: number,
    processed: number,
    changes: Record<string, unknown>,
  ): Promise<boolean> {
    const names: Record<string, string> = { '#processed': 'processed' };
    const values: Record<string, unknown> = { ':expected': expectedProcessed, ':processed': processed };
    const sets = ['#processed = :processed'];
    Object.entries(changes).forEach(([name, value], index) => {
      names[`#c${index}`] = name;
      values[`:c${index}`] = value;
      sets.push(`#c${index} = :c${index}`);
    });
    try {
      await dynamoDocumentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.importJob(importId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#processed = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
  /** An import's chunks, in order (one Query). */
  listImportChunks: <T>(importId: string) =>
    queryAll<{ chunk: number; rows: T[] }>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.importJob(importId).pk, ':prefix': 'CHUNK#' },
    }),
};

import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../aws/dynamodb.ts';
import type { AuditEntry, Model } from '../domain/model.ts';
import {
  conditionalPut,
  getItem,
  queryAll,
  queryIndex,
  stripKeys,
  tableName,
} from './dynamo-repositories.ts';
import { keys } from './keys.ts';

/** A model as stored: the public model plus the workflow's callback token. */
export interface StoredModel extends Model {
  /** The Step Functions task token the model's workflow waits on; never sent to clients. */
  readonly taskToken?: string;
}

/** The Office's late registration for one cell and year. */
export interface StoredExtension {
  readonly campaignId: string;
  readonly year: number;
  readonly cellId: string;
  readonly closesBefore: string;
  readonly reason: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
}

/** Raised when a conditional write loses a race: the caller re-reads and decides. */
export class StaleWriteError extends Error {
  constructor(what: string) {
    super(`${what} changed while it was being written`);
    this.name = 'StaleWriteError';
  }
}

function modelItem(model: StoredModel) {
  return {
    ...model,
    ...keys.model(model.id),
    ...keys.modelIndexes({ ...model, deadline: model.selfAssessmentDueBefore }),
    entity: 'model',
  };
}

/** Models, their audit trail, the one-individual-per-year guard and extensions, in DynamoDB. */
export const modelRepository = {
  get: (modelId: string) => getItem<StoredModel>(keys.model(modelId)),

  /** Creates a model unless one with its id exists; returns whether it created it. */
  create: (model: StoredModel) => conditionalPut(modelItem(model), 'attribute_not_exists(pk)'),

  /** Replaces a model if nobody wrote it since `expectedVersion`; bumps the version. */
  async replace(model: StoredModel, expectedVersion: number): Promise<StoredModel> {
    const next = { ...model, version: expectedVersion + 1 };
    const written = await conditionalPut(modelItem(next), 'version = :expected', {
      ':expected': expectedVersion,
    });
    if (!written) throw new StaleWriteError(`Model ${model.id}`);
    return next;
  },

  listByCell: (campaignId: string, year: number, cellId: string) =>
    queryIndex<StoredModel>('gsi1', keys.modelsByCellPartition(campaignId, year, cellId)),

  listByYear: (campaignId: string, year: number) =>
    queryIndex<StoredModel>('gsi2', keys.modelsByYearPartition(campaignId, year)),

  /** Models of a year in one status, ordered by deadline (gsi2 sort key prefix). */
  listByStatus: (campaignId: string, year: number, status: string) =>
    queryAll<StoredModel>({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :status)',
      ExpressionAttributeValues: {
        ':pk': keys.modelsByYearPartition(campaignId, year),
        ':status': `${status}#`,
      },
    }),

  listByPerson: (personId: string) => queryIndex<StoredModel>('gsi3', keys.modelsByPersonPartition(personId)),

  /**
   * Records one change: who, when, what. `idempotencyKey` (a workflow step's
   * key) makes a repeated write land on the same entry instead of a second one.
   */
  async appendAudit(entry: AuditEntry, idempotencyKey?: string): Promise<void> {
    const seq = idempotencyKey
      ? createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 8)
      : randomUUID().slice(0, 8);
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...entry,
          ...keys.modelAudit(entry.modelId, entry.at, seq),
          entity: 'audit',
        },
      }),
    );
  },

  listAudit: (modelId: string) =>
    queryAll<AuditEntry>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.model(modelId).pk, ':prefix': keys.modelAuditPrefix },
    }),

  /**
   * Claims "the one individual model of this person this year" for `modelId`.
   * Returns the id of the model already holding the claim when another does.
   */
  async claimIndividual(campaignId: string, year: number, personId: string, modelId: string) {
    const key = keys.individualGuard(campaignId, year, personId);
    const claimed = await conditionalPut(
      { ...key, modelId, entity: 'guard' },
      'attribute_not_exists(pk) OR modelId = :id',
      { ':id': modelId },
    );
    if (claimed) return undefined;
    const holder = await dynamoDocumentClient().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    return (holder.Item?.modelId as string | undefined) ?? '';
  },

  /** Hands a claim over from a model that no longer holds it (withdrawn, or never written). */
  takeOverIndividual: (
    campaignId: string,
    year: number,
    personId: string,
    fromModelId: string,
    toModelId: string,
  ) =>
    conditionalPut(
      { ...keys.individualGuard(campaignId, year, personId), modelId: toModelId, entity: 'guard' },
      'modelId = :from',
      { ':from': fromModelId },
    ),

  /** Releases the claim when its model is withdrawn. */
  async releaseIndividual(
    campaignId: string,
    year: number,
    personId: string,
    modelId: string,
  ): Promise<void> {
    try {
      await dynamoDocumentClient().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: keys.individualGuard(campaignId, year, personId),
          ConditionExpression: 'modelId = :id',
          ExpressionAttributeValues: { ':id': modelId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  getExtension: (campaignId: string, year: number, cellId: string) =>
    getItem<StoredExtension>(keys.extension(campaignId, year, cellId)),

  async putExtension(extension: StoredExtension): Promise<void> {
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...extension,
          ...keys.extension(extension.campaignId, extension.year, extension.cellId),
          entity: 'extension',
        },
      }),
    );
  },
};

/** The model as clients see it: without the callback token or bookkeeping. */
export function publicModel(model: StoredModel): Model {
  const {
    taskToken: _token,
    requestHash: _hash,
    ...rest
  } = stripKeys<StoredModel>(model as unknown as Record<string, unknown>);
  return rest;
}

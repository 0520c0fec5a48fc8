// Models (mô hình), their audit trail and the guard "one individual model per
// person and year". Every write is a single-item conditional write.
import { createHash, randomUUID } from 'node:crypto';
import { ConflictError } from '../domain/errors.ts';
import type { AuditEntry, Model } from '../domain/model.ts';
import { keys } from './keys.ts';
import {
  type Condition,
  deleteItem,
  getItem,
  putItem,
  queryIndex,
  queryPartition,
  stripKeys,
  updateItem,
} from './table.ts';

type ModelChange = Parameters<typeof updateItem>[1];

/** A model as stored: the public model plus the workflow's callback token. */
export interface StoredModel extends Model {
  /** The Step Functions task token the model's workflow waits on; never sent to clients. */
  readonly taskToken?: string;
}

/** Raised when a conditional write loses a race: the caller re-reads and decides. */
export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
  constructor(what: string) {
    super(`${what} changed while it was being written`);
  }
}

function modelItem(model: StoredModel) {
  return {
    ...model,
    ...keys.model(model.id),
    ...keys.modelIndexes(model),
    entity: 'model',
  };
}

/** Models and their audit trail. */
export const modelRepository = {
  get: (modelId: string) => getItem<StoredModel>(keys.model(modelId)),

  /** Creates a model unless one with its id exists; returns whether it created it. */
  create: (model: StoredModel) => putItem(modelItem(model), { expression: 'attribute_not_exists(pk)' }),

  /** Replaces a model if nobody wrote it since `expectedVersion`; bumps the version. */
  async replace(model: StoredModel, expectedVersion: number): Promise<StoredModel> {
    const next = { ...model, version: expectedVersion + 1 };
    const written = await putItem(modelItem(next), {
      expression: 'version = :expected',
      values: { ':expected': expectedVersion },
    });
    if (!written) throw new StaleWriteError(`Model ${model.id}`);
    return next;
  },

  /**
   * Applies a change to the stored model over the version it was read at,
   * re-reading and applying again when another write got there first.
   * `change` answers undefined when there is nothing to write.
   */
  async update(
    modelId: string,
    change: (current: StoredModel) => StoredModel | undefined,
  ): Promise<StoredModel | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await modelRepository.get(modelId);
      if (!current) return undefined;
      const next = change(current);
      if (!next) return current;
      try {
        return await modelRepository.replace(next, current.version);
      } catch (error) {
        if (!(error instanceof StaleWriteError)) throw error;
      }
    }
    throw new ConflictError('Mô hình đang được cập nhật liên tục; vui lòng thử lại.');
  },

  /**
   * Changes some attributes of a model in one write, if the condition holds;
   * the version moves on, so a replace based on an older read fails. Answers
   * the model as it is afterwards, or undefined when the condition does not
   * hold (nothing written).
   */
  patch: (modelId: string, change: Omit<ModelChange, 'add'>, condition?: Condition) =>
    updateItem<StoredModel>(keys.model(modelId), { ...change, add: { version: 1 } }, condition),

  listByCell: (campaignId: string, year: number, cellId: string) =>
    queryIndex<StoredModel>('gsi1', keys.modelsByCellPartition(campaignId, year, cellId)),

  listByYear: (campaignId: string, year: number) =>
    queryIndex<StoredModel>('gsi2', keys.modelsByYearPartition(campaignId, year)),

  listByPerson: (personId: string) => queryIndex<StoredModel>('gsi3', keys.modelsByPersonPartition(personId)),

  /**
   * Records one change: who, when, what. `idempotencyKey` (a workflow step's
   * key) makes a repeated write land on the same entry instead of a second one.
   */
  async appendAudit(entry: AuditEntry, idempotencyKey?: string): Promise<void> {
    const seq = idempotencyKey
      ? createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 8)
      : randomUUID().slice(0, 8);
    await putItem({ ...entry, ...keys.modelAudit(entry.modelId, entry.at, seq), entity: 'audit' });
  },

  listAudit: (modelId: string) => queryPartition<AuditEntry>(keys.model(modelId).pk, keys.modelAuditPrefix),

  /**
   * Claims "the one individual model of this person this year" for `modelId`.
   * Returns the id of the model already holding the claim when another does.
   */
  async claimIndividual(campaignId: string, year: number, personId: string, modelId: string) {
    const key = keys.individualGuard(campaignId, year, personId);
    const claimed = await putItem(
      { ...key, modelId, entity: 'guard' },
      { expression: 'attribute_not_exists(pk) OR modelId = :id', values: { ':id': modelId } },
    );
    if (claimed) return undefined;
    return (await getItem<{ modelId: string }>(key))?.modelId ?? '';
  },

  /** Hands a claim over from a model that no longer holds it (withdrawn, or never written). */
  takeOverIndividual: (
    campaignId: string,
    year: number,
    personId: string,
    fromModelId: string,
    toModelId: string,
  ) =>
    putItem(
      { ...keys.individualGuard(campaignId, year, personId), modelId: toModelId, entity: 'guard' },
      { expression: 'modelId = :from', values: { ':from': fromModelId } },
    ),

  /** Releases the claim when its model is withdrawn. */
  async releaseIndividual(
    campaignId: string,
    year: number,
    personId: string,
    modelId: string,
  ): Promise<void> {
    await deleteItem(keys.individualGuard(campaignId, year, personId), {
      expression: 'modelId = :id',
      values: { ':id': modelId },
    });
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

// The Office's imports of lists: each import's record and its validated rows, in chunks.
import { keys } from './keys.ts';
import { getItem, putItem, queryPartition, updateItem } from './table.ts';

/** Imports and their chunks of rows. */
export const importRepository = {
  /** Creates an import record unless one with its id exists. */
  create: (record: Record<string, unknown> & { id: string }) =>
    putItem(
      { ...record, ...keys.importJob(record.id), entity: 'import' },
      { expression: 'attribute_not_exists(pk)' },
    ),
  get: <T>(importId: string) => getItem<T>(keys.importJob(importId)),
  putChunk: async (importId: string, chunk: number, rows: readonly unknown[]): Promise<void> => {
    await putItem({ ...keys.importChunk(importId, chunk), importId, chunk, rows, entity: 'import-chunk' });
  },
  getChunk: <T>(importId: string, chunk: number) => getItem<{ rows: T[] }>(keys.importChunk(importId, chunk)),
  /** Advances an import's progress if nobody advanced it meanwhile; returns whether it did. */
  async advance(
    importId: string,
    expectedProcessed: number,
    processed: number,
    changes: Record<string, unknown>,
  ): Promise<boolean> {
    const written = await updateItem(
      keys.importJob(importId),
      { set: { processed, ...changes } },
      {
        expression: '#processed = :expected',
        names: { '#processed': 'processed' },
        values: { ':expected': expectedProcessed },
      },
    );
    return written !== undefined;
  },
  /** An import's chunks, in order (one Query). */
  listChunks: <T>(importId: string) =>
    queryPartition<{ chunk: number; rows: T[] }>(keys.importJob(importId).pk, 'CHUNK#'),
};

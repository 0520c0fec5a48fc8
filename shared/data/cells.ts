// The Party cells of the committee.
import type { Cell, Stamp } from '../domain/types.ts';
import { keys } from './keys.ts';
import { getItem, getItems, putItem, queryIndex } from './table.ts';

/** A cell as stored, with who made and changed it. */
export type StoredCell = Cell & Partial<Stamp>;

function cellItem(cell: StoredCell) {
  return { ...cell, ...keys.cell(cell.id), ...keys.cellList(cell.name, cell.id), entity: 'cell' };
}

/** The cells. */
export const cellRepository = {
  /** Every cell, by name (one Query). */
  list: () => queryIndex<StoredCell>('gsi1', keys.cellListPartition),
  get: (cellId: string) => getItem<StoredCell>(keys.cell(cellId)),
  /** Several cells in one request, in the order asked. */
  getMany: (cellIds: readonly string[]) => getItems<StoredCell>(cellIds.map((id) => keys.cell(id))),
  /** Creates a cell unless its id is taken; returns whether it did. */
  create: (cell: Cell & Stamp) => putItem(cellItem(cell), { expression: 'attribute_not_exists(pk)' }),
  /** Replaces a cell that exists. */
  replace: (cell: StoredCell) => putItem(cellItem(cell), { expression: 'attribute_exists(pk)' }),
  /** Writes a cell whatever is there (imports rewrite a row the same way every time; the seed). */
  put: async (cell: StoredCell): Promise<void> => {
    await putItem(cellItem(cell));
  },
};

// The Office's late registration (extension) for one cell and year.
import { keys } from './keys.ts';
import { getItem, putItem, queryPartition } from './table.ts';

/** An extension as stored: the new end of the window, why, who and when. */
export interface StoredExtension {
  readonly campaignId: string;
  readonly year: number;
  readonly cellId: string;
  readonly closesBefore: string;
  readonly reason: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
}

/** Extensions, one per campaign, year and cell. */
export const extensionRepository = {
  get: (campaignId: string, year: number, cellId: string) =>
    getItem<StoredExtension>(keys.extension(campaignId, year, cellId)),
  /** Every extension of a campaign's year, by cell (one Query). */
  listByYear(campaignId: string, year: number): Promise<StoredExtension[]> {
    const { pk, prefix } = keys.extensionsOfYear(campaignId, year);
    return queryPartition<StoredExtension>(pk, prefix);
  },
  async put(extension: StoredExtension): Promise<void> {
    await putItem({
      ...extension,
      ...keys.extension(extension.campaignId, extension.year, extension.cellId),
      entity: 'extension',
    });
  },
};

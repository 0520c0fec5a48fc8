// The Office's extensions of a year, for the extensions page: which cell, until when, why, who, when.
import { extensionRepository, type StoredExtension } from '../data/extensions.ts';
import type { Caller } from '../domain/types.ts';
import { campaignOrFail, requireRole } from './model-access.ts';

/** GET /api/extensions: every extension of a campaign's year (one Query), by cell. */
export async function listExtensions(
  caller: Caller,
  campaignId: string,
  year: number,
): Promise<StoredExtension[]> {
  requireRole(caller, ['office', 'committee', 'inspector'], 'xem các lần gia hạn đăng ký');
  await campaignOrFail(campaignId);
  const items = await extensionRepository.listByYear(campaignId, year);
  return items.map((item) => ({
    campaignId: item.campaignId,
    year: item.year,
    cellId: item.cellId,
    closesBefore: item.closesBefore,
    reason: item.reason,
    grantedBy: item.grantedBy,
    grantedAt: item.grantedAt,
  }));
}

// The Office's extensions of a year, for the extensions page: which cell, until when, why, who, when.
import { extensionRepository, type StoredExtension } from '../data/extensions.ts';
import { personRepository } from '../data/people.ts';
import type { Caller } from '../domain/types.ts';
import { campaignOrFail, requireRole } from './model-access.ts';

/** GET /api/extensions: every extension of a campaign's year (one Query), by cell. */
export async function listExtensions(
  caller: Caller,
  campaignId: string,
  year: number,
): Promise<(StoredExtension & { grantedByName?: string })[]> {
  requireRole(caller, ['office', 'committee', 'inspector'], 'xem các lần gia hạn đăng ký');
  await campaignOrFail(campaignId);
  const items = await extensionRepository.listByYear(campaignId, year);
  const granters = await personRepository.getMany([...new Set(items.map((item) => item.grantedBy))]);
  const names = new Map(granters.filter((p) => p !== undefined).map((p) => [p.id, p.name]));
  return items.map((item) => ({
    ...(names.has(item.grantedBy) ? { grantedByName: names.get(item.grantedBy) } : {}),
    campaignId: item.campaignId,
    year: item.year,
    cellId: item.cellId,
    closesBefore: item.closesBefore,
    reason: item.reason,
    grantedBy: item.grantedBy,
    grantedAt: item.grantedAt,
  }));
}

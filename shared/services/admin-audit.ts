// The audit trail of the Office's administrative records — campaigns, cells,
// people — so that auditors see who changed what and when, e.g. a campaign's
// quorum changed in the middle of a year (docs/ARCHITECTURE.md, "Auditing").
import { type AdminAuditEntry, type AuditedEntity, adminAuditRepository } from '../data/admin-audit.ts';
import { personRepository } from '../data/people.ts';
import { fieldChanges } from '../domain/changes.ts';
import type { Caller } from '../domain/types.ts';
import { requireRole } from './model-access.ts';

export { AUDITED_ENTITIES, type AuditedEntity } from '../data/admin-audit.ts';

/** Records a change to an administrative record; nothing is written when nothing changed. */
export async function recordAdminChange(
  entry: Omit<AdminAuditEntry, 'changes'> & {
    readonly before: object | undefined;
    readonly after: object;
    /** The record's version after the change, so that changes of one instant keep their order. */
    readonly order?: number;
  },
): Promise<void> {
  const { before, after, order, ...rest } = entry;
  const changes = fieldChanges(before, after);
  if (Object.keys(changes).length === 0) return;
  await adminAuditRepository.append({ ...rest, changes }, order);
}

/** GET /api/audit/{entity}/{id}: the record's changes, oldest first (Office, committee, inspectors). */
export async function adminAuditTrail(caller: Caller, entity: AuditedEntity, id: string) {
  requireRole(caller, ['office', 'committee', 'inspector'], 'xem nhật ký thay đổi');
  const entries = await adminAuditRepository.list(entity, id);
  // The actors' names in one batch read, so the trail reads as people, not codes.
  const actors = await personRepository.getMany([...new Set(entries.map((entry) => entry.actor))]);
  const names = new Map(actors.filter((p) => p !== undefined).map((p) => [p.id, p.name]));
  return entries.map((entry) => ({
    ...entry,
    ...(names.has(entry.actor) ? { actorName: names.get(entry.actor) } : {}),
  }));
}

// The audit trail of the Office's records (campaigns, cells, people, the organization's profile, documents): one item per change.
import { randomUUID } from 'node:crypto';
import type { Changes } from '../domain/changes.ts';
import { keys } from './keys.ts';
import { putItem, queryPartition } from './table.ts';

export const AUDITED_ENTITIES = ['campaign', 'cell', 'person', 'organization', 'document'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/** One change to an administrative record: who, when, and each field from/to. */
export interface AdminAuditEntry {
  readonly entity: AuditedEntity;
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: 'created' | 'updated' | 'imported' | 'removed' | 'issued' | 'cancelled';
  readonly changes: Changes;
}

/** The administrative audit trail. */
export const adminAuditRepository = {
  /** `order` sorts entries of one instant (a record's version); random otherwise. */
  async append(entry: AdminAuditEntry, order?: number): Promise<void> {
    const seq = order === undefined ? randomUUID().slice(0, 8) : `v${String(order).padStart(8, '0')}`;
    await putItem({
      ...entry,
      ...keys.adminAudit(entry.entity, entry.id, entry.at, seq),
      entity: 'admin-audit',
      audited: entry.entity,
    });
  },
  /** A record's changes, oldest first (one Query). */
  async list(entity: AuditedEntity, id: string): Promise<AdminAuditEntry[]> {
    const items = await queryPartition<AdminAuditEntry & { audited: AuditedEntity }>(
      keys.adminAuditPartition(entity, id),
    );
    return items.map(({ audited, ...item }) => ({ ...item, entity: audited }));
  },
};

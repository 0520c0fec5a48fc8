// The audit trail of the Office's administrative records — campaigns, cells,
// people — so that auditors see who changed what and when (DESIGN §4), e.g. a
// campaign's quorum changed in the middle of a year.
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../aws/dynamodb.ts';
import { queryAll, tableName } from '../data/dynamo-repositories.ts';
import { keys } from '../data/keys.ts';
import { type Changes, fieldChanges } from '../domain/changes.ts';
import type { Caller } from '../domain/types.ts';
import { requireRole } from './model-access.ts';

export const AUDITED_ENTITIES = ['campaign', 'cell', 'person'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

export interface AdminAuditEntry {
  readonly entity: AuditedEntity;
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: 'created' | 'updated' | 'imported';
  readonly changes: Changes;
}

/** Records a change to an administrative record; nothing is written when nothing changed. */
export async function recordAdminChange(
  entry: Omit<AdminAuditEntry, 'changes'> & { readonly before: object | undefined; readonly after: object },
): Promise<void> {
  const { before, after, ...rest } = entry;
  const changes = fieldChanges(before, after);
  if (Object.keys(changes).length === 0) return;
  await dynamoDocumentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...rest,
        changes,
        ...keys.adminAudit(entry.entity, entry.id, entry.at, randomUUID().slice(0, 8)),
        entity: 'admin-audit',
        audited: entry.entity,
      },
    }),
  );
}

/** GET /api/audit/{entity}/{id}: the record's changes, oldest first (Office, committee, inspectors). */
export async function adminAuditTrail(caller: Caller, entity: AuditedEntity, id: string) {
  requireRole(caller, ['office', 'committee', 'inspector'], 'xem nhật ký thay đổi');
  const items = await queryAll<AdminAuditEntry & { audited: AuditedEntity }>({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.adminAuditPartition(entity, id) },
  });
  return items.map(({ audited, ...item }) => ({ ...item, entity: audited }));
}

// The identity outbox in DynamoDB: one item per change of a person's record that the user pool
// must follow, written only with conditions (created once; replaced over the version read).
import { ConflictError } from '../domain/errors.ts';
import type { IdentitySyncItem, IdentitySyncStatus } from '../domain/identity-sync.ts';
import { keys } from './keys.ts';
import { getItem, putItem, queryAll } from './table.ts';

function syncItem(item: IdentitySyncItem) {
  return {
    ...item,
    ...keys.identitySync(item.personId, item.recordVersion),
    ...keys.identitySyncStatusIndex(item.status, item.createdAt, item.id),
    entity: 'identity-sync',
  };
}

/** The recorded syncs of people's sign-ins. */
export const identitySyncRepository = {
  get: (personId: string, recordVersion: string) =>
    getItem<IdentitySyncItem>(keys.identitySync(personId, recordVersion)),

  /** Records a sync unless it is recorded already; returns whether it did. */
  create: (item: IdentitySyncItem) => putItem(syncItem(item), { expression: 'attribute_not_exists(pk)' }),

  /** Applies a change over the version read, re-reading when another write won; undefined: no such item. */
  async update(
    personId: string,
    recordVersion: string,
    change: (current: IdentitySyncItem) => IdentitySyncItem | undefined,
  ): Promise<IdentitySyncItem | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await identitySyncRepository.get(personId, recordVersion);
      if (!current) return undefined;
      const next = change(current);
      if (!next) return current;
      const written = await putItem(syncItem({ ...next, version: current.version + 1 }), {
        expression: 'version = :expected',
        values: { ':expected': current.version },
      });
      if (written) return { ...next, version: current.version + 1 };
    }
    throw new ConflictError('Tài khoản đăng nhập đang được cập nhật; vui lòng thử lại.');
  },

  /** The syncs of a status, oldest first; `before` keeps those recorded earlier than it. */
  listByStatus: (status: IdentitySyncStatus, options: { before?: string } = {}) =>
    queryAll<IdentitySyncItem>({
      IndexName: 'gsi2',
      KeyConditionExpression: options.before ? 'gsi2pk = :pk AND gsi2sk < :before' : 'gsi2pk = :pk',
      ExpressionAttributeValues: {
        ':pk': keys.identitySyncStatusPartition(status),
        ...(options.before ? { ':before': options.before } : {}),
      },
    }),
};

// The outbox in DynamoDB: one item per message, written only with conditions
// (created once; replaced only over the version it was read at).
import { ConflictError } from '../domain/errors.ts';
import type { MailStatus, OutboxMessage } from '../domain/outbox.ts';
import { keys } from './keys.ts';
import { getItem, putItem, queryAll, updateItem } from './table.ts';

function mailItem(message: OutboxMessage) {
  return {
    ...message,
    ...keys.mail(message.id),
    ...keys.mailStatusIndex(message.status, message.createdAt, message.id),
    entity: 'mail',
  };
}

/** Messages of the outbox. */
export const outboxRepository = {
  get: (mailId: string) => getItem<OutboxMessage>(keys.mail(mailId)),

  /** Records a message unless one with its id exists; returns whether it did. */
  create: (message: OutboxMessage) => putItem(mailItem(message), { expression: 'attribute_not_exists(pk)' }),

  /** Replaces a message if nobody wrote it since it was read; returns whether it did. */
  async replace(message: OutboxMessage): Promise<boolean> {
    return putItem(mailItem({ ...message, version: message.version + 1 }), {
      expression: 'version = :expected',
      values: { ':expected': message.version },
    });
  },

  /**
   * Marks a message sent, in one write without reading it first, unless it is
   * marked sent already.
   */
  async markSent(mailId: string, sentAt: string, sesMessageId: string): Promise<void> {
    await updateItem<OutboxMessage>(
      keys.mail(mailId),
      {
        set: { status: 'sent', sentAt, sesMessageId, gsi2pk: keys.mailStatusPartition('sent') },
        add: { version: 1 },
      },
      {
        expression: 'attribute_exists(pk) AND #status <> :sent',
        names: { '#status': 'status' },
        values: { ':sent': 'sent' },
      },
    );
  },

  /** Applies a change over the version read, re-reading when another write won; undefined: nothing to write. */
  async update(
    mailId: string,
    change: (current: OutboxMessage) => OutboxMessage | undefined,
  ): Promise<OutboxMessage | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await outboxRepository.get(mailId);
      if (!current) return undefined;
      const next = change(current);
      if (!next) return current;
      if (await outboxRepository.replace(next)) return { ...next, version: next.version + 1 };
    }
    throw new ConflictError('Thư đang được cập nhật; vui lòng thử lại.');
  },

  /** The messages of a status, oldest first; `before` keeps those created earlier than it. */
  listByStatus: (
    status: MailStatus,
    options: { before?: string; newestFirst?: boolean; limit?: number } = {},
  ) =>
    queryAll<OutboxMessage>(
      {
        IndexName: 'gsi2',
        KeyConditionExpression: options.before ? 'gsi2pk = :pk AND gsi2sk < :before' : 'gsi2pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.mailStatusPartition(status),
          ...(options.before ? { ':before': options.before } : {}),
        },
        ScanIndexForward: !options.newestFirst,
        ...(options.limit ? { Limit: options.limit } : {}),
      },
      options.limit,
    ),
};

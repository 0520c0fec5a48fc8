// The outbox in DynamoDB: one item per message, written only with conditions
// (created once; replaced only over the version it was read at).
import type { MailStatus, OutboxMessage } from '../domain/outbox.ts';
import { conditionalPut, getItem, queryAll } from './dynamo-repositories.ts';
import { keys } from './keys.ts';

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
  create: (message: OutboxMessage) => conditionalPut(mailItem(message), 'attribute_not_exists(pk)'),

  /** Replaces a message if nobody wrote it since it was read; returns whether it did. */
  async replace(message: OutboxMessage): Promise<boolean> {
    return conditionalPut(mailItem({ ...message, version: message.version + 1 }), 'version = :expected', {
      ':expected': message.version,
    });
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

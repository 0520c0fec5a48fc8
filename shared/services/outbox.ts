// Mail that is never lost and never sent twice. A producer records each
// message under a deterministic id before anything is sent, then starts its
// delivery. The delivery (a workflow) sends through SES and retries with
// backoff until SES takes it, or records it as failed with the reason; a
// daily sweep restarts deliveries a crash left unstarted; the Office sees
// failed mail and may send it again.
import { createHash } from 'node:crypto';
import { outboxRepository } from '../data/outbox.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import {
  type FailedMail,
  isPermanentSendError,
  type MailAbout,
  type OutboxMessage,
  sendFailureReason,
} from '../domain/outbox.ts';
import type { Caller } from '../domain/types.ts';
import { sendThroughSes } from '../mail/mailer.ts';
import type { Mail } from '../mail/templates.ts';
import { countEvent } from '../observability.ts';
import { workflows } from '../workflow/gateway.ts';
import { MailDeferredError } from '../workflow/task-errors.ts';
import { requireRole } from './model-access.ts';

/** The message id of an idempotency key: 32 hex characters, valid as an execution name and an SES tag. */
export function mailId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** A message to record: its idempotency key, what it concerns, and the mail itself. */
export interface MailToSend {
  readonly key: string;
  readonly mail: Mail;
  readonly about?: MailAbout;
}

/**
 * Records a message (once per key) and makes sure its delivery runs. A step
 * that runs again after a crash finds the record and only restarts what is
 * missing: never a second message, never a lost one.
 */
export async function enqueueMail(item: MailToSend, at: string): Promise<{ id: string; created: boolean }> {
  const id = mailId(item.key);
  const to = [...new Set(item.mail.to.filter((address) => address.includes('@')))];
  if (to.length === 0) return { id, created: false };
  const message: OutboxMessage = {
    id,
    key: item.key,
    to,
    subject: item.mail.subject,
    text: item.mail.text,
    html: item.mail.html,
    ...(item.about ? { about: item.about } : {}),
    status: 'pending',
    createdAt: at,
    attempts: 0,
    version: 0,
  };
  const created = await outboxRepository.create(message);
  if (!created) {
    const existing = await outboxRepository.get(id);
    if (existing?.status !== 'pending') return { id, created };
    await workflows.startDelivery(id, deliveryName(id, existing.resends));
    return { id, created };
  }
  await workflows.startDelivery(id, id);
  return { id, created };
}

/** Records several messages, the same guarantees for each; answers how many were new. */
export async function enqueueMails(items: readonly MailToSend[], at: string): Promise<number> {
  let created = 0;
  for (const item of items) if ((await enqueueMail(item, at)).created) created += 1;
  return created;
}

// The first delivery is named after the message; each resend by the Office gets a name of its own.
function deliveryName(id: string, resends: OutboxMessage['resends']): string {
  return resends?.length ? `${id}-r${resends.length}` : id;
}

export interface DeliverEvent {
  readonly messageId: string;
  /** When the delivery step started (the workflow's clock). */
  readonly at: string;
}

/**
 * The delivery step: sends a pending message through SES once. A message
 * already sent is never sent again (a retried step finds the record). A
 * refusal no retry can cure marks it failed at once; anything else is
 * recorded as an attempt and thrown as MailDeferred for the workflow's Retry.
 */
export async function deliverMail(event: DeliverEvent): Promise<{ status: OutboxMessage['status'] }> {
  const message = await outboxRepository.get(event.messageId);
  if (!message) throw new NotFoundError(`Không có thư mã “${event.messageId}” trong hộp thư đi.`);
  if (message.status !== 'pending') return { status: message.status };
  let sesMessageId: string;
  try {
    sesMessageId = await sendThroughSes(message);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const detail = `${name}: ${error instanceof Error ? error.message : String(error)}`;
    const permanent = isPermanentSendError(name);
    await outboxRepository.update(message.id, (current) =>
      current.status !== 'pending'
        ? undefined
        : {
            ...current,
            attempts: current.attempts + 1,
            lastError: detail,
            ...(permanent
              ? {
                  status: 'failed' as const,
                  failedAt: event.at,
                  failure: sendFailureReason(name, current.attempts + 1),
                }
              : {}),
          },
    );
    if (permanent) {
      countEvent('MailFailed');
      return { status: 'failed' };
    }
    throw new MailDeferredError(detail);
  }
  // One write over the version read; only a concurrent change (a resend) makes it read again.
  const sent = { ...message, status: 'sent' as const, sentAt: event.at, sesMessageId };
  if (!(await outboxRepository.replace(sent))) {
    await outboxRepository.update(message.id, (current) =>
      current.status === 'sent' ? undefined : { ...current, status: 'sent', sentAt: event.at, sesMessageId },
    );
  }
  countEvent('MailSent');
  return { status: 'sent' };
}

/** The delivery's last step when every retry failed: the message is failed, with the reason in words. */
export async function recordMailFailure(event: DeliverEvent): Promise<{ status: OutboxMessage['status'] }> {
  const written = await outboxRepository.update(event.messageId, (current) => {
    if (current.status !== 'pending') return undefined;
    const errorName = current.lastError?.split(':')[0] ?? 'Error';
    return {
      ...current,
      status: 'failed',
      failedAt: event.at,
      failure: sendFailureReason(errorName, current.attempts),
    };
  });
  countEvent('MailFailed');
  return { status: written?.status ?? 'failed' };
}

/** How long a pending message may wait for its delivery before the sweep restarts it. */
const SWEEP_GRACE_MS = 15 * 60 * 1000;

/**
 * The daily sweep (run by the periodic review's plan): a message still
 * pending well after it was recorded whose delivery is not running (a crash
 * between the record and the start) gets its delivery started. Idempotent per
 * day by the execution's name.
 */
export async function sweepMail(event: { readonly scheduledTime: string }): Promise<{ restarted: string[] }> {
  const now = Date.parse(event.scheduledTime);
  const before = new Date(now - SWEEP_GRACE_MS).toISOString();
  const pending = await outboxRepository.listByStatus('pending', { before });
  const restarted: string[] = [];
  for (const message of pending) {
    const name = deliveryName(message.id, message.resends);
    if ((await workflows.startDelivery(message.id, name)) === 'started') {
      restarted.push(message.id);
      continue;
    }
    if (await workflows.deliveryRunning(name)) continue;
    const day = event.scheduledTime.slice(0, 10).replace(/-/g, '');
    if ((await workflows.startDelivery(message.id, `${name}-s${day}`)) === 'started')
      restarted.push(message.id);
  }
  return { restarted };
}

/** The failed messages, newest first, for the dashboard (one Query). */
export async function failedMail(limit = 50): Promise<{ count: number; items: FailedMail[] }> {
  const messages = await outboxRepository.listByStatus('failed', { newestFirst: true, limit });
  return {
    count: messages.length,
    items: messages.map((message) => ({
      id: message.id,
      to: message.to,
      subject: message.subject,
      createdAt: message.createdAt,
      ...(message.failedAt ? { failedAt: message.failedAt } : {}),
      failure: message.failure ?? sendFailureReason('Error', message.attempts),
      attempts: message.attempts,
    })),
  };
}

/** POST /api/mail/{id}/resend: the Office sends a failed message again; who and when are kept. */
export async function resendMail(
  caller: Caller,
  id: string,
  now: Date,
): Promise<{ id: string; status: string }> {
  requireRole(caller, ['office'], 'gửi lại thư (chỉ Văn phòng Đảng ủy)');
  const message = await outboxRepository.get(id);
  if (!message) throw new NotFoundError(`Không có thư mã “${id}” trong hộp thư đi.`);
  if (message.status !== 'failed') {
    throw new ConflictError(
      message.status === 'sent' ? 'Thư này đã được gửi; không gửi lại.' : 'Thư này đang được gửi.',
    );
  }
  const written = await outboxRepository.update(id, (current) =>
    current.status !== 'failed'
      ? undefined
      : {
          ...current,
          status: 'pending',
          attempts: 0,
          resends: [...(current.resends ?? []), { by: caller.personId, at: now.toISOString() }],
        },
  );
  if (written?.status !== 'pending') throw new ConflictError('Thư này vừa được gửi lại.');
  await workflows.startDelivery(id, deliveryName(id, written.resends));
  return { id, status: 'pending' };
}

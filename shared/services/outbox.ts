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
import { type OutgoingMessage, sendThroughSes } from '../mail/mailer.ts';
import type { Mail } from '../mail/templates.ts';
import { countEvent } from '../observability.ts';
import { workflows } from '../workflow/gateway.ts';
import {
  type CarriedMessage,
  DELIVERY_CARRY_BYTES,
  isCarriedWhole,
  type MessageReference,
} from '../workflow/mail-delivery.ts';
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
  const [result] = await recordAndDeliver([item], at);
  return result ?? { id: mailId(item.key), created: false };
}

/**
 * Records several messages, the same guarantees for each, and delivers the
 * new ones together (one delivery, one Lambda run, for a step's receipts);
 * answers how many were new.
 */
export async function enqueueMails(items: readonly MailToSend[], at: string): Promise<number> {
  return (await recordAndDeliver(items, at)).filter((result) => result.created).length;
}

async function recordAndDeliver(
  items: readonly MailToSend[],
  at: string,
): Promise<{ id: string; created: boolean }[]> {
  const messages = items.flatMap((item) => {
    const message = outboxMessage(item, at);
    return message ? [message] : [];
  });
  // One name for the messages recorded together, derived from them alone, so a retried step names it again.
  const ids = messages.map((message) => message.id);
  const delivery = ids.length > 1 ? mailId(['delivery', ...[...ids].sort()].join('#')) : undefined;
  const results: { id: string; created: boolean }[] = [];
  const pending: OutboxMessage[] = [];
  for (const message of messages) {
    const recorded = { ...message, ...(delivery ? { delivery } : {}) };
    if (await outboxRepository.create(recorded)) {
      results.push({ id: message.id, created: true });
      pending.push(recorded);
      continue;
    }
    results.push({ id: message.id, created: false });
    const existing = await outboxRepository.get(message.id);
    if (existing?.status === 'pending') pending.push(existing);
  }
  // Each pending message is (re)started only under the delivery it was recorded with: never in two.
  for (const [name, group] of byDelivery(pending)) await workflows.startDelivery(name, carried(group));
  return results;
}

function outboxMessage(item: MailToSend, at: string): OutboxMessage | undefined {
  const to = [...new Set(item.mail.to.filter((address) => address.includes('@')))];
  if (to.length === 0) return undefined;
  return {
    id: mailId(item.key),
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
}

/** What SES needs of a recorded message. */
function outgoing(message: OutboxMessage): OutgoingMessage {
  return { id: message.id, to: message.to, subject: message.subject, text: message.text, html: message.html };
}

/**
 * What a delivery carries of its messages: what SES needs, so its first
 * attempt sends without a read, as long as the content fits the carry budget;
 * the rest by id alone.
 */
function carried(messages: readonly OutboxMessage[]): CarriedMessage[] {
  let budget = DELIVERY_CARRY_BYTES;
  return messages.map((message): CarriedMessage => {
    const whole = outgoing(message);
    const bytes = Buffer.byteLength(JSON.stringify(whole));
    if (bytes > budget) return { id: message.id } satisfies MessageReference;
    budget -= bytes;
    return whole;
  });
}

// A message's delivery: its own, the one it was recorded with, or the Office's latest resend.
function deliveryName(message: OutboxMessage): string {
  return message.resends?.length
    ? `${message.id}-r${message.resends.length}`
    : (message.delivery ?? message.id);
}

function byDelivery(messages: readonly OutboxMessage[]): Map<string, OutboxMessage[]> {
  const groups = new Map<string, OutboxMessage[]>();
  for (const message of messages) {
    const name = deliveryName(message);
    groups.set(name, [...(groups.get(name) ?? []), message]);
  }
  return groups;
}

export interface DeliverEvent {
  readonly messages: readonly CarriedMessage[];
  /** When the delivery step started (the workflow's clock). */
  readonly at: string;
  /** The step's retries so far (0 on its first attempt). */
  readonly attempt: number;
}

/**
 * The delivery step: sends each pending message of the delivery through SES
 * once. The first attempt sends what the delivery carries, recorded pending
 * just before it started; a message carried by id, and every message on a
 * retry (an earlier attempt may have sent it), is read from its record first
 * and sent only while still pending. A refusal
 * no retry can cure marks that message failed at once; any other failure is
 * recorded as an attempt, and the step throws MailDeferred for the workflow's
 * Retry once the others were tried.
 */
export async function deliverMail(event: DeliverEvent): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  let deferred: string | undefined;
  for (const carriedMessage of event.messages) {
    const message = await toSend(carriedMessage, event.attempt);
    if (!message) continue;
    const outcome = await deliverOne(message, event.at);
    if (outcome === 'sent') sent += 1;
    else if (outcome === 'failed') failed += 1;
    else deferred = outcome.deferred;
  }
  if (deferred !== undefined) throw new MailDeferredError(deferred);
  return { sent, failed };
}

// The message as SES takes it, or undefined when its record is no longer pending.
async function toSend(message: CarriedMessage, attempt: number): Promise<OutgoingMessage | undefined> {
  if (attempt === 0 && isCarriedWhole(message)) return message;
  const record = await outboxRepository.get(message.id);
  return record?.status === 'pending' ? outgoing(record) : undefined;
}

async function deliverOne(
  message: OutgoingMessage,
  at: string,
): Promise<'sent' | 'failed' | { deferred: string }> {
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
                  failedAt: at,
                  failure: sendFailureReason(name, current.attempts + 1),
                }
              : {}),
          },
    );
    if (!permanent) return { deferred: detail };
    countEvent('MailFailed');
    return 'failed';
  }
  await outboxRepository.markSent(message.id, at, sesMessageId);
  countEvent('MailSent');
  return 'sent';
}

/** The delivery's last step when every retry failed: its messages still pending are failed, with the reason in words. */
export async function recordMailFailure(event: Omit<DeliverEvent, 'attempt'>): Promise<{ failed: number }> {
  let failed = 0;
  for (const message of event.messages) {
    const written = await outboxRepository.update(message.id, (current) => {
      if (current.status !== 'pending') return undefined;
      const errorName = current.lastError?.split(':')[0] ?? 'Error';
      return {
        ...current,
        status: 'failed',
        failedAt: event.at,
        failure: sendFailureReason(errorName, current.attempts),
      };
    });
    if (written?.status === 'failed') {
      failed += 1;
      countEvent('MailFailed');
    }
  }
  return { failed };
}

/** How long a pending message may wait for its delivery before the sweep restarts it. */
const SWEEP_GRACE_MS = 15 * 60 * 1000;

/**
 * The daily sweep (run by the periodic review's plan): messages still pending
 * well after they were recorded whose delivery is not running (a crash
 * between the record and the start) get their delivery started, together as
 * they were recorded. Idempotent per day by the execution's name.
 */
export async function sweepMail(event: { readonly scheduledTime: string }): Promise<{ restarted: string[] }> {
  const now = Date.parse(event.scheduledTime);
  const before = new Date(now - SWEEP_GRACE_MS).toISOString();
  const pending = await outboxRepository.listByStatus('pending', { before });
  const restarted: string[] = [];
  const day = event.scheduledTime.slice(0, 10).replace(/-/g, '');
  for (const [name, group] of byDelivery(pending)) {
    const messages = carried(group);
    if ((await workflows.startDelivery(name, messages)) === 'started') {
      restarted.push(...group.map((message) => message.id));
      continue;
    }
    if (await workflows.deliveryRunning(name)) continue;
    if ((await workflows.startDelivery(`${name}-s${day}`, messages)) === 'started')
      restarted.push(...group.map((message) => message.id));
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
  await workflows.startDelivery(deliveryName(written), carried([written]));
  return { id, status: 'pending' };
}

// The mail-delivery state machine's input (statemachines/mail-delivery.asl.json):
// one execution per outbox message, or per the messages a step recorded
// together, whose retries with backoff are the sender's. Started through the
// gateway (shared/workflow/gateway.ts).
import type { OutgoingMessage } from '../mail/mailer.ts';

/** A message the delivery names only: its step reads the outbox record to send it. */
export interface MessageReference {
  readonly id: string;
}

/** What a delivery carries of each message: the whole message, or its id alone. */
export type CarriedMessage = OutgoingMessage | MessageReference;

/** The input of a delivery: the messages it sends, as recorded in the outbox. */
export interface DeliveryInput {
  readonly messages: readonly CarriedMessage[];
}

/**
 * How many bytes of message content a delivery carries at most. Step Functions
 * refuses an execution input over 256 KiB (ValidationException, a hard quota),
 * and an outbox record may hold up to DynamoDB's 400 KB: what does not fit in
 * half the quota travels by id, and the step reads it.
 */
export const DELIVERY_CARRY_BYTES = 128 * 1024;

/** Whether the delivery carries the message's content (not its id alone). */
export function isCarriedWhole(message: CarriedMessage): message is OutgoingMessage {
  return 'subject' in message;
}

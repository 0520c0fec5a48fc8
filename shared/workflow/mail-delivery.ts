// The mail-delivery state machine's input (statemachines/mail-delivery.asl.json):
// one execution per outbox message, or per the messages a step recorded
// together, whose retries with backoff are the sender's. Started through the
// gateway (shared/workflow/gateway.ts).
import type { OutgoingMessage } from '../mail/mailer.ts';

/** The input of a delivery: the messages it sends, as recorded in the outbox. */
export interface DeliveryInput {
  readonly messages: readonly OutgoingMessage[];
}

// The mail-delivery state machine's input (statemachines/mail-delivery.asl.json):
// one execution per outbox message, named after it, whose retries with backoff
// are the sender's. Started through the gateway (shared/workflow/gateway.ts).

/** The input of a delivery. */
export interface DeliveryInput {
  readonly messageId: string;
}

// The identity-sync state machine's input (statemachines/identity-sync.asl.json): one execution
// per recorded change of a person's record, named after it, whose retries with backoff are the
// sync's. Started through the gateway (shared/workflow/gateway.ts).

/** The input of a sync: which recorded change it applies. */
export interface IdentitySyncInput {
  readonly personId: string;
  readonly recordVersion: string;
}

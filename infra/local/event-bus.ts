// The EventBridge stand-in: delivers events to the catalog functions whose
// `eventPattern` matches, asynchronously (as EventBridge does), and counts
// deliveries in flight so the clock waits for them before it moves on.
import { randomUUID } from 'node:crypto';
import type { FunctionSpec } from '../../functions/catalog.ts';
import type { Clock, TimeDriven } from './clock.ts';
import type { LambdaRuntime } from './lambda-runtime.ts';
import { localStateMachineArn } from './sfn/arns.ts';

export interface LocalEventBus extends TimeDriven {
  publish(source: string, detailType: string, detail: unknown, resources?: readonly string[]): void;
}

/** Creates the bus for the catalog's event-triggered functions. */
export function createEventBus(
  specs: readonly FunctionSpec[],
  lambdas: LambdaRuntime,
  clock: Clock,
  log: (message: string, error?: unknown) => void,
): LocalEventBus {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    inFlight -= 1;
    if (inFlight > 0) return;
    const waiting = waiters;
    waiters = [];
    for (const resolve of waiting) resolve();
  };
  return {
    publish(source, detailType, detail, resources = []) {
      const event = {
        version: '0',
        id: randomUUID(),
        'detail-type': detailType,
        source,
        account: '000000000000',
        time: new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: 'us-east-1',
        resources: [...resources],
        detail,
      };
      for (const spec of specs) {
        const pattern = spec.eventPattern;
        if (!pattern?.source.includes(source) || !pattern.detailType.includes(detailType)) continue;
        // As the AWS rule's detail filters do: only the named state machines' events, in the named statuses.
        const { stateMachineArn, status } = (detail ?? {}) as { stateMachineArn?: unknown; status?: unknown };
        if (
          pattern.stateMachines &&
          !pattern.stateMachines.map(localStateMachineArn).includes(String(stateMachineArn))
        )
          continue;
        if (pattern.statuses && !pattern.statuses.includes(String(status))) continue;
        inFlight += 1;
        lambdas
          .invoke(spec.name, event)
          .catch((error: unknown) => log(`event delivery to ${spec.name} failed`, error))
          .finally(settle);
      }
    },
    nextDue: () => undefined,
    fireDue: async () => undefined,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

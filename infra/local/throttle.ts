// The local stand-in for API Gateway's route throttling: a token bucket per
// person and route, with the catalog's numbers. It runs on wall-clock time,
// not the runtime's virtual clock: a clock jump of a year must not refill it.
import type { RouteThrottle } from '../../functions/catalog.ts';

export interface Throttler {
  /** Takes one request from the bucket of `key`; false when it is empty (429). */
  admit(key: string, limits: RouteThrottle): boolean;
}

/** Creates a throttler reading the time from `now` (milliseconds). */
export function createThrottler(now: () => number = () => Date.now()): Throttler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    admit(key, limits) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: limits.burstLimit, at: time };
      const refilled = Math.min(
        limits.burstLimit,
        bucket.tokens + ((time - bucket.at) / 1000) * limits.rateLimit,
      );
      const admitted = refilled >= 1;
      buckets.set(key, { tokens: admitted ? refilled - 1 : refilled, at: time });
      return admitted;
    },
  };
}

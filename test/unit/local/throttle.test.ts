import { describe, expect, it } from 'vitest';
import { functions, routeThrottle, WRITE_THROTTLE } from '../../../functions/catalog.ts';
import { createThrottler } from '../../../infra/local/throttle.ts';

describe('write routes are throttled', () => {
  it('every write route of the catalog has the write throttle; reads have none of their own', () => {
    // Prepare
    const routes = functions.flatMap((spec) => spec.routes ?? []);

    // Act / Assess
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(routeThrottle(route), `${route.method} ${route.path}`).toEqual(
        route.method === 'GET' ? undefined : WRITE_THROTTLE,
      );
    }
  });

  it('admits the burst, refuses the next, and refills at the rate — per key', () => {
    // Prepare
    let now = 1_000_000;
    const throttler = createThrottler(() => now);
    const limits = { rateLimit: 10, burstLimit: 20 };

    // Act
    const burst = Array.from({ length: 20 }, () => throttler.admit('p001 POST /api/models', limits));
    const over = throttler.admit('p001 POST /api/models', limits);
    const someoneElse = throttler.admit('p002 POST /api/models', limits);
    now += 100; // one tenth of a second: one request's worth at 10 per second
    const refilled = throttler.admit('p001 POST /api/models', limits);
    const againOver = throttler.admit('p001 POST /api/models', limits);

    // Assess
    expect(burst.every(Boolean)).toBe(true);
    expect(over).toBe(false);
    expect(someoneElse).toBe(true);
    expect(refilled).toBe(true);
    expect(againOver).toBe(false);
  });
});

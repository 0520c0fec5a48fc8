// docs/ARCHITECTURE.md §4: "No input may produce a 5xx." Every route of the catalog, with
// generated path parameters, query strings and bodies, as a member and as the
// Office, answers below 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

const routes = functions.flatMap((spec) => spec.routes ?? []);

describe('no input produces a 5xx', () => {
  let rt: TestRuntime;
  let tokens: string[];

  beforeAll(async () => {
    rt = await startTestRuntime();
    tokens = [await rt.token('tien.cv'), await rt.token('binh.tt'), await rt.token('hung.dq')];
  });
  afterAll(async () => {
    await rt.close();
  });

  const segment = fc.oneof(
    fc.constantFrom('dvk-2016-2020', 'van-phong', 'p001', 'm0', 'x'.repeat(200), '..', '%00', '%E0%A4%A'),
    fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  );
  const query = fc.dictionary(
    fc.constantFrom('campaignId', 'year', 'cellId', 'personId', 'format', 'phaseId', 'kind', 'x'),
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer().map(String),
      fc.constantFrom('2016', 'xlsx', 'html', 'dvk-2016-2020'),
    ),
  );
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 30 }),
    fc.constant(''),
  );

  for (const route of routes) {
    it(`${route.method} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 3, maxLength: 3 }),
          query,
          body,
          fc.nat(2),
          async (segments, params, text, who) => {
            let index = 0;
            const path = route.path.replace(/\{[^}]+\}/g, () => segments[index++] ?? 'x');
            const search = new URLSearchParams(params).toString();
            const answer = await rt.api(
              tokens[who],
              route.method,
              `${path}${search ? `?${search}` : ''}`,
              route.method === 'GET' ? undefined : text,
            );
            expect(answer.status, `${route.method} ${path}?${search} ${text}`).toBeLessThan(500);
          },
        ),
        { numRuns: 25 },
      );
    });
  }
});

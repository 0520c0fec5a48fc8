// A property of the model cycle against the local engine and the deployed
// bundles: for registration, self-assessment and review instants anywhere
// the calendar allows (its edges included), every step is accepted, every
// model ends recognized and no execution times out or outlives a year.
// One runtime plays every generated cycle on one virtual clock, moving it
// forward from one step to the next across all models.
import {
  DescribeExecutionCommand,
  type ExecutionListItem,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { allMet, registrationBody } from '../support/models.ts';

// 60 cycles keep CI's time in bounds (fast-check's bias still puts both ends of every window among
// them); `CYCLES=500 npx vitest run test/integration/cycle-property.test.ts` explores further.
const CYCLES = Number(process.env.CYCLES ?? 60);
const YEAR_MS = 365 * 24 * 3600 * 1000;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
// The seed calendar for the 2016 registration year, Asia/Ho_Chi_Minh.
const REGISTRATION_OPENS = Date.parse('2016-10-01T00:00:00+07:00');
const REGISTRATION_LAST = Date.parse('2016-10-10T23:59:59+07:00');
const SELF_ASSESSMENT_LAST = Date.parse('2017-08-31T23:59:59+07:00');
const REVIEW_LAST = Date.parse('2017-12-30T23:59:59+07:00');
const SCALE = 1_000_000;

interface Cycle {
  readonly registeredAt: number;
  readonly assessedAt: number;
  readonly reviewedAt: number;
}

/** A point of [from, to] in whole seconds; fast-check's bias makes both ends frequent. */
function within(from: number, to: number, share: number): number {
  const seconds = Math.floor((to - from) / 1000);
  return from + Math.round((seconds * share) / SCALE) * 1000;
}

const cycleArbitrary = fc
  .tuple(
    fc.integer({ min: 0, max: SCALE }),
    fc.integer({ min: 0, max: SCALE }),
    fc.integer({ min: 0, max: SCALE }),
  )
  .map(([r, a, v]): Cycle => {
    const registeredAt = within(REGISTRATION_OPENS, REGISTRATION_LAST, r);
    const assessedAt = within(registeredAt + 1000, SELF_ASSESSMENT_LAST, a);
    return { registeredAt, assessedAt, reviewedAt: within(assessedAt + 1000, REVIEW_LAST, v) };
  });

type Step = { readonly at: number; readonly index: number; readonly kind: 'register' | 'assess' | 'review' };

describe('the model cycle over every date the calendar allows', () => {
  let rt: TestRuntime;
  let sfn: SFNClient;
  // Tokens expire on the virtual clock: one is reused only within the half hour it was issued.
  const tokens = new Map<string, { token: string; at: number }>();
  let now = 0;
  const as = async (username: string) => {
    const known = tokens.get(username);
    if (known && now - known.at < 30 * 60 * 1000) return known.token;
    const token = await rt.token(username);
    tokens.set(username, { token, at: now });
    return token;
  };

  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: '2016-09-30T08:00:00+07:00' });
    const endpoints = (await rt.api<{ stepfunctions: string }>(undefined, 'GET', '/local/endpoints')).body;
    sfn = new SFNClient({ endpoint: endpoints.stepfunctions, region: 'us-east-1', credentials });
  });
  afterAll(async () => {
    sfn.destroy();
    await rt.close();
  });

  it(`accepts every allowed step of ${CYCLES} generated cycles and times no execution out`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cycleArbitrary, { minLength: CYCLES, maxLength: CYCLES }), async (cycles) => {
        // Prepare: every model's steps on one timeline.
        const steps: Step[] = cycles
          .flatMap((cycle, index): Step[] => [
            { at: cycle.registeredAt, index, kind: 'register' },
            { at: cycle.assessedAt, index, kind: 'assess' },
            { at: cycle.reviewedAt, index, kind: 'review' },
          ])
          .sort((a, b) => a.at - b.at || a.index - b.index);
        const ids: string[] = [];
        const refused: string[] = [];

        // Act
        for (const step of steps) {
          const at = new Date(step.at).toISOString();
          await rt.clockTo(at);
          now = step.at;
          const answer =
            step.kind === 'register'
              ? await rt.api<{ id: string }>(
                  await as('viet.lv'),
                  'POST',
                  '/api/models',
                  registrationBody({ title: `Tiếp công dân khéo, phương án ${step.index + 1}` }),
                )
              : step.kind === 'assess'
                ? await rt.api(
                    await as('viet.lv'),
                    'POST',
                    `/api/models/${ids[step.index]}/self-assessment`,
                    {
                      results: 'Đạt các mục tiêu đã đăng ký.',
                      evidence: ['Báo cáo kết quả'],
                      cellConfirmed: true,
                      cellVote: { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 },
                    },
                  )
                : await rt.api(await as('hung.dq'), 'POST', `/api/models/${ids[step.index]}/review`, {
                    principles: allMet,
                    vote: { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 },
                    decision: 'recognized',
                  });
          if (step.kind === 'register' && answer.status === 201)
            ids[step.index] = (answer.body as { id: string }).id;
          const expected = step.kind === 'register' ? 201 : 200;
          if (answer.status !== expected)
            refused.push(`${step.kind} #${step.index} at ${at}: ${answer.status}`);
        }
        await rt.clockTo(new Date(REVIEW_LAST + 1000).toISOString());
        now = REVIEW_LAST + 1000;

        // Assess
        expect(refused).toEqual([]);
        const office = await as('binh.tt');
        const models = await Promise.all(
          ids.map(
            async (id) =>
              (await rt.api<{ status: string; executions: string[] }>(office, 'GET', `/api/models/${id}`))
                .body,
          ),
        );
        expect(models.filter((model) => model.status !== 'recognized')).toEqual([]);
        const stateMachineArn = models[0]?.executions[0]
          ?.replace(':execution:', ':stateMachine:')
          .replace(/:[^:]+$/, '');
        const listed: ExecutionListItem[] = [];
        let nextToken: string | undefined;
        do {
          const page = await sfn.send(
            new ListExecutionsCommand({ stateMachineArn, nextToken, maxResults: 1000 }),
          );
          listed.push(...(page.executions ?? []));
          nextToken = page.nextToken;
        } while (nextToken);
        expect(listed.filter((execution) => execution.status !== 'SUCCEEDED')).toEqual([]);
        expect(listed).toHaveLength(models.reduce((count, model) => count + model.executions.length, 0));
        for (const { executionArn } of listed) {
          const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
          expect((execution.stopDate?.getTime() ?? 0) - (execution.startDate?.getTime() ?? 0)).toBeLessThan(
            YEAR_MS,
          );
        }
      }),
      { numRuns: 1, endOnFailure: true },
    );
  }, 600_000);
});

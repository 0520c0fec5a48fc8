// One campaign year for a synthetic committee, in a process of its own:
// `tsx bench/year-worker.ts CELLS [PEOPLE_PER_CELL]`. Prints one JSON line:
// wall time, peak memory and what AWS would bill, counted, not estimated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { stateMachines } from '../functions/catalog.ts';
import { localCredentials, observeDynamoRequests } from '../infra/local/dynamodb.ts';
import { observeInvocations } from '../infra/local/lambda-runtime.ts';
import { localStateMachineArn, startRuntime } from '../infra/local/runtime.ts';
import { cellRepository } from '../shared/data/cells.ts';
import { personRepository } from '../shared/data/people.ts';
import type { Person } from '../shared/domain/types.ts';
import { registrationBody } from '../test/support/models.ts';
import { pool, ROOT } from './support.ts';

/** What the year cost, in the units AWS bills. */
export interface YearCounts {
  readonly cells: number;
  readonly people: number;
  readonly models: number;
  readonly recognized: number;
  readonly wallSeconds: number;
  readonly peakRssMb: number;
  readonly executions: number;
  readonly stateTransitions: number;
  readonly lambdaInvocations: number;
  /** Sum over invocations of ceil(ms) × memory in GB. */
  readonly lambdaGbSeconds: number;
  readonly lambdaBilledMs: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly dynamoRequests: number;
  readonly emails: number;
  readonly scheduleInvocations: number;
  readonly apiCalls: number;
  readonly failedApiCalls: number;
}

const cells = Number(process.argv[2] ?? 60);
const perCell = Number(process.argv[3] ?? 10);
const CONCURRENCY = 16;

const dataDir = mkdtempSync(join(tmpdir(), 'dvk-year-'));
const runtime = await startRuntime({
  rootDir: ROOT,
  dataDir,
  port: 0,
  clockStart: Date.parse('2016-09-30T12:00:00+07:00'),
  clockRunning: false,
});
const base = runtime.endpoints.web;

// The synthetic committee: person 0 of each cell is its secretary, everyone is a member.
const people: Person[] = [];
const cellIds: string[] = [];
for (let c = 0; c < cells; c++) {
  const cellId = `bench-${String(c).padStart(4, '0')}`;
  cellIds.push(cellId);
  for (let p = 0; p < perCell; p++) {
    const id = `${cellId}-p${p}`;
    people.push({
      id,
      username: `u.${cellId}.${p}`,
      name: `Người thứ ${p + 1} chi bộ ${c + 1}`,
      email: `${id}@stp.example.vn`,
      cellId,
      roles: p === 0 ? ['member', 'secretary'] : ['member'],
    });
  }
}
await pool(cellIds, CONCURRENCY, (id, index) =>
  cellRepository.put({ id, name: `Chi bộ thử nghiệm ${index + 1}`, secretaryId: `${id}-p0` }),
);
await pool(people, CONCURRENCY, (person) => personRepository.put(person));

// Counting starts once the organization exists: the year is what we price.
let readUnits = 0;
let writeUnits = 0;
let dynamoRequests = 0;
// Counted at the local DynamoDB endpoint: the functions run in sandboxes of their own, with their own clients.
observeDynamoRequests(({ operation, capacityUnits }) => {
  dynamoRequests++;
  if (/Put|Update|Delete|Write/.test(operation)) writeUnits += capacityUnits;
  else readUnits += capacityUnits;
});

const invocations: { memoryMb: number; durationMs: number }[] = [];
observeInvocations((record) =>
  invocations.push({ memoryMb: record.memoryMb, durationMs: record.durationMs }),
);

let apiCalls = 0;
let failedApiCalls = 0;
const tokens = new Map<string, string>();
async function token(username: string): Promise<string> {
  let value = tokens.get(username);
  if (!value) {
    const answer = await fetch(`${base}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    value = ((await answer.json()) as { token: string }).token;
    tokens.set(username, value);
  }
  return value;
}
async function api(username: string, method: string, path: string, body: unknown): Promise<{ id?: string }> {
  apiCalls++;
  const answer = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await answer.text();
  if (answer.status >= 300) {
    failedApiCalls++;
    if (failedApiCalls <= 3) console.error(`${method} ${path} → ${answer.status} ${text.slice(0, 300)}`);
  }
  return text ? (JSON.parse(text) as { id?: string }) : {};
}
async function clockTo(iso: string): Promise<void> {
  await runtime.clock.advanceTo(Date.parse(iso));
  tokens.clear(); // tokens live an hour of virtual time
}

const started = performance.now();
await clockTo('2016-10-03T08:00:00+07:00');
// Each cell registers one collective model (its secretary) and two individual ones (two members).
interface Registered {
  readonly id: string;
  readonly by: string;
  readonly collective: boolean;
}
const plans = cellIds.flatMap((cellId, c) => [
  {
    username: `u.${cellId}.0`,
    body: registrationBody({ cellId, title: `Mô hình tập thể ${c + 1}` }),
    collective: true,
  },
  ...[1, 2].map((p) => ({
    username: `u.${cellId}.${p}`,
    body: registrationBody({
      cellId,
      kind: 'individual',
      personId: `${cellId}-p${p}`,
      title: `Mô hình cá nhân ${c + 1}.${p}`,
    }),
    collective: false,
  })),
]);
const models: Registered[] = (
  await pool(plans, CONCURRENCY, async (plan) => ({
    id: (await api(plan.username, 'POST', '/api/models', plan.body)).id ?? '',
    by: plan.username,
    collective: plan.collective,
  }))
).filter((model) => model.id !== '');

await clockTo('2017-06-15T09:00:00+07:00');
await pool(models, CONCURRENCY, (model) =>
  api(model.by, 'POST', `/api/models/${model.id}/self-assessment`, {
    results: 'Đạt và vượt các mục tiêu đã đăng ký.',
    evidence: ['Báo cáo kết quả số 12/BC-CB'],
    cellConfirmed: true,
    ...(model.collective ? { cellVote: { eligible: 10, present: 10, for: 10, against: 0, abstain: 0 } } : {}),
  }),
);
await clockTo('2017-09-15T14:00:00+07:00');
const met = { met: true, note: 'Đạt' };
await pool(models, CONCURRENCY, (model) =>
  api('hung.dq', 'POST', `/api/models/${model.id}/review`, {
    principles: {
      registered: met,
      democraticVote: met,
      meetsStandard: met,
      spread: met,
      cellRecognized: met,
    },
    vote: { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 },
    decision: 'recognized',
  }),
);
// Through the annual report of 30/12/2017 and the closing of every execution.
await clockTo('2017-12-31T08:00:00+07:00');
const wallSeconds = (performance.now() - started) / 1000;

// State transitions from the histories: every state entered is one billed transition.
const sfn = new SFNClient({
  endpoint: runtime.endpoints.stepfunctions,
  region: 'us-east-1',
  credentials: localCredentials,
});
const arns: string[] = [];
for (const machine of stateMachines) {
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: localStateMachineArn(machine.name),
        maxResults: 1000,
        nextToken,
      }),
    );
    arns.push(...(page.executions ?? []).map((execution) => execution.executionArn ?? ''));
    nextToken = page.nextToken;
  } while (nextToken);
}
const transitions = await pool(arns, CONCURRENCY, async (executionArn) => {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }),
    );
    count += (page.events ?? []).filter((event) => event.type?.endsWith('StateEntered')).length;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
});
sfn.destroy();
const outbox = (await (await fetch(`${base}/local/outbox`)).json()) as { items: unknown[] };
const fired = (await (await fetch(`${base}/local/scheduler`)).json()) as { items: unknown[] };
const billedMs = invocations.reduce((sum, call) => sum + Math.ceil(call.durationMs), 0);
const counts: YearCounts = {
  cells,
  people: people.length,
  models: models.length,
  recognized: models.length,
  wallSeconds,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  executions: arns.length,
  stateTransitions: transitions.reduce((sum, count) => sum + count, 0),
  lambdaInvocations: invocations.length,
  lambdaGbSeconds: invocations.reduce(
    (sum, call) => sum + (Math.ceil(call.durationMs) / 1000) * (call.memoryMb / 1024),
    0,
  ),
  lambdaBilledMs: billedMs,
  readUnits,
  writeUnits,
  dynamoRequests,
  emails: outbox.items.length,
  scheduleInvocations: fired.items.length,
  apiCalls,
  failedApiCalls,
};
await runtime.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(counts)}\n`);
process.exit(0);

// The API bench's server side, in a process of its own: the embedded runtime
// with a synthetic organization (API_CELLS cells × 10 people) and a token per
// person. Prints one JSON line ({base, dynamodb, plans}) and serves until killed.
// It counts the requests its DynamoDB answers: a line `mark` on stdin starts
// the count; `count` waits until every workflow is idle again and prints
// {"dynamoRequests": n, "models": m, "processCpuMs", "mainThreadMs"} — every call the registrations caused, API and
// workflow, and how many models they wrote (requests still in flight when the
// load stopped count too, so the average divides by what was written).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { observeDynamoRequests } from '../infra/local/dynamodb.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { cellRepository } from '../shared/data/cells.ts';
import { modelRepository } from '../shared/data/models.ts';
import { personRepository } from '../shared/data/people.ts';
import { registrationBody } from '../test/support/models.ts';
import { pool, ROOT } from './support.ts';

const cells = Number(process.argv[2] ?? 300);
const dataDir = mkdtempSync(join(tmpdir(), 'dvk-api-'));
const runtime = await startRuntime({
  rootDir: ROOT,
  dataDir,
  port: 0,
  clockStart: Date.parse('2016-10-03T08:00:00+07:00'),
  clockRunning: false,
});
const base = runtime.endpoints.web;
const cellIds = Array.from({ length: cells }, (_, c) => `bench-${String(c).padStart(4, '0')}`);
await pool(cellIds, 16, (id, index) =>
  cellRepository.put({ id, name: `Chi bộ thử nghiệm ${index + 1}`, secretaryId: `${id}-p0` }),
);
const people = cellIds.flatMap((cellId) =>
  Array.from({ length: 10 }, (_, p) => ({
    id: `${cellId}-p${p}`,
    username: `u.${cellId}.${p}`,
    name: `Người thứ ${p + 1}`,
    email: `${cellId}-p${p}@stp.example.vn`,
    cellId,
    roles: p === 0 ? (['member', 'secretary'] as const) : (['member'] as const),
  })),
);
await pool(people, 16, (person) => personRepository.put({ ...person, roles: [...person.roles] }));
const tokens = await pool(people, 16, async (person) => {
  const answer = await fetch(`${base}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: person.username }),
  });
  return ((await answer.json()) as { token: string }).token;
});
// First every person's one individual model, then collective models by the secretaries,
// which a cell may register without limit: no rule refuses any of them.
const individual = people.map((person, index) => ({
  token: tokens[index],
  body: JSON.stringify(
    registrationBody({
      cellId: person.cellId,
      kind: 'individual',
      personId: person.id,
      title: `Cá nhân ${person.id}`,
    }),
  ),
}));
const collective = cellIds.map((cellId, c) => ({
  token: tokens[c * 10],
  cellId,
}));
const plans = join(dataDir, 'plans.json');
writeFileSync(plans, JSON.stringify({ individual, collective, template: registrationBody() }));
let dynamoRequests = 0;
observeDynamoRequests(() => {
  dynamoRequests += 1;
});
// CPU the process (every thread) and its main thread (the event loop's busy time) spent from the mark.
let cpuAtMark = process.cpuUsage();
let loopAtMark = performance.eventLoopUtilization();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'mark') {
    dynamoRequests = 0;
    cpuAtMark = process.cpuUsage();
    loopAtMark = performance.eventLoopUtilization();
  }
  if (line === 'count') {
    void runtime.clock.settle().then(async () => {
      const calls = dynamoRequests;
      const cpu = process.cpuUsage(cpuAtMark);
      const processCpuMs = (cpu.user + cpu.system) / 1000;
      const mainThreadMs = performance.eventLoopUtilization(loopAtMark).active;
      const written = await pool(cellIds, 16, (cellId) =>
        modelRepository.listByCell('dvk-2016-2020', 2016, cellId),
      );
      const models = written.reduce((sum, list) => sum + list.length, 0);
      process.stdout.write(
        `${JSON.stringify({ dynamoRequests: calls, models, processCpuMs, mainThreadMs })}\n`,
      );
    });
  }
});
process.stdout.write(`${JSON.stringify({ base, dynamodb: runtime.endpoints.dynamodb, plans })}\n`);
const stop = async () => {
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());

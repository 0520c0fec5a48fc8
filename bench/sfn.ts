// Benchmark of the local Step Functions engine: executions per second of a
// ten-state workflow with one callback, driven through @aws-sdk/client-sfn
// as the application drives it. `npx tsx bench/sfn.ts` prints the table;
// `npm run bench -- sfn` runs it through the bench runner.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateStateMachineCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Clock } from '../infra/local/clock.ts';
import { localCredentials } from '../infra/local/credentials.ts';
import { createSfnEngine, type SfnEngine } from '../infra/local/sfn/engine.ts';

const DAY = 86_400_000;
const fn = (name: string): string => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

// Ten states: the shape of a model's yearly cycle, with one human step.
const definition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Register',
  States: {
    Register: { Type: 'Pass', Assign: { model: '{% $states.input.model %}' }, Next: 'Validate' },
    Validate: {
      Type: 'Task',
      Resource: fn('validate'),
      Arguments: { model: '{% $model %}' },
      Next: 'IsValid',
    },
    IsValid: {
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input.valid %}', Next: 'Record' }],
      Default: 'Rejected',
    },
    Record: {
      Type: 'Pass',
      Output: { model: '{% $model %}', status: 'registered' },
      Next: 'AwaitSelfAssessment',
    },
    AwaitSelfAssessment: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: {
        FunctionName: 'store-token',
        Payload: { model: '{% $model %}', token: '{% $states.context.Task.Token %}' },
      },
      TimeoutSeconds: 31_536_000,
      Next: 'Cooldown',
    },
    Cooldown: { Type: 'Wait', Seconds: 86_400, Next: 'Review' },
    Review: {
      Type: 'Task',
      Resource: fn('review'),
      Arguments: { model: '{% $model %}', result: '{% $states.input %}' },
      Next: 'Notify',
    },
    Notify: {
      Type: 'Map',
      Items: '{% [1, 2] %}',
      ItemProcessor: { StartAt: 'Send', States: { Send: { Type: 'Pass', End: true } } },
      Next: 'Done',
    },
    Done: { Type: 'Succeed', Output: { model: '{% $model %}' } },
    Rejected: { Type: 'Fail', Error: 'Rejected' },
  },
};

class BenchClock implements Clock {
  constructor(public current: number) {}
  now(): number {
    return this.current;
  }
}

async function advance(clock: BenchClock, engine: SfnEngine, target: number): Promise<void> {
  await engine.idle();
  for (let due = engine.nextDue(); due !== undefined && due <= target; due = engine.nextDue()) {
    clock.current = Math.max(clock.current, due);
    await engine.fireDue(clock.current);
    await engine.idle();
  }
  clock.current = Math.max(clock.current, target);
}

// The SDK's HTTP agent keeps 50 sockets; more concurrent calls only queue.
async function inBatches(count: number, call: (index: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - start) }, (_, offset) => call(start + offset)),
    );
  }
}

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** Runs N executions (SFN_BENCH_N, default 300) and reports executions per second. */
export async function run(): Promise<{ name: string; rows: Record<string, string | number>[] }> {
  const count = Number(process.env.SFN_BENCH_N ?? 300);
  const dataDir = mkdtempSync(join(tmpdir(), 'sfn-bench-'));
  const clock = new BenchClock(Date.parse('2024-10-01T00:00:00Z'));
  const tokens: string[] = [];
  const engine = createSfnEngine({
    dataDir,
    clock,
    invokeLambda: async (name, payload) => {
      if (name === 'store-token') tokens.push((payload as { token: string }).token);
      return name === 'validate' ? { valid: true } : { ok: true };
    },
  });
  await engine.start();
  const url = await engine.listen(0);
  const client = new SFNClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: localCredentials,
  });
  try {
    const { stateMachineArn } = await client.send(
      new CreateStateMachineCommand({
        name: 'bench-cycle',
        definition: JSON.stringify(definition),
        roleArn: 'arn:aws:iam::000000000000:role/bench',
      }),
    );
    const started = performance.now();
    await inBatches(count, (index) =>
      client.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: `model-${index}`,
          input: JSON.stringify({ model: index }),
        }),
      ),
    );
    await engine.idle();
    await inBatches(tokens.length, (index) =>
      client.send(new SendTaskSuccessCommand({ taskToken: tokens[index], output: '{"results":"ok"}' })),
    );
    await advance(clock, engine, clock.current + DAY);
    const seconds = (performance.now() - started) / 1000;
    const succeeded = await client.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED', maxResults: 1000 }),
    );
    const done = succeeded.executions?.length ?? 0;
    return {
      name: 'sfn',
      rows: [
        {
          workflow: '10 states, 1 callback, 1 wait, 2 Lambda tasks, inline Map',
          executions: count,
          succeeded: done,
          seconds: Number(seconds.toFixed(2)),
          'executions/s': Number((done / seconds).toFixed(1)),
          'journal KiB/execution': Number(
            (folderBytes(join(dataDir, 'stepfunctions')) / 1024 / count).toFixed(1),
          ),
        },
      ],
    };
  } finally {
    client.destroy();
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  console.log(`# ${result.name}`);
  console.table(result.rows);
}

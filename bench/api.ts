// Registrations per second through the local API (autocannon, API_CONNECTIONS
// connections for API_SECONDS seconds, spread over cells and people so no
// rule refuses one), next to raw PutItem per second on the same local
// DynamoDB in the same run, with as many requests in flight.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials } from '../infra/local/dynamodb.ts';
import { TABLE_NAME } from '../infra/local/runtime.ts';
import { type BenchResult, quantile, ROOT, round } from './support.ts';

interface AutocannonResult {
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number };
  readonly requests: { readonly average: number };
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly duration: number;
}
interface AutocannonRequest {
  readonly method: string;
  readonly path: string;
  setupRequest(request: Record<string, unknown>): Record<string, unknown>;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Plans {
  readonly individual: { token: string; body: string }[];
  readonly collective: { token: string; cellId: string }[];
  readonly template: Record<string, unknown>;
}

interface Server {
  readonly base: string;
  readonly dynamodb: string;
  readonly plans: string;
  /** Starts counting the DynamoDB requests the server answers. */
  mark(): void;
  /** The DynamoDB requests, the runtime's CPU (all threads, and its main thread) since the mark, and the models written, once every workflow is idle again. */
  count(): Promise<Counted>;
  stop(): void;
}

interface Counted {
  readonly calls: number;
  readonly models: number;
  readonly processCpuMs: number;
  readonly mainThreadMs: number;
}

function startServer(cells: number): Promise<Server> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        // Node flags for the runtime's process, e.g. BENCH_CHILD_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
        ...(process.env.BENCH_CHILD_ARGS ? process.env.BENCH_CHILD_ARGS.split(' ') : []),
        '--import',
        'tsx',
        '--import',
        join(ROOT, 'infra/binary-files-hook.mjs'),
        join(ROOT, 'bench', 'api-server.ts'),
        String(cells),
      ],
      {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    let ready = false;
    const counts: ((n: Counted) => void)[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (let end = out.indexOf('\n'); end >= 0; end = out.indexOf('\n')) {
        const line = out.slice(0, end);
        out = out.slice(end + 1);
        if (!line) continue;
        const message = JSON.parse(line) as {
          base?: string;
          dynamodb?: string;
          plans?: string;
          dynamoRequests?: number;
          models?: number;
          processCpuMs?: number;
          mainThreadMs?: number;
        };
        if (!ready && message.base) {
          ready = true;
          done({
            base: message.base,
            dynamodb: message.dynamodb ?? '',
            plans: message.plans ?? '',
            mark: () => child.stdin.write('mark\n'),
            count: () =>
              new Promise((resolve) => {
                counts.push(resolve);
                child.stdin.write('count\n');
              }),
            stop: () => child.kill('SIGTERM'),
          });
        } else if (message.dynamoRequests !== undefined)
          counts.shift()?.({
            calls: message.dynamoRequests,
            models: message.models ?? 0,
            processCpuMs: message.processCpuMs ?? 0,
            mainThreadMs: message.mainThreadMs ?? 0,
          });
      }
    });
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`api-server exited with ${code}`)));
  });
}

async function rawPuts(endpoint: string, connections: number, seconds: number, body: string) {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const id = `bench-put-${next++}`;
      const started = performance.now();
      await client.send(
        new PutItemCommand({
          TableName: TABLE_NAME,
          Item: { pk: { S: id }, sk: { S: 'bench' }, body: { S: body } },
        }),
      );
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  client.destroy();
  return {
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

/** Runs the registration load, then the raw PutItem load, against one runtime. */
export async function run(): Promise<BenchResult> {
  const connections = Number(process.env.API_CONNECTIONS ?? 32);
  const seconds = Number(process.env.API_SECONDS ?? 20);
  const warmup = Number(process.env.API_WARMUP_SECONDS ?? 5);
  const server = await startServer(Number(process.env.API_CELLS ?? 300));
  try {
    const plans = JSON.parse(readFileSync(server.plans, 'utf8')) as Plans;
    let sent = 0;
    const request: AutocannonRequest = {
      method: 'POST',
      path: '/api/models',
      setupRequest: (req) => {
        const index = sent++;
        const individual = plans.individual[index];
        if (individual) {
          return {
            ...req,
            headers: { authorization: `Bearer ${individual.token}`, 'content-type': 'application/json' },
            body: individual.body,
          };
        }
        const collective = plans.collective[index % plans.collective.length] as Plans['collective'][number];
        return {
          ...req,
          headers: { authorization: `Bearer ${collective.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...plans.template, cellId: collective.cellId, title: `Tập thể ${index}` }),
        };
      },
    };
    // A warm-up first, as any load test has: every function's sandboxes start (their cold starts,
    // which Lambda pays once per environment, would otherwise weigh on a short run), and the
    // workflows it started finish before the count begins.
    let warmedUp = 0;
    if (warmup > 0) {
      await autocannon({ url: server.base, connections, duration: warmup, requests: [request] });
      warmedUp = (await server.count()).models;
    }
    server.mark();
    const load = await autocannon({ url: server.base, connections, duration: seconds, requests: [request] });
    const registrations = load['2xx'] / load.duration;
    const total = await server.count();
    const counted = { ...total, models: total.models - warmedUp };
    const callsPerRegistration = counted.models > 0 ? counted.calls / counted.models : 0;
    server.mark();
    const puts = await rawPuts(
      server.dynamodb,
      connections,
      Math.min(seconds, 10),
      plans.individual[0]?.body ?? '',
    );
    const putsCounted = await server.count();
    const each = (ms: number, n: number) => (n > 0 ? round(ms / n, 2) : 0);
    return {
      name: 'api',
      rows: [
        {
          load: `POST /api/models, ${connections} connections, ${seconds} s`,
          'per second': round(registrations, 1),
          'DynamoDB calls each': round(callsPerRegistration, 1),
          'runtime CPU ms each': each(counted.processCpuMs, counted.models),
          'main thread ms each': each(counted.mainThreadMs, counted.models),
          'p50 ms': load.latency.p50,
          'p99 ms': load.latency.p99,
          '2xx': load['2xx'],
          'non-2xx': load.non2xx,
          errors: load.errors,
        },
        {
          load: `raw PutItem (~2 KB item), ${connections} in flight, ${Math.min(seconds, 10)} s`,
          'per second': round(puts.perSecond, 1),
          'DynamoDB calls each': 1,
          'runtime CPU ms each': each(putsCounted.processCpuMs, puts.count),
          'main thread ms each': each(putsCounted.mainThreadMs, puts.count),
          'p50 ms': round(puts.p50, 1),
          'p99 ms': round(puts.p99, 1),
          '2xx': '',
          'non-2xx': '',
          errors: '',
        },
      ],
      notes: [
        `Ratio registrations / raw PutItem: ${round(registrations / puts.perSecond, 3)} (target ≥ 0.05). DynamoDB calls per registration: ${round(callsPerRegistration, 1)} (target ≤ 10), counted at the local DynamoDB from the load's start until every workflow it started was idle, divided by the ${counted.models} models written (those in flight when the load stopped included). The load registers individual models, each a person's, which the person and the cell's secretary are told of. The API: one batch read of the caller, the campaign, the cell and the person; the person's claim; the model's conditional put. Its workflow: the registered step's one batch read of the model, its cell and its people (and the secretary's record when not among them), one outbox record per email, one delivery for both emails that sends what it carries and marks each sent, and the wait for the self-assessment; each function in its sandbox as on Lambda.`,
        "autocannon runs in the bench process; the runtime (API stand-in, functions, engine, dynalite) in a child: the two share the machine's cores.",
      ],
    };
  } finally {
    server.stop();
  }
}

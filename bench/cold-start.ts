// Cold start of every catalog function: the production bundle (bundleFunction,
// byte for byte what the CDK app deploys), its minified size, and the median
// wall time of a fresh Node process that imports it and answers one
// representative event against the local DynamoDB, alternated with the same
// for an empty handler bundle, for a peer (bench/fixtures/peer-handler.ts:
// middy, the Powertools Logger and one GetItem, bundled the same way) and for
// that peer on this design's shell (bench/fixtures/shell-handler.ts: tracer,
// metrics, document client, time zone). The events are real: captured while a short
// scenario plays through the embedded runtime, which keeps serving the
// children's DynamoDB, Step Functions and SES calls. The bundles sit under
// node_modules/.cache so `@aws-sdk/*` (external, as the Lambda runtime ships
// it) resolves from the project's node_modules.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functions } from '../functions/catalog.ts';
import { bundleEntry, bundleFunction } from '../infra/aws/bundling.ts';
import { observeInvocations } from '../infra/local/lambda-runtime.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { type BenchResult, quantile, ROOT, type Row, round } from './support.ts';

const OUT = join(ROOT, 'node_modules', '.cache', 'dvk-bench', 'bundles');
const CAMPAIGN = 'dvk-2016-2020';

// The child: import the bundle, answer the event, report the answer's status, exit
// (the SDK's keep-alive sockets would otherwise hold the process open).
const CHILD = `
const [file, eventJson, name, memory] = process.argv.slice(1);
const started = performance.now();
const { handler } = await import(file);
const imported = performance.now();
const context = { functionName: name, memoryLimitInMB: memory, awsRequestId: 'bench', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:' + name, logGroupName: '', logStreamName: '',
  callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 30000, done() {}, fail() {}, succeed() {} };
let outcome;
try { const answer = await handler(JSON.parse(eventJson), context); outcome = String(answer?.statusCode ?? 'ok'); }
catch (error) { outcome = 'error ' + (error?.name ?? ''); }
const answered = performance.now();
process.stdout.write('\\n@phases ' + (imported - started) + ' ' + (answered - imported) + '\\n@outcome ' + outcome);
process.exit(0);
`;

function coldRun(
  file: string,
  event: unknown,
  name: string,
  memoryMb: number,
): Promise<{ ms: number; importMs: number; answerMs: number; outcome: string }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        // Node flags for each run, e.g. COLD_START_CHILD_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
        ...(process.env.COLD_START_CHILD_ARGS ? process.env.COLD_START_CHILD_ARGS.split(' ') : []),
        '--input-type=module',
        '-e',
        CHILD,
        file,
        JSON.stringify(event),
        name,
        String(memoryMb),
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' },
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', fail);
    // The handler's own stdout (metrics in CloudWatch's embedded format) comes before the marked last line.
    child.on('exit', () => {
      const phases = /@phases (\S+) (\S+)/.exec(out);
      done({
        ms: performance.now() - started,
        importMs: Number(phases?.[1] ?? Number.NaN),
        answerMs: Number(phases?.[2] ?? Number.NaN),
        outcome: out.includes('@outcome ') ? out.slice(out.lastIndexOf('@outcome ') + 9) : out,
      });
    });
  });
}

type Api = (
  username: string,
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: { id?: string } }>;

// A short year for one cell through the API: every route and workflow task runs at least once.
async function scenario(base: string, moveClock: (iso: string) => Promise<void>): Promise<void> {
  const tokens = new Map<string, string>();
  // Tokens expire an hour after they are issued on the virtual clock.
  const clockTo = async (iso: string) => {
    await moveClock(iso);
    tokens.clear();
  };
  const token = async (username: string) => {
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
  };
  const api: Api = async (username, method, path, body) => {
    const answer = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? (JSON.parse(text) as { id?: string }) : {} };
  };
  const { registrationBody } = await import('../test/support/models.ts');
  const collective = (await api('viet.lv', 'POST', '/api/models', registrationBody())).body.id;
  const individual = (
    await api('xuan.qt', 'POST', '/api/models', registrationBody({ kind: 'individual', personId: 'p026' }))
  ).body.id;
  const withdrawn = (
    await api('yen.tv', 'POST', '/api/models', registrationBody({ kind: 'individual', personId: 'p027' }))
  ).body.id;
  await api('viet.lv', 'PUT', `/api/models/${collective}`, registrationBody({ title: 'Tiếp công dân khéo' }));
  await api('yen.tv', 'POST', `/api/models/${withdrawn}/withdraw`, { reason: 'Chuyển công tác' });
  await api('binh.tt', 'POST', '/api/extensions', {
    campaignId: CAMPAIGN,
    year: 2016,
    cellId: 'dau-gia-ts',
    until: '2016-10-20',
    reason: 'Chi bộ mới kiện toàn',
  });
  for (const path of [
    '/api/campaigns',
    '/api/cells',
    `/api/models?campaignId=${CAMPAIGN}&year=2016&cellId=thanh-tra`,
    `/api/models/${collective}`,
    `/api/cells/thanh-tra/compliance?campaignId=${CAMPAIGN}&year=2016`,
    '/api/cells/thanh-tra/people',
    '/api/people?cellId=thanh-tra',
    '/api/dashboard',
    `/api/reports/registrations?campaignId=${CAMPAIGN}&year=2016`,
  ])
    await api('binh.tt', 'GET', path);
  await clockTo('2017-06-15T09:00:00+07:00');
  const assessment = {
    results: 'Đạt và vượt các mục tiêu đã đăng ký.',
    evidence: ['Báo cáo kết quả số 12/BC-CB'],
    cellConfirmed: true,
  };
  await api('viet.lv', 'POST', `/api/models/${collective}/self-assessment`, {
    ...assessment,
    cellVote: { eligible: 6, present: 6, for: 6, against: 0, abstain: 0 },
  });
  await api('xuan.qt', 'POST', `/api/models/${individual}/self-assessment`, assessment);
  await clockTo('2017-09-15T14:00:00+07:00');
  const met = { met: true, note: 'Đạt' };
  const review = {
    principles: {
      registered: met,
      democraticVote: met,
      meetsStandard: met,
      spread: met,
      cellRecognized: met,
    },
    vote: { eligible: 9, present: 7, for: 6, against: 1, abstain: 0 },
    decision: 'recognized',
  };
  await api('hung.dq', 'POST', `/api/models/${collective}/review`, review);
  await api('hung.dq', 'POST', `/api/models/${individual}/review`, review);
  await clockTo('2017-09-15T14:00:01+07:00');
  await api('binh.tt', 'POST', `/api/models/${collective}/tier`, { tier: 'exemplary' });
  await api('binh.tt', 'GET', `/api/models/${collective}/history`);
  await clockTo('2017-12-31T08:00:00+07:00');
}

// For a route the scenario never called: the office asking with the usual parameters.
function syntheticEvent(name: string): unknown {
  const spec = functions.find((candidate) => candidate.name === name);
  const route = spec?.routes?.[0];
  if (!route) return {};
  const path = route.path.replace(/\{[^}]+\}/g, 'bench');
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: path,
    rawQueryString: `campaignId=${CAMPAIGN}&year=2016&cellId=thanh-tra`,
    headers: { 'content-type': 'application/json' },
    queryStringParameters: { campaignId: CAMPAIGN, year: '2016', cellId: 'thanh-tra' },
    pathParameters: Object.fromEntries(
      [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => [match[1] as string, 'bench']),
    ),
    requestContext: {
      authorizer: {
        jwt: {
          claims: {
            'custom:personId': 'p002',
            'cognito:username': 'binh.tt',
            'cognito:groups': '[member office]',
            iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
            aud: 'web-client',
            token_use: 'id',
            // Tokens expire in real time, whatever the request's clock says: an hour from now.
            exp: String(Math.floor(Date.now() / 1000) + 3600),
          },
          scopes: [],
        },
      },
      http: { method: route.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.parse('2016-10-03T01:00:00Z'),
    },
    isBase64Encoded: false,
    ...(route.method === 'GET' ? {} : { body: '{}' }),
  };
}

/** Bundles every function, then times fresh processes alternately with the empty handler, the peer and the shell (COLD_START_RUNS, default 7). */
export async function run(): Promise<BenchResult> {
  const runs = Number(process.env.COLD_START_RUNS ?? 7);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const fixture = (name: string) =>
    bundleEntry(join(ROOT, 'bench', 'fixtures', `${name}-handler.ts`), join(OUT, name));
  const { file: emptyFile } = await fixture('empty');
  const { file: peerFile } = await fixture('peer');
  const { file: shellFile } = await fixture('shell');
  // COLD_START_ONLY=list-campaigns,register-model times those alone (the scenario still plays whole).
  const only = process.env.COLD_START_ONLY?.split(',').filter(Boolean);
  const measured = only ? functions.filter((spec) => only.includes(spec.name)) : functions;
  const bundles = new Map<string, { file: string; bytes: number }>();
  const missing: string[] = [];
  for (const spec of measured) {
    try {
      bundles.set(spec.name, await bundleFunction(spec.name, OUT));
    } catch {
      missing.push(spec.name);
    }
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'dvk-cold-'));
  const runtime = await startRuntime({
    rootDir: ROOT,
    dataDir,
    port: 0,
    clockStart: Date.parse('2016-10-03T08:00:00+07:00'),
    clockRunning: false,
  });
  const events = new Map<string, unknown>();
  const stop = observeInvocations((record) => {
    if (!events.has(record.name)) events.set(record.name, structuredClone(record.event));
  });
  const rows: Row[] = [];
  const peerImports: number[] = [];
  const peerAnswers: number[] = [];
  const shellImports: number[] = [];
  const shellAnswers: number[] = [];
  // The shell against the peer, run by run: what the design's layers cost.
  const shellToPeer: number[] = [];
  try {
    await scenario(runtime.endpoints.web, (iso) => runtime.clock.advanceTo(Date.parse(iso)));
    stop();
    writeFileSync(join(OUT, 'events.json'), JSON.stringify(Object.fromEntries(events), null, 1));
    for (const spec of measured) {
      const bundle = bundles.get(spec.name);
      if (!bundle) continue;
      const event = events.get(spec.name) ?? syntheticEvent(spec.name);
      const empty: number[] = [];
      const peer: number[] = [];
      const shell: number[] = [];
      const full: number[] = [];
      const imports: number[] = [];
      const answers: number[] = [];
      // Each ratio is the median of a round's own ratios: a round runs the four back to back, so
      // the machine's drift (thermal, other load) moves both sides of each ratio alike.
      const toEmpty: number[] = [];
      const toPeer: number[] = [];
      const toShell: number[] = [];
      let outcome = '';
      for (let index = 0; index < runs; index++) {
        const emptyRun = await coldRun(emptyFile, event, spec.name, spec.memoryMb);
        empty.push(emptyRun.ms);
        const peerRun = await coldRun(peerFile, event, spec.name, spec.memoryMb);
        peer.push(peerRun.ms);
        peerImports.push(peerRun.importMs);
        peerAnswers.push(peerRun.answerMs);
        const shellRun = await coldRun(shellFile, event, spec.name, spec.memoryMb);
        shell.push(shellRun.ms);
        shellImports.push(shellRun.importMs);
        shellAnswers.push(shellRun.answerMs);
        shellToPeer.push(shellRun.ms / peerRun.ms);
        const answer = await coldRun(bundle.file, event, spec.name, spec.memoryMb);
        full.push(answer.ms);
        imports.push(answer.importMs);
        answers.push(answer.answerMs);
        outcome = answer.outcome;
        toEmpty.push(answer.ms / emptyRun.ms);
        toPeer.push(answer.ms / peerRun.ms);
        toShell.push(answer.ms / shellRun.ms);
      }
      const emptyMs = quantile(empty, 0.5);
      const peerMs = quantile(peer, 0.5);
      const shellMs = quantile(shell, 0.5);
      const fullMs = quantile(full, 0.5);
      rows.push({
        function: spec.name,
        'bundle KB': round(bundle.bytes / 1000, 1),
        event: events.has(spec.name) ? 'captured' : 'synthetic',
        answer: outcome,
        'median ms': round(fullMs, 1),
        'import ms': round(quantile(imports, 0.5), 1),
        'first answer ms': round(quantile(answers, 0.5), 1),
        'empty median ms': round(emptyMs, 1),
        ratio: round(quantile(toEmpty, 0.5), 2),
        'peer median ms': round(peerMs, 1),
        'to peer': round(quantile(toPeer, 0.5), 2),
        'shell median ms': round(shellMs, 1),
        'to shell': round(quantile(toShell, 0.5), 2),
      });
      process.stderr.write(`cold-start ${spec.name} ${round(quantile(toPeer, 0.5), 2)} to the peer\n`);
    }
  } finally {
    stop();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const over = rows.filter((row) => Number(row.ratio) > 1.5);
  const overPeer = rows.filter((row) => Number(row['to peer']) > 1.2);
  const overShell = rows.filter((row) => Number(row['to shell']) > 1.2);
  const heavy = rows.filter((row) => Number(row['bundle KB']) >= 300);
  return {
    name: 'cold-start',
    partial: only !== undefined,
    rows,
    notes: [
      `${runs} rounds per function, each running the empty handler, the peer, the shell and the function back to back; a run is spawn → import → one answer → exit of \`node\` on the bundle; \`@aws-sdk/*\` is external (the Lambda runtime ships it) and loads from node_modules. Each ratio is the median of the rounds' own ratios.`,
      `Ratio ≤ 1.5: ${rows.length - over.length} of ${rows.length} functions${over.length ? ` (over: ${over.map((row) => `${row.function} ${row.ratio}`).join(', ')})` : ''}.`,
      `Within 1.2× of the peer (middy + Powertools Logger + one GetItem): ${rows.length - overPeer.length} of ${rows.length}${overPeer.length ? ` (over: ${overPeer.map((row) => `${row.function} ${row['to peer']}`).join(', ')})` : ''}.`,
      `The peer on this design's shell (bench/fixtures/shell-handler.ts: the X-Ray tracer capturing the clients, the metrics, the document client, the time zone) is ${round(quantile(shellToPeer, 0.5), 2)}× the peer (median of ${shellToPeer.length} paired runs): what those layers cost before a function does anything of its own. Within 1.2× of that shell: ${rows.length - overShell.length} of ${rows.length}${overShell.length ? ` (over: ${overShell.map((row) => `${row.function} ${row['to shell']}`).join(', ')})` : ''}.`,
      `Import ms and first answer ms split a run inside the process (the rest is Node's own start and exit): the peer's medians over all its runs are ${round(quantile(peerImports, 0.5), 1)} ms to import and ${round(quantile(peerAnswers, 0.5), 1)} ms to answer; the shell's ${round(quantile(shellImports, 0.5), 1)} ms and ${round(quantile(shellAnswers, 0.5), 1)} ms.`,
      `Bundle < 300 KB (what a cold start loads: the entry and the chunks it imports statically; what a function imports on first use, exceljs, the document renderers and their fonts, S3's client, sits in chunks loaded then): ${rows.length - heavy.length} of ${rows.length}${heavy.length ? ` (over: ${heavy.map((row) => `${row.function} ${row['bundle KB']} KB`).join(', ')})` : ''}.`,
      ...(missing.length ? [`Not bundled (no handler yet): ${missing.join(', ')}.`] : []),
    ],
  };
}

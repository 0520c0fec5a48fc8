// `npm run smoke -- --base-url URL [--token TOKEN] [--cell-id ID]`: checks a
// running system — the local runtime or a deployed stack — through its public
// API only, as a signed-in test user would: read the campaigns and cells,
// register a collective model in a test cell and withdraw it (outside a
// registration window: check that the refusal says so), read its timeline.
// Locally it signs in by itself through /local/token; on AWS give the ID token
// of a test user (a secretary of a test cell) with --token or SMOKE_TOKEN.
import { parseArgs } from 'node:util';
import { localDateOf } from '../shared/domain/calendar.ts';

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly ms: number;
}

interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

type ErrorBody = { error?: { code?: string; message?: string } };

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    'api-url': { type: 'string' },
    token: { type: 'string' },
    username: { type: 'string' },
    'cell-id': { type: 'string' },
    'timeout-seconds': { type: 'string', default: '60' },
    help: { type: 'boolean', default: false },
  },
});

const USAGE = `npm run smoke -- --base-url URL [--api-url URL] [--token TOKEN] [--username NAME] [--cell-id ID]

  --base-url   the web address (local: http://127.0.0.1:3000; AWS: the stack's WebUrl)
  --api-url    the API's address when it is not the web's (AWS: the stack's ApiUrl)
  --token      a signed-in test user's ID token (AWS; or SMOKE_TOKEN); locally the script signs in itself
  --username   locally, who to sign in as (default: the first secretary of the demo organization)
  --cell-id    the test cell to register in (default: the test user's own cell)`;

if (values.help || !values['base-url']) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const base = String(values['base-url']).replace(/\/+$/, '');
const apiBase = String(values['api-url'] ?? base).replace(/\/+$/, '');
const deadlineMs = Number(values['timeout-seconds']) * 1000;
const checks: Check[] = [];

async function call<T>(url: string, init: RequestInit = {}, token?: string): Promise<Answer<T>> {
  const response = await fetch(url, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the report
  }
  return { status: response.status, body: body as T };
}

async function check(name: string, run: () => Promise<string>): Promise<boolean> {
  const started = performance.now();
  try {
    const detail = await run();
    checks.push({ name, ok: true, detail, ms: performance.now() - started });
    return true;
  } catch (error) {
    checks.push({ name, ok: false, detail: (error as Error).message, ms: performance.now() - started });
    return false;
  }
}

function expectStatus(answer: Answer<unknown>, ...statuses: number[]): void {
  if (!statuses.includes(answer.status)) {
    throw new Error(
      `answered ${answer.status}, expected ${statuses.join(' or ')}: ${JSON.stringify(answer.body).slice(0, 300)}`,
    );
  }
}

/** Retries `attempt` until it returns a value or the deadline passes (a workflow step is asynchronous). */
async function eventually<T>(attempt: () => Promise<T | undefined>, what: string): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 4000)) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what} did not happen within ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function signIn(): Promise<string> {
  const given = values.token ?? process.env.SMOKE_TOKEN;
  if (given) return given;
  const users = await call<{ users?: { username: string; roles: string[] }[] }>(`${base}/local/users`).catch(
    () => undefined,
  );
  if (users?.status !== 200 || !users.body.users) {
    throw new Error(
      'this is not the local runtime: give a signed-in test user’s ID token with --token or SMOKE_TOKEN (see the README, “Checking a deployment”)',
    );
  }
  const username =
    values.username ?? users.body.users.find((user) => user.roles.includes('secretary'))?.username;
  if (!username) throw new Error('the local organization has no secretary to sign in as');
  const answer = await call<{ token: string }>(`${base}/local/token`, {
    method: 'POST',
    body: JSON.stringify({ username }),
  });
  expectStatus(answer, 200);
  return answer.body.token;
}

async function main(): Promise<number> {
  let token = '';
  if (
    !(await check('sign in as the test user', async () => {
      token = await signIn();
      const claims = claimsOf(token);
      return `${String(claims['cognito:username'] ?? claims.sub)} (${String(claims['cognito:groups'] ?? '')})`;
    }))
  )
    return report();
  const claims = claimsOf(token);
  const api = <T>(path: string, init?: RequestInit) => call<T>(`${apiBase}${path}`, init, token);

  let campaign: { id: string; name: string; status?: string } | undefined;
  await check('read the campaigns', async () => {
    const answer = await api<{ items: { id: string; name: string; status?: string }[] }>('/api/campaigns');
    expectStatus(answer, 200);
    campaign = answer.body.items.find((item) => item.status === 'active') ?? answer.body.items.at(-1);
    if (!campaign) throw new Error('no campaign exists');
    return `${answer.body.items.length} campaign(s); using “${campaign.name}”`;
  });

  let cellId =
    values['cell-id'] ?? (typeof claims['custom:cellId'] === 'string' ? claims['custom:cellId'] : undefined);
  await check('read the cells', async () => {
    const answer = await api<{ items: { id: string; name: string }[] }>('/api/cells');
    expectStatus(answer, 200);
    cellId ??= answer.body.items[0]?.id;
    if (!cellId || !answer.body.items.some((cell) => cell.id === cellId))
      throw new Error(`the test cell ${cellId ?? '(none)'} is not among the user's cells`);
    return `${answer.body.items.length} cell(s); test cell ${cellId}`;
  });
  if (!campaign || !cellId) return report();

  const now = await call<{ now?: string }>(`${base}/local/clock`).then(
    (answer) => (answer.status === 200 && answer.body.now ? new Date(answer.body.now) : new Date()),
    () => new Date(),
  );
  // The October the registration window belongs to, by Hanoi's calendar.
  const [localYear = 0, localMonth = 0] = localDateOf(now).split('-').map(Number);
  const year = localMonth >= 10 ? localYear : localYear - 1;
  const title = `Kiểm tra hệ thống tự động ${now.toISOString()}`;
  const registration = {
    campaignId: campaign.id,
    year,
    kind: 'collective',
    cellId,
    title,
    area: 1,
    situation: 'Kiểm tra hệ thống: mô hình tạo tự động và được rút ngay.',
    goals: 'Kiểm tra đăng ký.',
    methods: 'Gọi API công khai.',
    scope: 'Chi bộ kiểm tra.',
    forces: 'Kịch bản kiểm tra.',
    resources: 'Không.',
    expectedResults: 'Đăng ký và rút đăng ký thành công.',
    sustainability: 'Không áp dụng.',
  };
  let modelId: string | undefined;
  let windowOpen = false;
  await check(`register a collective model for ${year}, or see the closed window refused`, async () => {
    const answer = await api<{ id: string; status: string } & ErrorBody>('/api/models', {
      method: 'POST',
      body: JSON.stringify(registration),
      headers: { 'idempotency-key': `smoke-${now.getTime()}` },
    });
    if (answer.status === 201) {
      windowOpen = true;
      modelId = answer.body.id;
      return `registered ${modelId} (${answer.body.status})`;
    }
    expectStatus(answer, 422);
    if (answer.body.error?.code !== 'rule_violation' || !answer.body.error.message)
      throw new Error(`the refusal is not a campaign rule: ${JSON.stringify(answer.body)}`);
    return `refused as the calendar says: “${answer.body.error.message}”`;
  });

  if (windowOpen && modelId) {
    const id = modelId;
    await check('read the model back', async () => {
      const answer = await api<{ id: string; title: string; status: string }>(`/api/models/${id}`);
      expectStatus(answer, 200);
      if (answer.body.title !== title) throw new Error('the model read back is not the one registered');
      return answer.body.status;
    });
    await check('withdraw it at once', async () => {
      // Right after registering: accepted whether or not the workflow has reached its first wait.
      const answer = await api<{ status: string } & ErrorBody>(`/api/models/${id}/withdraw`, {
        method: 'POST',
        body: JSON.stringify({ reason: 'Kiểm tra hệ thống tự động' }),
      });
      expectStatus(answer, 200);
      return 'accepted';
    });
    await check('read its timeline, registered then withdrawn', async () => {
      const states = await eventually(async () => {
        const answer = await api<{ items: { state: string }[] }>(`/api/models/${id}/history`);
        expectStatus(answer, 200);
        const found = answer.body.items.map((item) => item.state);
        return found.includes('withdrawn') ? found : undefined;
      }, 'the withdrawal in the timeline');
      if (states[0] !== 'registered') throw new Error(`the timeline starts with ${states[0]}`);
      return states.join(' → ');
    });
  }
  return report();
}

function report(): number {
  for (const entry of checks) {
    console.log(`${entry.ok ? '✓' : '✗'} ${entry.name} — ${entry.detail} (${Math.round(entry.ms)} ms)`);
  }
  const failed = checks.filter((entry) => !entry.ok).length;
  console.log(failed === 0 ? `Smoke test passed against ${base}.` : `Smoke test FAILED: ${failed} check(s).`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

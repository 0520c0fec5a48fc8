// Starts the real embedded runtime (dynalite, the engine, SES, the scheduler,
// the API stand-in) in a fresh data folder for one test file, with a frozen
// clock, and gives the tests small HTTP helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Runtime, startRuntime } from '../../infra/local/runtime.ts';

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface TestRuntime {
  readonly runtime: Runtime;
  readonly base: string;
  readonly dataDir: string;
  token(username: string): Promise<string>;
  api<T = Record<string, unknown>>(
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>>;
  clockTo(iso: string): Promise<string>;
  outbox(): Promise<{ id: string; to: string[]; subject: string; date: string }[]>;
  /** Stops the runtime; `keepData` leaves the folder for a restart test. */
  close(keepData?: boolean): Promise<void>;
}

export const ROOT_DIR = resolve(import.meta.dirname, '..', '..');

export interface TestPorts {
  readonly web: number;
  readonly dynamodb: number;
  readonly stepfunctions: number;
  readonly ses: number;
}

/** The ports a runtime listens on, to restart another on the same ones. */
export function portsOf(runtime: Runtime): TestPorts {
  const port = (url: string) => Number(new URL(url).port);
  const { web, dynamodb, stepfunctions, ses } = runtime.endpoints;
  return { web: port(web), dynamodb: port(dynamodb), stepfunctions: port(stepfunctions), ses: port(ses) };
}

/** Starts a runtime; `dataDir` and `ports` restart one as `npm start` would, on the same folder and ports. */
export async function startTestRuntime(
  options: { clockStart?: string; dataDir?: string; ports?: TestPorts } = {},
): Promise<TestRuntime> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dvk-test-'));
  const runtime = await startRuntime({
    rootDir: ROOT_DIR,
    dataDir,
    port: options.ports?.web ?? 0,
    dynamodbPort: options.ports?.dynamodb ?? 0,
    stepFunctionsPort: options.ports?.stepfunctions ?? 0,
    sesPort: options.ports?.ses ?? 0,
    clockStart: Date.parse(options.clockStart ?? '2016-10-03T08:00:00+07:00'),
    clockRunning: false,
  });
  const base = runtime.endpoints.web;
  const api: TestRuntime['api'] = async (token, method, path, body, headers = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as never, headers: response.headers };
  };
  return {
    runtime,
    base,
    dataDir,
    api,
    async token(username) {
      const answer = await api<{ token: string }>(undefined, 'POST', '/local/token', { username });
      if (answer.status !== 200) throw new Error(`no token for ${username}: ${answer.status}`);
      return answer.body.token;
    },
    async clockTo(iso) {
      const answer = await api<{ now: string }>(undefined, 'POST', '/local/clock', { to: iso });
      if (answer.status !== 200)
        throw new Error(`clock move to ${iso} refused: ${JSON.stringify(answer.body)}`);
      return answer.body.now;
    },
    async outbox() {
      return (
        await api<{ items: { id: string; to: string[]; subject: string; date: string }[] }>(
          undefined,
          'GET',
          '/local/outbox',
        )
      ).body.items;
    },
    async close(keepData = false) {
      await runtime.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

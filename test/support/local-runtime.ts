// Starts the real embedded runtime (dynalite, the engine, SES, the scheduler,
// the API stand-in) in a fresh data folder for one test file, with a frozen
// clock, and gives the tests small HTTP helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Answer, httpClient } from '../../infra/local/campaign-player.ts';
import { type Runtime, startRuntime } from '../../infra/local/runtime.ts';

export type ApiAnswer<T = unknown> = Answer<T>;

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
  readonly s3?: number;
  readonly cognito?: number;
}

/** The ports a runtime listens on, to restart another on the same ones. */
export function portsOf(runtime: Runtime): TestPorts {
  const port = (url: string) => Number(new URL(url).port);
  const { web, dynamodb, stepfunctions, ses, s3, cognito } = runtime.endpoints;
  return {
    web: port(web),
    dynamodb: port(dynamodb),
    stepfunctions: port(stepfunctions),
    ses: port(ses),
    s3: port(s3),
    cognito: port(cognito),
  };
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
    s3Port: options.ports?.s3 ?? 0,
    cognitoPort: options.ports?.cognito ?? 0,
    clockStart: Date.parse(options.clockStart ?? '2016-10-03T08:00:00+07:00'),
    clockRunning: false,
  });
  const base = runtime.endpoints.web;
  const client = httpClient(base);
  const { api } = client;
  return {
    runtime,
    base,
    dataDir,
    ...client,
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

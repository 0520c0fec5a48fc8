// Starts the whole system as `npm start` does — a child process on a free
// port, a temporary data folder and a frozen clock — and a headless Chromium
// with a fresh profile, for the browser tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const ROOT_DIR = resolve(import.meta.dirname, '..', '..');
export const CLOCK_START = '2016-10-03T08:00:00+07:00';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  await new Promise<void>((closed) => server.close(() => closed()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface RunningSystem {
  readonly base: string;
  readonly dataDir: string;
  /** Everything the child wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

async function waitUntilUp(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the system exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${base}/local/endpoints`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`the system did not answer /local/endpoints:\n${output()}`);
}

/** `npm start` with PORT, DATA_DIR, CLOCK_MODE=frozen and CLOCK_START, in its own process group. */
export async function startSystem(): Promise<RunningSystem> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dvk-e2e-'));
  const child = spawn('npx', ['tsx', '--import', './infra/binary-files-hook.mjs', 'infra/local/main.ts'], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      CLOCK_MODE: 'frozen',
      CLOCK_START,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      // The global setup built the pages; two systems must not rebuild them under each other.
      WEB_WATCH: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own group, so the stop signal reaches npx, tsx and node alike.
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      process.kill(-child.pid, 'SIGINT');
      const timer = setTimeout(() => {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(base, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, dataDir, output: () => log, stop };
}

export interface RunningBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** The languages the browser tests read the pages in. */
export type BrowserLanguage = 'vi-VN' | 'en-US';

/** Debian's Chromium, headless, with a fresh profile folder removed on close; Vietnamese unless told. */
export async function startBrowser(language: BrowserLanguage = 'vi-VN'): Promise<RunningBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'dvk-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        `--lang=${language}`,
      ],
      viewport: { width: 1366, height: 900 },
      locale: language,
      timezoneId: 'Asia/Ho_Chi_Minh',
    })
    .catch((error: unknown) => {
      rmSync(profile, { recursive: true, force: true });
      throw error;
    });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The system and one browser per language, started together. When any of them
 * fails to start (no Chromium, say), those that did are stopped before the
 * error is thrown, so a failed setup leaves no system running behind the tests.
 */
export async function startSystemAndBrowsers<const L extends readonly BrowserLanguage[]>(
  ...languages: L
): Promise<{ system: RunningSystem; browsers: { -readonly [K in keyof L]: RunningBrowser } }> {
  const [system, ...browsers] = await Promise.allSettled([
    startSystem(),
    ...languages.map((language) => startBrowser(language)),
  ]);
  const results = [system, ...browsers];
  const failed = results.find((result) => result.status === 'rejected');
  if (failed || system?.status !== 'fulfilled') {
    await Promise.allSettled(
      results.map((result) =>
        result.status !== 'fulfilled'
          ? undefined
          : 'stop' in result.value
            ? result.value.stop()
            : result.value.close(),
      ),
    );
    throw failed?.status === 'rejected' ? failed.reason : new Error('the system did not start');
  }
  const started = browsers.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  return { system: system.value, browsers: started as { -readonly [K in keyof L]: RunningBrowser } };
}

/** Where the browser tests leave their screenshots (git-ignored). */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? resolve(ROOT_DIR, 'test-results', 'screenshots');

/** What a page printed as an error: console errors and uncaught exceptions, as they happen. */
export interface ConsoleWatch {
  /** The errors so far, each with the address it happened on. */
  readonly errors: string[];
  /** Forgets the errors so far (after a step that fails on purpose). */
  clear(): void;
}

/** Starts collecting a page's console errors and uncaught exceptions. */
export function watchConsole(page: Page): ConsoleWatch {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return {
    errors,
    clear: () => {
      errors.length = 0;
    },
  };
}

/** How far the page is wider than its viewport (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** Calls the API of a running system as a person of the demo organization (a local token each time). */
export async function apiAs<T>(
  system: RunningSystem,
  username: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const { token } = (await (
    await fetch(`${system.base}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    })
  ).json()) as { token: string };
  const response = await fetch(`${system.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Signs a person in from the start page, signing out whoever was signed in first. */
export async function signInAs(page: Page, system: RunningSystem, username: string): Promise<void> {
  await page.goto(`${system.base}/`);
  const signOut = page.locator('#sign-out');
  if (await signOut.count()) {
    await signOut.click();
    await page.goto(`${system.base}/`);
  }
  await page.locator(`button[data-username="${username}"]`).click();
  await page.locator('#sign-out').waitFor();
}

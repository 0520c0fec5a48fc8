// `npm start` in a child process, for what an in-process runtime cannot show:
// a kill -9 in the middle of work and the restart after it, and the smoke
// script run against the real command. The child is the same entry point as
// `npm start` (infra/local/main.ts under tsx), on free ports, in its own folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from './local-runtime.ts';

export interface RuntimeProcess {
  readonly base: string;
  readonly dataDir: string;
  readonly output: () => string;
  /** SIGKILL: no cleanup at all, as a crash or a power cut. */
  kill(): Promise<void>;
  /** SIGINT, as Ctrl-C: a clean stop. */
  stop(): Promise<void>;
}

/** Starts `npm start`'s entry point; resolves once it prints where the pages are. */
export function startRuntimeProcess(
  options: { dataDir?: string; clockStart?: string; env?: Record<string, string> } = {},
): Promise<RuntimeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dvk-process-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join('infra', 'local', 'main.ts')],
    {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: dataDir,
        CLOCK_MODE: 'frozen',
        ...(options.clockStart ? { CLOCK_START: options.clockStart } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not come up within 60 s:\n${output}`));
    }, 60_000);
    let started = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const base = /Trang web \/ web pages:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (started || !base) return;
      started = true;
      clearTimeout(timer);
      resolve({
        base,
        dataDir,
        output: () => output,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          child.kill('SIGINT');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

/** Removes a process's data folder once it is stopped. */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

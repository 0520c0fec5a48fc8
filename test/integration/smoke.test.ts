// `npm run smoke` against `npm start`, as CI runs it on every build: the
// script users run after `cdk deploy` stays correct because it runs here.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from '../../infra/local/campaign-player.ts';
import { ROOT_DIR } from '../support/local-runtime.ts';
import { type RuntimeProcess, removeDataDir, startRuntimeProcess } from '../support/runtime-process.ts';

function smoke(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'smoke', '--', ...args], {
      cwd: ROOT_DIR,
      env: { ...process.env, SMOKE_TOKEN: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run smoke against npm start', () => {
  let system: RuntimeProcess;
  beforeAll(async () => {
    system = await startRuntimeProcess({ clockStart: '2016-10-03T08:00:00+07:00' });
  }, 90_000);
  afterAll(async () => {
    await system.stop();
    removeDataDir(system.dataDir);
  });

  it('registers, withdraws and reads the timeline inside a registration window', async () => {
    // Act
    const run = await smoke('--base-url', system.base);
    // Assess
    expect(run.output).toContain('✓ withdraw it');
    expect(run.output).toContain('registered → implementing → awaiting_self_assessment → withdrawn');
    expect(run.output).toContain('Smoke test passed');
    expect(run.code).toBe(0);
  }, 120_000);

  it('checks the refusal outside a registration window', async () => {
    // Prepare
    await httpClient(system.base).clockTo('2016-11-01T08:00:00+07:00');
    // Act
    const run = await smoke('--base-url', system.base);
    // Assess
    expect(run.output).toContain('refused as the calendar says: “Ngoài thời hạn đăng ký');
    expect(run.code).toBe(0);
  }, 120_000);

  it('asks for a test user’s token where there is no local sign-in', async () => {
    // Act: the API of the local runtime, but pretending it is elsewhere (no /local/* at that address)
    const run = await smoke('--base-url', `${system.base}/nowhere`, '--api-url', system.base);
    // Assess
    expect(run.code).toBe(1);
    expect(run.output).toContain('give a signed-in test user’s ID token with --token or SMOKE_TOKEN');
  }, 120_000);
});

// The local Lambda runtime behaves as Lambda does where our code can tell:
// one invocation per sandbox, warm reuse, a sandbox per concurrent call, the
// timeout ending the sandbox, JSON in and out, errors reported by their name,
// the 6 MB response limit, and only the function's own environment.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionByName } from '../../functions/catalog.ts';
import { createLambdaRuntime, type LambdaRuntime } from '../../infra/local/lambda-runtime.ts';

const FIXTURE = `
let invocations = 0;
class Refused extends Error { name = 'RuleViolationError'; }
export const handler = async (event, context) => {
  invocations += 1;
  switch (event.action) {
    case 'count': return { invocations, remaining: context.getRemainingTimeInMillis() > 0 };
    case 'env': return { table: process.env.TABLE_NAME ?? null, mail: process.env.MAIL_FROM ?? null, fn: process.env.AWS_LAMBDA_FUNCTION_NAME };
    case 'slow': await new Promise((resolve) => setTimeout(resolve, event.ms)); return { invocations };
    case 'hang': return new Promise(() => {});
    case 'refuse': throw new Refused('Quyết định không hợp lệ');
    case 'minified': { const N = class extends Error {}; throw new N('renamed'); }
    case 'date': return { at: new Date(Date.UTC(2016, 9, 1)) };
    case 'nothing': return undefined;
    case 'huge': return { text: 'x'.repeat(7 * 1024 * 1024) };
  }
};
`;

describe('the local Lambda runtime (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html)', () => {
  let folder: string;
  let runtime: LambdaRuntime;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'dvk-lambda-'));
    const file = join(folder, 'index.mjs');
    writeFileSync(file, FIXTURE);
    runtime = createLambdaRuntime({
      code: async () => pathToFileURL(file).href,
      // What runtime.ts gives a function: its catalog variables only, here TABLE_NAME.
      environment: async (spec) => ({
        AWS_LAMBDA_FUNCTION_NAME: spec.name,
        ...Object.fromEntries(spec.env.map((name) => [name, `value of ${name}`])),
      }),
      maxConcurrency: 4,
    });
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps a warm sandbox between invocations, with its module state', async () => {
    // Act
    const first = (await runtime.invoke('list-campaigns', { action: 'count' })) as { invocations: number };
    const second = (await runtime.invoke('list-campaigns', { action: 'count' })) as {
      invocations: number;
      remaining: boolean;
    };
    // Assess
    expect(second.invocations).toBe(first.invocations + 1);
    expect(second.remaining).toBe(true);
  });

  it('gives concurrent invocations sandboxes of their own', async () => {
    // Act
    const answers = (await Promise.all(
      [1, 2, 3].map(() => runtime.invoke('list-cells', { action: 'slow', ms: 200 })),
    )) as { invocations: number }[];
    // Assess
    expect(answers.map((answer) => answer.invocations)).toEqual([1, 1, 1]);
  });

  it('sees only its own catalog variables', async () => {
    // Prepare
    expect(functionByName('list-campaigns').env).not.toContain('MAIL_FROM');
    // Act
    const seen = await runtime.invoke('list-campaigns', { action: 'env' });
    // Assess
    expect(seen).toEqual({ table: 'value of TABLE_NAME', mail: null, fn: 'list-campaigns' });
  });

  it('reports an error by its name, as the runtime interface client does, even a minified class’s', async () => {
    // Act
    const refused = await runtime.invoke('review-check', { action: 'refuse' }).catch((error: Error) => error);
    const minified = await runtime
      .invoke('review-check', { action: 'minified' })
      .catch((error: Error) => error);
    // Assess
    expect(refused).toMatchObject({ name: 'RuleViolationError', message: 'Quyết định không hợp lệ' });
    expect(minified).toMatchObject({ name: 'Error', message: 'renamed' });
  });

  it('ends a sandbox that times out, and the next invocation starts cold', async () => {
    // Prepare
    const warm = (await runtime.invoke('get-model', { action: 'count' })) as { invocations: number };
    // Act
    const timedOut = await runtime
      .invoke('get-model', { action: 'hang' }, { timeoutMs: 300 })
      .catch((error: Error) => error);
    const after = (await runtime.invoke('get-model', { action: 'count' })) as { invocations: number };
    // Assess
    expect(warm.invocations).toBeGreaterThanOrEqual(1);
    expect(timedOut).toMatchObject({
      name: 'Sandbox.Timedout',
      message: 'Task timed out after 0.30 seconds',
    });
    expect(after.invocations).toBe(1);
  });

  it('passes results as JSON: a Date becomes its ISO text, nothing becomes null', async () => {
    // Act
    const dated = await runtime.invoke('get-model', { action: 'date' });
    const nothing = await runtime.invoke('get-model', { action: 'nothing' });
    // Assess
    expect(dated).toEqual({ at: '2016-10-01T00:00:00.000Z' });
    expect(nothing).toBeNull();
  });

  it('ends a sandbox left unused for a while, so the next invocation starts cold', async () => {
    // Prepare
    const brief = createLambdaRuntime({
      code: async () => pathToFileURL(join(folder, 'index.mjs')).href,
      environment: async () => ({}),
      idleMs: 200,
    });
    try {
      await brief.invoke('get-model', { action: 'count' });
      const warm = (await brief.invoke('get-model', { action: 'count' })) as { invocations: number };
      // Act
      await new Promise((resolve) => setTimeout(resolve, 500));
      const cold = (await brief.invoke('get-model', { action: 'count' })) as { invocations: number };
      // Assess
      expect(warm.invocations).toBe(2);
      expect(cold.invocations).toBe(1);
    } finally {
      await brief.close();
    }
  });

  it('refuses a response over 6 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)', async () => {
    // Act
    const huge = await runtime.invoke('get-model', { action: 'huge' }).catch((error: Error) => error);
    // Assess
    expect(huge).toMatchObject({ name: 'Function.ResponseSizeTooLarge' });
  });
});

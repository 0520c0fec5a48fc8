import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { bundleDirOf } from '../../infra/aws/bundle-cache.ts';
import { bundleFunction } from '../../infra/aws/bundling.ts';
import { type BuiltStack, buildStack, functionLogicalId } from './stack-harness.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'dvk-bundle-'));
let built: BuiltStack;
beforeAll(() => {
  built = buildStack();
}, 300_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The code directory the synthesized stack uploads for a function. */
function deployedDir(name: string): string {
  const fn = built.template.findResources('AWS::Lambda::Function')[functionLogicalId(built.template, name)];
  const assetKey = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
  return path.join(built.app.outdir, `asset.${assetKey}`);
}

describe('bundleFunction', () => {
  it.each(functions.map((spec) => [spec.name] as const))(
    '%s deploys the very bytes the embedded runtime runs, as a fresh build makes them, and nothing else',
    async (name) => {
      // Prepare: the global setup brought the cache up to date, as `npm start` and `cdk synth` do
      const cached = readFileSync(path.join(bundleDirOf(name), 'index.mjs'));
      // Act
      const { file, bytes } = await bundleFunction(name, outdir);
      // Assess
      const fresh = readFileSync(file);
      expect(bytes).toBe(fresh.length);
      expect(fresh.equals(cached)).toBe(true);
      expect(readdirSync(deployedDir(name))).toEqual(['index.mjs']);
      expect(readFileSync(path.join(deployedDir(name), 'index.mjs')).equals(cached)).toBe(true);
    },
  );

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s imports at run time only Node built-ins and the AWS SDK the Lambda runtime provides',
    (name) => {
      // Prepare
      const code = readFileSync(path.join(deployedDir(name), 'index.mjs'), 'utf8');
      // Act
      const specifiers = [
        // Static imports start a statement: `import{a as b}from"x";`, `import*as c from"y";`.
        ...code.matchAll(/(?:^|[;\n])\s*import\s*(?:[\w$*{}\s,]+?from\s*)?["']([^"']+)["']/g),
        ...code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
        ...code.matchAll(/\brequire\s*\(\s*["']([^"']+)["']\s*\)/g),
      ].map((match) => match[1] as string);
      const builtins = new Set(builtinModules.flatMap((module) => [module, `node:${module}`]));
      // Assess
      const foreign = specifiers.filter(
        (specifier) => !builtins.has(specifier) && !specifier.startsWith('@aws-sdk/'),
      );
      expect(specifiers).toContain('node:module');
      expect(foreign).toEqual([]);
    },
  );

  it('loads node:http and node:https through require in every bundle, never through their ESM facade (which loads undici)', () => {
    // Act
    const esmImports = functions.flatMap((spec) => {
      const code = readFileSync(path.join(deployedDir(spec.name), 'index.mjs'), 'utf8');
      return [...code.matchAll(/from\s*["'](?:node:)?(https?)["']/g)].map(
        (match) => `${spec.name}: ${match[1]}`,
      );
    });
    // Assess
    expect(esmImports).toEqual([]);
  });

  it('leaves out the modules a function does not use (sources side-effect free): listing cells loads no Cognito, SES or Step Functions client', () => {
    // Act
    const code = readFileSync(path.join(deployedDir('list-cells'), 'index.mjs'), 'utf8');
    const clients = [...code.matchAll(/from\s*["']@aws-sdk\/(client-[a-z0-9-]+)["']/g)].map(
      (match) => match[1],
    );
    // Assess
    expect([...new Set(clients)].sort()).toEqual(['client-dynamodb']);
  });

  it('emits an ES module that leaves the AWS SDK to the runtime and gives CommonJS code a require', async () => {
    // Prepare
    const [spec] = functions;
    if (!spec) throw new Error('the catalog has no function');
    // Act
    const { file } = await bundleFunction(spec.name, outdir);
    // Assess
    const code = readFileSync(file, 'utf8');
    expect(path.basename(file)).toBe('index.mjs');
    expect(code.startsWith("import { createRequire as __dvkCreateRequire } from 'node:module';")).toBe(true);
    expect(code).toMatch(/from\s*"@aws-sdk\//);
    expect(code).not.toMatch(/\n\s*\/\/ /);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { bundleFunction } from '../../infra/aws/bundling.ts';
import { type BuiltStack, buildStack, functionLogicalId } from './stack-harness.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'dvk-bundle-'));
let built: BuiltStack;
// Bundling every function through the CDK takes a while on a busy machine.
beforeAll(() => {
  built = buildStack(undefined, { bundle: true });
}, 300_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('bundleFunction', () => {
  it.each(functions.map((spec) => [spec.name] as const))(
    '%s bundles to the very bytes the CDK app deploys',
    async (name) => {
      // Prepare
      const fn =
        built.template.findResources('AWS::Lambda::Function')[functionLogicalId(built.template, name)];
      const assetKey = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
      const deployed = readFileSync(path.join(built.app.outdir, `asset.${assetKey}`, 'index.mjs'));
      // Act
      const { file, bytes } = await bundleFunction(name, outdir);
      // Assess
      const ours = readFileSync(file);
      expect(bytes).toBe(ours.length);
      expect(ours.equals(deployed)).toBe(true);
    },
  );

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s imports at run time only Node built-ins and the AWS SDK the Lambda runtime provides',
    async (name) => {
      // Prepare
      const { file } = await bundleFunction(name, outdir);
      const code = readFileSync(file, 'utf8');
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

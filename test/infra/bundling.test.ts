import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { bundleDirOf, bundleFilesOf } from '../../infra/aws/bundle-cache.ts';
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

/** Every file a function deploys, by name, as text. */
function deployedCode(name: string): ReadonlyMap<string, string> {
  const dir = deployedDir(name);
  return new Map(readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
}

describe('bundleFunction', () => {
  it.each(functions.map((spec) => [spec.name] as const))(
    '%s deploys the very bytes the embedded runtime runs, as a fresh build makes them, and nothing else',
    async (name) => {
      // Prepare: the global setup brought the cache up to date, as `npm start` and `cdk synth` do
      const files = bundleFilesOf(name) ?? [];
      const cached = files.map((file) => readFileSync(path.join(bundleDirOf(name), file)));
      // Act
      const built = await bundleFunction(name, outdir);
      // Assess
      expect(files[0]).toBe('index.mjs');
      expect(built.files).toEqual(files);
      expect(built.file).toBe(path.join(outdir, name, 'index.mjs'));
      const fresh = built.files.map((file) => readFileSync(path.join(outdir, name, file)));
      expect(fresh.map((bytes, index) => bytes.equals(cached[index] ?? Buffer.alloc(0)))).toEqual(
        files.map(() => true),
      );
      expect(readdirSync(deployedDir(name)).sort()).toEqual([...files].sort());
      const deployed = files.map((file) => readFileSync(path.join(deployedDir(name), file)));
      expect(deployed.map((bytes, index) => bytes.equals(cached[index] ?? Buffer.alloc(0)))).toEqual(
        files.map(() => true),
      );
    },
  );

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s imports at run time only Node built-ins, the AWS SDK the Lambda runtime provides and its own chunks',
    (name) => {
      // Prepare
      const code = deployedCode(name);
      // Act
      const specifiers = [...code.values()].flatMap((text) =>
        [
          // Static imports start a statement: `import{a as b}from"x";`, `import*as c from"y";`.
          ...text.matchAll(/(?:^|[;\n])\s*import\s*(?:[\w$*{}\s,]+?from\s*)?["']([^"']+)["']/g),
          ...text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
          ...text.matchAll(/\brequire\s*\(\s*["']([^"']+)["']\s*\)/g),
        ].map((match) => match[1] as string),
      );
      const builtins = new Set(builtinModules.flatMap((module) => [module, `node:${module}`]));
      // Assess
      const foreign = specifiers.filter(
        (specifier) =>
          !builtins.has(specifier) &&
          !specifier.startsWith('@aws-sdk/') &&
          !(specifier.startsWith('./') && code.has(specifier.slice(2))),
      );
      expect(specifiers).toContain('node:module');
      expect(foreign).toEqual([]);
    },
  );

  it('leaves what a function imports on first use to chunks a cold start does not load: the PDF fonts, the document renderers, exceljs', async () => {
    // Act
    const document = await bundleFunction('get-document', outdir);
    const report = await bundleFunction('get-report', outdir);
    const entry = (name: string) => readFileSync(path.join(outdir, name, 'index.mjs'), 'utf8');
    // Assess
    expect(document.files.length).toBeGreaterThan(1);
    expect(document.bytes).toBeLessThan(300_000);
    expect(report.bytes).toBeLessThan(300_000);
    const chunks = document.files
      .slice(1)
      .map((file) => readFileSync(path.join(outdir, 'get-document', file)));
    // A TrueType font's base64 starts with its version 0x00010000: "AAEAAA".
    expect(chunks.some((chunk) => chunk.includes('"AAEAAA'))).toBe(true);
    expect(entry('get-document')).not.toContain('"AAEAAA');
    const reportChunks = report.files
      .slice(1)
      .map((file) => readFileSync(path.join(outdir, 'get-report', file)));
    expect(reportChunks.some((chunk) => chunk.includes('ExcelJS'))).toBe(true);
    expect(entry('get-report')).not.toContain('ExcelJS');
  });

  it('loads node:http and node:https through require in every bundle, never through their ESM facade (which loads undici)', () => {
    // Act
    const esmImports = functions.flatMap((spec) => {
      const code = [...deployedCode(spec.name).values()].join('\n');
      return [...code.matchAll(/from\s*["'](?:node:)?(https?)["']/g)].map(
        (match) => `${spec.name}: ${match[1]}`,
      );
    });
    // Assess
    expect(esmImports).toEqual([]);
  });

  it('leaves out the modules a function does not use (sources side-effect free): listing cells loads no Cognito, SES or Step Functions client', () => {
    // Act
    const code = [...deployedCode('list-cells').values()].join('\n');
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

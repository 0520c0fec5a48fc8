// The layers of docs/ARCHITECTURE.md, checked on every import: the domain is
// pure, the application layer reaches I/O only through the repositories, the
// workflow gateway, the outbox and the archive, and nothing deployable reaches
// back into infra/ or test/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path);
    return /\.(ts|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file imports (static, dynamic, and re-exports), as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm),
    ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((match) => match[1] as string);
}

/** Where a relative import lands, from the repository root. */
function target(file: string, specifier: string): string {
  return specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', specifier)) : specifier;
}

function violations(folder: string, forbidden: (landing: string) => boolean): string[] {
  return filesUnder(folder).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => forbidden(target(file, specifier)))
      .map((specifier) => `${file} imports ${specifier}`),
  );
}

describe('the layers (docs/ARCHITECTURE.md)', () => {
  it('keeps the domain pure: no AWS, no Node, no HTTP, only the time zone library and itself', () => {
    // Act
    const found = violations(
      'shared/domain',
      (landing) => !landing.startsWith('shared/domain/') && landing !== 'timezone-support/lookup-convert',
    );
    // Assess
    expect(found).toEqual([]);
  });

  it('keeps the application layer off the SDK and HTTP: I/O goes through shared/data, workflow, mail', () => {
    // Act
    const found = violations(
      'shared/services',
      (landing) =>
        landing.startsWith('@aws-sdk/') ||
        landing === 'aws-lambda' ||
        landing.startsWith('@middy/') ||
        landing.startsWith('shared/aws/') ||
        landing.startsWith('shared/http/'),
    );
    // Assess
    expect(found).toEqual([]);
  });

  it('lets nothing deployable reach into infra/ or test/', () => {
    // Act
    const found = ['functions', 'shared', 'web', 'statemachines'].flatMap((folder) =>
      violations(folder, (landing) => landing.startsWith('infra/') || landing.startsWith('test/')),
    );
    // Assess
    expect(found).toEqual([]);
  });

  it('keeps handlers thin: they reach the domain through the application layer, never the data layer', () => {
    // Act
    const found = violations(
      'functions',
      (landing) =>
        landing.startsWith('shared/data/') ||
        landing.startsWith('shared/aws/') ||
        landing.startsWith('@aws-sdk/'),
    );
    // Assess
    expect(found).toEqual([]);
  });

  it('loads the X-Ray tracer in the handler shell alone, so a process with no handler never pays its async hook', () => {
    // Act
    const found = ['functions', 'shared', 'infra', 'bench'].flatMap((folder) =>
      violations(folder, (landing) => landing.startsWith('@aws-lambda-powertools/tracer')),
    );
    // Assess
    expect(found).toEqual([
      'shared/handler-shell.ts imports @aws-lambda-powertools/tracer',
      'shared/handler-shell.ts imports @aws-lambda-powertools/tracer/middleware',
    ]);
  });

  it('imports no module for its effect alone: package.json declares the sources side-effect free, so a bundle drops a module none of whose exports it uses', () => {
    // Act
    const found = ['functions', 'shared', 'web'].flatMap((folder) =>
      filesUnder(folder).flatMap((file) =>
        [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*import\s+'([^']+)'/gm)].map(
          (match) => `${file} imports ${match[1]} for its effect`,
        ),
      ),
    );
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      sideEffects?: unknown;
    };
    // Assess
    expect(manifest.sideEffects).toBe(false);
    expect(found).toEqual([]);
  });

  it('sees the imports it checks (a guard against a checker that matches nothing)', () => {
    // Act
    const sample = importsOf('shared/services/registration.ts');
    // Assess
    expect(sample.some((specifier) => specifier.includes('data/models.ts'))).toBe(true);
  });
});

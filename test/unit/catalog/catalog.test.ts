import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions, handlerEntry, schedules, stateMachines } from '../../../functions/catalog.ts';
import { accessMatrixMarkdown } from '../../../infra/access-matrix.ts';
import { openApiYaml } from '../../../infra/openapi.ts';
import { ENV } from '../../../shared/env.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

describe('functions/catalog.ts, the one list of functions, routes, state machines and schedules', () => {
  it('names every handler folder, and every entry has its handler', () => {
    const folders = readdirSync(join(ROOT, 'functions')).filter((name) =>
      statSync(join(ROOT, 'functions', name)).isDirectory(),
    );
    expect(folders.sort()).toEqual(functions.map((spec) => spec.name).sort());
    for (const spec of functions)
      expect(existsSync(join(ROOT, handlerEntry(spec))), handlerEntry(spec)).toBe(true);
  });

  it('gives each function a kebab-case name, a trigger, and sane memory and timeout', () => {
    for (const spec of functions) {
      expect(spec.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(
        Boolean(spec.routes?.length) !== Boolean(spec.invokedBy),
        `${spec.name}: a route or an invoker, not both`,
      ).toBe(true);
      expect(spec.memoryMb).toBeGreaterThanOrEqual(128);
      expect(spec.timeoutSeconds).toBeLessThanOrEqual(spec.routes ? 29 : 900);
      for (const name of spec.env) expect(Object.values(ENV)).toContain(name);
    }
  });

  it('has no two functions on one route', () => {
    const routes = functions.flatMap((spec) =>
      (spec.routes ?? []).map((route) => `${route.method} ${route.path}`),
    );
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('fills every placeholder of every state machine, with catalog functions only', () => {
    for (const machine of stateMachines) {
      const text = readFileSync(join(ROOT, machine.definition), 'utf8');
      const placeholders = new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]));
      expect([...placeholders].sort()).toEqual(Object.keys(machine.functionArns).sort());
      for (const name of Object.values(machine.functionArns)) {
        expect(functions.find((spec) => spec.name === name)?.invokedBy).toBe('workflow');
      }
    }
  });

  it('targets schedules at catalog state machines, in the Hanoi time zone', () => {
    for (const schedule of schedules) {
      expect(schedule.timeZone).toBe('Asia/Ho_Chi_Minh');
      if ('stateMachine' in schedule.target) {
        const target = schedule.target.stateMachine;
        expect(stateMachines.map((machine) => machine.name)).toContain(target);
      }
    }
  });

  it('declares who may call every route, and on what scope (the access matrix)', () => {
    // Act
    const undeclared = functions
      .flatMap((spec) => spec.routes ?? [])
      .filter((route) => !route.access || Object.keys(route.access.roles).length === 0)
      .map((route) => `${route.method} ${route.path}`);
    // Assess
    expect(undeclared).toEqual([]);
  });

  it('keeps docs/access-matrix.md generated from the declarations (npm run access-matrix)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'access-matrix.md'), 'utf8')).toBe(accessMatrixMarkdown());
  });

  it('keeps docs/openapi.yaml generated from the current schemas (npm run openapi)', async () => {
    expect(readFileSync(join(ROOT, 'docs', 'openapi.yaml'), 'utf8')).toBe(await openApiYaml());
  });
});

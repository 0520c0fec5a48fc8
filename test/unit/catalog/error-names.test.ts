// The state machines' Retry and Catch match errors by name, and Lambda reports
// a function's error by `error.name`. The deployed bundles are minified, which
// renames classes: a name derived from a class would never match on AWS. These
// tests hold every matched name to a literal that some error class declares.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateMachines } from '../../../functions/catalog.ts';
import * as domainErrors from '../../../shared/domain/errors.ts';
import { CYCLE_CALLBACK_ERRORS } from '../../../shared/workflow/model-cycle.ts';
import * as taskErrors from '../../../shared/workflow/task-errors.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** Every name in every ErrorEquals of a definition, with the state that matches it. */
function matchedNames(definition: unknown, state = ''): { name: string; state: string }[] {
  if (Array.isArray(definition)) return definition.flatMap((item) => matchedNames(item, state));
  if (!definition || typeof definition !== 'object') return [];
  return Object.entries(definition as Record<string, unknown>).flatMap(([key, value]) => {
    if (key === 'ErrorEquals' && Array.isArray(value))
      return value.map((name) => ({ name: String(name), state }));
    return matchedNames(value, key === 'States' || key === 'Retry' || key === 'Catch' ? state : key || state);
  });
}

type ErrorClass = new (message: string) => Error;

function declaredClasses(module: Record<string, unknown>): ErrorClass[] {
  return Object.values(module).filter(
    (value): value is ErrorClass => typeof value === 'function' && value.prototype instanceof Error,
  );
}

// Raised by the runtime and the service rather than by our code (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
const SERVICE_NAMES = /^(States|Lambda|Sandbox)\.[A-Za-z]+$/;

const classes = [...declaredClasses(domainErrors), ...declaredClasses(taskErrors)];
const declared = new Set([
  ...classes.map((Class) => new Class('x').name),
  ...Object.values(CYCLE_CALLBACK_ERRORS),
]);

describe('error names the state machines match on', () => {
  it.each(stateMachines.map((machine) => [machine.name, machine.definition] as const))(
    '%s matches only service errors and names our error classes declare',
    (_name, file) => {
      // Prepare
      const definition = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as unknown;
      // Act
      const unknown = matchedNames(definition).filter(
        ({ name }) => !SERVICE_NAMES.test(name) && !declared.has(name),
      );
      // Assess
      expect(unknown).toEqual([]);
    },
  );

  it.each(classes.map((Class) => [Class.name, Class] as const))(
    '%s states its name as a literal that survives minification',
    (_name, Class) => {
      // Prepare: a subclass renamed as a minifier would rename it
      const Minified = { a: class extends Class {} }.a;
      // Act
      const error = new Minified('x');
      // Assess
      expect(error.name).toBe(new Class('x').name);
      expect(error.name).not.toBe('a');
      expect(error.name).toMatch(/^[A-Z][A-Za-z]+$/);
    },
  );
});

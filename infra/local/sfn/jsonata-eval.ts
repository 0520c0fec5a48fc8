// JSONata as Step Functions runs it: `{% ... %}` templates anywhere in a
// field's JSON, the reserved $states variable, workflow variables, and the
// functions Step Functions adds ($partition, $range, $hash, $random, $uuid,
// $parse). $now and $millis read the engine's virtual clock; $eval is refused,
// as on AWS.
import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { isJsonObject, type Json, type JsonObject, toJson } from './json.ts';
import { StatesError, StatesErrors } from './states-error.ts';

/** What an expression can see: $states and the variables in scope. */
export interface EvaluationScope {
  readonly states: {
    readonly input: Json;
    readonly result?: Json;
    readonly errorOutput?: Json;
    readonly context: JsonObject;
  };
  readonly variables: Readonly<Record<string, Json>>;
  /** Virtual now, in ms. */
  readonly now: number;
  /** The state being evaluated, for error causes. */
  readonly stateName: string;
}

const cache = new Map<string, jsonata.Expression>();

/** True when a string is a whole JSONata expression: `{%` at the start and `%}` at the end. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

/** Compiles (and caches) the body of a `{% ... %}` string; throws JSONata's syntax error. */
export function compileExpression(template: string): jsonata.Expression {
  const cached = cache.get(template);
  if (cached) return cached;
  const expression = jsonata(template.slice(2, -2));
  cache.set(template, expression);
  return expression;
}

/**
 * Evaluates a field value: strings that are `{% %}` expressions are evaluated,
 * objects and arrays are walked, everything else is literal.
 */
export async function evaluateTemplate(value: Json, scope: EvaluationScope, location: string): Promise<Json> {
  if (isExpression(value)) return evaluateExpression(value, scope, location);
  if (Array.isArray(value)) {
    const items: Json[] = [];
    for (const [index, item] of value.entries())
      items.push(await evaluateTemplate(item, scope, `${location}[${index}]`));
    return items;
  }
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value))
      out[key] = await evaluateTemplate(item, scope, `${location}/${key}`);
    return out;
  }
  return value;
}

/** Evaluates one `{% %}` expression to JSON; an error or an undefined result is States.QueryEvaluationError. */
export async function evaluateExpression(
  template: string,
  scope: EvaluationScope,
  location: string,
): Promise<Json> {
  let result: unknown;
  try {
    result = await compileExpression(template).evaluate(undefined, bindings(scope));
  } catch (error) {
    throw new StatesError(
      StatesErrors.queryEvaluationError,
      `An error occurred while evaluating the state '${scope.stateName}'. The JSONata expression '${template.slice(2, -2).trim()}' specified for the field '${location}' threw an error: ${describe(error)}`,
    );
  }
  if (result === undefined) {
    throw new StatesError(
      StatesErrors.queryEvaluationError,
      `An error occurred while evaluating the state '${scope.stateName}'. The JSONata expression '${template.slice(2, -2).trim()}' specified for the field '${location}' returned nothing (undefined).`,
    );
  }
  try {
    return toJson(result);
  } catch (error) {
    throw new StatesError(
      StatesErrors.queryEvaluationError,
      `The JSONata expression specified for the field '${location}' of state '${scope.stateName}' returned a value that is not JSON: ${describe(error)}`,
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isJsonObject(error as Json) && typeof (error as { message?: unknown }).message === 'string') {
    return String((error as { message: string }).message);
  }
  return String(error);
}

function bindings(scope: EvaluationScope): Record<string, unknown> {
  return {
    ...stepFunctionsLibrary(scope.now),
    ...scope.variables,
    states: scope.states,
  };
}

const fromMillis = jsonata('$fromMillis($ms, $picture, $timezone)');

function stepFunctionsLibrary(now: number): Record<string, unknown> {
  return {
    partition,
    range,
    hash,
    random,
    uuid: () => randomUUID(),
    parse,
    millis: () => now,
    now: (picture?: string, timezone?: string) =>
      picture === undefined && timezone === undefined
        ? new Date(now).toISOString()
        : fromMillis.evaluate(undefined, { ms: now, picture, timezone }),
    eval: () => {
      throw new Error('$eval is not supported in Step Functions; use $parse');
    },
  };
}

function partition(array: unknown, size: unknown): unknown[][] {
  if (!Array.isArray(array)) throw new Error('$partition: the first argument must be an array');
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    throw new Error('$partition: the chunk size must be a positive integer');
  }
  const chunks: unknown[][] = [];
  for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
  return chunks;
}

function range(start: unknown, end: unknown, step: unknown): number[] {
  if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number' || step === 0) {
    throw new Error('$range: start, end and a non-zero step must be numbers');
  }
  const values: number[] = [];
  for (let value = start; step > 0 ? value <= end : value >= end; value += step) {
    values.push(value);
    if (values.length > 1000) throw new Error('$range: at most 1000 elements');
  }
  return values;
}

const hashAlgorithms: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function hash(data: unknown, algorithm: unknown): string {
  const node = typeof algorithm === 'string' ? hashAlgorithms[algorithm] : undefined;
  if (!node) throw new Error(`$hash: the algorithm must be one of ${Object.keys(hashAlgorithms).join(', ')}`);
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return createHash(node).update(text, 'utf8').digest('hex');
}

function random(seed?: unknown): number {
  if (seed === undefined) return Math.random();
  // mulberry32 over a hash of the seed: the same seed always gives the same number, as documented.
  let state = createHash('sha256').update(String(seed)).digest().readUInt32LE(0);
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function parse(text: unknown): unknown {
  if (typeof text !== 'string') throw new Error('$parse: the argument must be a string');
  return JSON.parse(text);
}

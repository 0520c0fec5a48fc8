// Every request schema, fed wrong values at every field, answers in words for people: the field's
// label and the rule, never a code value, a key, a path, true/false, a format or zod's own wording.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as adminSchemas from '../../../shared/http/admin-schemas.ts';
import { fieldIssues } from '../../../shared/http/api-handler.ts';
import * as schemas from '../../../shared/http/schemas.ts';

type Schema = z.ZodMiniType;

const ALL: [string, Schema][] = Object.entries({ ...schemas, ...adminSchemas } as Record<string, unknown>)
  .filter((entry): entry is [string, Schema] => entry[1] instanceof z.ZodMiniType)
  // The field builders are schemas too; the exported request schemas are what handlers parse.
  .filter(([name]) => /(Body|Params|Query)$/.test(name));

const PROBES: unknown[] = [
  undefined,
  null,
  42,
  -1,
  1.5,
  1e9,
  '',
  ' ',
  'x',
  'not a choice',
  'bad id!',
  '2016-13-45',
  '99-99',
  'a'.repeat(10_001),
  true,
  [],
  {},
  ['x'],
  // A lone surrogate, a line break and a control character.
  'Tiêu đề \ud800 lỗi',
  'Dòng một\r\nDòng hai',
  'Chữ\u0000lạ',
];

type Def = { type: string; shape?: Record<string, Schema>; element?: Schema; innerType?: Schema };

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

/** The schema under optional, default and the like. */
function unwrap(schema: Schema): Schema {
  const def = defOf(schema);
  return def.innerType && ['optional', 'default', 'nullable', 'prefault'].includes(def.type)
    ? unwrap(def.innerType)
    : schema;
}

/** A value shaped like the schema whose every leaf is `probe`, with a stray key in each object. */
function build(schema: Schema, probe: unknown, depth = 0): unknown {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (depth > 6) return probe;
  if (def.type === 'object' && def.shape) {
    return {
      ...Object.fromEntries(
        Object.entries(def.shape).map(([key, child]) => [key, build(child, probe, depth + 1)]),
      ),
      strayKey: probe,
    };
  }
  if (def.type === 'array' && def.element) {
    const element = build(def.element, probe, depth + 1);
    return probe === undefined ? [element] : Array.from({ length: 60 }, () => element);
  }
  return probe;
}

/** Every key, enum value and literal a schema knows: words that must never reach a person. */
function codeWords(schema: Schema, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > 8) return into;
  const inner = unwrap(schema);
  const def = inner._zod.def as unknown as Def & {
    entries?: Record<string, string>;
    values?: unknown[];
    options?: Schema[];
  };
  if (def.shape) {
    for (const [key, child] of Object.entries(def.shape)) {
      into.add(key);
      codeWords(child, into, depth + 1);
    }
  }
  if (def.element) codeWords(def.element, into, depth + 1);
  for (const value of Object.values(def.entries ?? {})) into.add(String(value));
  for (const value of def.values ?? []) if (typeof value === 'string') into.add(value);
  for (const option of def.options ?? []) codeWords(option, into, depth + 1);
  return into;
}

const ALWAYS_FORBIDDEN = [
  'true',
  'false',
  'undefined',
  'null',
  'NaN',
  'MM-DD',
  'YYYY-MM-DD',
  'HH:mm:ss',
  'ISO',
  'JSON',
  'body',
  'query',
  'path',
  'headers',
  'Invalid',
  'expected',
  'Đầu vào không hợp lệ',
  'mong đợi',
  'nhận được',
  // The error map's fallback when a schema has no label.
  'Mục này',
];

function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_.-])${escaped}(?![\\p{L}\\p{N}_-])`, 'u').test(text);
}

describe('the messages of every request schema', () => {
  it('finds the schemas', () => {
    expect(ALL.length).toBeGreaterThan(25);
  });

  it.each(ALL)('%s words every problem for people', (_name, schema) => {
    // Prepare
    const inputs = PROBES.flatMap((probe) => [probe, build(schema, probe)]);
    const forbidden = [...codeWords(schema), ...ALWAYS_FORBIDDEN];

    // Act
    const messages = new Set<string>();
    for (const input of inputs) {
      const result = schema.safeParse(input);
      if (!result.success) for (const issue of fieldIssues(result.error, 'body')) messages.add(issue.message);
    }

    // Assess
    expect(messages.size).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message, message).toMatch(/^[“\p{Lu}]/u);
      expect(message, message).toMatch(/[.]$/);
      const leaked = forbidden.filter((word) => containsWord(message, word));
      expect(leaked, message).toEqual([]);
    }
  });
});

// JSON values as Step Functions sees them, and the payload quota that applies
// to every input, output, result and variable.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Step Functions' payload quota: 256 KiB of UTF-8. */
export const PAYLOAD_LIMIT_BYTES = 262_144;

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Size of the value once serialized, in UTF-8 bytes. */
export function jsonByteLength(value: Json): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * Turns what JSONata or a function returned into plain JSON: JSONata sequences
 * become arrays, undefined members disappear, functions are refused.
 */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'function') throw new TypeError('a function is not a JSON value');
    return inner;
  });
  return text === undefined ? null : (JSON.parse(text) as Json);
}

/** Parses JSON text, or returns undefined when it is not JSON. */
export function tryParseJson(text: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
}

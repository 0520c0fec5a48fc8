// What changed between two versions of a record, field by field, for the audit trail.

export type Changes = Record<string, { readonly from?: unknown; readonly to?: unknown }>;

// Bookkeeping fields say who and when; the audit entry itself carries those.
const STAMP_FIELDS = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'version']);

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The top-level fields whose values differ (a record that did not exist has every field new). */
export function fieldChanges(before: object | undefined, after: object): Changes {
  const from = (before ?? {}) as Record<string, unknown>;
  const to = after as Record<string, unknown>;
  const changes: Changes = {};
  for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (STAMP_FIELDS.has(field) || canonical(from[field]) === canonical(to[field])) continue;
    changes[field] = {
      ...(from[field] !== undefined ? { from: from[field] } : {}),
      ...(to[field] !== undefined ? { to: to[field] } : {}),
    };
  }
  return changes;
}

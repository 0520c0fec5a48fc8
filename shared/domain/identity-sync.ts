// What the user pool should hold for each person of the records, and how far it is from that:
// a sign-in per person (username, email, person id, name), its groups equal to the person's roles,
// enabled while the person is on the records. Pure, so the sync and the reconcile report share it.
import { ROLES, type Role } from './roles.ts';
import type { Person } from './types.ts';

/** A user as the pool should hold it. */
export interface DirectoryUser {
  readonly username: string;
  readonly email: string;
  readonly name: string;
  readonly personId: string;
  readonly cellId: string;
  readonly groups: readonly Role[];
}

/** A user as the pool holds it now. */
export interface PoolUser {
  readonly username: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly groups: readonly string[];
  readonly enabled: boolean;
}

/** One difference between the records and the pool, and what fixes it. */
export type Drift =
  | { readonly kind: 'missing'; readonly username: string }
  | { readonly kind: 'attributes'; readonly username: string; readonly names: readonly string[] }
  | {
      readonly kind: 'groups';
      readonly username: string;
      readonly add: readonly Role[];
      readonly remove: readonly string[];
    }
  | { readonly kind: 'disabled'; readonly username: string }
  | { readonly kind: 'orphan'; readonly username: string };

/** The pool's user for a person: groups are the roles, in the roles' order. */
export function directoryUserOf(person: Person): DirectoryUser {
  return {
    username: person.username,
    email: person.email,
    name: person.name,
    personId: person.id,
    cellId: person.cellId,
    groups: ROLES.filter((role) => person.roles.includes(role)),
  };
}

/** The attributes the pool keeps for a user (Cognito's names). */
export function attributesOf(user: DirectoryUser): Record<string, string> {
  return {
    email: user.email,
    email_verified: 'true',
    name: user.name,
    'custom:personId': user.personId,
    'custom:cellId': user.cellId,
  };
}

/** The groups to add and to remove so the user's groups equal their roles (other groups are left). */
export function groupChanges(
  wanted: readonly Role[],
  held: readonly string[],
): { add: Role[]; remove: string[] } {
  const roleNames: readonly string[] = ROLES;
  return {
    add: wanted.filter((role) => !held.includes(role)),
    remove: held.filter(
      (group) => roleNames.includes(group) && !(wanted as readonly string[]).includes(group),
    ),
  };
}

/** Every difference between the people records and the pool's users. */
export function identityDrift(people: readonly DirectoryUser[], pool: readonly PoolUser[]): Drift[] {
  const byName = new Map(pool.map((user) => [user.username, user]));
  const drift: Drift[] = [];
  for (const person of people) {
    const user = byName.get(person.username);
    if (!user) {
      drift.push({ kind: 'missing', username: person.username });
      continue;
    }
    const wanted = attributesOf(person);
    const names = Object.keys(wanted).filter(
      (name) => name !== 'email_verified' && user.attributes[name] !== wanted[name],
    );
    if (names.length > 0) drift.push({ kind: 'attributes', username: person.username, names });
    const { add, remove } = groupChanges(person.groups, user.groups);
    if (add.length > 0 || remove.length > 0)
      drift.push({ kind: 'groups', username: person.username, add, remove });
    if (!user.enabled) drift.push({ kind: 'disabled', username: person.username });
  }
  const known = new Set(people.map((person) => person.username));
  for (const user of pool)
    if (user.enabled && !known.has(user.username)) drift.push({ kind: 'orphan', username: user.username });
  return drift;
}

/** Where a recorded sync of a person's sign-in stands. */
export type IdentitySyncStatus = 'pending' | 'done' | 'failed';

/**
 * One change of the records that the pool must follow, recorded before it is applied: the person
 * and the version of their record that asked for it. Applying it reads the person's current record,
 * so syncs that run late or out of order all end at the same state.
 */
export interface IdentitySyncItem {
  readonly id: string;
  readonly personId: string;
  /** The sign-in to disable if the person is gone when the sync runs. */
  readonly username: string;
  /** The record's version (its last change's instant) that asked for the sync. */
  readonly recordVersion: string;
  readonly status: IdentitySyncStatus;
  readonly createdAt: string;
  readonly attempts: number;
  readonly lastError?: string;
  readonly doneAt?: string;
  readonly failedAt?: string;
  /** Why it failed, in words for the Office. */
  readonly failure?: string;
  /** The item's own version, for conditional writes. */
  readonly version: number;
}

/** The Office's sentence for a sync that failed after every retry. */
export function identitySyncFailureReason(username: string, attempts: number): string {
  return `Chưa cập nhật được tài khoản đăng nhập “${username}” sau ${attempts} lần thử; hãy chạy lại đối chiếu tài khoản.`;
}

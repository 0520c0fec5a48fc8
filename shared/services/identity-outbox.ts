// Every change of a person's record reaches the user pool, never lost. The writer records a sync
// item keyed by the person and the record's version before anything is called, then starts its
// workflow under a name derived from it. The workflow's task reads the person's CURRENT record
// and creates, updates or disables the user (so syncs that run late or out of order converge),
// retrying with backoff; after the last retry the failure is recorded for the Office. The daily
// plan restarts any sync a crash left recorded but never started.
import { createHash } from 'node:crypto';
import { identitySyncRepository } from '../data/identity-sync.ts';
import { personRepository, type StoredPerson } from '../data/people.ts';
import { NotFoundError } from '../domain/errors.ts';
import {
  directoryUserOf,
  type IdentitySyncItem,
  type IdentitySyncStatus,
  identitySyncFailureReason,
} from '../domain/identity-sync.ts';
import type { Person } from '../domain/types.ts';
import { ENV, requireEnv } from '../env.ts';
import { disableUser, syncUser } from '../identity/cognito-users.ts';
import { countEvent } from '../observability.ts';
import { workflows } from '../workflow/gateway.ts';
import type { IdentitySyncInput } from '../workflow/identity-sync.ts';
import { IdentitySyncDeferredError } from '../workflow/task-errors.ts';

/** The sync id (and execution name) of a person's record version: 32 hex characters. */
export function identitySyncId(personId: string, recordVersion: string): string {
  return createHash('sha256').update(`identity#${personId}#${recordVersion}`).digest('hex').slice(0, 32);
}

/** The version of a stored record: the instant of its last change. */
export function recordVersionOf(person: StoredPerson, fallback: string): string {
  return person.updatedAt ?? person.createdAt ?? fallback;
}

/**
 * Records that the pool must follow this version of a person's record (once per version) and
 * makes sure its sync runs. Run again after a crash, it finds the record and only restarts what
 * is missing.
 */
export async function requestIdentitySync(
  person: Pick<Person, 'id' | 'username'>,
  recordVersion: string,
  at: string,
): Promise<{ id: string; created: boolean }> {
  const id = identitySyncId(person.id, recordVersion);
  const item: IdentitySyncItem = {
    id,
    personId: person.id,
    username: person.username,
    recordVersion,
    status: 'pending',
    createdAt: at,
    attempts: 0,
    version: 0,
  };
  const created = await identitySyncRepository.create(item);
  if (!created) {
    const existing = await identitySyncRepository.get(person.id, recordVersion);
    if (existing?.status !== 'pending') return { id, created };
  }
  await workflows.startIdentitySync({ personId: person.id, recordVersion }, id);
  return { id, created };
}

/** The sync task's input: the recorded change and the workflow's clock. */
export interface IdentitySyncEvent extends IdentitySyncInput {
  readonly at: string;
}

async function itemOrFail(event: IdentitySyncInput): Promise<IdentitySyncItem> {
  const item = await identitySyncRepository.get(event.personId, event.recordVersion);
  if (!item) throw new NotFoundError(`Không có yêu cầu cập nhật tài khoản của người mã “${event.personId}”.`);
  return item;
}

/**
 * The sync step: makes the person's user match their current record (or disables it when the
 * person is gone). A failure is recorded as an attempt and thrown as IdentitySyncDeferred for the
 * workflow's Retry; each call is whole and repeatable, so retrying is always safe.
 */
export async function applyIdentitySync(event: IdentitySyncEvent): Promise<{ status: IdentitySyncStatus }> {
  const item = await itemOrFail(event);
  if (item.status === 'done') return { status: item.status };
  const poolId = requireEnv(ENV.userPoolId);
  try {
    const person = await personRepository.get(item.personId);
    if (person) await syncUser(poolId, directoryUserOf(person));
    else await disableUser(poolId, item.username);
  } catch (error) {
    const detail = `${error instanceof Error ? error.name : 'Error'}: ${error instanceof Error ? error.message : String(error)}`;
    await identitySyncRepository.update(item.personId, item.recordVersion, (current) =>
      current.status === 'done'
        ? undefined
        : { ...current, attempts: current.attempts + 1, lastError: detail },
    );
    throw new IdentitySyncDeferredError(detail);
  }
  await identitySyncRepository.update(item.personId, item.recordVersion, (current) =>
    current.status === 'done'
      ? undefined
      : { ...current, status: 'done', doneAt: event.at, attempts: current.attempts + 1 },
  );
  countEvent('IdentitySynced');
  return { status: 'done' };
}

/** The sync's last step when every retry failed: the item is failed, with the reason in words. */
export async function recordIdentitySyncFailure(
  event: IdentitySyncEvent,
): Promise<{ status: IdentitySyncStatus }> {
  const written = await identitySyncRepository.update(event.personId, event.recordVersion, (current) =>
    current.status !== 'pending'
      ? undefined
      : {
          ...current,
          status: 'failed',
          failedAt: event.at,
          failure: identitySyncFailureReason(current.username, current.attempts),
        },
  );
  countEvent('IdentitySyncFailed');
  return { status: written?.status ?? 'failed' };
}

/** How long a recorded sync may wait for its workflow before the sweep restarts it. */
const SWEEP_GRACE_MS = 15 * 60 * 1000;

/**
 * The daily sweep (run by the periodic review's plan): a sync still pending well after it was
 * recorded whose workflow is not running (a crash between the record and the start) is started.
 * Idempotent per day by the execution's name.
 */
export async function sweepIdentitySyncs(event: {
  readonly scheduledTime: string;
}): Promise<{ restarted: string[] }> {
  const before = new Date(Date.parse(event.scheduledTime) - SWEEP_GRACE_MS).toISOString();
  const pending = await identitySyncRepository.listByStatus('pending', { before });
  const restarted: string[] = [];
  for (const item of pending) {
    const input = { personId: item.personId, recordVersion: item.recordVersion };
    if ((await workflows.startIdentitySync(input, item.id)) === 'started') {
      restarted.push(item.id);
      continue;
    }
    if (await workflows.identitySyncRunning(item.id)) continue;
    const day = event.scheduledTime.slice(0, 10).replace(/-/g, '');
    if ((await workflows.startIdentitySync(input, `${item.id}-s${day}`)) === 'started')
      restarted.push(item.id);
  }
  return { restarted };
}

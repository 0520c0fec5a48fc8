// Who is calling, as the registry knows them now. A token's groups are what
// the person held when they signed in, up to an hour ago; a role the Office
// has since removed must stop working at once, so writes go by the person's
// current roles.
import { personRepository } from '../data/people.ts';
import { type RecordRequest, type Records, readRecords } from '../data/records.ts';
import { UnauthenticatedError } from '../domain/errors.ts';
import type { Caller, Person } from '../domain/types.ts';

/** The caller with only the token's roles the person (as on record now) still holds; no record is refused. */
export function withCurrentRoles(caller: Caller, person: Person | undefined): Caller {
  if (!person)
    throw new UnauthenticatedError('Tài khoản của bạn không gắn với người nào trong danh sách của Đảng bộ.');
  const roles = caller.roles.filter((role) => person.roles.includes(role));
  return roles.length === caller.roles.length ? caller : { ...caller, roles };
}

/** The caller with only the token's roles the person still holds; a person no longer on record is refused. */
export async function currentCaller(caller: Caller): Promise<Caller> {
  return withCurrentRoles(caller, await personRepository.get(caller.personId));
}

/**
 * The records a request reads first, in the same request as the caller's own
 * record, and the caller judged by it: one round trip where there would be two.
 */
export async function currentCallerWith(
  caller: Caller,
  request: RecordRequest,
): Promise<{ caller: Caller; records: Records }> {
  const records = await readRecords({ ...request, people: [caller.personId, ...(request.people ?? [])] });
  return { caller: withCurrentRoles(caller, records.people.get(caller.personId)), records };
}

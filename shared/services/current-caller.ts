// Who is calling, as the registry knows them now. A token's groups are what
// the person held when they signed in, up to an hour ago; a role the Office
// has since removed must stop working at once, so writes go by the person's
// current roles.
import { personRepository } from '../data/people.ts';
import { UnauthenticatedError } from '../domain/errors.ts';
import type { Caller } from '../domain/types.ts';

/** The caller with only the token's roles the person still holds; a person no longer on record is refused. */
export async function currentCaller(caller: Caller): Promise<Caller> {
  const person = await personRepository.get(caller.personId);
  if (!person)
    throw new UnauthenticatedError('Tài khoản của bạn không gắn với người nào trong danh sách của Đảng bộ.');
  const roles = caller.roles.filter((role) => person.roles.includes(role));
  return roles.length === caller.roles.length ? caller : { ...caller, roles };
}

// The people of a cell, for the registration form's person picker.

import { personRepository } from '../data/people.ts';
import { ForbiddenError } from '../domain/errors.ts';
import type { Role } from '../domain/roles.ts';
import type { Caller } from '../domain/types.ts';
import { callerPerson, cellOrFail, mayReadCell } from './model-access.ts';

/** What the picker needs of a person; email and supervision stay private. */
export interface CellPerson {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly roles: readonly Role[];
}

/** GET /api/cells/{cellId}/people: the cell's people, by name (one Query on the cell's index). */
export async function listCellPeople(caller: Caller, cellId: string): Promise<CellPerson[]> {
  const person = await callerPerson(caller);
  if (!mayReadCell(caller, person, cellId)) {
    throw new ForbiddenError('Bạn không được xem danh sách người của chi bộ khác.', [
      { path: 'cellId', message: 'Chỉ xem được danh sách người của chi bộ mình.' },
    ]);
  }
  await cellOrFail(cellId);
  const people = await personRepository.listByCell(cellId);
  return people.map(({ id, name, username, roles }) => ({ id, name, username, roles }));
}

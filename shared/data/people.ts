// The people of the committee, and the guard "one person per username".
import type { Person, Stamp } from '../domain/types.ts';
import { keys } from './keys.ts';
import { deleteItem, getItem, getItems, putItem, queryIndex } from './table.ts';

/** A person as stored, with who made and changed the record. */
export type StoredPerson = Person & Partial<Stamp>;

function personItem(person: StoredPerson) {
  return {
    ...person,
    ...keys.person(person.id),
    ...keys.personIndexes(person.cellId, person.name, person.id, person.username),
    entity: 'person',
  };
}

/** The people. */
export const personRepository = {
  get: (personId: string) => getItem<StoredPerson>(keys.person(personId)),
  /** Several people in one request, in the order asked. */
  getMany: (personIds: readonly string[]) => getItems<StoredPerson>(personIds.map((id) => keys.person(id))),
  /** The person signing in with a username (one Query on its index). */
  findByUsername: async (username: string) =>
    (await queryIndex<StoredPerson>('gsi2', keys.usernamePartition(username)))[0],
  /** A cell's people, by name (one Query). */
  listByCell: (cellId: string) => queryIndex<StoredPerson>('gsi1', keys.cellPeoplePartition(cellId)),
  /** Creates a person unless the id is taken; returns whether it did. */
  create: (person: Person & Stamp) => putItem(personItem(person), { expression: 'attribute_not_exists(pk)' }),
  /** Writes a person (created or replaced): imports rewrite a row the same way every time. */
  put: async (person: StoredPerson): Promise<void> => {
    await putItem(personItem(person));
  },

  /** Deletes a person's record if it is still the version read; returns whether it did. */
  remove: (person: StoredPerson) =>
    deleteItem(keys.person(person.id), {
      expression: 'username = :username AND cellId = :cellId',
      values: { ':username': person.username, ':cellId': person.cellId },
    }),

  /** Claims a username for a person; answers the holder's id when another person holds it. */
  async claimUsername(username: string, personId: string): Promise<string | undefined> {
    const key = keys.usernameGuard(username);
    const claimed = await putItem(
      { ...key, personId, entity: 'guard' },
      { expression: 'attribute_not_exists(pk) OR personId = :id', values: { ':id': personId } },
    );
    if (claimed) return undefined;
    return (await getItem<{ personId: string }>(key))?.personId ?? '';
  },
  releaseUsername: async (username: string, personId: string): Promise<void> => {
    await deleteItem(keys.usernameGuard(username), {
      expression: 'personId = :id',
      values: { ':id': personId },
    });
  },
};

// Shared test data: the seed campaign and organization, and small builders around them.
import campaignJson from '../../../infra/local/seed/campaign-2016-2020.json' with { type: 'json' };
import organizationJson from '../../../infra/local/seed/demo-organization.json' with { type: 'json' };
import { instantAt } from '../../../shared/domain/calendar.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import type { Role } from '../../../shared/domain/roles.ts';
import type { Caller, Campaign, Cell, Person } from '../../../shared/domain/types.ts';

/** The seed campaign 2016–2020, typed. */
export const seedCampaign = campaignJson as Campaign;

const organization = organizationJson as { cells: Cell[]; people: Person[] };

/** A seed cell by id; throws if the seed lost it. */
export function seedCell(id: string): Cell {
  const cell = organization.cells.find((candidate) => candidate.id === id);
  if (!cell) throw new Error(`seed cell ${id} missing`);
  return cell;
}

/** A seed person by id; throws if the seed lost them. */
export function seedPerson(id: string): Person {
  const person = organization.people.find((candidate) => candidate.id === id);
  if (!person) throw new Error(`seed person ${id} missing`);
  return person;
}

/** The caller a person's token would give, optionally with other roles. */
export function callerOf(person: Person, roles: readonly Role[] = person.roles): Caller {
  return { personId: person.id, username: person.username, roles };
}

/** A hand-made person, for cases the seed does not cover. */
export function person(id: string, cellId: string, roles: readonly Role[]): Person {
  return { id, username: id, name: `Người ${id}`, email: `${id}@example.vn`, cellId, roles };
}

/** The seed campaign with some fields replaced. */
export function campaignWith(overrides: Partial<Campaign>): Campaign {
  return { ...seedCampaign, ...overrides };
}

/** Shorthand: the instant of `dd/mm/yyyy HH:mm:ss` in Asia/Ho_Chi_Minh. */
export function at(text: string): Date {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}:\d{2}:\d{2}))?$/.exec(text);
  if (!match) throw new Error(`bad test instant ${text}`);
  return instantAt(`${match[3]}-${match[2]}-${match[1]}`, match[4] ?? '00:00:00');
}

/** Runs `act` and returns the error it threw, failing the test if it threw nothing. */
export function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

/** The field paths of a domain error, for asserting which rule refused. */
export function pathsOf(error: unknown): string[] {
  if (error instanceof DomainError) return error.fields.map((field) => field.path);
  throw new Error(`not a DomainError: ${String(error)}`);
}

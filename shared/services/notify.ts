import { personRepository } from '../data/people.ts';
import { type Records, readRecords } from '../data/records.ts';
import type { Model } from '../domain/model.ts';
import type { Person } from '../domain/types.ts';
import { ENV, requireEnv } from '../env.ts';
import { addressTo, type MailContent, type MailContext, type Recipient } from '../mail/templates.ts';
import { enqueueMails } from './outbox.ts';

/** A person as a recipient, with the title the greeting gives them. */
export function recipientOf(person: Person, title?: string): Recipient {
  return { email: person.email, name: person.name, ...(title ? { title } : {}) };
}

/** The people a model names: the person it is for and the one who registered it. */
export function modelPeople(model: Pick<Model, 'personId' | 'registeredBy'>): string[] {
  return [model.personId, model.registeredBy].filter((id): id is string => !!id);
}

/**
 * Emails the people concerned by a model — its person, its registrant and the
 * cell's secretary — one message each, recorded in the outbox under
 * `key#<person>` so that a step which runs again sends nothing twice. A
 * step that read the cell and the model's people already passes them on.
 */
export async function notifyModelPeople(
  model: Model,
  key: string,
  at: string,
  compose: (context: MailContext) => MailContent,
  read?: Records,
): Promise<void> {
  // One read for the cell and the model's people; the secretary is usually among them already.
  const known = modelPeople(model);
  const records = read ?? (await readRecords({ cells: [model.cellId], people: known }));
  const cell = records.cells.get(model.cellId);
  const found = new Map(records.people);
  if (cell?.secretaryId && !found.has(cell.secretaryId)) {
    const secretary = await personRepository.get(cell.secretaryId);
    if (secretary) found.set(secretary.id, secretary);
  }
  const ids = [...new Set([...known, cell?.secretaryId].filter((id): id is string => !!id))];
  const people = ids.map((id) => found.get(id)).filter((person): person is Person => person !== undefined);
  const subject = people.find((person) => person.id === model.personId);
  const cellName = cell?.name ?? model.cellId;
  const content = compose({
    webUrl: requireEnv(ENV.webUrl),
    cellName,
    ...(subject ? { personName: subject.name } : {}),
  });
  await enqueueMails(
    people.map((person) => ({
      key: `${key}#${person.id}`,
      mail: addressTo(
        recipientOf(person, person.id === cell?.secretaryId ? `Bí thư ${cellName}` : undefined),
        content,
      ),
      about: { modelId: model.id, campaignId: model.campaignId },
    })),
    at,
  );
}

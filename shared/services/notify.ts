import { dynamoCells, dynamoPeople } from '../data/dynamo-repositories.ts';
import type { Model } from '../domain/model.ts';
import { ENV, requireEnv } from '../env.ts';
import { type Mail, sendMail } from '../mail/mailer.ts';
import type { MailContext } from '../mail/templates.ts';

/** Emails the people concerned by a model — its person, its registrant and the cell's secretary. */
export async function notifyModelPeople(
  model: Model,
  compose: (to: readonly string[], context: MailContext) => Mail,
): Promise<void> {
  const cell = await dynamoCells.get(model.cellId);
  const ids = [
    ...new Set([model.personId, model.registeredBy, cell?.secretaryId].filter((id): id is string => !!id)),
  ];
  const people = await Promise.all(ids.map((id) => dynamoPeople.get(id)));
  const subject = model.personId ? people[ids.indexOf(model.personId)] : undefined;
  const to = people.flatMap((person) => (person ? [person.email] : []));
  await sendMail(
    compose(to, {
      webUrl: requireEnv(ENV.webUrl),
      cellName: cell?.name ?? model.cellId,
      ...(subject ? { personName: subject.name } : {}),
    }),
  );
}

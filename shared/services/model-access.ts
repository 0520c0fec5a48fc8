// Loading what a request needs and deciding who may read what — shared by
// every model route.

import { campaignRepository } from '../data/campaigns.ts';
import { cellRepository } from '../data/cells.ts';
import { extensionRepository } from '../data/extensions.ts';
import { modelRepository, publicModel, type StoredModel } from '../data/models.ts';
import { personRepository } from '../data/people.ts';
import { readsEverything } from '../domain/access.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../domain/errors.ts';
import type { Model, ModelView } from '../domain/model.ts';
import { type Extension, mayReturn } from '../domain/registration.ts';
import { supervisesCell } from '../domain/supervision.ts';
import type { Caller, Campaign, Cell, Person } from '../domain/types.ts';

/** The caller's own person record; a token for a person the registry does not know is refused. */
export async function callerPerson(caller: Caller): Promise<Person> {
  const person = await personRepository.get(caller.personId);
  if (!person)
    throw new UnauthenticatedError('Tài khoản của bạn không gắn với người nào trong danh sách của Đảng bộ.');
  return person;
}

/** A campaign by id, or 404. */
export async function campaignOrFail(campaignId: string): Promise<Campaign> {
  const campaign = await campaignRepository.get(campaignId);
  if (!campaign) throw new NotFoundError(`Không có phong trào thi đua mã “${campaignId}”.`);
  return campaign;
}

/** A cell by id, or 404. */
export async function cellOrFail(cellId: string): Promise<Cell> {
  const cell = await cellRepository.get(cellId);
  if (!cell) throw new NotFoundError(`Không có chi bộ mã “${cellId}”.`);
  return cell;
}

/** A person by id, or 404. */
export async function personOrFail(personId: string): Promise<Person> {
  const person = await personRepository.get(personId);
  if (!person) throw new NotFoundError(`Không có người mã “${personId}”.`);
  return person;
}

/** Whether the caller may read this model: everything for Office, committee, inspectors; own cell for its secretary; own models for a member. */
export function mayReadModel(
  caller: Caller,
  person: Person,
  model: Pick<Model, 'cellId' | 'personId' | 'registeredBy'>,
): boolean {
  if (readsEverything(caller)) return true;
  if (caller.roles.includes('secretary') && person.cellId === model.cellId) return true;
  return model.personId === person.id || model.registeredBy === person.id;
}

/** Whether the caller may read a whole cell's data. */
export function mayReadCell(caller: Caller, person: Person, cellId: string): boolean {
  return readsEverything(caller) || person.cellId === cellId;
}

/** A model the caller may read, or 404 (a model one may not read is not admitted to exist). */
export async function readableModel(
  caller: Caller,
  modelId: string,
): Promise<{ model: StoredModel; person: Person }> {
  const [model, person] = await Promise.all([modelRepository.get(modelId), callerPerson(caller)]);
  if (!model || !mayReadModel(caller, person, model))
    throw new NotFoundError(`Không có mô hình mã “${modelId}”.`);
  return { model, person };
}

/** The Office's late registration of a cell for a year, as the registration rules read it. */
export async function extensionFor(
  campaignId: string,
  year: number,
  cellId: string,
): Promise<Extension | undefined> {
  const stored = await extensionRepository.get(campaignId, year, cellId);
  return stored ? { cellId, closesBefore: new Date(stored.closesBefore), reason: stored.reason } : undefined;
}

/** GET /api/models/{id}: the model as clients see it, for whoever may read it, with what they may do to it. */
export async function readModel(caller: Caller, modelId: string, now: Date): Promise<ModelView> {
  const { model, person } = await readableModel(caller, modelId);
  const offered = await returnOffered(caller, person, model, now);
  return { ...publicModel(model), ...(offered ? { mayReturn: true } : {}) };
}

// Reads what the return rule needs only for those who might return the model now.
async function returnOffered(caller: Caller, person: Person, model: StoredModel, now: Date) {
  const candidate =
    model.status === 'implementing' &&
    (caller.roles.includes('office') ||
      (caller.roles.includes('committee') && supervisesCell(person, model.cellId)));
  if (!candidate) return false;
  const [campaign, modelCell, extension] = await Promise.all([
    campaignRepository.get(model.campaignId),
    cellRepository.get(model.cellId),
    extensionFor(model.campaignId, model.year, model.cellId),
  ]);
  if (!campaign) return false;
  return mayReturn({
    campaign,
    now,
    caller,
    callerPerson: person,
    model,
    ...(modelCell ? { modelCell } : {}),
    ...(extension ? { extension } : {}),
  });
}

/** Refuses callers without any of the roles. */
export function requireRole(caller: Caller, roles: readonly Caller['roles'][number][], action: string): void {
  if (!caller.roles.some((role) => roles.includes(role))) {
    throw new ForbiddenError(`Bạn không có quyền ${action}.`);
  }
}

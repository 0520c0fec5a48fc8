// Loading what a request needs and deciding who may read what — shared by
// every model route.

import { campaignRepository } from '../data/campaigns.ts';
import { cellRepository } from '../data/cells.ts';
import { modelRepository, publicModel, type StoredModel } from '../data/models.ts';
import { personRepository } from '../data/people.ts';
import { readsEverything } from '../domain/access.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../domain/errors.ts';
import type { Model } from '../domain/model.ts';
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

/** GET /api/models/{id}: the model as clients see it, for whoever may read it. */
export async function readModel(caller: Caller, modelId: string): Promise<Model> {
  return publicModel((await readableModel(caller, modelId)).model);
}

/** Refuses callers without any of the roles. */
export function requireRole(caller: Caller, roles: readonly Caller['roles'][number][], action: string): void {
  if (!caller.roles.some((role) => roles.includes(role))) {
    throw new ForbiddenError(`Bạn không có quyền ${action}.`);
  }
}

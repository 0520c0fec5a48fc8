// The Office keeps the cells and people. Usernames are unique through a guard item
// claimed with a conditional put; a cell's secretary must be one of its people.

import { cellRepository } from '../data/cells.ts';
import { modelRepository } from '../data/models.ts';
import { personRepository } from '../data/people.ts';
import { readsEverything, visibleCells } from '../domain/access.ts';
import { ConflictError, ForbiddenError, InvalidInputError } from '../domain/errors.ts';
import type { Role } from '../domain/roles.ts';
import type { Caller, Cell, Person, Stamp } from '../domain/types.ts';
import { recordAdminChange } from './admin-audit.ts';
import { recordVersionOf, requestIdentitySync } from './identity-outbox.ts';
import { callerPerson, cellOrFail, personOrFail, requireRole } from './model-access.ts';

/** An id from a name or username: lower-case ASCII, digits and dashes. */
export function slugId(prefix: string, text: string): string {
  const ascii = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${prefix}${ascii}`.slice(0, 64).replace(/-+$/g, '');
}

/** GET /api/cells: the cells the caller may see. */
export async function listVisibleCells(caller: Caller): Promise<Cell[]> {
  const [cells, person] = await Promise.all([cellRepository.list(), personRepository.get(caller.personId)]);
  return visibleCells(caller, person, cells);
}

/** The id an imported or created person gets when none is given: from the username. */
export function personIdFor(username: string): string {
  return slugId('p-', username);
}

function stamp(caller: Caller, now: Date): Stamp {
  const at = now.toISOString();
  return { createdAt: at, createdBy: caller.personId, updatedAt: at, updatedBy: caller.personId };
}

async function assertSecretary(cellId: string, secretaryId: string | undefined): Promise<void> {
  if (!secretaryId) return;
  const secretary = await personRepository.get(secretaryId);
  if (!secretary || secretary.cellId !== cellId) {
    throw new InvalidInputError('Bí thư phải là người sinh hoạt tại chi bộ này.', [
      { path: 'secretaryId', message: `Không có người mã “${secretaryId}” trong chi bộ.` },
    ]);
  }
}

/** POST /api/cells */
export async function createCell(
  caller: Caller,
  body: { id?: string | undefined; name: string; secretaryId?: string | undefined },
  now: Date,
): Promise<{ cell: Cell; created: boolean }> {
  requireRole(caller, ['office'], 'thêm chi bộ');
  const id = body.id ?? slugId('', body.name.replace(/^chi bộ\s+/i, ''));
  if (body.secretaryId) await assertSecretary(id, body.secretaryId);
  const cell: Cell & Stamp = {
    id,
    name: body.name,
    secretaryId: body.secretaryId ?? '',
    ...stamp(caller, now),
  };
  if (await cellRepository.create(cell)) {
    await recordAdminChange({
      entity: 'cell',
      id,
      at: cell.createdAt,
      actor: caller.personId,
      action: 'created',
      before: undefined,
      after: cell,
    });
    return { cell, created: true };
  }
  const existing = await cellRepository.get(id);
  if (existing && existing.name === body.name) return { cell: existing, created: false };
  throw new ConflictError(`Mã chi bộ “${id}” đã được dùng.`, [
    { path: 'id', message: `Đã có “${existing?.name ?? id}” với mã này; hãy đặt mã khác.` },
  ]);
}

/** PUT /api/cells/{cellId} */
export async function updateCell(
  caller: Caller,
  cellId: string,
  body: { name: string; secretaryId?: string | undefined },
  now: Date,
): Promise<Cell> {
  requireRole(caller, ['office'], 'sửa chi bộ');
  const existing = await cellOrFail(cellId);
  await assertSecretary(cellId, body.secretaryId);
  const cell = {
    ...existing,
    name: body.name,
    secretaryId: body.secretaryId ?? '',
    updatedAt: now.toISOString(),
    updatedBy: caller.personId,
  };
  await cellRepository.replace(cell);
  await recordAdminChange({
    entity: 'cell',
    id: cellId,
    at: cell.updatedAt,
    actor: caller.personId,
    action: 'updated',
    before: existing,
    after: cell,
  });
  return cell;
}

/** GET /api/people?cellId: a cell's people with every detail, for the Office (and readers of everything). */
export async function listPeopleOfCell(caller: Caller, cellId: string): Promise<Person[]> {
  await callerPerson(caller);
  if (!readsEverything(caller)) {
    throw new ForbiddenError('Bạn không được xem thông tin chi tiết của người trong chi bộ.');
  }
  await cellOrFail(cellId);
  return personRepository.listByCell(cellId);
}

export interface PersonBody {
  readonly id?: string | undefined;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly cellId: string;
  readonly roles: readonly Role[];
  readonly supervises?: readonly string[] | undefined;
}

async function assertCells(body: PersonBody): Promise<void> {
  await cellOrFail(body.cellId).catch(() => {
    throw new InvalidInputError(`Không có chi bộ mã “${body.cellId}”.`, [
      { path: 'cellId', message: 'Chọn một chi bộ có trong danh sách.' },
    ]);
  });
  for (const [index, cellId] of (body.supervises ?? []).entries()) {
    if (!(await cellRepository.get(cellId))) {
      throw new InvalidInputError(`Không có chi bộ mã “${cellId}”.`, [
        { path: `supervises.${index}`, message: 'Chi bộ phụ trách phải có trong danh sách.' },
      ]);
    }
  }
}

function usernameTaken(username: string): ConflictError {
  return new ConflictError(`Tên đăng nhập “${username}” đã có người dùng.`, [
    { path: 'username', message: 'Hãy chọn tên đăng nhập khác.' },
  ]);
}

/** Claims a username for a person; the registry's own index is checked too (people seeded before guards). */
async function claimUsername(username: string, personId: string): Promise<void> {
  const holder = await personRepository.findByUsername(username);
  if (holder && holder.id !== personId) throw usernameTaken(username);
  const guard = await personRepository.claimUsername(username, personId);
  if (guard === undefined) return;
  const guardHolder = guard ? await personRepository.get(guard) : undefined;
  if (guardHolder && guardHolder.username === username) throw usernameTaken(username);
  // The guard outlived its person's username: hand it over.
  await personRepository.releaseUsername(username, guard);
  if ((await personRepository.claimUsername(username, personId)) !== undefined) throw usernameTaken(username);
}

function personOf(body: PersonBody, id: string): Person {
  return {
    id,
    username: body.username,
    name: body.name,
    email: body.email,
    cellId: body.cellId,
    roles: [...new Set(body.roles)],
    ...(body.supervises && body.supervises.length > 0 ? { supervises: [...new Set(body.supervises)] } : {}),
  };
}

function samePerson(a: Person, b: Person): boolean {
  return (
    a.username === b.username &&
    a.name === b.name &&
    a.email === b.email &&
    a.cellId === b.cellId &&
    [...a.roles].sort().join() === [...b.roles].sort().join() &&
    [...(a.supervises ?? [])].sort().join() === [...(b.supervises ?? [])].sort().join()
  );
}

/** POST /api/people */
export async function createPerson(
  caller: Caller,
  body: PersonBody,
  now: Date,
): Promise<{ person: Person; created: boolean }> {
  requireRole(caller, ['office'], 'thêm người');
  const id = body.id ?? personIdFor(body.username);
  const person = personOf(body, id);
  const existing = await personRepository.get(id);
  if (existing) {
    if (samePerson(existing, person)) {
      // A retried request: the sync it recorded (or failed to start) is made sure of again.
      await requestIdentitySync(existing, recordVersionOf(existing, now.toISOString()), now.toISOString());
      return { person: existing, created: false };
    }
    throw new ConflictError(`Mã người “${id}” đã được dùng.`, [
      { path: 'id', message: `Đã có ${existing.name} với mã này.` },
    ]);
  }
  await assertCells(body);
  await claimUsername(body.username, id);
  const stamped = { ...person, ...stamp(caller, now) };
  if (!(await personRepository.create(stamped))) {
    const raced = await personRepository.get(id);
    if (raced && samePerson(raced, person)) return { person: raced, created: false };
    throw new ConflictError(`Mã người “${id}” vừa được dùng.`);
  }
  await requestIdentitySync(person, recordVersionOf(stamped, now.toISOString()), now.toISOString());
  await recordAdminChange({
    entity: 'person',
    id,
    at: now.toISOString(),
    actor: caller.personId,
    action: 'created',
    before: undefined,
    after: person,
  });
  return { person, created: true };
}

/** PUT /api/people/{id}: the username is the sign-in name and does not change here. */
export async function updatePerson(
  caller: Caller,
  personId: string,
  body: Omit<PersonBody, 'id'>,
  now: Date,
): Promise<Person> {
  requireRole(caller, ['office'], 'sửa thông tin người');
  const existing = await personOrFail(personId);
  if (existing.username !== body.username) {
    throw new InvalidInputError('Không đổi được tên đăng nhập.', [
      { path: 'username', message: `Tên đăng nhập là “${existing.username}” và không thay đổi.` },
    ]);
  }
  await assertCells(body);
  const cell = await cellRepository.get(existing.cellId);
  if (cell?.secretaryId === personId && body.cellId !== existing.cellId) {
    throw new ConflictError(`${existing.name} đang là Bí thư ${cell.name}.`, [
      { path: 'cellId', message: 'Hãy chọn Bí thư khác cho chi bộ trước khi chuyển người này.' },
    ]);
  }
  const person = personOf(body, personId);
  if (samePerson(existing, person)) return existing;
  const stamped = existing as Person & Partial<Stamp>;
  await personRepository.put({
    ...person,
    createdAt: stamped.createdAt ?? now.toISOString(),
    createdBy: stamped.createdBy ?? caller.personId,
    updatedAt: now.toISOString(),
    updatedBy: caller.personId,
  });
  await requestIdentitySync(person, now.toISOString(), now.toISOString());
  await recordAdminChange({
    entity: 'person',
    id: personId,
    at: now.toISOString(),
    actor: caller.personId,
    action: 'updated',
    before: existing,
    after: person,
  });
  return person;
}

/**
 * DELETE /api/people/{id}: the Office removes a person from the records; their sign-in is
 * disabled by the identity sync. A cell's secretary, or a person with models, stays: the cell
 * needs another secretary first, and the models' history keeps naming their people.
 */
export async function removePerson(caller: Caller, personId: string, now: Date): Promise<{ id: string }> {
  requireRole(caller, ['office'], 'xóa người khỏi danh sách');
  const existing = await personOrFail(personId);
  const cell = await cellRepository.get(existing.cellId);
  if (cell?.secretaryId === personId) {
    throw new ConflictError(`${existing.name} đang là Bí thư ${cell.name}.`, [
      { path: 'id', message: 'Hãy chọn Bí thư khác cho chi bộ trước khi xóa người này.' },
    ]);
  }
  if ((await modelRepository.listByPerson(personId)).length > 0) {
    throw new ConflictError(`${existing.name} đã có mô hình đăng ký nên không xóa được khỏi danh sách.`, [
      { path: 'id', message: 'Người đã có mô hình được giữ lại trong danh sách.' },
    ]);
  }
  if (!(await personRepository.remove(existing)))
    throw new ConflictError(`Thông tin của ${existing.name} vừa được sửa; vui lòng thử lại.`);
  await personRepository.releaseUsername(existing.username, personId);
  await requestIdentitySync(existing, `removed#${now.toISOString()}`, now.toISOString());
  await recordAdminChange({
    entity: 'person',
    id: personId,
    at: now.toISOString(),
    actor: caller.personId,
    action: 'removed',
    before: existing,
    after: {},
  });
  return { id: personId };
}

// Importing the Office's lists. Every row is checked before anything is written: one bad
// row refuses the whole file with a per-row report. An accepted file becomes an import record and
// chunks of rows; each POST /api/imports/{id}/run writes the next chunk with idempotent puts and
// advances the progress conditionally — so a long import shows its progress, survives a lost
// connection (run again resumes) and never writes a row twice.
import { createHash } from 'node:crypto';
import { cellRepository } from '../data/cells.ts';
import { importRepository } from '../data/imports.ts';
import { personRepository } from '../data/people.ts';
import { InvalidInputError, NotFoundError } from '../domain/errors.ts';
import {
  checkCellRows,
  checkPeopleRows,
  type ImportKind,
  type ImportRequest,
  type ImportRow,
  parseCsv,
  type Registry,
  rowIssues,
} from '../domain/organization-import.ts';
import type { Caller, Cell, Person } from '../domain/types.ts';
import { readXlsxRows } from '../reports/xlsx-read.ts';
import { recordAdminChange } from './admin-audit.ts';
import { requestIdentitySync } from './identity-outbox.ts';
import { requireRole } from './model-access.ts';
import { personIdFor } from './organization-admin.ts';

/** Rows written per run: small enough for one Lambda call, big enough to move on. */
export const IMPORT_CHUNK_ROWS = 50;

interface StoredRow {
  readonly row: number;
  readonly action: ImportRow['action'];
  readonly record: Person | Cell;
}

export interface ImportRecord {
  readonly id: string;
  readonly kind: ImportKind;
  readonly fileName?: string;
  readonly status: 'running' | 'done';
  readonly total: number;
  readonly processed: number;
  readonly chunks: number;
  readonly counts: { readonly create: number; readonly update: number; readonly unchanged: number };
  readonly failures: readonly { row: number; message: string }[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly finishedAt?: string;
}

export interface ImportAnswer extends ImportRecord {
  readonly rows?: readonly { row: number; action: string; id: string; name: string }[];
}

async function registry(): Promise<Registry> {
  const cells = await cellRepository.list();
  const people = (await Promise.all(cells.map((cell) => personRepository.listByCell(cell.id)))).flat();
  return { cells, people };
}

async function readRows(body: ImportRequest): Promise<string[][]> {
  if (body.format === 'csv') return parseCsv(body.content);
  const bytes = Buffer.from(body.content, 'base64');
  if (bytes.length === 0) {
    throw new InvalidInputError('Tệp Excel rỗng.', [
      { path: 'content', message: 'Nội dung phải là tệp .xlsx mã hóa base64.' },
    ]);
  }
  return readXlsxRows(bytes);
}

/** POST /api/imports: checks every row; refuses the file (writing nothing) or records it for running. */
export async function startImport(caller: Caller, body: ImportRequest, now: Date): Promise<ImportAnswer> {
  requireRole(caller, ['office'], 'nhập danh sách');
  const rows = await readRows(body);
  const known = await registry();
  const checked: ImportRow[] =
    body.kind === 'people' ? checkPeopleRows(rows, known, personIdFor) : checkCellRows(rows, known);
  const refused = checked.filter((row) => row.action === 'refused');
  if (refused.length > 0) {
    throw new InvalidInputError(
      `Danh sách có ${refused.length}/${checked.length} dòng không hợp lệ; chưa ghi dòng nào. Hãy sửa rồi nhập lại.`,
      rowIssues(refused),
    );
  }
  const id = `i${createHash('sha256').update(`${body.kind}\u0000${body.content}`).digest('hex').slice(0, 20)}`;
  const stored: StoredRow[] = checked.map((row) => ({
    row: row.row,
    action: row.action,
    record: row.record as Person | Cell,
  }));
  const summary = stored.map((row) => ({
    row: row.row,
    action: row.action,
    id: row.record.id,
    name: row.record.name,
  }));
  const existing = await importRepository.get<ImportRecord>(id);
  if (existing) return { ...existing, rows: summary };

  const chunks = Math.ceil(stored.length / IMPORT_CHUNK_ROWS);
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    await importRepository.putChunk(
      id,
      chunk,
      stored.slice(chunk * IMPORT_CHUNK_ROWS, (chunk + 1) * IMPORT_CHUNK_ROWS),
    );
  }
  const count = (action: ImportRow['action']) => stored.filter((row) => row.action === action).length;
  const record: ImportRecord = {
    id,
    kind: body.kind,
    ...(body.fileName ? { fileName: body.fileName } : {}),
    status: 'running',
    total: stored.length,
    processed: 0,
    chunks,
    counts: { create: count('create'), update: count('update'), unchanged: count('unchanged') },
    failures: [],
    createdBy: caller.personId,
    createdAt: now.toISOString(),
  };
  // The record goes last: its presence says every chunk is in place.
  if (!(await importRepository.create({ ...record }))) {
    const raced = await importRepository.get<ImportRecord>(id);
    if (raced) return { ...raced, rows: summary };
  }
  return { ...record, rows: summary };
}

async function importOrFail(importId: string): Promise<ImportRecord> {
  const record = await importRepository.get<ImportRecord>(importId);
  if (!record) throw new NotFoundError(`Không có lần nhập mã “${importId}”.`);
  return record;
}

/** Writes one row; a username that someone else took meanwhile is reported, not overwritten. */
async function writeRow(
  kind: ImportKind,
  row: StoredRow,
  caller: Caller,
  now: Date,
): Promise<string | undefined> {
  const stamp = { updatedAt: now.toISOString(), updatedBy: caller.personId };
  if (row.action === 'unchanged') return undefined;
  const audit = { at: stamp.updatedAt, actor: caller.personId, action: 'imported' as const };
  if (kind === 'cells') {
    const cell = row.record as Cell;
    const before = await cellRepository.get(cell.id);
    await cellRepository.put({ ...cell, ...stamp });
    await recordAdminChange({ ...audit, entity: 'cell', id: cell.id, before, after: cell });
    return undefined;
  }
  const person = row.record as Person;
  const holder = await personRepository.claimUsername(person.username, person.id);
  if (holder) {
    const other = await personRepository.get(holder);
    if (other && other.username === person.username) {
      return `Tên đăng nhập “${person.username}” vừa được dùng cho ${other.name}.`;
    }
  }
  const before = await personRepository.get(person.id);
  await personRepository.put({ ...person, ...stamp });
  await requestIdentitySync(person, stamp.updatedAt, stamp.updatedAt);
  await recordAdminChange({ ...audit, entity: 'person', id: person.id, before, after: person });
  return undefined;
}

/** POST /api/imports/{id}/run: writes the next chunk and answers the progress. */
export async function runImport(caller: Caller, importId: string, now: Date): Promise<ImportRecord> {
  requireRole(caller, ['office'], 'nhập danh sách');
  const record = await importOrFail(importId);
  if (record.status === 'done') return record;
  const chunk = Math.floor(record.processed / IMPORT_CHUNK_ROWS);
  const rows = (await importRepository.getChunk<StoredRow>(importId, chunk))?.rows ?? [];
  const failures: { row: number; message: string }[] = [];
  for (const row of rows) {
    const failure = await writeRow(record.kind, row, caller, now);
    if (failure) failures.push({ row: row.row, message: failure });
  }
  const processed = Math.min(record.total, record.processed + rows.length);
  const done = processed >= record.total;
  const changes = {
    failures: [...record.failures, ...failures],
    ...(done ? { status: 'done', finishedAt: now.toISOString() } : {}),
  };
  // Another run may have written the same chunk meanwhile; the puts were the same, so re-read.
  await importRepository.advance(importId, record.processed, processed, changes);
  return importOrFail(importId);
}

/** GET /api/imports/{id}: the import's progress. */
export async function getImport(caller: Caller, importId: string): Promise<ImportRecord> {
  requireRole(caller, ['office'], 'xem tiến độ nhập danh sách');
  return importOrFail(importId);
}

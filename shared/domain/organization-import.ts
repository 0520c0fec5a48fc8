// The Office's lists (CSV or Excel, as offices keep them) turned into cells and people, row by
// row, with the reason for every refused row. Pure: the caller reads the file and the
// registry, this file decides; nothing is written unless every row is acceptable.
import { type FieldIssue, InvalidInputError } from './errors.ts';
import { ROLES, type Role } from './roles.ts';
import type { Cell, Person } from './types.ts';

export type ImportKind = 'people' | 'cells';

/** A list the Office uploads: CSV text, or an XLSX file in base64. */
export interface ImportRequest {
  readonly kind: ImportKind;
  readonly format: 'csv' | 'xlsx';
  readonly content: string;
  readonly fileName?: string | undefined;
}
export type RowAction = 'create' | 'update' | 'unchanged' | 'refused';

export interface RowProblem {
  readonly column: string;
  readonly message: string;
}

export interface PersonRow {
  readonly row: number;
  readonly action: RowAction;
  readonly record?: Person;
  readonly problems: readonly RowProblem[];
}

export interface CellRow {
  readonly row: number;
  readonly action: RowAction;
  readonly record?: Cell;
  readonly problems: readonly RowProblem[];
}

export type ImportRow = PersonRow | CellRow;

/** Lower-case, no diacritics, single spaces: how headers and role names are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9@._-]+/g, ' ')
    .trim();
}

/** Parses CSV (RFC 4180 quotes; comma, semicolon or tab, whichever the header uses; BOM ignored). */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  );
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i] as string;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface Column<F extends string> {
  readonly field: F;
  readonly label: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

type PersonField = 'id' | 'name' | 'username' | 'email' | 'cell' | 'roles' | 'supervises';
type CellField = 'id' | 'name' | 'secretary';

export const PEOPLE_COLUMNS: readonly Column<PersonField>[] = [
  { field: 'id', label: 'Mã', aliases: ['ma', 'ma nguoi', 'ma so', 'id'], required: false },
  { field: 'name', label: 'Họ và tên', aliases: ['ho va ten', 'ho ten', 'name'], required: true },
  {
    field: 'username',
    label: 'Tên đăng nhập',
    aliases: ['ten dang nhap', 'tai khoan', 'username'],
    required: true,
  },
  { field: 'email', label: 'Email', aliases: ['email', 'e-mail', 'thu dien tu'], required: true },
  { field: 'cell', label: 'Chi bộ', aliases: ['chi bo', 'ma chi bo', 'cellid', 'cell'], required: true },
  { field: 'roles', label: 'Vai trò', aliases: ['vai tro', 'roles'], required: false },
  {
    field: 'supervises',
    label: 'Phụ trách chi bộ',
    aliases: ['phu trach chi bo', 'phu trach', 'supervises'],
    required: false,
  },
];

export const CELL_COLUMNS: readonly Column<CellField>[] = [
  { field: 'id', label: 'Mã chi bộ', aliases: ['ma chi bo', 'ma', 'id'], required: true },
  { field: 'name', label: 'Tên chi bộ', aliases: ['ten chi bo', 'ten', 'name'], required: true },
  {
    field: 'secretary',
    label: 'Bí thư',
    aliases: ['bi thu', 'bi thu ten dang nhap', 'ma bi thu', 'secretary'],
    required: false,
  },
];

const ROLE_NAMES: Record<string, Role> = {
  ...Object.fromEntries(ROLES.map((role) => [role, role])),
  'van phong': 'office',
  'van phong dang uy': 'office',
  'uy vien bch': 'committee',
  'uy vien bch dang bo': 'committee',
  bch: 'committee',
  'ban chap hanh': 'committee',
  'uy ban kiem tra': 'inspector',
  ubkt: 'inspector',
  'kiem tra': 'inspector',
  'bi thu': 'secretary',
  'bi thu chi bo': 'secretary',
  'chi uy': 'secretary',
  'dang vien': 'member',
  ccvc: 'member',
  'nguoi lao dong': 'member',
  'thanh vien': 'member',
};

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function mapHeader<F extends string>(header: readonly string[], columns: readonly Column<F>[]) {
  const positions = new Map<F, number>();
  header.forEach((title, index) => {
    const folded = fold(title).replace(/[()]/g, '');
    const column = columns.find((candidate) => candidate.aliases.includes(folded));
    if (column && !positions.has(column.field)) positions.set(column.field, index);
  });
  const missing = columns.filter((column) => column.required && !positions.has(column.field));
  if (missing.length > 0) {
    throw new InvalidInputError('Dòng tiêu đề của tệp thiếu cột bắt buộc.', [
      {
        path: 'content',
        message: `Thiếu cột: ${missing.map((column) => `“${column.label}”`).join(', ')}. Dòng đầu tiên phải là tiêu đề các cột: ${columns.map((column) => column.label).join(', ')}.`,
      },
    ]);
  }
  return positions;
}

function splitList(value: string): string[] {
  return value
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The registry the rows are checked against. */
export interface Registry {
  readonly cells: readonly Cell[];
  readonly people: readonly Person[];
}

function dataRows(rows: readonly (readonly string[])[]) {
  const [header, ...rest] = rows;
  if (!header) {
    throw new InvalidInputError('Tệp không có dữ liệu.', [
      { path: 'content', message: 'Tệp rỗng: cần một dòng tiêu đề và ít nhất một dòng dữ liệu.' },
    ]);
  }
  const numbered = rest
    .map((cells, index) => ({ row: index + 2, cells: cells.map((cell) => String(cell ?? '').trim()) }))
    .filter(({ cells }) => cells.some((cell) => cell !== ''));
  if (numbered.length === 0) {
    throw new InvalidInputError('Tệp không có dòng dữ liệu nào.', [
      { path: 'content', message: 'Cần ít nhất một dòng dữ liệu dưới dòng tiêu đề.' },
    ]);
  }
  return { header, numbered };
}

function findCell(registry: Registry, value: string): Cell | undefined {
  const folded = fold(value);
  return registry.cells.find((cell) => cell.id === value || fold(cell.name) === folded);
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined) {
  return [...(a ?? [])].sort().join() === [...(b ?? [])].sort().join();
}

/** Checks each row of a people list; `personIdFor` gives the id of a row without one. */
export function checkPeopleRows(
  rows: readonly (readonly string[])[],
  registry: Registry,
  personIdFor: (username: string) => string,
): PersonRow[] {
  const { header, numbered } = dataRows(rows);
  const at = mapHeader(header, PEOPLE_COLUMNS);
  const value = (cells: readonly string[], field: PersonField) => {
    const index = at.get(field);
    return index === undefined ? '' : (cells[index] ?? '');
  };
  const byUsername = new Map(registry.people.map((person) => [person.username, person]));
  const byId = new Map(registry.people.map((person) => [person.id, person]));
  const seenUsernames = new Map<string, number>();
  const seenIds = new Map<string, number>();
  return numbered.map(({ row, cells }) => {
    const problems: RowProblem[] = [];
    const name = value(cells, 'name');
    const username = value(cells, 'username').toLowerCase();
    const email = value(cells, 'email');
    if (name === '') problems.push({ column: 'Họ và tên', message: 'Bắt buộc: họ và tên.' });
    if (name.length > 200) problems.push({ column: 'Họ và tên', message: 'Tối đa 200 ký tự.' });
    if (!USERNAME.test(username)) {
      problems.push({
        column: 'Tên đăng nhập',
        message:
          username === ''
            ? 'Bắt buộc: tên đăng nhập.'
            : `“${username}” không hợp lệ: chỉ gồm chữ thường không dấu, số, “.”, “-”, “_”.`,
      });
    }
    if (!EMAIL.test(email)) {
      problems.push({
        column: 'Email',
        message: email === '' ? 'Bắt buộc: email.' : `“${email}” không phải email.`,
      });
    }
    const cellValue = value(cells, 'cell');
    const cell = cellValue === '' ? undefined : findCell(registry, cellValue);
    if (!cell) {
      problems.push({
        column: 'Chi bộ',
        message: cellValue === '' ? 'Bắt buộc: chi bộ.' : `Không có chi bộ “${cellValue}” trong danh sách.`,
      });
    }
    const roleTexts = splitList(value(cells, 'roles'));
    const roles: Role[] = [];
    for (const text of roleTexts) {
      const role = ROLE_NAMES[fold(text)];
      if (role) roles.push(role);
      else
        problems.push({
          column: 'Vai trò',
          message: `Không rõ vai trò “${text}” (dùng: Đảng viên, Bí thư, Ủy viên BCH, Ủy ban Kiểm tra, Văn phòng).`,
        });
    }
    if (roles.length === 0) roles.push('member');
    const supervises: string[] = [];
    for (const text of splitList(value(cells, 'supervises'))) {
      const supervised = findCell(registry, text);
      if (supervised) supervises.push(supervised.id);
      else problems.push({ column: 'Phụ trách chi bộ', message: `Không có chi bộ “${text}”.` });
    }
    const givenId = value(cells, 'id');
    // Without an id column, a username already held is the same person (lists are re-imported).
    const id =
      givenId !== ''
        ? givenId
        : (byUsername.get(username)?.id ?? (USERNAME.test(username) ? personIdFor(username) : ''));
    if (givenId !== '' && !ID.test(givenId)) {
      problems.push({
        column: 'Mã',
        message: `Mã “${givenId}” chỉ gồm chữ, số, “-”, “_” (tối đa 64 ký tự).`,
      });
    }
    const earlierUsername = seenUsernames.get(username);
    if (username !== '' && earlierUsername !== undefined) {
      problems.push({ column: 'Tên đăng nhập', message: `Trùng với dòng ${earlierUsername}.` });
    } else if (username !== '') seenUsernames.set(username, row);
    const earlierId = seenIds.get(id);
    if (id !== '' && earlierId !== undefined) {
      problems.push({ column: 'Mã', message: `Mã “${id}” trùng với dòng ${earlierId}.` });
    } else if (id !== '') seenIds.set(id, row);
    const holder = byUsername.get(username);
    if (holder && holder.id !== id) {
      problems.push({
        column: 'Tên đăng nhập',
        message: `Tên đăng nhập “${username}” đã thuộc về ${holder.name} (mã ${holder.id}).`,
      });
    }
    const existing = byId.get(id);
    if (existing && existing.username !== username) {
      problems.push({
        column: 'Mã',
        message: `Mã “${id}” đã là của ${existing.name} (tên đăng nhập ${existing.username}); không đổi được tên đăng nhập.`,
      });
    }
    const secretaryOf = existing ? registry.cells.find((c) => c.secretaryId === existing.id) : undefined;
    if (existing && cell && secretaryOf && existing.cellId !== cell.id) {
      problems.push({
        column: 'Chi bộ',
        message: `${existing.name} đang là Bí thư ${secretaryOf.name}; chọn Bí thư khác trước khi chuyển chi bộ.`,
      });
    }
    if (problems.length > 0 || !cell) return { row, action: 'refused', problems };
    const record: Person = {
      id,
      username,
      name,
      email,
      cellId: cell.id,
      roles: [...new Set(roles)],
      ...(supervises.length > 0 ? { supervises: [...new Set(supervises)] } : {}),
    };
    const unchanged =
      existing &&
      existing.name === record.name &&
      existing.email === record.email &&
      existing.cellId === record.cellId &&
      sameList(existing.roles, record.roles) &&
      sameList(existing.supervises, record.supervises);
    return { row, action: existing ? (unchanged ? 'unchanged' : 'update') : 'create', record, problems };
  });
}

/** Checks each row of a cells list. A secretary must already be a person of that cell. */
export function checkCellRows(rows: readonly (readonly string[])[], registry: Registry): CellRow[] {
  const { header, numbered } = dataRows(rows);
  const at = mapHeader(header, CELL_COLUMNS);
  const value = (cells: readonly string[], field: CellField) => {
    const index = at.get(field);
    return index === undefined ? '' : (cells[index] ?? '');
  };
  const byId = new Map(registry.cells.map((cell) => [cell.id, cell]));
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  return numbered.map(({ row, cells }) => {
    const problems: RowProblem[] = [];
    const id = value(cells, 'id');
    const name = value(cells, 'name');
    if (!ID.test(id)) {
      problems.push({
        column: 'Mã chi bộ',
        message:
          id === '' ? 'Bắt buộc: mã chi bộ.' : `Mã “${id}” chỉ gồm chữ, số, “-”, “_” (tối đa 64 ký tự).`,
      });
    }
    if (name === '') problems.push({ column: 'Tên chi bộ', message: 'Bắt buộc: tên chi bộ.' });
    const earlier = seenIds.get(id);
    if (id !== '' && earlier !== undefined)
      problems.push({ column: 'Mã chi bộ', message: `Trùng với dòng ${earlier}.` });
    else if (id !== '') seenIds.set(id, row);
    const earlierName = seenNames.get(fold(name));
    if (name !== '' && earlierName !== undefined) {
      problems.push({ column: 'Tên chi bộ', message: `Trùng tên với dòng ${earlierName}.` });
    } else if (name !== '') seenNames.set(fold(name), row);
    const namesake = registry.cells.find((cell) => fold(cell.name) === fold(name) && cell.id !== id);
    if (name !== '' && namesake) {
      problems.push({ column: 'Tên chi bộ', message: `Đã có chi bộ cùng tên (mã ${namesake.id}).` });
    }
    const secretaryValue = value(cells, 'secretary');
    const existing = byId.get(id);
    let secretaryId = existing?.secretaryId ?? '';
    if (secretaryValue !== '') {
      const secretary = registry.people.find(
        (person) => person.id === secretaryValue || person.username === secretaryValue.toLowerCase(),
      );
      if (!secretary) {
        problems.push({ column: 'Bí thư', message: `Không có người “${secretaryValue}” trong danh sách.` });
      } else if (secretary.cellId !== id) {
        problems.push({ column: 'Bí thư', message: `${secretary.name} không sinh hoạt tại chi bộ này.` });
      } else secretaryId = secretary.id;
    }
    if (problems.length > 0) return { row, action: 'refused', problems };
    const record: Cell = { id, name, secretaryId };
    const unchanged = existing && existing.name === name && existing.secretaryId === secretaryId;
    return { row, action: existing ? (unchanged ? 'unchanged' : 'update') : 'create', record, problems };
  });
}

/** The refused rows as the API's field list: `rows.<row>.<column>`. */
export function rowIssues(rows: readonly ImportRow[]): FieldIssue[] {
  return rows.flatMap((row) =>
    row.problems.map((problem) => ({
      path: `rows.${row.row}.${problem.column}`,
      message: `Dòng ${row.row}, cột “${problem.column}”: ${problem.message}`,
    })),
  );
}

// Cells and people for the Office: browse a cell's people, add or edit a cell or a person, and import
// the lists offices keep (CSV or Excel) with a per-row report and a progress bar.
import { ORGANIZATION_LABELS as O } from '../../shared/domain/form-fields.ts';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/domain/roles.ts';
import type { Person } from '../../shared/domain/types.ts';
import { api, shownError } from '../lib/api.ts';
import { byId, contentArea, escapeHtml, fieldValue } from '../lib/dom.ts';
import { clearErrors, showErrors, whileSending } from '../lib/forms.ts';
import { run, showPageError, startPage } from '../lib/page.ts';
import { cardTable } from '../lib/table.ts';

interface CellRow {
  readonly id: string;
  readonly name: string;
  readonly secretaryId?: string;
}

interface ImportProgress {
  readonly id: string;
  readonly status: string;
  readonly processed: number;
  readonly total: number;
  readonly rows?: readonly { row: number; id: string; name: string; action: string }[];
  readonly failures?: readonly { row: number; message: string }[];
}

const content = contentArea();
const ACTIONS: Readonly<Record<string, string>> = {
  create: 'Thêm mới',
  update: 'Cập nhật',
  unchanged: 'Không đổi',
  refused: 'Bị từ chối',
};

let cells: CellRow[] = [];
let selectedCell: string | undefined;

function personForm(person: Person | undefined): string {
  const roles: readonly Role[] = person?.roles ?? ['member'];
  return `<form id="person-form" class="card" novalidate>
    <div class="error-summary" role="alert" tabindex="-1" hidden></div>
    <h3>${person ? `Sửa: ${escapeHtml(person.name)}` : 'Thêm người'}</h3>
    <div class="grid">
      <div class="field"><label for="p-name">${O.name}</label><input id="p-name" name="name" data-path="name" required value="${escapeHtml(person?.name ?? '')}"></div>
      <div class="field"><label for="p-username">${O.username}</label><input id="p-username" name="username" data-path="username" autocomplete="off" required ${person ? 'readonly' : ''} value="${escapeHtml(person?.username ?? '')}"></div>
      <div class="field"><label for="p-email">${O.email}</label><input id="p-email" name="email" data-path="email" type="email" required value="${escapeHtml(person?.email ?? '')}"></div>
      <div class="field"><label for="p-cell">${O.personCell}</label><select id="p-cell" name="cellId" data-path="cellId">${cells
        .map(
          (cell) =>
            `<option value="${escapeHtml(cell.id)}"${cell.id === (person?.cellId ?? selectedCell) ? ' selected' : ''}>${escapeHtml(cell.name)}</option>`,
        )
        .join('')}</select></div>
    </div>
    <fieldset class="field" data-path="roles"><legend>${O.roles}</legend><div class="choices">${ROLES.map(
      (role) =>
        `<div class="choice"><input type="checkbox" id="p-role-${role}" name="roles" value="${role}"${roles.includes(role) ? ' checked' : ''}><label for="p-role-${role}">${escapeHtml(ROLE_LABELS[role])}</label></div>`,
    ).join('')}</div></fieldset>
    <div class="row-actions"><button type="submit">${person ? 'Lưu' : 'Thêm'}</button></div>
  </form>`;
}

async function showPeople(cellId: string): Promise<void> {
  selectedCell = cellId;
  const people = (await api<{ items: Person[] }>(`/api/people?cellId=${encodeURIComponent(cellId)}`)).items;
  const cell = cells.find((c) => c.id === cellId);
  byId('people').innerHTML = `<h3>${escapeHtml(cell?.name ?? cellId)} (${people.length} người)</h3>
    ${cardTable({
      rowHeaders: true,
      columns: [
        { label: O.name },
        { label: O.username },
        { label: O.email },
        { label: O.roles },
        { label: 'Thao tác' },
      ],
      rows: people.map((person) => ({
        cells: [
          `${escapeHtml(person.name)}${person.id === cell?.secretaryId ? ' <span class="badge ok">Bí thư</span>' : ''}`,
          escapeHtml(person.username),
          escapeHtml(person.email),
          person.roles.map((role) => escapeHtml(ROLE_LABELS[role])).join(', '),
          `<button type="button" class="secondary small" data-person="${escapeHtml(person.id)}">Sửa</button> <button type="button" class="secondary small" data-remove="${escapeHtml(person.id)}">Xóa</button>`,
        ],
      })),
    })}`;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-person]')) {
    button.addEventListener('click', () =>
      openPersonForm(people.find((p) => p.id === button.dataset.person)),
    );
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-remove]')) {
    const person = people.find((p) => p.id === button.dataset.remove);
    if (person) button.addEventListener('click', () => removePerson(person, cellId));
  }
}

// Removing a person also locks their sign-in (the server's identity sync), so the Office confirms first.
function removePerson(person: Person, cellId: string): void {
  if (!window.confirm(`Xóa ${person.name} khỏi danh sách? Tài khoản đăng nhập của người này sẽ bị khóa.`))
    return;
  const holder = byId('person-editor');
  api(`/api/people/${encodeURIComponent(person.id)}`, { method: 'DELETE' })
    .then(async () => {
      holder.innerHTML = `<p class="notice" role="status">Đã xóa ${escapeHtml(person.name)} khỏi danh sách.</p>`;
      await showPeople(cellId);
    })
    .catch((error: unknown) => {
      holder.innerHTML = `<div class="error-box" role="alert"><p>${escapeHtml(shownError(error).message)}</p></div>`;
    });
}

function openPersonForm(person: Person | undefined): void {
  const holder = byId('person-editor');
  holder.innerHTML = personForm(person);
  const form = byId<HTMLFormElement>('person-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      username: fieldValue(form, 'username').trim(),
      name: fieldValue(form, 'name').trim(),
      email: fieldValue(form, 'email').trim(),
      cellId: fieldValue(form, 'cellId'),
      roles: [...form.querySelectorAll<HTMLInputElement>('input[name="roles"]:checked')].map(
        (input) => input.value,
      ),
      ...(person?.supervises ? { supervises: person.supervises } : {}),
    };
    whileSending(form, async () => {
      try {
        if (person) await api(`/api/people/${encodeURIComponent(person.id)}`, { method: 'PUT', body });
        else await api('/api/people', { method: 'POST', body });
        holder.innerHTML = '<p class="notice" role="status">Đã lưu.</p>';
        await showPeople(body.cellId);
      } catch (error) {
        showErrors(form, shownError(error));
      }
    }).catch(() => undefined);
  });
  form.querySelector<HTMLElement>('input')?.focus();
}

function readFile(file: File, format: 'csv' | 'xlsx'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error('Không đọc được tệp.'));
    reader.onload = () => {
      if (format === 'csv') resolve(String(reader.result));
      else resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    };
    if (format === 'csv') reader.readAsText(file, 'utf-8');
    else reader.readAsDataURL(file);
  });
}

function refusedHtml(error: unknown): string {
  const { message, fields } = shownError(error);
  const rows = fields.filter((field) => /^(body\.)?rows\./.test(field.path));
  const others = fields.filter((field) => !rows.includes(field));
  return `<div class="error-box" role="alert"><p>${escapeHtml(message)}</p>
    ${others.length > 0 ? `<ul>${others.map((field) => `<li>${escapeHtml(field.message)}</li>`).join('')}</ul>` : ''}
    ${
      rows.length > 0
        ? `<ul>${rows.map((field) => `<li>${escapeHtml(field.message)}</li>`).join('')}</ul>`
        : ''
    }</div>`;
}

async function runImport(form: HTMLFormElement): Promise<void> {
  const status = byId('import-status');
  const file = byId<HTMLInputElement>('i-file').files?.[0];
  if (!file) {
    status.innerHTML = '<div class="error-box" role="alert">Hãy chọn tệp CSV hoặc Excel (.xlsx).</div>';
    return;
  }
  const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
  try {
    const fileContent = await readFile(file, format);
    let progress = await api<ImportProgress>('/api/imports', {
      method: 'POST',
      body: { kind: fieldValue(form, 'kind'), format, content: fileContent, fileName: file.name },
    });
    const report = () =>
      cardTable({
        columns: [{ label: 'Dòng' }, { label: 'Mã' }, { label: 'Tên' }, { label: 'Kết quả' }],
        rows: (progress.rows ?? []).map((row) => ({
          cells: [
            String(row.row),
            escapeHtml(row.id),
            escapeHtml(row.name),
            escapeHtml(ACTIONS[row.action] ?? ''),
          ],
        })),
      });
    const paint = () => {
      status.innerHTML = `<p role="status">Đã ghi ${progress.processed}/${progress.total} dòng${progress.status === 'done' ? ' — hoàn tất.' : '…'}</p>
        <progress max="${progress.total}" value="${progress.processed}" aria-label="Tiến độ nhập danh sách">${progress.processed}/${progress.total}</progress>
        ${(progress.failures ?? []).map((f) => `<p class="error-box">Dòng ${f.row}: ${escapeHtml(f.message)}</p>`).join('')}
        <details open><summary>Báo cáo từng dòng (${progress.total})</summary>${report()}</details>`;
    };
    paint();
    while (progress.status !== 'done') {
      progress = {
        ...progress,
        ...(await api<ImportProgress>(`/api/imports/${encodeURIComponent(progress.id)}/run`, {
          method: 'POST',
        })),
      };
      paint();
    }
    await renderCells();
  } catch (error) {
    status.innerHTML = refusedHtml(error);
  }
}

async function renderCells(): Promise<void> {
  cells = (await api<{ items: CellRow[] }>('/api/cells')).items;
  byId('cells').innerHTML = cells
    .map(
      (cell) =>
        `<li><button type="button" class="secondary" data-cell="${escapeHtml(cell.id)}"${cell.id === selectedCell ? ' aria-pressed="true"' : ''}>${escapeHtml(cell.name)}</button></li>`,
    )
    .join('');
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-cell]')) {
    button.addEventListener('click', () => {
      showPeople(button.dataset.cell ?? '').catch((error: unknown) => {
        byId('people').innerHTML = refusedHtml(error);
      });
    });
  }
  const first = selectedCell ?? cells[0]?.id;
  if (first) await showPeople(first);
}

async function render(): Promise<void> {
  // The file input is hidden behind a Vietnamese button: the browser's own speaks the browser's language.
  content.innerHTML = `
    <section class="card"><h3>Các chi bộ</h3><ul id="cells" class="users"></ul>
      <form id="cell-form" novalidate>
        <div class="error-summary" role="alert" tabindex="-1" hidden></div>
        <div class="grid">
          <div class="field"><label for="c-id">${O.cellId} (không bắt buộc)</label><input id="c-id" name="id" data-path="id" autocomplete="off"></div>
          <div class="field"><label for="c-name">${O.cellName}</label><input id="c-name" name="name" data-path="name" required></div>
        </div>
        <div class="row-actions"><button type="submit">Thêm chi bộ</button></div>
      </form><div id="cell-message" aria-live="polite"></div></section>
    <section class="card"><div id="people"></div>
      <div class="row-actions"><button type="button" id="add-person">Thêm người</button></div>
      <div id="person-editor"></div></section>
    <section class="card"><h3>Nhập danh sách từ tệp</h3>
      <p class="hint">Dòng đầu là tiêu đề cột. Người: Họ và tên, Tên đăng nhập, Email, Chi bộ, Vai trò (Mã, Phụ trách chi bộ nếu có).
      Chi bộ: Mã chi bộ, Tên chi bộ, Bí thư (tên đăng nhập). Tệp có dòng sai sẽ không được ghi dòng nào.</p>
      <form id="import-form" class="grid" novalidate>
        <div class="field"><label for="i-kind">${O.importKind}</label><select id="i-kind" name="kind"><option value="people">Người</option><option value="cells">Chi bộ</option></select></div>
        <div class="field file-field"><span class="label" id="i-file-label">${O.importContent}</span>
          <input id="i-file" name="file" type="file" class="visually-hidden" aria-labelledby="i-file-label i-file-name" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
          <label for="i-file" class="button secondary">Chọn tệp…</label> <span id="i-file-name" class="muted">Chưa chọn tệp</span></div>
        <div class="field"><button type="submit">Nhập</button></div>
      </form>
      <div id="import-status" aria-live="polite"></div></section>`;
  const cellForm = byId<HTMLFormElement>('cell-form');
  cellForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(cellForm);
    whileSending(cellForm, async () => {
      try {
        const id = fieldValue(cellForm, 'id').trim();
        await api('/api/cells', {
          method: 'POST',
          body: { ...(id ? { id } : {}), name: fieldValue(cellForm, 'name').trim() },
        });
        cellForm.reset();
        byId('cell-message').innerHTML = '<p class="notice" role="status">Đã thêm chi bộ.</p>';
        await renderCells();
      } catch (error) {
        showErrors(cellForm, shownError(error));
      }
    }).catch(() => undefined);
  });
  const fileInput = byId<HTMLInputElement>('i-file');
  fileInput.addEventListener('change', () => {
    byId('i-file-name').textContent = fileInput.files?.[0]?.name ?? 'Chưa chọn tệp';
  });
  byId('add-person').addEventListener('click', () => openPersonForm(undefined));
  const importForm = byId<HTMLFormElement>('import-form');
  importForm.addEventListener('submit', (event) => {
    event.preventDefault();
    runImport(importForm).catch(showPageError);
  });
  await renderCells();
}

run(async () => {
  const me = await startPage({ roles: ['office'], what: 'quản lý chi bộ và đảng viên' });
  if (me) await render();
});

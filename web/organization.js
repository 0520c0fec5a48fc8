// Cells and people for the Office: browse a cell's people, add or edit a cell or a person, and import
// the lists offices keep (CSV or Excel) with a per-row report and a progress bar.
import { api } from './lib/api.js';
import { escapeHtml } from './lib/format.js';
import { errorHtml, requireRoles } from './lib/office-page.js';

const content = document.getElementById('content');
const ROLE_NAMES = {
  member: 'Đảng viên',
  secretary: 'Bí thư, Chi ủy',
  committee: 'Ủy viên BCH',
  inspector: 'Ủy ban Kiểm tra',
  office: 'Văn phòng Đảng ủy',
};
const ACTIONS = { create: 'Thêm mới', update: 'Cập nhật', unchanged: 'Không đổi', refused: 'Bị từ chối' };

let cells = [];
let selectedCell;

function personForm(person) {
  const roles = person?.roles ?? ['member'];
  return `<form id="person-form" class="card" novalidate>
    <h3>${person ? `Sửa: ${escapeHtml(person.name)}` : 'Thêm người'}</h3>
    <div class="grid">
      <div><label for="p-name">Họ và tên</label><input id="p-name" name="name" required value="${escapeHtml(person?.name ?? '')}"></div>
      <div><label for="p-username">Tên đăng nhập</label><input id="p-username" name="username" required ${person ? 'readonly' : ''} value="${escapeHtml(person?.username ?? '')}"></div>
      <div><label for="p-email">Email</label><input id="p-email" name="email" type="email" required value="${escapeHtml(person?.email ?? '')}"></div>
      <div><label for="p-cell">Chi bộ</label><select id="p-cell" name="cellId">${cells
        .map(
          (cell) =>
            `<option value="${escapeHtml(cell.id)}"${cell.id === (person?.cellId ?? selectedCell) ? ' selected' : ''}>${escapeHtml(cell.name)}</option>`,
        )
        .join('')}</select></div>
    </div>
    <fieldset><legend>Vai trò</legend>${Object.entries(ROLE_NAMES)
      .map(
        ([role, label]) =>
          `<label><input type="checkbox" name="roles" value="${role}"${roles.includes(role) ? ' checked' : ''}> ${label}</label>`,
      )
      .join(' ')}</fieldset>
    <div id="person-message" aria-live="polite"></div>
    <div class="row-actions"><button type="submit">${person ? 'Lưu' : 'Thêm'}</button></div>
  </form>`;
}

async function showPeople(cellId) {
  selectedCell = cellId;
  const people = (await api(`/api/people?cellId=${encodeURIComponent(cellId)}`)).items;
  const cell = cells.find((c) => c.id === cellId);
  document.getElementById('people').innerHTML =
    `<h3>${escapeHtml(cell?.name ?? cellId)} (${people.length} người)</h3>
    <div class="table-scroll"><table><thead><tr><th scope="col">Họ và tên</th><th scope="col">Tên đăng nhập</th><th scope="col">Email</th><th scope="col">Vai trò</th><th scope="col"></th></tr></thead>
    <tbody>${people
      .map(
        (
          person,
        ) => `<tr><th scope="row">${escapeHtml(person.name)}${person.id === cell?.secretaryId ? ' <span class="badge ok">Bí thư</span>' : ''}</th>
          <td>${escapeHtml(person.username)}</td><td>${escapeHtml(person.email)}</td>
          <td>${person.roles.map((role) => escapeHtml(ROLE_NAMES[role] ?? role)).join(', ')}</td>
          <td><button type="button" class="secondary small" data-person="${escapeHtml(person.id)}">Sửa</button></td></tr>`,
      )
      .join('')}</tbody></table></div>`;
  for (const button of document.querySelectorAll('button[data-person]')) {
    button.addEventListener('click', () =>
      openPersonForm(people.find((p) => p.id === button.dataset.person)),
    );
  }
}

function openPersonForm(person) {
  const holder = document.getElementById('person-editor');
  holder.innerHTML = personForm(person);
  const form = document.getElementById('person-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      username: String(data.get('username')).trim(),
      name: String(data.get('name')).trim(),
      email: String(data.get('email')).trim(),
      cellId: String(data.get('cellId')),
      roles: data.getAll('roles').map(String),
      ...(person?.supervises ? { supervises: person.supervises } : {}),
    };
    try {
      if (person) await api(`/api/people/${encodeURIComponent(person.id)}`, { method: 'PUT', body });
      else await api('/api/people', { method: 'POST', body });
      holder.innerHTML = '<p role="status">Đã lưu.</p>';
      await showPeople(body.cellId);
    } catch (error) {
      document.getElementById('person-message').innerHTML = errorHtml(error);
    }
  });
  form.querySelector('input')?.focus();
}

function readFile(file, format) {
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

function refusedTable(error) {
  const rows = (error.fields ?? []).filter((field) => field.path.startsWith('rows.'));
  if (rows.length === 0) return errorHtml(error);
  return `<div class="error-box" role="alert"><p>${escapeHtml(error.message)}</p>
    <table><thead><tr><th scope="col">Dòng</th><th scope="col">Cột</th><th scope="col">Lý do</th></tr></thead><tbody>${rows
      .map((field) => {
        const [, row, column] = field.path.split('.');
        return `<tr><td>${escapeHtml(row)}</td><td>${escapeHtml(column)}</td><td>${escapeHtml(field.message.replace(/^Dòng \d+, cột “[^”]*”: /, ''))}</td></tr>`;
      })
      .join('')}</tbody></table></div>`;
}

async function runImport(form) {
  const status = document.getElementById('import-status');
  const file = form.file.files[0];
  if (!file) {
    status.innerHTML = '<div class="error-box" role="alert">Hãy chọn tệp CSV hoặc Excel (.xlsx).</div>';
    return;
  }
  const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
  try {
    const content = await readFile(file, format);
    let progress = await api('/api/imports', {
      method: 'POST',
      body: { kind: form.kind.value, format, content, fileName: file.name },
    });
    const report = `<table><thead><tr><th scope="col">Dòng</th><th scope="col">Mã</th><th scope="col">Tên</th><th scope="col">Kết quả</th></tr></thead><tbody>${(
      progress.rows ?? []
    )
      .map(
        (row) =>
          `<tr><td>${row.row}</td><td>${escapeHtml(row.id)}</td><td>${escapeHtml(row.name)}</td><td>${ACTIONS[row.action] ?? row.action}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    const paint = () => {
      status.innerHTML = `<p role="status">Đã ghi ${progress.processed}/${progress.total} dòng${progress.status === 'done' ? ' — hoàn tất.' : '…'}</p>
        <progress max="${progress.total}" value="${progress.processed}" aria-label="Tiến độ nhập danh sách">${progress.processed}/${progress.total}</progress>
        ${(progress.failures ?? []).map((f) => `<p class="error-box">Dòng ${f.row}: ${escapeHtml(f.message)}</p>`).join('')}
        <details open><summary>Báo cáo từng dòng (${progress.total})</summary>${report}</details>`;
    };
    paint();
    while (progress.status !== 'done') {
      progress = {
        ...progress,
        ...(await api(`/api/imports/${encodeURIComponent(progress.id)}/run`, { method: 'POST' })),
      };
      paint();
    }
    await renderCells();
  } catch (error) {
    status.innerHTML = refusedTable(error);
  }
}

async function renderCells() {
  cells = (await api('/api/cells')).items;
  document.getElementById('cells').innerHTML = cells
    .map(
      (cell) =>
        `<li><button type="button" class="secondary" data-cell="${escapeHtml(cell.id)}">${escapeHtml(cell.name)}</button></li>`,
    )
    .join('');
  for (const button of document.querySelectorAll('button[data-cell]')) {
    button.addEventListener('click', () =>
      showPeople(button.dataset.cell).catch((error) => {
        document.getElementById('people').innerHTML = errorHtml(error);
      }),
    );
  }
  if (selectedCell ?? cells[0]) await showPeople(selectedCell ?? cells[0].id);
}

async function render() {
  content.innerHTML = `
    <section class="card"><h3>Các chi bộ</h3><ul id="cells" class="users"></ul>
      <form id="cell-form" class="grid" novalidate>
        <div><label for="c-id">Mã chi bộ (không bắt buộc)</label><input id="c-id" name="id"></div>
        <div><label for="c-name">Tên chi bộ mới</label><input id="c-name" name="name" required></div>
        <div><button type="submit">Thêm chi bộ</button></div>
      </form><div id="cell-message" aria-live="polite"></div></section>
    <section class="card"><div id="people"></div>
      <div class="row-actions"><button type="button" id="add-person">Thêm người</button></div>
      <div id="person-editor"></div></section>
    <section class="card"><h3>Nhập danh sách từ tệp</h3>
      <p class="hint">Dòng đầu là tiêu đề cột. Người: Họ và tên, Tên đăng nhập, Email, Chi bộ, Vai trò (Mã, Phụ trách chi bộ nếu có).
      Chi bộ: Mã chi bộ, Tên chi bộ, Bí thư (tên đăng nhập). Tệp có dòng sai sẽ không được ghi dòng nào.</p>
      <form id="import-form" class="grid">
        <div><label for="i-kind">Loại danh sách</label><select id="i-kind" name="kind"><option value="people">Người</option><option value="cells">Chi bộ</option></select></div>
        <div><label for="i-file">Tệp CSV hoặc Excel</label><input id="i-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></div>
        <div><button type="submit">Nhập</button></div>
      </form>
      <div id="import-status" aria-live="polite"></div></section>`;
  document.getElementById('cell-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      const id = form.id.value.trim();
      await api('/api/cells', {
        method: 'POST',
        body: { ...(id ? { id } : {}), name: form.name.value.trim() },
      });
      form.reset();
      document.getElementById('cell-message').innerHTML = '<p role="status">Đã thêm chi bộ.</p>';
      await renderCells();
    } catch (error) {
      document.getElementById('cell-message').innerHTML = errorHtml(error);
    }
  });
  document.getElementById('add-person').addEventListener('click', () => openPersonForm(undefined));
  document.getElementById('import-form').addEventListener('submit', (event) => {
    event.preventDefault();
    runImport(event.target);
  });
  await renderCells();
}

if (requireRoles(content, ['office'], 'quản lý chi bộ và đảng viên')) {
  render().catch((error) => {
    content.innerHTML = errorHtml(error);
  });
}

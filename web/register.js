// The registration form (issue #4): kind, person, content area, title and the
// eight sections, with live counters, a draft kept in localStorage per user,
// one Idempotency-Key per draft (a double click or a retry creates one model),
// the API's field errors beside their fields, and a receipt. With ?edit=<id>
// the same form edits a registered model's content while the window is open.
import { ApiError, api } from './lib/api.js';
import { escapeHtml, formatDate, formatDateTime } from './lib/format.js';
import { attachCounter, clearErrors, showErrors } from './lib/forms.js';
import { KIND_LABELS, LIMITS, SECTION_LABELS, STATUS_LABELS } from './lib/labels.js';
import {
  currentTime,
  currentYear,
  loadCampaigns,
  param,
  registrationWindow,
  renderHeader,
  requireSession,
  showPageError,
  windowOpen,
} from './lib/page.js';

const SECTIONS = Object.keys(SECTION_LABELS);
const main = document.getElementById('main');
const me = requireSession();

function newKey() {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// ---- the draft -------------------------------------------------------------

const draftKey = () => `dvk.draft.register.${me.personId}`;

function loadDraft() {
  try {
    return JSON.parse(localStorage.getItem(draftKey()) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

function saveDraft(draft) {
  localStorage.setItem(draftKey(), JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
}

function clearDraft() {
  localStorage.removeItem(draftKey());
}

// ---- building the form -------------------------------------------------------

function counterHtml(id) {
  return `<p class="hint counter" id="${id}-count"></p>`;
}

function sectionField(section) {
  const id = `section-${section}`;
  return `<div class="field">
    <label for="${id}">${escapeHtml(SECTION_LABELS[section])} <span class="required" aria-hidden="true">*</span></label>
    <textarea id="${id}" name="${section}" data-path="${section}" required maxlength="${LIMITS.sectionMax}"
      aria-describedby="${id}-count" rows="4"></textarea>
    ${counterHtml(id)}
  </div>`;
}

function formHtml({ campaigns, campaign, mayCollective, people, editing }) {
  const lockedNote = editing
    ? '<p class="hint">Loại mô hình, người thực hiện và năm đăng ký không sửa được; muốn đổi, hãy rút mô hình rồi đăng ký lại.</p>'
    : '';
  return `<form id="model-form" novalidate>
    <div class="error-summary" role="alert" tabindex="-1" hidden></div>

    <div class="field${campaigns.length > 1 ? '' : ' visually-hidden'}">
      <label for="campaign">Phong trào thi đua</label>
      <select id="campaign" name="campaignId" data-path="campaignId" ${editing ? 'disabled' : ''}>
        ${campaigns.map((c) => `<option value="${escapeHtml(c.id)}">${escapeHtml(c.name)}</option>`).join('')}
      </select>
    </div>

    <div class="field">
      <label for="year">Năm đăng ký</label>
      <select id="year" name="year" data-path="year" aria-describedby="year-window" ${editing ? 'disabled' : ''}>
        ${campaign.registrationYears.map((y) => `<option value="${y}">${y}</option>`).join('')}
      </select>
      <p class="hint" id="year-window"></p>
    </div>

    <fieldset class="field" id="kind-group" data-path="kind">
      <legend>Loại mô hình <span class="required" aria-hidden="true">*</span></legend>
      ${
        mayCollective
          ? `<div class="choice"><input type="radio" id="kind-collective" name="kind" value="collective" ${editing ? 'disabled' : ''}>
             <label for="kind-collective">Tập thể — mô hình của cả chi bộ</label></div>`
          : ''
      }
      <div class="choice"><input type="radio" id="kind-individual" name="kind" value="individual" ${editing ? 'disabled' : ''}>
        <label for="kind-individual">Cá nhân — mô hình của một người</label></div>
      ${mayCollective ? '' : '<p class="hint">Mô hình tập thể do Bí thư hoặc Chi ủy của chi bộ đăng ký.</p>'}
      ${lockedNote}
    </fieldset>

    <div class="field" id="person-field" hidden>
      <label for="person">Người thực hiện mô hình <span class="required" aria-hidden="true">*</span></label>
      <select id="person" name="personId" data-path="personId" ${editing ? 'disabled' : ''}>
        ${people.length > 1 ? '<option value="">— Chọn người thực hiện —</option>' : ''}
        ${people.map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</option>`).join('')}
      </select>
      ${people.length > 1 ? '' : '<p class="hint">Đảng viên chỉ đăng ký mô hình cá nhân cho chính mình.</p>'}
    </div>

    <fieldset class="field" id="area-group" data-path="area">
      <legend>Nội dung thi đua <span class="required" aria-hidden="true">*</span></legend>
      ${campaign.areas
        .map(
          (
            area,
          ) => `<div class="choice"><input type="radio" id="area-${area.id}" name="area" value="${area.id}">
            <label for="area-${area.id}"><strong>Nội dung ${area.id}.</strong> ${escapeHtml(area.name)}</label></div>`,
        )
        .join('')}
    </fieldset>

    <div class="field" id="subfield-field" hidden>
      <label for="subField">Lĩnh vực cụ thể</label>
      <select id="subField" name="subField" data-path="subField">
        <option value="">— Chọn lĩnh vực (không bắt buộc) —</option>
      </select>
    </div>

    <div class="field">
      <label for="title">Tên mô hình <span class="required" aria-hidden="true">*</span></label>
      <input id="title" name="title" data-path="title" type="text" required maxlength="${LIMITS.titleMax}"
        autocomplete="off" aria-describedby="title-hint title-count">
      <p class="hint" id="title-hint">Từ ${LIMITS.titleMin} đến ${LIMITS.titleMax} ký tự.</p>
      ${counterHtml('title')}
    </div>

    <h3>Nội dung đăng ký</h3>
    <p class="hint">Mỗi mục tối đa ${LIMITS.sectionMax} ký tự.</p>
    ${SECTIONS.map(sectionField).join('')}

    <div class="actions">
      <button type="submit" id="submit">${editing ? 'Lưu thay đổi' : 'Gửi đăng ký'}</button>
      ${editing ? `<a class="button secondary" href="/model.html?id=${encodeURIComponent(editing.id)}">Hủy</a>` : '<button type="button" class="secondary" id="discard">Xóa bản nháp</button>'}
    </div>
    <p class="hint" id="draft-status" aria-live="polite"></p>
  </form>`;
}

// ---- reading and writing the form's values ------------------------------------

function readForm(form) {
  const value = (name) => form.elements[name]?.value ?? '';
  const checked = (name) => form.querySelector(`input[name="${name}"]:checked`)?.value;
  return {
    campaignId: value('campaignId'),
    year: value('year'),
    kind: checked('kind'),
    personId: value('personId'),
    area: checked('area'),
    subField: value('subField'),
    title: value('title'),
    sections: Object.fromEntries(SECTIONS.map((s) => [s, value(s)])),
  };
}

function writeForm(form, values) {
  const set = (name, v) => {
    if (
      v !== undefined &&
      form.elements[name] &&
      [...(form.elements[name].options ?? [{ value: v }])].some((o) => o.value === String(v))
    )
      form.elements[name].value = String(v);
  };
  set('campaignId', values.campaignId);
  set('year', values.year);
  for (const name of ['kind', 'area']) {
    const radio =
      values[name] !== undefined &&
      form.querySelector(`input[name="${name}"][value="${CSS.escape(String(values[name]))}"]`);
    if (radio) radio.checked = true;
  }
  set('personId', values.personId);
  if (values.title !== undefined) form.elements.title.value = values.title;
  for (const s of SECTIONS)
    if (values.sections?.[s] !== undefined) form.elements[s].value = values.sections[s];
}

function contentBody(values) {
  return {
    title: values.title,
    area: values.area === undefined ? undefined : Number(values.area),
    ...(values.area === '3' && values.subField ? { subField: values.subField } : {}),
    ...values.sections,
  };
}

function registrationBody(values) {
  return {
    campaignId: values.campaignId,
    year: Number(values.year),
    kind: values.kind,
    cellId: me.cellId,
    ...(values.kind === 'individual' && values.personId ? { personId: values.personId } : {}),
    ...contentBody(values),
  };
}

// ---- the receipt ----------------------------------------------------------------

function receiptHtml(model, cellId, editing) {
  return `<section class="card receipt" id="receipt" aria-labelledby="receipt-title">
    <h2 id="receipt-title" tabindex="-1">${editing ? 'Đã lưu thay đổi của mô hình' : 'Đã đăng ký mô hình'}</h2>
    <p>${editing ? 'Nội dung mới đã được lưu.' : 'Hệ thống đã ghi nhận đăng ký và gửi thư xác nhận tới người liên quan.'}</p>
    <dl class="facts">
      <dt>Mã mô hình</dt><dd class="receipt-id"><code>${escapeHtml(model.id)}</code></dd>
      <dt>Tên mô hình</dt><dd class="receipt-title">${escapeHtml(model.title)}</dd>
      <dt>Loại</dt><dd class="receipt-kind">${escapeHtml(KIND_LABELS[model.kind] ?? model.kind)}</dd>
      <dt>Trạng thái</dt><dd class="receipt-status"><span class="badge">${escapeHtml(STATUS_LABELS[model.status] ?? model.status)}</span></dd>
      <dt>Năm đăng ký</dt><dd>${escapeHtml(model.year)}</dd>
      <dt>Thời điểm</dt><dd>${formatDateTime(model.updatedAt ?? model.createdAt)}</dd>
    </dl>
    <p class="actions">
      <a class="button" href="/model.html?id=${encodeURIComponent(model.id)}">Xem mô hình</a>
      <a class="button secondary" href="/cell.html?id=${encodeURIComponent(cellId)}&amp;year=${encodeURIComponent(model.year)}">Xem chi bộ</a>
      ${editing ? '' : '<button type="button" class="secondary" id="another">Đăng ký mô hình khác</button>'}
    </p>
  </section>`;
}

// ---- the page -----------------------------------------------------------------

async function start() {
  await renderHeader(me);
  const editId = param('edit');
  const mayCollective = me.roles.includes('secretary');
  if (!mayCollective && !me.roles.includes('member')) {
    main.innerHTML = `<section class="card"><h2>Đăng ký mô hình</h2>
      <p>Tài khoản của bạn không có quyền đăng ký mô hình (chỉ Bí thư, Chi ủy và đảng viên, CCVC, người lao động).</p></section>`;
    return;
  }
  const [campaigns, now, people, editing] = await Promise.all([
    loadCampaigns(),
    currentTime(),
    mayCollective
      ? api(`/api/cells/${encodeURIComponent(me.cellId)}/people`).then((r) => r.items)
      : Promise.resolve([{ id: me.personId, name: me.name }]),
    editId ? api(`/api/models/${encodeURIComponent(editId)}`) : Promise.resolve(undefined),
  ]);
  if (campaigns.length === 0) {
    main.innerHTML =
      '<section class="card"><h2>Đăng ký mô hình</h2><p>Chưa có phong trào thi đua nào.</p></section>';
    return;
  }
  let campaign = campaigns.find((c) => c.id === editing?.campaignId) ?? campaigns[0];
  const pickerPeople =
    editing?.personId && !people.some((p) => p.id === editing.personId)
      ? [...people, { id: editing.personId, name: editing.personId }]
      : people;

  main.innerHTML = `<section class="card" aria-labelledby="form-title">
      <h2 id="form-title">${editing ? 'Sửa mô hình đã đăng ký' : 'Đăng ký mô hình “Dân vận khéo”'}</h2>
      <p class="hint">Các mục có dấu <span class="required">*</span> là bắt buộc.${editing ? '' : ' Bản nháp được tự động lưu trên máy này.'}</p>
      ${formHtml({ campaigns, campaign, mayCollective, people: pickerPeople, editing })}
    </section>`;
  const form = document.getElementById('model-form');
  const counters = [
    attachCounter(form.elements.title, document.getElementById('title-count'), LIMITS.titleMax),
    ...SECTIONS.map((s) =>
      attachCounter(form.elements[s], document.getElementById(`section-${s}-count`), LIMITS.sectionMax),
    ),
  ];

  const showYearWindow = () => {
    const year = Number(form.elements.year.value);
    const window = registrationWindow(campaign, year);
    const last = new Date(window.closesBefore.getTime() - 1);
    const open = windowOpen(campaign, year, now);
    document.getElementById('year-window').innerHTML =
      `Thời hạn đăng ký năm ${year}: từ ${formatDate(window.opensAt)} đến hết ${formatDate(last)} —
      ${open ? '<span class="badge ok">đang mở</span>' : '<span class="badge warn">không trong thời hạn</span> (Văn phòng Đảng ủy có thể gia hạn cho chi bộ)'}`;
  };
  const showDependents = () => {
    const values = readForm(form);
    document.getElementById('person-field').hidden = values.kind !== 'individual';
    const area = campaign.areas.find((a) => String(a.id) === values.area);
    const subFieldBox = document.getElementById('subfield-field');
    const select = form.elements.subField;
    const subFields = area?.subFields ?? [];
    subFieldBox.hidden = subFields.length === 0;
    const chosen = select.value;
    select.innerHTML = `<option value="">— Chọn lĩnh vực (không bắt buộc) —</option>${subFields
      .map((f) => `<option value="${escapeHtml(f)}">${escapeHtml(f)}</option>`)
      .join('')}`;
    if (subFields.includes(chosen)) select.value = chosen;
  };

  // Fill: the model being edited, else the draft, else sensible defaults.
  let draft = editing ? undefined : loadDraft();
  if (editing) {
    writeForm(form, {
      campaignId: editing.campaignId,
      year: editing.year,
      kind: editing.kind,
      personId: editing.personId,
      area: editing.area,
      title: editing.title,
      sections: editing.sections,
    });
  } else if (draft) {
    writeForm(form, draft);
    campaign = campaigns.find((c) => c.id === form.elements.campaignId.value) ?? campaign;
  } else {
    form.elements.year.value = String(currentYear(campaign, now));
    if (!mayCollective) form.querySelector('#kind-individual').checked = true;
  }
  showDependents();
  if (editing?.subField) form.elements.subField.value = editing.subField;
  else if (draft?.subField) form.elements.subField.value = draft.subField;
  showYearWindow();
  for (const update of counters) update();
  if (draft)
    document.getElementById('draft-status').textContent =
      `Đã khôi phục bản nháp lưu lúc ${formatDateTime(draft.savedAt)}.`;

  const remember = () => {
    if (editing) return;
    draft = { ...readForm(form), idempotencyKey: draft?.idempotencyKey ?? newKey() };
    saveDraft(draft);
    document.getElementById('draft-status').textContent = 'Đã lưu bản nháp trên máy này.';
  };
  form.addEventListener('input', remember);
  form.addEventListener('change', (event) => {
    if (event.target.name === 'campaignId') {
      campaign = campaigns.find((c) => c.id === event.target.value) ?? campaign;
    }
    if (['kind', 'area', 'campaignId'].includes(event.target.name)) showDependents();
    if (['year', 'campaignId'].includes(event.target.name)) showYearWindow();
    remember();
  });
  document.getElementById('discard')?.addEventListener('click', () => {
    if (!confirm('Xóa toàn bộ nội dung đã nhập?')) return;
    clearDraft();
    location.reload();
  });

  let submitting = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submitting) return;
    submitting = true;
    const button = document.getElementById('submit');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    clearErrors(form);
    const values = readForm(form);
    try {
      let model;
      if (editing) {
        model = await api(`/api/models/${encodeURIComponent(editing.id)}`, {
          method: 'PUT',
          body: contentBody(values),
        });
      } else {
        // The key belongs to the draft: a retry of the same draft lands on the same model.
        draft = { ...values, idempotencyKey: draft?.idempotencyKey ?? newKey() };
        saveDraft(draft);
        model = await api('/api/models', {
          method: 'POST',
          body: registrationBody(values),
          headers: { 'Idempotency-Key': draft.idempotencyKey },
        });
        clearDraft();
        draft = undefined;
      }
      showReceipt(model, editing);
    } catch (error) {
      const shown =
        error instanceof ApiError
          ? error
          : {
              message:
                'Không gửi được vì lỗi mạng. Bản nháp vẫn được giữ; hãy thử lại — hệ thống sẽ không tạo trùng mô hình.',
              fields: [],
            };
      showErrors(form, shown);
    } finally {
      submitting = false;
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
}

function showReceipt(model, editing) {
  main.innerHTML = receiptHtml(model, model.cellId ?? me.cellId, editing);
  const title = document.getElementById('receipt-title');
  title.focus();
  document.getElementById('another')?.addEventListener('click', () => {
    main.innerHTML = '<p class="muted">Đang tải…</p>';
    start().catch((error) => showPageError(main, error));
  });
}

if (me) start().catch((error) => showPageError(main, error));

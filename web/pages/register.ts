// The registration form: kind, person, content area, title and the eight sections, with live
// counters, a draft kept in localStorage per person, one Idempotency-Key per draft (a double click or
// a retry creates one model), the API's field errors beside their fields, and a receipt. With
// ?edit=<id> the same form edits a registered model's content while the window is open, and
// completes a registration returned for completion (sending it again makes it count as registered).
import {
  formatDate,
  formatDateTime,
  formatLocalDate,
  isWithinWindow,
  lastDayBefore,
  registrationWindow,
  registrationYearFor,
} from '../../shared/domain/calendar.ts';
import { MODEL_ACTION_LABELS, MODEL_FIELD_LABELS, MODEL_LIMITS } from '../../shared/domain/form-fields.ts';
import type { Model } from '../../shared/domain/model.ts';
import { KIND_LABELS } from '../../shared/domain/model-kinds.ts';
import { STATUS_LABELS, shownStatus } from '../../shared/domain/model-status.ts';
import { MODEL_SECTIONS, type ModelSection, SECTION_LABELS } from '../../shared/domain/sections.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { api, shownError, untilRecorded } from '../lib/api.ts';
import { systemNow } from '../lib/clock.ts';
import { confirmAction } from '../lib/dialog.ts';
import { byId, contentArea, escapeHtml, fieldValue, param } from '../lib/dom.ts';
import { attachCounter, clearErrors, showErrors, whileSending } from '../lib/forms.ts';
import { loadCampaigns, run, startPage } from '../lib/page.ts';
import type { Me } from '../lib/session.ts';
import { completionDeadline } from '../lib/tasks.ts';

interface FormValues {
  readonly campaignId: string;
  readonly year: string;
  readonly kind: string | undefined;
  readonly personId: string;
  readonly area: string | undefined;
  readonly subField: string;
  readonly title: string;
  readonly sections: Readonly<Record<ModelSection, string>>;
}

interface Draft extends Partial<FormValues> {
  readonly idempotencyKey?: string;
  readonly savedAt?: string;
}

const main = contentArea();
const L = MODEL_FIELD_LABELS;

function newKey(): string {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// ---- the draft -------------------------------------------------------------------------------

const draftKey = (me: Me) => `dvk.draft.register.${me.personId}`;

function loadDraft(me: Me): Draft | undefined {
  try {
    return (JSON.parse(localStorage.getItem(draftKey(me)) ?? 'null') as Draft | null) ?? undefined;
  } catch {
    return undefined;
  }
}

async function saveDraft(me: Me, draft: Draft): Promise<void> {
  // On the system's clock, so locally the time matches the virtual one people work by.
  const savedAt = (await systemNow()).toISOString();
  localStorage.setItem(draftKey(me), JSON.stringify({ ...draft, savedAt }));
}

// ---- building the form -----------------------------------------------------------------------

function required(): string {
  return ' <span class="required" aria-hidden="true">*</span>';
}

function sectionField(section: ModelSection): string {
  const id = `section-${section}`;
  return `<div class="field">
    <label for="${id}">${escapeHtml(SECTION_LABELS[section])}${required()}</label>
    <textarea id="${id}" name="${section}" data-path="${section}" required maxlength="${MODEL_LIMITS.sectionMax}"
      aria-describedby="${id}-count" rows="4"></textarea>
    <p class="hint counter" id="${id}-count"></p>
  </div>`;
}

interface PersonChoice {
  readonly id: string;
  readonly name: string;
}

function formHtml(
  campaigns: readonly Campaign[],
  mayCollective: boolean,
  people: readonly PersonChoice[],
  editing: Model | undefined,
): string {
  const locked = editing ? ' disabled' : '';
  return `<form id="model-form" novalidate>
    <div class="error-summary" role="alert" tabindex="-1" hidden></div>

    <div class="field${campaigns.length > 1 ? '' : ' visually-hidden'}">
      <label for="campaign">${L.campaignId}</label>
      <select id="campaign" name="campaignId" data-path="campaignId"${locked}>
        ${campaigns.map((c) => `<option value="${escapeHtml(c.id)}">${escapeHtml(c.name)}</option>`).join('')}
      </select>
    </div>

    <div class="field">
      <label for="year">${L.year}</label>
      <select id="year" name="year" data-path="year" aria-describedby="year-window"${locked}></select>
      <p class="hint" id="year-window"></p>
    </div>

    <fieldset class="field" id="kind-group" data-path="kind">
      <legend>${L.kind}${required()}</legend>
      ${
        mayCollective
          ? `<div class="choice"><input type="radio" id="kind-collective" name="kind" value="collective"${locked}>
             <label for="kind-collective">${KIND_LABELS.collective} — mô hình của cả chi bộ</label></div>`
          : ''
      }
      <div class="choice"><input type="radio" id="kind-individual" name="kind" value="individual"${locked}>
        <label for="kind-individual">${KIND_LABELS.individual} — mô hình của một người</label></div>
      ${mayCollective ? '' : '<p class="hint">Mô hình tập thể do Bí thư hoặc Chi ủy của chi bộ đăng ký.</p>'}
      ${editing ? '<p class="hint">Loại mô hình, người thực hiện và năm đăng ký không sửa được; muốn đổi, hãy rút mô hình rồi đăng ký lại.</p>' : ''}
    </fieldset>

    <div class="field" id="person-field" hidden>
      <label for="person">${L.personId}${required()}</label>
      <select id="person" name="personId" data-path="personId"${locked}>
        ${people.length > 1 ? '<option value="">— Chọn người thực hiện —</option>' : ''}
        ${people.map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</option>`).join('')}
      </select>
      ${people.length > 1 ? '' : '<p class="hint">Đảng viên chỉ đăng ký mô hình cá nhân cho chính mình.</p>'}
    </div>

    <fieldset class="field" id="area-group" data-path="area">
      <legend>${L.area}${required()}</legend>
      <div id="area-choices"></div>
    </fieldset>

    <div class="field" id="subfield-field" hidden>
      <label for="subField">${L.subField}</label>
      <select id="subField" name="subField" data-path="subField"></select>
    </div>

    <div class="field">
      <label for="title">${L.title}${required()}</label>
      <input id="title" name="title" data-path="title" type="text" required maxlength="${MODEL_LIMITS.titleMax}"
        autocomplete="off" aria-describedby="title-hint title-count">
      <p class="hint" id="title-hint">Từ ${MODEL_LIMITS.titleMin} đến ${MODEL_LIMITS.titleMax} ký tự.</p>
      <p class="hint counter" id="title-count"></p>
    </div>

    <h3>Nội dung đăng ký</h3>
    <p class="hint">Mỗi mục tối đa ${MODEL_LIMITS.sectionMax} ký tự.</p>
    ${MODEL_SECTIONS.map(sectionField).join('')}

    <div class="actions">
      <button type="submit" id="submit">${
        editing?.status === 'returned'
          ? 'Gửi lại đăng ký đã bổ sung'
          : editing
            ? 'Lưu thay đổi'
            : 'Gửi đăng ký'
      }</button>
      ${editing ? '<button type="button" class="secondary" id="cancel-edit">Hủy</button>' : '<button type="button" class="secondary" id="discard">Xóa bản nháp</button>'}
    </div>
    <p class="hint" id="draft-status" aria-live="polite"></p>
  </form>`;
}

function areaChoices(campaign: Campaign): string {
  return campaign.areas
    .map(
      (area) => `<div class="choice"><input type="radio" id="area-${area.id}" name="area" value="${area.id}">
        <label for="area-${area.id}"><strong>Nội dung ${area.id}.</strong> ${escapeHtml(area.name)}</label></div>`,
    )
    .join('');
}

// ---- reading and writing the form's values ---------------------------------------------------

function readForm(form: HTMLFormElement): FormValues {
  const checked = (name: string) =>
    form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
  return {
    campaignId: fieldValue(form, 'campaignId'),
    year: fieldValue(form, 'year'),
    kind: checked('kind'),
    personId: fieldValue(form, 'personId'),
    area: checked('area'),
    subField: fieldValue(form, 'subField'),
    title: fieldValue(form, 'title'),
    sections: Object.fromEntries(MODEL_SECTIONS.map((s) => [s, fieldValue(form, s)])) as Record<
      ModelSection,
      string
    >,
  };
}

function setSelect(form: HTMLFormElement, name: string, value: string | number | undefined): void {
  const select = form.elements.namedItem(name);
  if (value === undefined || !(select instanceof HTMLSelectElement)) return;
  if ([...select.options].some((option) => option.value === String(value))) select.value = String(value);
}

function writeForm(form: HTMLFormElement, values: Partial<FormValues>): void {
  setSelect(form, 'campaignId', values.campaignId);
  setSelect(form, 'year', values.year);
  for (const name of ['kind', 'area'] as const) {
    const value = values[name];
    const radio =
      value === undefined
        ? null
        : form.querySelector<HTMLInputElement>(`input[name="${name}"][value="${CSS.escape(String(value))}"]`);
    if (radio) radio.checked = true;
  }
  setSelect(form, 'personId', values.personId);
  const text = (name: string, value: string | undefined) => {
    const control = form.elements.namedItem(name);
    if (
      value !== undefined &&
      (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)
    )
      control.value = value;
  };
  text('title', values.title);
  for (const s of MODEL_SECTIONS) text(s, values.sections?.[s]);
}

function contentBody(values: FormValues) {
  return {
    title: values.title,
    area: values.area === undefined ? undefined : Number(values.area),
    ...(values.area === '3' && values.subField ? { subField: values.subField } : {}),
    ...values.sections,
  };
}

// ---- the receipt ---------------------------------------------------------------------------------

/** What the receipt is for: a new registration, an edit, or a returned registration sent again. */
type ReceiptFor = 'registered' | 'edited' | 'resubmitted';

const RECEIPT_TEXT: Readonly<Record<ReceiptFor, { title: string; text: string }>> = {
  registered: {
    title: 'Đã đăng ký mô hình',
    text: 'Hệ thống đã ghi nhận đăng ký và gửi thư xác nhận tới người liên quan.',
  },
  edited: { title: 'Đã lưu thay đổi của mô hình', text: 'Nội dung mới đã được lưu.' },
  resubmitted: {
    title: 'Đã gửi lại đăng ký',
    text: 'Đã gửi lại đăng ký đã bổ sung; mô hình được tính là đã đăng ký.',
  },
};

/** The returned registration's reason and deadline, above the form that completes it. */
function returnedHtml(model: Model, campaign: Campaign | undefined): string {
  const request = model.returnRequest;
  if (model.status !== 'returned' || !request) return '';
  const due = completionDeadline(model, campaign);
  return `<section class="card returned" id="returned" aria-labelledby="returned-title">
    <h2 id="returned-title">Đăng ký này đã được trả lại để bổ sung</h2>
    <p class="muted">Trả lại ngày ${formatDate(new Date(request.at))}.</p>
    <h3>${escapeHtml(MODEL_ACTION_LABELS.returnReason)}</h3>
    <p class="prose" id="returned-reason">${escapeHtml(request.reason)}</p>
    <p>Hãy sửa, bổ sung nội dung dưới đây rồi bấm “Gửi lại đăng ký đã bổ sung”. Mô hình chỉ được tính là đã đăng ký khi đăng ký đã bổ sung được gửi lại${
      due ? `, chậm nhất hết ngày ${formatDate(new Date(due.getTime() - 1000))}` : ' trong thời hạn đăng ký'
    }.</p>
  </section>`;
}

function receiptHtml(model: Model, receipt: ReceiptFor): string {
  const editing = receipt !== 'registered';
  // A completion the server accepted is recorded by the workflow within a moment, as `registered` is.
  const status = receipt === 'resubmitted' && model.status === 'returned' ? 'implementing' : model.status;
  return `<section class="card receipt" id="receipt" aria-labelledby="receipt-title">
    <h2 id="receipt-title" tabindex="-1">${RECEIPT_TEXT[receipt].title}</h2>
    <p id="receipt-text">${RECEIPT_TEXT[receipt].text}</p>
    <dl class="facts">
      <dt>Mã mô hình</dt><dd class="receipt-id"><code>${escapeHtml(model.id)}</code></dd>
      <dt>${L.title}</dt><dd class="receipt-title">${escapeHtml(model.title)}</dd>
      <dt>${L.kind}</dt><dd class="receipt-kind">${escapeHtml(KIND_LABELS[model.kind])}</dd>
      <dt>Trạng thái</dt><dd class="receipt-status"><span class="badge">${escapeHtml(STATUS_LABELS[shownStatus(status)])}</span></dd>
      <dt>${L.year}</dt><dd>${escapeHtml(model.year)}</dd>
      <dt>Thời điểm</dt><dd>${formatDateTime(new Date(model.updatedAt ?? model.createdAt))}</dd>
    </dl>
    <p class="actions">
      <a class="button" href="/model.html?id=${encodeURIComponent(model.id)}">Xem mô hình</a>
      <a class="button secondary" href="/cell.html?id=${encodeURIComponent(model.cellId)}&amp;year=${encodeURIComponent(model.year)}">Xem chi bộ</a>
      ${editing ? '' : '<button type="button" class="secondary" id="another">Đăng ký mô hình khác</button>'}
    </p>
  </section>`;
}

// ---- the page ---------------------------------------------------------------------------------------

async function start(me: Me): Promise<void> {
  const editId = param('edit');
  const mayCollective = me.roles.includes('secretary');
  if (!mayCollective && !me.roles.includes('member')) {
    main.innerHTML = `<section class="card"><h2>Đăng ký mô hình</h2>
      <p>Tài khoản của bạn không có quyền đăng ký mô hình (chỉ Bí thư, Chi ủy và đảng viên, công chức, viên chức, người lao động).</p></section>`;
    return;
  }
  const [campaigns, now, people, editing] = await Promise.all([
    loadCampaigns(),
    systemNow(),
    mayCollective
      ? api<{ items: PersonChoice[] }>(`/api/cells/${encodeURIComponent(me.cellId)}/people`).then(
          (r) => r.items,
        )
      : Promise.resolve([{ id: me.personId, name: me.name }]),
    editId ? api<Model>(`/api/models/${encodeURIComponent(editId)}`) : Promise.resolve(undefined),
  ]);
  const first = campaigns[0];
  if (!first) {
    main.innerHTML =
      '<section class="card"><h2>Đăng ký mô hình</h2><p>Chưa có phong trào thi đua nào.</p></section>';
    return;
  }
  let campaign = campaigns.find((c) => c.id === editing?.campaignId) ?? first;
  const pickerPeople =
    editing?.personId && !people.some((p) => p.id === editing.personId)
      ? [...people, { id: editing.personId, name: editing.personId }]
      : people;

  const resubmitting = editing?.status === 'returned';
  main.innerHTML = `${editing ? returnedHtml(editing, campaign) : ''}
    <section class="card" aria-labelledby="form-title">
      <h2 id="form-title">${
        resubmitting
          ? 'Bổ sung đăng ký đã bị trả lại'
          : editing
            ? 'Sửa mô hình đã đăng ký'
            : 'Đăng ký mô hình “Dân vận khéo”'
      }</h2>
      <p class="hint">Các mục có dấu <span class="required">*</span> là bắt buộc.${editing ? '' : ' Bản nháp được tự động lưu trên máy này.'}</p>
      ${formHtml(campaigns, mayCollective, pickerPeople, editing)}
    </section>`;
  const form = byId<HTMLFormElement>('model-form');
  const control = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as unknown as T;
  const counters = [
    attachCounter(control<HTMLInputElement>('title'), byId('title-count'), MODEL_LIMITS.titleMax),
    ...MODEL_SECTIONS.map((s) =>
      attachCounter(control<HTMLTextAreaElement>(s), byId(`section-${s}-count`), MODEL_LIMITS.sectionMax),
    ),
  ];

  const showCampaign = () => {
    const year = control<HTMLSelectElement>('year');
    const chosen = year.value;
    year.innerHTML = campaign.registrationYears.map((y) => `<option value="${y}">${y}</option>`).join('');
    if (campaign.registrationYears.map(String).includes(chosen)) year.value = chosen;
    const area = form.querySelector<HTMLInputElement>('input[name="area"]:checked')?.value;
    byId('area-choices').innerHTML = areaChoices(campaign);
    if (area) writeForm(form, { area });
  };
  const showYearWindow = () => {
    const year = Number(control<HTMLSelectElement>('year').value);
    const window = registrationWindow(campaign, year);
    const open = isWithinWindow(window, now);
    byId('year-window').innerHTML =
      `Thời hạn đăng ký năm ${year}: từ ${formatDate(window.opensAt)} đến hết ${formatLocalDate(lastDayBefore(window.closesBefore))} —
      ${open ? '<span class="badge ok">đang mở</span>' : '<span class="badge warn">không trong thời hạn</span> (Văn phòng Đảng ủy có thể gia hạn cho chi bộ)'}`;
  };
  const showDependents = () => {
    const values = readForm(form);
    byId('person-field').hidden = values.kind !== 'individual';
    const area = campaign.areas.find((a) => String(a.id) === values.area);
    const select = control<HTMLSelectElement>('subField');
    const subFields = area?.subFields ?? [];
    byId('subfield-field').hidden = subFields.length === 0;
    const chosen = select.value;
    select.innerHTML = `<option value="">— Chọn lĩnh vực (không bắt buộc) —</option>${subFields
      .map((f) => `<option value="${escapeHtml(f)}">${escapeHtml(f)}</option>`)
      .join('')}`;
    if (subFields.includes(chosen)) select.value = chosen;
  };

  // Fill: the model being edited, else the draft, else the year open now (or the next to open).
  let draft = editing ? undefined : loadDraft(me);
  showCampaign();
  if (editing) {
    writeForm(form, {
      ...editing,
      year: String(editing.year),
      area: String(editing.area),
      sections: editing.sections,
    });
  } else if (draft) {
    setSelect(form, 'campaignId', draft.campaignId);
    campaign = campaigns.find((c) => c.id === fieldValue(form, 'campaignId')) ?? campaign;
    showCampaign();
    writeForm(form, draft);
  } else {
    setSelect(form, 'year', registrationYearFor(campaign, now));
    if (!mayCollective) writeForm(form, { kind: 'individual' });
  }
  showDependents();
  setSelect(form, 'subField', editing?.subField ?? draft?.subField);
  showYearWindow();
  for (const update of counters) update();
  if (draft?.savedAt)
    byId('draft-status').textContent =
      `Đã khôi phục bản nháp lưu lúc ${formatDateTime(new Date(draft.savedAt))}.`;
  let dirty = false;

  const remember = () => {
    dirty = true;
    if (editing) return;
    draft = { ...readForm(form), idempotencyKey: draft?.idempotencyKey ?? newKey() };
    saveDraft(me, draft).then(
      () => {
        byId('draft-status').textContent = 'Đã lưu bản nháp trên máy này.';
      },
      () => undefined,
    );
  };
  form.addEventListener('input', remember);
  form.addEventListener('change', (event) => {
    const name = (event.target as HTMLInputElement).name;
    if (name === 'campaignId') {
      campaign = campaigns.find((c) => c.id === fieldValue(form, 'campaignId')) ?? campaign;
      showCampaign();
    }
    if (['kind', 'area', 'campaignId'].includes(name)) showDependents();
    if (['year', 'campaignId'].includes(name)) showYearWindow();
    remember();
  });
  document.getElementById('discard')?.addEventListener('click', async () => {
    const sure = await confirmAction({
      title: 'Xóa bản nháp?',
      message: 'Toàn bộ nội dung đã nhập trên máy này sẽ bị xóa và không lấy lại được.',
      confirm: 'Xóa bản nháp',
      danger: true,
    });
    if (!sure) return;
    localStorage.removeItem(draftKey(me));
    location.reload();
  });
  document.getElementById('cancel-edit')?.addEventListener('click', async () => {
    const back = `/model.html?id=${encodeURIComponent(editing?.id ?? '')}`;
    if (dirty) {
      const sure = await confirmAction({
        title: 'Bỏ các thay đổi?',
        message: 'Những gì vừa sửa sẽ không được lưu.',
        confirm: 'Bỏ thay đổi',
        danger: true,
      });
      if (!sure) return;
    }
    location.href = back;
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const values = readForm(form);
    whileSending(form, async () => {
      try {
        let model: Model;
        if (editing) {
          const modelPath = `/api/models/${encodeURIComponent(editing.id)}`;
          model = await api<Model>(modelPath, { method: 'PUT', body: contentBody(values) });
          // The workflow records the completion a moment later: show the model once it has.
          if (resubmitting)
            model = await untilRecorded(
              () => api<Model>(modelPath),
              model,
              (m) => m.status !== 'returned',
            );
        } else {
          // The key belongs to the draft: a retry of the same draft lands on the same model.
          const key = draft?.idempotencyKey ?? newKey();
          draft = { ...values, idempotencyKey: key };
          await saveDraft(me, draft);
          model = await api<Model>('/api/models', {
            method: 'POST',
            body: {
              campaignId: values.campaignId,
              year: Number(values.year),
              kind: values.kind,
              cellId: me.cellId,
              ...(values.kind === 'individual' && values.personId ? { personId: values.personId } : {}),
              ...contentBody(values),
            },
            headers: { 'Idempotency-Key': key },
          });
          localStorage.removeItem(draftKey(me));
          draft = undefined;
        }
        showReceipt(me, model, resubmitting ? 'resubmitted' : editing ? 'edited' : 'registered');
      } catch (error) {
        showErrors(
          form,
          shownError(
            error,
            'Không gửi được vì lỗi mạng. Bản nháp vẫn được giữ; hãy thử lại — hệ thống sẽ không tạo trùng mô hình.',
          ),
        );
      }
    }).catch(() => undefined);
  });
}

function showReceipt(me: Me, model: Model, receipt: ReceiptFor): void {
  main.innerHTML = receiptHtml(model, receipt);
  byId('receipt-title').focus();
  document.getElementById('another')?.addEventListener('click', () => {
    main.innerHTML = '<p class="muted">Đang tải…</p>';
    run(() => start(me));
  });
}

run(async () => {
  const me = await startPage();
  if (me) await start(me);
});

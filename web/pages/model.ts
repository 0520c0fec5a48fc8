// A model's page: its content and where its cycle stands, and for the right people the next step —
// self-assessment, the committee's review, the tiers, editing and withdrawing while registration
// is open, returning a registration for completion or completing one that was returned. The server
// decides every permission; the page only offers what it would accept, and asks before a decision
// that is hard to undo.
import {
  formatDate,
  formatDateTime,
  isWithinWindow,
  registrationWindow,
  selfAssessmentOfferedFrom,
} from '../../shared/domain/calendar.ts';
import {
  ASSESSMENT_LIMITS,
  MODEL_ACTION_LABELS,
  MODEL_FIELD_LABELS,
  REVIEW_LABELS,
  SELF_ASSESSMENT_LABELS,
} from '../../shared/domain/form-fields.ts';
// The page reads one model as GET /api/models/{id} shows it, with what the reader may do.
import type { ModelView as Model, Review, SelfAssessment, TierRecord } from '../../shared/domain/model.ts';
import { KIND_LABELS } from '../../shared/domain/model-kinds.ts';
import { STATUS_LABELS, shownStatus } from '../../shared/domain/model-status.ts';
import { DECISION_LABELS, PRINCIPLE_LABELS, PRINCIPLES } from '../../shared/domain/principles.ts';
import { SECTION_LABELS } from '../../shared/domain/sections.ts';
import { COMMENDATION_LEVEL_LABELS, type ModelTier, TIER_LABELS } from '../../shared/domain/tiers.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { VOTE_LABELS, type Vote } from '../../shared/domain/votes.ts';
import { api, shownError, untilRecorded } from '../lib/api.ts';
import { attachmentsSection, wireAttachments } from '../lib/attachments.ts';
import { systemNow } from '../lib/clock.ts';
import { confirmAction } from '../lib/dialog.ts';
import { byId, contentArea, escapeHtml, one, param } from '../lib/dom.ts';
import { type DraftList, type FormDraft, keepDraft } from '../lib/form-draft.ts';
import { attachCounter, showErrors, whileSending } from '../lib/forms.ts';
import { loadCampaigns, PageError, run, startPage } from '../lib/page.ts';
import type { Me } from '../lib/session.ts';
import { cardTable } from '../lib/table.ts';
import { completionDeadline } from '../lib/tasks.ts';

const main = contentArea();
const VOTE_KEYS = Object.keys(VOTE_LABELS) as (keyof Vote)[];

/** Where a form's draft is kept: one per person, model and form. */
const draftKey = (form: 'self-assessment' | 'review', me: Me, model: Model) =>
  `dvk.draft.${form}.${me.personId}.${model.id}`;

const lastMomentBefore = (iso: string) => new Date(new Date(iso).getTime() - 1000);

/** The longest reason a return for completion may give (the server's limit). */
const RETURN_REASON_MAX = 1000;

/** “hết ngày dd/mm/yyyy” for the last day before `closesBefore`. */
const lastDayText = (closesBefore: Date) => `hết ngày ${formatDate(new Date(closesBefore.getTime() - 1000))}`;

// ---- showing the model -------------------------------------------------------------------------

function voteText(vote: Vote | undefined): string {
  if (!vote) return '';
  return VOTE_KEYS.map(
    (key) => `${escapeHtml(VOTE_LABELS[key])}: <strong>${escapeHtml(vote[key])}</strong>`,
  ).join(' · ');
}

function factsHtml(
  model: Model,
  campaign: Campaign | undefined,
  cellName: string,
  personName: string,
): string {
  const area = campaign?.areas.find((a) => a.id === model.area);
  return `<dl class="facts">
    <dt>Mã mô hình</dt><dd><code>${escapeHtml(model.id)}</code></dd>
    <dt>Chi bộ</dt><dd><a href="/cell.html?id=${encodeURIComponent(model.cellId)}&amp;year=${model.year}">${escapeHtml(cellName)}</a></dd>
    <dt>Người thực hiện</dt><dd>${model.personId ? escapeHtml(personName) : 'Cả chi bộ (mô hình tập thể)'}</dd>
    <dt>${MODEL_FIELD_LABELS.year}</dt><dd>${escapeHtml(model.year)}</dd>
    <dt>${MODEL_FIELD_LABELS.area}</dt><dd>${area ? `Nội dung ${area.id}. ${escapeHtml(area.name)}` : escapeHtml(model.area)}</dd>
    ${model.subField ? `<dt>${MODEL_FIELD_LABELS.subField}</dt><dd>${escapeHtml(model.subField)}</dd>` : ''}
    <dt>Đăng ký lúc</dt><dd>${formatDateTime(new Date(model.createdAt))}</dd>
    <dt>Hạn tự đánh giá</dt><dd>hết ngày ${formatDate(lastMomentBefore(model.selfAssessmentDueBefore))}</dd>
    <dt>Hạn xét, công nhận</dt><dd>hết ngày ${formatDate(lastMomentBefore(model.reviewDueBefore))}</dd>
  </dl>`;
}

function sectionsHtml(model: Model): string {
  return (Object.entries(SECTION_LABELS) as [keyof Model['sections'], string][])
    .map(
      ([key, label]) =>
        `<h3>${escapeHtml(label)}</h3><p class="prose">${escapeHtml(model.sections?.[key] ?? '')}</p>`,
    )
    .join('');
}

function assessmentHtml(a: SelfAssessment | undefined): string {
  if (!a) return '';
  return `<section class="card" aria-labelledby="sa-title"><h2 id="sa-title">Tự đánh giá</h2>
    <p class="muted">Gửi lúc ${formatDateTime(new Date(a.at))}</p>
    <h3>Kết quả thực hiện</h3><p class="prose">${escapeHtml(a.results)}</p>
    <h3>Minh chứng</h3>${
      a.evidence.length > 0
        ? `<ul class="evidence-list">${a.evidence.map((e) => `<li>${/^https?:\/\//.test(e) ? `<a href="${escapeHtml(e)}" rel="noopener">${escapeHtml(e)}</a>` : escapeHtml(e)}</li>`).join('')}</ul>`
        : '<p class="muted">Không có.</p>'
    }
    <p>${a.cellConfirmed ? 'Chi bộ đã xác nhận kết quả.' : 'Chi bộ chưa xác nhận kết quả.'}</p>
    ${a.cellVote ? `<p>Biểu quyết của chi bộ: ${voteText(a.cellVote)}</p>` : ''}
  </section>`;
}

function reviewHtml(r: Review | undefined): string {
  if (!r) return '';
  return `<section class="card" aria-labelledby="rv-title"><h2 id="rv-title">Kết quả xét của Ban Chấp hành</h2>
    <p class="muted">Quyết định lúc ${formatDateTime(new Date(r.at))}</p>
    ${cardTable({
      columns: [{ label: 'Nguyên tắc' }, { label: 'Kết quả' }, { label: 'Ghi chú' }],
      rowHeaders: true,
      rows: PRINCIPLES.map((key) => ({
        cells: [
          escapeHtml(PRINCIPLE_LABELS[key]),
          r.principles[key]?.met
            ? '<span class="badge ok">Đạt</span>'
            : '<span class="badge warn">Không đạt</span>',
          escapeHtml(r.principles[key]?.note ?? ''),
        ],
      })),
    })}
    <p>Biểu quyết: ${voteText(r.vote)}</p>
    <p>Quyết định: <strong>${escapeHtml(DECISION_LABELS[r.decision])}</strong></p>
    ${r.reasons ? `<p class="prose">${escapeHtml(r.reasons)}</p>` : ''}
  </section>`;
}

function tiersHtml(tiers: readonly TierRecord[] | undefined): string {
  if (!tiers?.length) return '';
  return `<section class="card" aria-labelledby="tier-title"><h2 id="tier-title">Biểu dương, khen thưởng</h2><ul>${tiers
    .map(
      (t) =>
        `<li>${escapeHtml(TIER_LABELS[t.tier])} — ${formatDateTime(new Date(t.at))}${t.level ? ` (đề nghị ${escapeHtml(COMMENDATION_LEVEL_LABELS[t.level])})` : ''}${
          t.note ? `: ${escapeHtml(t.note)}` : ''
        }</li>`,
    )
    .join('')}</ul></section>`;
}

// ---- forms ----------------------------------------------------------------------------------------

function voteFieldset(prefix: string, path: string, legend: string): string {
  return `<fieldset class="field vote" data-path="${path}" id="${prefix}-vote">
    <legend>${escapeHtml(legend)} <span class="required" aria-hidden="true">*</span></legend>
    <div class="vote-grid">${VOTE_KEYS.map(
      (key) => `<div class="field"><label for="${prefix}-${key}">${escapeHtml(VOTE_LABELS[key])}</label>
        <input id="${prefix}-${key}" name="${prefix}-${key}" type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="off" data-path="${path}.${key}"></div>`,
    ).join('')}</div>
  </fieldset>`;
}

function readVote(form: HTMLFormElement, prefix: string): Partial<Record<keyof Vote, number | string>> {
  const vote: Partial<Record<keyof Vote, number | string>> = {};
  for (const key of VOTE_KEYS) {
    const raw = one<HTMLInputElement>(form, `#${prefix}-${key}`).value.trim();
    // Anything but digits goes as typed, so the answer can say it is not a whole number.
    if (raw !== '') vote[key] = /^\d+$/.test(raw) ? Number(raw) : raw;
  }
  return vote;
}

/** What comes next for the model, in one sentence, right under the model itself. */
function nextStepHtml(model: Model, completeBy: Date | undefined): string {
  const due = (iso: string) => formatDate(lastMomentBefore(iso));
  const text = ['registered', 'implementing'].includes(model.status)
    ? `Mô hình đang được thực hiện. Bước tiếp theo: tự đánh giá, báo cáo kết quả — hạn cuối hết ngày ${due(model.selfAssessmentDueBefore)}.`
    : model.status === 'returned'
      ? `Đăng ký đã được trả lại để bổ sung. Bước tiếp theo: chi bộ bổ sung nội dung và gửi lại đăng ký${completeBy ? ` — hạn cuối ${lastDayText(completeBy)}` : ''}.`
      : model.status === 'self_assessed'
        ? `Đã tự đánh giá. Bước tiếp theo: Ban Chấp hành xét, công nhận — hạn hết ngày ${due(model.reviewDueBefore)}.`
        : 'Chu trình năm thi đua của mô hình đã kết thúc.';
  return `<section class="card" aria-labelledby="next-title"><h2 id="next-title">Bước tiếp theo</h2><p id="next-step">${escapeHtml(text)}</p></section>`;
}

/**
 * The self-assessment form: offered first when its deadline is near; before that, kept folded under
 * "Tự đánh giá sớm" so the page leads with the model (early self-assessment stays allowed).
 */
function selfAssessmentOffer(model: Model, now: Date): string {
  const early = now < selfAssessmentOfferedFrom(model.year) && param('tu-danh-gia') !== '1';
  if (!early) return selfAssessmentForm(model);
  return `<details class="card" id="sa-early"><summary>Tự đánh giá sớm (trước thời gian tự đánh giá)</summary>${selfAssessmentForm(model)}</details>`;
}

function selfAssessmentForm(model: Model): string {
  return `<section class="card" aria-labelledby="sa-form-title">
    <h2 id="sa-form-title">Tự đánh giá, báo cáo kết quả</h2>
    <p class="hint">Hạn cuối: hết ngày ${formatDate(lastMomentBefore(model.selfAssessmentDueBefore))}.</p>
    <form id="sa-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      <div class="field">
        <label for="sa-results">${SELF_ASSESSMENT_LABELS.results} <span class="required" aria-hidden="true">*</span></label>
        <textarea id="sa-results" data-path="results" maxlength="${ASSESSMENT_LIMITS.resultsMax}" rows="6" aria-describedby="sa-results-count"></textarea>
        <p class="hint counter" id="sa-results-count"></p>
      </div>
      <fieldset class="field" data-path="evidence">
        <legend>${SELF_ASSESSMENT_LABELS.evidence} (văn bản, đường dẫn)</legend>
        <ol id="evidence-list" class="evidence" data-draft-list></ol>
        <button type="button" class="secondary" id="evidence-add">Thêm minh chứng</button>
      </fieldset>
      <div class="field choice" data-path="cellConfirmed">
        <input type="checkbox" id="sa-confirmed">
        <label for="sa-confirmed">${SELF_ASSESSMENT_LABELS.cellConfirmed}</label>
      </div>
      ${model.kind === 'collective' ? voteFieldset('sa-vote', 'cellVote', SELF_ASSESSMENT_LABELS.cellVote) : ''}
      <p class="hint" id="sa-draft-status" aria-live="polite"></p>
      <div class="actions"><button type="submit">Gửi tự đánh giá</button></div>
    </form>
  </section>`;
}

function wireEvidence(form: HTMLFormElement): DraftList {
  const list = one<HTMLOListElement>(form, '#evidence-list');
  const add = one<HTMLButtonElement>(form, '#evidence-add');
  const renumber = () => {
    [...list.children].forEach((item, index) => {
      const input = one<HTMLInputElement>(item, 'input');
      input.id = `evidence-${index}`;
      input.dataset.path = `evidence.${index}`;
      const label = one<HTMLLabelElement>(item, 'label');
      label.htmlFor = input.id;
      label.textContent = `Minh chứng ${index + 1}`;
      one(item, 'button').setAttribute('aria-label', `Xóa minh chứng ${index + 1}`);
    });
  };
  const addItem = () => {
    const item = document.createElement('li');
    item.innerHTML = `<label></label><div class="row"><input type="text" maxlength="${ASSESSMENT_LIMITS.evidenceMax}"><button type="button" class="secondary small">Xóa</button></div>`;
    one(item, 'button').addEventListener('click', () => {
      const index = [...list.children].indexOf(item);
      item.remove();
      renumber();
      // Keep focus in the list: the item that took its place, else the one before, else the add button.
      const next = (list.children[index] ?? list.children[index - 1])?.querySelector('input');
      (next ?? add).focus();
    });
    list.append(item);
    renumber();
    return one<HTMLInputElement>(item, 'input');
  };
  add.addEventListener('click', () => addItem().focus());
  addItem();
  return {
    read: () => [...list.querySelectorAll('input')].map((i) => i.value.trim()).filter((v) => v !== ''),
    fill(values) {
      list.replaceChildren();
      for (const value of values) addItem().value = value;
    },
  };
}

function reviewForm(): string {
  return `<section class="card" aria-labelledby="rv-form-title">
    <h2 id="rv-form-title">Xét, công nhận mô hình</h2>
    <form id="rv-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      <p class="hint">Mô hình chỉ được công nhận khi đạt cả năm nguyên tắc.</p>
      ${PRINCIPLES.map(
        (key) => `<fieldset class="field principle" data-path="principles.${key}">
          <legend>${escapeHtml(PRINCIPLE_LABELS[key])} <span class="required" aria-hidden="true">*</span></legend>
          <div class="choice-row">
            <div class="choice"><input type="radio" name="p-${key}" id="p-${key}-met" value="met"><label for="p-${key}-met">Đạt</label></div>
            <div class="choice"><input type="radio" name="p-${key}" id="p-${key}-not" value="not"><label for="p-${key}-not">Không đạt</label></div>
          </div>
          <div class="field optional-note"><label for="p-${key}-note">${REVIEW_LABELS.note} (không bắt buộc)</label>
          <input type="text" id="p-${key}-note" maxlength="${ASSESSMENT_LIMITS.noteMax}" data-path="principles.${key}.note"></div>
        </fieldset>`,
      ).join('')}
      ${voteFieldset('rv-vote', 'vote', REVIEW_LABELS.vote)}
      <fieldset class="field" data-path="decision">
        <legend>${REVIEW_LABELS.decision} <span class="required" aria-hidden="true">*</span></legend>
        <div class="choice"><input type="radio" name="decision" id="decision-recognized" value="recognized"><label for="decision-recognized">${DECISION_LABELS.recognized}</label></div>
        <div class="choice"><input type="radio" name="decision" id="decision-not" value="not_recognized"><label for="decision-not">${DECISION_LABELS.not_recognized}</label></div>
      </fieldset>
      <div class="field">
        <label for="rv-reasons">${REVIEW_LABELS.reasons}</label>
        <textarea id="rv-reasons" data-path="reasons" maxlength="${ASSESSMENT_LIMITS.reasonsMax}" rows="4"></textarea>
        <p class="hint">Bắt buộc khi không công nhận.</p>
      </div>
      <p class="hint" id="rv-draft-status" aria-live="polite"></p>
      <div class="actions"><button type="submit">Gửi quyết định</button></div>
    </form>
  </section>`;
}

function nextTier(model: Model): ModelTier {
  return model.tier === 'exemplary' ? 'commended' : 'exemplary';
}

function tierForm(model: Model): string {
  const next = nextTier(model);
  return `<section class="card" aria-labelledby="tier-form-title">
    <h2 id="tier-form-title">${next === 'exemplary' ? 'Chọn mô hình tiêu biểu' : 'Đề nghị biểu dương, khen thưởng'}</h2>
    <form id="tier-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      ${
        next === 'commended'
          ? `<div class="field"><label for="tier-level">${MODEL_ACTION_LABELS.level}</label>
             <select id="tier-level" data-path="level">${Object.entries(COMMENDATION_LEVEL_LABELS)
               .map(([value, label]) => `<option value="${value}">${escapeHtml(label)}</option>`)
               .join('')}</select></div>`
          : ''
      }
      <div class="field"><label for="tier-note">${MODEL_ACTION_LABELS.note} (không bắt buộc)</label><input type="text" id="tier-note" maxlength="${ASSESSMENT_LIMITS.noteMax}" data-path="note"></div>
      <div class="actions"><button type="submit" data-tier="${next}">${next === 'exemplary' ? 'Công nhận là mô hình tiêu biểu' : 'Đề nghị khen thưởng'}</button></div>
    </form>
  </section>`;
}

/** A returned registration: what to complete, who returned it and when, and for the cell the way to complete it. */
function returnedHtml(
  model: Model,
  returnedBy: string | undefined,
  completeBy: Date | undefined,
  mayComplete: boolean,
  now: Date,
): string {
  const request = model.returnRequest;
  if (!request) return '';
  const late = completeBy !== undefined && now.getTime() >= completeBy.getTime();
  return `<section class="card returned" id="returned" aria-labelledby="returned-title">
    <h2 id="returned-title">Đăng ký đã được trả lại để bổ sung</h2>
    <dl class="facts">
      ${returnedBy ? `<dt>Người trả lại</dt><dd id="returned-by">${escapeHtml(returnedBy)}</dd>` : ''}
      <dt>Ngày trả lại</dt><dd id="returned-at">${formatDate(new Date(request.at))}</dd>
    </dl>
    <h3>${escapeHtml(MODEL_ACTION_LABELS.returnReason)}</h3>
    <p class="prose" id="returned-reason">${escapeHtml(request.reason)}</p>
    <p id="returned-due">Mô hình chỉ được tính là đã đăng ký khi chi bộ gửi lại đăng ký đã bổ sung${completeBy ? `, chậm nhất ${lastDayText(completeBy)}` : ' trong thời hạn đăng ký'}.</p>
    ${
      late
        ? '<p class="hint">Đã hết hạn bổ sung đăng ký.</p>'
        : mayComplete
          ? `<p><a class="button" id="complete-link" href="/register.html?edit=${encodeURIComponent(model.id)}">Bổ sung nội dung đăng ký</a></p>`
          : ''
    }
  </section>`;
}

/** The Office's or a supervising committee member's form to send the registration back for completion. */
function returnForm(): string {
  return `<section class="card" aria-labelledby="return-title">
    <h2 id="return-title">Trả lại đăng ký để chi bộ bổ sung</h2>
    <p class="hint">Chi bộ sẽ nhận thư báo nội dung cần bổ sung. Trong lúc chờ bổ sung, mô hình không được tính là đã đăng ký; chi bộ phải gửi lại trong thời hạn đăng ký.</p>
    <form id="return-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      <div class="field"><label for="return-reason">${escapeHtml(MODEL_ACTION_LABELS.returnReason)} <span class="required" aria-hidden="true">*</span></label>
        <textarea id="return-reason" data-path="reason" maxlength="${RETURN_REASON_MAX}" rows="3" required aria-describedby="return-reason-count"></textarea>
        <p class="hint counter" id="return-reason-count"></p></div>
      <div class="actions"><button type="submit">Trả lại đăng ký</button></div>
    </form>
  </section>`;
}

function changeForms(model: Model): string {
  // A returned registration is completed from the card at the top; here it may still be withdrawn.
  const returned = model.status === 'returned';
  return `<section class="card" aria-labelledby="change-title">
    <h2 id="change-title">${returned ? 'Rút mô hình' : 'Sửa hoặc rút mô hình'}</h2>
    <p class="hint">Chỉ được sửa, rút trong thời hạn đăng ký.</p>
    ${returned ? '' : `<p><a class="button secondary" href="/register.html?edit=${encodeURIComponent(model.id)}">Sửa nội dung</a></p>`}
    <form id="withdraw-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      <div class="field"><label for="withdraw-reason">${MODEL_ACTION_LABELS.reason}</label>
        <textarea id="withdraw-reason" data-path="reason" maxlength="${ASSESSMENT_LIMITS.reasonMax}" rows="2"></textarea></div>
      <div class="actions"><button type="submit" class="danger">Rút mô hình</button></div>
    </form>
  </section>`;
}

/** The cell's proposal to commend its exemplary model, for the committee to decide on. */
function proposeForm(): string {
  return `<section class="card" aria-labelledby="propose-title">
    <h2 id="propose-title">Chi bộ đề nghị khen thưởng</h2>
    <form id="propose-form" novalidate>
      <div class="field"><label for="propose-reason">Thành tích, lý do đề nghị</label>
        <textarea id="propose-reason" rows="3" maxlength="1000" data-path="reason" required></textarea></div>
      <div class="field"><label for="propose-level">${MODEL_ACTION_LABELS.level}</label>
        <select id="propose-level" data-path="level">${Object.entries(COMMENDATION_LEVEL_LABELS)
          .map(([value, label]) => `<option value="${value}">${escapeHtml(label)}</option>`)
          .join('')}</select></div>
      <div class="actions"><button type="submit">Gửi đề nghị khen thưởng</button></div>
    </form>
  </section>`;
}

// ---- who may do what (the server checks again) --------------------------------------------------

function offers(me: Me, model: Model, campaign: Campaign | undefined, now: Date) {
  const secretaryHere = me.roles.includes('secretary') && me.cellId === model.cellId;
  const own = model.personId === me.personId || model.registeredBy === me.personId;
  const open = ['registered', 'implementing'].includes(model.status);
  const returned = model.status === 'returned';
  const completeBy = returned ? completionDeadline(model, campaign) : undefined;
  // A returned registration stays editable until its completion deadline (the cell's extension included).
  const inWindow =
    campaign !== undefined &&
    (isWithinWindow(registrationWindow(campaign, model.year), now) ||
      (completeBy !== undefined && now.getTime() < completeBy.getTime()));
  return {
    change: (open || returned) && (model.registeredBy === me.personId || secretaryHere) && inWindow,
    /** The registrant or the cell's secretary completes a returned registration. */
    complete: returned && (model.registeredBy === me.personId || secretaryHere),
    /** The server says who may return it now (the Office or a supervising committee member, in the window). */
    return: model.mayReturn === true,
    selfAssess:
      open &&
      now < new Date(model.selfAssessmentDueBefore) &&
      ((model.kind === 'individual' && model.personId === me.personId) || secretaryHere),
    review:
      model.status === 'self_assessed' &&
      me.roles.includes('committee') &&
      !own &&
      !(model.kind === 'collective' && model.cellId === me.cellId),
    tier:
      model.status === 'recognized' &&
      model.tier !== 'commended' &&
      (me.roles.includes('committee') || me.roles.includes('office')) &&
      !own,
    propose: model.status === 'recognized' && model.tier === 'exemplary' && secretaryHere,
  };
}

// ---- the page ---------------------------------------------------------------------------------------

/** The name of whoever returned the registration, from the model's timeline; none when it cannot be told. */
async function returnerName(model: Model): Promise<string | undefined> {
  const request = model.returnRequest;
  if (!request) return undefined;
  const history = await api<{ items: { state: string; actor?: string; actorName?: string }[] }>(
    `/api/models/${encodeURIComponent(model.id)}/history`,
  ).catch(() => undefined);
  const item = history?.items.filter((i) => i.state === 'returned' && i.actor === request.actor).at(-1);
  // The timeline falls back to the person's id when it has no name: that is not shown.
  return item?.actorName && item.actorName !== request.actor ? item.actorName : undefined;
}

interface Confirmation {
  readonly title: string;
  readonly message: string;
  readonly confirm: string;
  readonly danger?: boolean;
}

function onSubmit(
  me: Me,
  modelId: string,
  form: HTMLFormElement,
  send: () => Promise<unknown>,
  done: string,
  /** What to ask first; none when there is nothing to decide yet (the server will say what is missing). */
  confirmation?: () => Confirmation | undefined,
  draft?: FormDraft,
): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const go = async () => {
      const question = confirmation?.();
      if (question && !(await confirmAction(question))) return;
      await whileSending(form, async () => {
        try {
          await send();
          draft?.clear();
          await render(me, modelId, done);
        } catch (error) {
          showErrors(form, shownError(error, 'Không gửi được vì lỗi mạng; hãy thử lại.'));
        }
      });
    };
    go().catch(() => undefined);
  });
}

async function render(me: Me, modelId: string, notice?: string): Promise<void> {
  const [model, campaigns, now, cells] = await Promise.all([
    api<Model>(`/api/models/${encodeURIComponent(modelId)}`),
    loadCampaigns(),
    systemNow(),
    api<{ items: { id: string; name: string }[] }>('/api/cells'),
  ]);
  const campaign = campaigns.find((c) => c.id === model.campaignId);
  const cellName = cells.items.find((c) => c.id === model.cellId)?.name ?? model.cellId;
  let personName = model.personId ?? '';
  const mayListPeople =
    model.cellId === me.cellId ||
    me.roles.some((role) => ['office', 'committee', 'inspector'].includes(role));
  const [people, returnedBy] = await Promise.all([
    model.personId && mayListPeople
      ? api<{ items: { id: string; name: string }[] }>(
          `/api/cells/${encodeURIComponent(model.cellId)}/people`,
        ).then(
          (r) => r.items,
          () => [],
        )
      : Promise.resolve([]),
    returnerName(model),
  ]);
  if (model.personId) personName = people.find((p) => p.id === model.personId)?.name ?? model.personId;
  const can = offers(me, model, campaign, now);
  const completeBy = model.returnRequest ? completionDeadline(model, campaign) : undefined;
  document.title = `${model.title} — Dân vận khéo`;
  main.innerHTML = `
    ${notice ? `<div class="notice" role="status" tabindex="-1" id="notice">${escapeHtml(notice)}</div>` : ''}
    <section class="card" aria-labelledby="model-title">
      <h2 id="model-title">${escapeHtml(model.title)}</h2>
      <p class="badges-line">
        <span class="badge">${escapeHtml(KIND_LABELS[model.kind])}</span>
        <span class="badge status-${escapeHtml(model.status)}" id="model-status">${escapeHtml(STATUS_LABELS[shownStatus(model.status)])}</span>
        ${model.tier ? `<span class="badge ok" id="model-tier">${escapeHtml(TIER_LABELS[model.tier])}</span>` : ''}
      </p>
      ${factsHtml(model, campaign, cellName, personName)}
      <p><a class="button secondary" id="timeline-link" href="/timeline.html?id=${encodeURIComponent(model.id)}">Xem dòng thời gian và chu trình của mô hình</a></p>
      <p><a class="button secondary" id="documents-link" href="/documents.html?modelId=${encodeURIComponent(model.id)}">Văn bản của mô hình (phiếu đăng ký, giấy chứng nhận)</a></p>
    </section>
    ${returnedHtml(model, returnedBy, completeBy, can.complete, now)}
    ${nextStepHtml(model, completeBy)}
    ${assessmentHtml(model.selfAssessment)}
    ${reviewHtml(model.review)}
    ${tiersHtml(model.tiers)}
    ${can.selfAssess ? selfAssessmentOffer(model, now) : ''}
    ${can.review ? reviewForm() : ''}
    ${can.tier ? tierForm(model) : ''}
    ${can.propose ? proposeForm() : ''}
    ${can.return ? returnForm() : ''}
    ${can.change ? changeForms(model) : ''}
    <section class="card" aria-labelledby="content-title"><h2 id="content-title">Nội dung đăng ký</h2>${sectionsHtml(model)}</section>
    ${attachmentsSection()}`;
  if (notice) byId('notice').focus();
  const path = (suffix: string) => `/api/models/${encodeURIComponent(model.id)}/${suffix}`;

  const saForm = document.getElementById('sa-form');
  if (saForm instanceof HTMLFormElement) {
    attachCounter(
      one<HTMLTextAreaElement>(saForm, '#sa-results'),
      one(saForm, '#sa-results-count'),
      ASSESSMENT_LIMITS.resultsMax,
    );
    const evidence = wireEvidence(saForm);
    const draft = keepDraft(saForm, draftKey('self-assessment', me, model), byId('sa-draft-status'), {
      evidence,
    });
    onSubmit(
      me,
      modelId,
      saForm,
      () =>
        api(path('self-assessment'), {
          method: 'POST',
          body: {
            results: one<HTMLTextAreaElement>(saForm, '#sa-results').value,
            evidence: evidence.read(),
            cellConfirmed: one<HTMLInputElement>(saForm, '#sa-confirmed').checked,
            ...(model.kind === 'collective' ? { cellVote: readVote(saForm, 'sa-vote') } : {}),
          },
        }),
      'Đã gửi tự đánh giá.',
      undefined,
      draft,
    );
  }
  const rvForm = document.getElementById('rv-form');
  if (rvForm instanceof HTMLFormElement) {
    const decision = () => rvForm.querySelector<HTMLInputElement>('input[name="decision"]:checked')?.value;
    const draft = keepDraft(rvForm, draftKey('review', me, model), byId('rv-draft-status'));
    onSubmit(
      me,
      modelId,
      rvForm,
      () => {
        const principles = Object.fromEntries(
          PRINCIPLES.map((key) => {
            const chosen = rvForm.querySelector<HTMLInputElement>(`input[name="p-${key}"]:checked`)?.value;
            const note = one<HTMLInputElement>(rvForm, `#p-${key}-note`).value.trim();
            return [
              key,
              { ...(chosen === undefined ? {} : { met: chosen === 'met' }), ...(note ? { note } : {}) },
            ];
          }),
        );
        return api(path('review'), {
          method: 'POST',
          body: {
            principles,
            vote: readVote(rvForm, 'rv-vote'),
            decision: decision(),
            reasons: one<HTMLTextAreaElement>(rvForm, '#rv-reasons').value,
          },
        });
      },
      'Đã gửi quyết định xét công nhận.',
      () =>
        decision() === undefined
          ? undefined
          : {
              title:
                decision() === 'not_recognized' ? 'Không công nhận mô hình này?' : 'Công nhận mô hình này?',
              message: 'Mỗi mô hình chỉ có một quyết định xét công nhận; gửi rồi thì không sửa được.',
              confirm:
                decision() === 'not_recognized'
                  ? 'Gửi quyết định không công nhận'
                  : 'Gửi quyết định công nhận',
            },
      draft,
    );
  }
  const tForm = document.getElementById('tier-form');
  if (tForm instanceof HTMLFormElement) {
    const tier = nextTier(model);
    onSubmit(
      me,
      modelId,
      tForm,
      () => {
        const note = one<HTMLInputElement>(tForm, '#tier-note').value.trim();
        const level = tForm.querySelector<HTMLSelectElement>('#tier-level')?.value;
        return api(path('tier'), {
          method: 'POST',
          body: { tier, ...(level ? { level } : {}), ...(note ? { note } : {}) },
        });
      },
      `Đã ghi nhận mức “${TIER_LABELS[tier]}”.`,
      () => ({
        title: tier === 'exemplary' ? 'Công nhận là mô hình tiêu biểu?' : 'Đề nghị khen thưởng mô hình này?',
        message: `Mô hình sẽ được ghi nhận ở mức “${TIER_LABELS[tier]}”; việc này không rút lại được.`,
        confirm: tier === 'exemplary' ? 'Công nhận tiêu biểu' : 'Đề nghị khen thưởng',
      }),
    );
  }
  const pForm = document.getElementById('propose-form');
  if (pForm instanceof HTMLFormElement) {
    onSubmit(
      me,
      modelId,
      pForm,
      () =>
        api(path('commendation-proposal'), {
          method: 'POST',
          body: {
            reason: one<HTMLTextAreaElement>(pForm, '#propose-reason').value,
            level: one<HTMLSelectElement>(pForm, '#propose-level').value,
          },
        }),
      'Đã gửi đề nghị khen thưởng; Đảng ủy sẽ xem xét.',
      () => ({
        title: 'Gửi đề nghị khen thưởng?',
        message: 'Đề nghị sẽ được đưa vào tờ trình đề nghị biểu dương, khen thưởng để Đảng ủy quyết định.',
        confirm: 'Gửi đề nghị',
      }),
    );
  }
  const retForm = document.getElementById('return-form');
  if (retForm instanceof HTMLFormElement) {
    attachCounter(
      one<HTMLTextAreaElement>(retForm, '#return-reason'),
      one(retForm, '#return-reason-count'),
      RETURN_REASON_MAX,
    );
    onSubmit(
      me,
      modelId,
      retForm,
      async () => {
        const answer = await api<Model>(path('return'), {
          method: 'POST',
          body: { reason: one<HTMLTextAreaElement>(retForm, '#return-reason').value },
        });
        await untilRecorded(
          () => api<Model>(`/api/models/${encodeURIComponent(model.id)}`),
          answer,
          (m) => m.status === 'returned',
        );
      },
      'Đã trả lại đăng ký; chi bộ sẽ nhận thư báo để bổ sung.',
      () =>
        one<HTMLTextAreaElement>(retForm, '#return-reason').value.trim() === ''
          ? undefined
          : {
              title: 'Trả lại đăng ký này?',
              message:
                'Chi bộ sẽ nhận thư báo nội dung cần bổ sung. Mô hình chỉ được tính là đã đăng ký khi chi bộ gửi lại đăng ký đã bổ sung trong thời hạn đăng ký.',
              confirm: 'Trả lại để bổ sung',
            },
    );
  }
  const wForm = document.getElementById('withdraw-form');
  if (wForm instanceof HTMLFormElement) {
    onSubmit(
      me,
      modelId,
      wForm,
      () =>
        api(path('withdraw'), {
          method: 'POST',
          body: { reason: one<HTMLTextAreaElement>(wForm, '#withdraw-reason').value },
        }),
      'Đã rút mô hình.',
      () => ({
        title: 'Rút mô hình này?',
        message: 'Mô hình đã rút sẽ không được xét công nhận trong năm, và không khôi phục được.',
        confirm: 'Rút mô hình',
        danger: true,
      }),
    );
  }
  // Last, because it waits on the network: a form shown but not yet wired would submit natively
  // on a quick click and lose what was typed.
  await wireAttachments(me, model, now);
}

run(async () => {
  const me = await startPage();
  if (!me) return;
  const modelId = param('id');
  if (!modelId) throw new PageError('Địa chỉ trang thiếu mã mô hình.');
  await render(me, modelId);
});

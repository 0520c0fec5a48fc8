// A model's page (issue #5): its content and where its cycle stands, and for
// the right people the next step — self-assessment, the committee's review,
// the tiers, or editing and withdrawing while registration is open. The
// server decides every permission; the page only offers what it would accept.
import { ApiError, api } from './lib/api.js';
import { escapeHtml, formatDate, formatDateTime } from './lib/format.js';
import { attachCounter, clearErrors, showErrors } from './lib/forms.js';
import {
  KIND_LABELS,
  PRINCIPLE_LABELS,
  SECTION_LABELS,
  STATUS_LABELS,
  TIER_LABELS,
  VOTE_LABELS,
} from './lib/labels.js';
import {
  currentTime,
  loadCampaigns,
  param,
  renderHeader,
  requireSession,
  showPageError,
  windowOpen,
} from './lib/page.js';

const main = document.getElementById('main');
const me = requireSession();
const modelId = param('id');
const LEVEL_LABELS = { party_committee: 'Đảng ủy Sở', higher: 'Cấp trên' };

// ---- showing the model ------------------------------------------------------------

const lastMomentBefore = (iso) => new Date(new Date(iso).getTime() - 1000);

function voteText(vote) {
  if (!vote) return '';
  return Object.entries(VOTE_LABELS)
    .map(([key, label]) => `${escapeHtml(label)}: <strong>${escapeHtml(vote[key])}</strong>`)
    .join(' · ');
}

function factsHtml(model, campaign, cellName, personName) {
  const area = campaign?.areas.find((a) => a.id === model.area);
  return `<dl class="facts">
    <dt>Mã mô hình</dt><dd><code>${escapeHtml(model.id)}</code></dd>
    <dt>Chi bộ</dt><dd><a href="/cell.html?id=${encodeURIComponent(model.cellId)}&amp;year=${model.year}">${escapeHtml(cellName)}</a></dd>
    <dt>Người thực hiện</dt><dd>${model.personId ? escapeHtml(personName) : 'Cả chi bộ (mô hình tập thể)'}</dd>
    <dt>Năm đăng ký</dt><dd>${escapeHtml(model.year)}</dd>
    <dt>Nội dung thi đua</dt><dd>${area ? `Nội dung ${area.id}. ${escapeHtml(area.name)}` : escapeHtml(model.area)}</dd>
    ${model.subField ? `<dt>Lĩnh vực cụ thể</dt><dd>${escapeHtml(model.subField)}</dd>` : ''}
    <dt>Đăng ký lúc</dt><dd>${formatDateTime(model.createdAt)}</dd>
    <dt>Hạn tự đánh giá</dt><dd>hết ngày ${formatDate(lastMomentBefore(model.selfAssessmentDueBefore))}</dd>
    <dt>Hạn xét, công nhận</dt><dd>hết ngày ${formatDate(lastMomentBefore(model.reviewDueBefore))}</dd>
  </dl>`;
}

function sectionsHtml(model) {
  return Object.entries(SECTION_LABELS)
    .map(
      ([key, label]) =>
        `<h3>${escapeHtml(label)}</h3><p class="prose">${escapeHtml(model.sections?.[key] ?? '')}</p>`,
    )
    .join('');
}

function assessmentHtml(a) {
  if (!a) return '';
  return `<section class="card" aria-labelledby="sa-title"><h2 id="sa-title">Tự đánh giá</h2>
    <p class="muted">Gửi lúc ${formatDateTime(a.at)}</p>
    <h3>Kết quả thực hiện</h3><p class="prose">${escapeHtml(a.results)}</p>
    <h3>Minh chứng</h3>${
      a.evidence.length > 0
        ? `<ul>${a.evidence.map((e) => `<li>${/^https?:\/\//.test(e) ? `<a href="${escapeHtml(e)}" rel="noopener">${escapeHtml(e)}</a>` : escapeHtml(e)}</li>`).join('')}</ul>`
        : '<p class="muted">Không có.</p>'
    }
    <p>${a.cellConfirmed ? 'Chi bộ đã xác nhận kết quả.' : 'Chi bộ chưa xác nhận kết quả.'}</p>
    ${a.cellVote ? `<p>Biểu quyết của chi bộ: ${voteText(a.cellVote)}</p>` : ''}
  </section>`;
}

function reviewHtml(r) {
  if (!r) return '';
  return `<section class="card" aria-labelledby="rv-title"><h2 id="rv-title">Kết quả xét của Ban Chấp hành</h2>
    <p class="muted">Quyết định lúc ${formatDateTime(r.at)}</p>
    <div class="table-scroll"><table><thead><tr><th scope="col">Nguyên tắc</th><th scope="col">Kết quả</th><th scope="col">Ghi chú</th></tr></thead>
    <tbody>${Object.entries(PRINCIPLE_LABELS)
      .map(
        ([key, label]) => `<tr><th scope="row">${escapeHtml(label)}</th>
        <td>${r.principles[key]?.met ? '<span class="badge ok">Đạt</span>' : '<span class="badge warn">Không đạt</span>'}</td>
        <td>${escapeHtml(r.principles[key]?.note ?? '')}</td></tr>`,
      )
      .join('')}</tbody></table></div>
    <p>Biểu quyết: ${voteText(r.vote)}</p>
    <p>Quyết định: <strong>${escapeHtml(STATUS_LABELS[r.decision] ?? r.decision)}</strong></p>
    ${r.reasons ? `<p class="prose">${escapeHtml(r.reasons)}</p>` : ''}
  </section>`;
}

function tiersHtml(tiers) {
  if (!tiers?.length) return '';
  return `<section class="card" aria-labelledby="tier-title"><h2 id="tier-title">Biểu dương, khen thưởng</h2><ul>${tiers
    .map(
      (t) =>
        `<li>${escapeHtml(TIER_LABELS[t.tier])} — ${formatDateTime(t.at)}${t.level ? ` (đề nghị ${escapeHtml(LEVEL_LABELS[t.level])})` : ''}${
          t.note ? `: ${escapeHtml(t.note)}` : ''
        }</li>`,
    )
    .join('')}</ul></section>`;
}

// ---- forms ---------------------------------------------------------------------------

function voteFieldset(prefix, path, legend) {
  return `<fieldset class="field vote" data-path="${path}" id="${prefix}-vote">
    <legend>${escapeHtml(legend)}</legend>
    <div class="vote-grid">${Object.entries(VOTE_LABELS)
      .map(
        ([
          key,
          label,
        ]) => `<div class="field" data-path="${path}.${key}"><label for="${prefix}-${key}">${escapeHtml(label)}</label>
        <input id="${prefix}-${key}" name="${prefix}-${key}" type="number" inputmode="numeric" min="0" step="1" data-path="${path}.${key}"></div>`,
      )
      .join('')}</div>
  </fieldset>`;
}

function readVote(form, prefix) {
  const vote = {};
  for (const key of Object.keys(VOTE_LABELS)) {
    const raw = form.elements[`${prefix}-${key}`].value.trim();
    vote[key] = raw === '' ? undefined : Number(raw);
  }
  return vote;
}

function selfAssessmentForm(model) {
  return `<section class="card" aria-labelledby="sa-form-title">
    <h2 id="sa-form-title">Tự đánh giá, báo cáo kết quả</h2>
    <p class="hint">Hạn cuối: hết ngày ${formatDate(lastMomentBefore(model.selfAssessmentDueBefore))}.</p>
    <form id="sa-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      <div class="field">
        <label for="sa-results">Kết quả thực hiện so với mục tiêu đã đăng ký <span class="required" aria-hidden="true">*</span></label>
        <textarea id="sa-results" data-path="results" maxlength="8000" rows="6" aria-describedby="sa-results-count"></textarea>
        <p class="hint counter" id="sa-results-count"></p>
      </div>
      <fieldset class="field" data-path="evidence">
        <legend>Minh chứng (văn bản, đường dẫn)</legend>
        <ol id="evidence-list" class="evidence"></ol>
        <button type="button" class="secondary" id="evidence-add">Thêm minh chứng</button>
      </fieldset>
      <div class="field choice" data-path="cellConfirmed">
        <input type="checkbox" id="sa-confirmed" data-path="cellConfirmed">
        <label for="sa-confirmed">Chi ủy, Chi bộ đã xác nhận kết quả này</label>
      </div>
      ${model.kind === 'collective' ? voteFieldset('sa-vote', 'cellVote', 'Kết quả biểu quyết của chi bộ') : ''}
      <div class="actions"><button type="submit">Gửi tự đánh giá</button></div>
    </form>
  </section>`;
}

function wireEvidence(form) {
  const list = form.querySelector('#evidence-list');
  const add = form.querySelector('#evidence-add');
  const renumber = () => {
    [...list.children].forEach((item, index) => {
      const input = item.querySelector('input');
      input.id = `evidence-${index}`;
      input.dataset.path = `evidence.${index}`;
      item.querySelector('label').setAttribute('for', input.id);
      item.querySelector('label').textContent = `Minh chứng ${index + 1}`;
      item.querySelector('button').setAttribute('aria-label', `Xóa minh chứng ${index + 1}`);
    });
  };
  const addItem = (value = '') => {
    const item = document.createElement('li');
    item.innerHTML = `<label></label><div class="row"><input type="text" maxlength="1000"><button type="button" class="secondary small">Xóa</button></div>`;
    item.querySelector('input').value = value;
    item.querySelector('button').addEventListener('click', () => {
      const index = [...list.children].indexOf(item);
      item.remove();
      renumber();
      // Keep focus in the list: the item that took its place, else the add button.
      (list.children[index] ?? list.children[index - 1])?.querySelector('input')?.focus() ?? add.focus();
      if (list.children.length === 0) add.focus();
    });
    list.append(item);
    renumber();
    return item.querySelector('input');
  };
  add.addEventListener('click', () => addItem().focus());
  addItem();
  return () => [...list.querySelectorAll('input')].map((i) => i.value.trim()).filter((v) => v !== '');
}

function reviewForm() {
  return `<section class="card" aria-labelledby="rv-form-title">
    <h2 id="rv-form-title">Xét, công nhận mô hình</h2>
    <form id="rv-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      <p class="hint">Mô hình chỉ được công nhận khi đạt cả năm nguyên tắc.</p>
      ${Object.entries(PRINCIPLE_LABELS)
        .map(
          ([key, label]) => `<fieldset class="field principle" data-path="principles.${key}">
          <legend>${escapeHtml(label)}</legend>
          <div class="choice-row">
            <span class="choice"><input type="radio" name="p-${key}" id="p-${key}-met" value="true"><label for="p-${key}-met">Đạt</label></span>
            <span class="choice"><input type="radio" name="p-${key}" id="p-${key}-not" value="false"><label for="p-${key}-not">Không đạt</label></span>
          </div>
          <label for="p-${key}-note">Ghi chú</label>
          <input type="text" id="p-${key}-note" maxlength="2000" data-path="principles.${key}.note">
        </fieldset>`,
        )
        .join('')}
      ${voteFieldset('rv-vote', 'vote', 'Kết quả biểu quyết của Ban Chấp hành')}
      <fieldset class="field" data-path="decision">
        <legend>Quyết định <span class="required" aria-hidden="true">*</span></legend>
        <div class="choice"><input type="radio" name="decision" id="decision-recognized" value="recognized"><label for="decision-recognized">Công nhận</label></div>
        <div class="choice"><input type="radio" name="decision" id="decision-not" value="not_recognized"><label for="decision-not">Không công nhận</label></div>
      </fieldset>
      <div class="field">
        <label for="rv-reasons">Lý do, nhận xét</label>
        <textarea id="rv-reasons" data-path="reasons" maxlength="4000" rows="4"></textarea>
      </div>
      <div class="actions"><button type="submit">Gửi quyết định</button></div>
    </form>
  </section>`;
}

function tierForm(model) {
  const next = model.tier === 'exemplary' ? 'commended' : 'exemplary';
  return `<section class="card" aria-labelledby="tier-form-title">
    <h2 id="tier-form-title">${next === 'exemplary' ? 'Chọn mô hình tiêu biểu' : 'Đề nghị biểu dương, khen thưởng'}</h2>
    <form id="tier-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      ${
        next === 'commended'
          ? `<div class="field"><label for="tier-level">Đề nghị lên</label>
             <select id="tier-level" data-path="level"><option value="party_committee">Đảng ủy Sở</option><option value="higher">Cấp trên</option></select></div>`
          : ''
      }
      <div class="field"><label for="tier-note">Ghi chú</label><input type="text" id="tier-note" maxlength="2000" data-path="note"></div>
      <div class="actions"><button type="submit" data-tier="${next}">${next === 'exemplary' ? 'Công nhận là mô hình tiêu biểu' : 'Đề nghị khen thưởng'}</button></div>
    </form>
  </section>`;
}

function changeForms(model) {
  return `<section class="card" aria-labelledby="change-title">
    <h2 id="change-title">Sửa hoặc rút mô hình</h2>
    <p class="hint">Chỉ được sửa, rút trong thời hạn đăng ký.</p>
    <p><a class="button secondary" href="/register.html?edit=${encodeURIComponent(model.id)}">Sửa nội dung</a></p>
    <form id="withdraw-form" novalidate>
      <div class="error-summary" role="alert" tabindex="-1" hidden></div>
      <div class="field"><label for="withdraw-reason">Lý do rút</label>
        <textarea id="withdraw-reason" data-path="reason" maxlength="2000" rows="2"></textarea></div>
      <div class="actions"><button type="submit" class="danger">Rút mô hình</button></div>
    </form>
  </section>`;
}

// ---- who may do what (the server checks again) ------------------------------------

function offers(model, campaign, now) {
  const secretaryHere = me.roles.includes('secretary') && me.cellId === model.cellId;
  const own = model.personId === me.personId || model.registeredBy === me.personId;
  const open = ['registered', 'implementing'].includes(model.status);
  return {
    change:
      open &&
      (model.registeredBy === me.personId || secretaryHere) &&
      campaign &&
      windowOpen(campaign, model.year, now),
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
  };
}

// ---- the page ----------------------------------------------------------------------------

async function submitForm(form, send, done) {
  const button = form.querySelector('button[type="submit"]');
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  clearErrors(form);
  try {
    await send();
    await render(done);
  } catch (error) {
    showErrors(
      form,
      error instanceof ApiError ? error : { message: 'Không gửi được vì lỗi mạng; hãy thử lại.', fields: [] },
    );
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

async function render(notice) {
  const [model, campaigns, now, cells] = await Promise.all([
    api(`/api/models/${encodeURIComponent(modelId)}`),
    loadCampaigns(),
    currentTime(),
    api('/api/cells'),
  ]);
  const campaign = campaigns.find((c) => c.id === model.campaignId);
  const cellName = cells.items.find((c) => c.id === model.cellId)?.name ?? model.cellId;
  let personName = model.personId ?? '';
  if (model.personId) {
    const people = await api(`/api/cells/${encodeURIComponent(model.cellId)}/people`).then(
      (r) => r.items,
      () => [],
    );
    personName = people.find((p) => p.id === model.personId)?.name ?? model.personId;
  }
  const can = offers(model, campaign, now);
  document.title = `${model.title} — Dân vận khéo`;
  main.innerHTML = `
    ${notice ? `<div class="notice" role="status" tabindex="-1" id="notice">${escapeHtml(notice)}</div>` : ''}
    <section class="card" aria-labelledby="model-title">
      <h2 id="model-title">${escapeHtml(model.title)}</h2>
      <p class="badges-line">
        <span class="badge">${escapeHtml(KIND_LABELS[model.kind] ?? model.kind)}</span>
        <span class="badge status-${escapeHtml(model.status)}" id="model-status">${escapeHtml(STATUS_LABELS[model.status] ?? model.status)}</span>
        ${model.tier ? `<span class="badge ok" id="model-tier">${escapeHtml(TIER_LABELS[model.tier])}</span>` : ''}
      </p>
      ${factsHtml(model, campaign, cellName, personName)}
      <p><a class="button secondary" id="timeline-link" href="/timeline.html?id=${encodeURIComponent(model.id)}">Xem dòng thời gian và chu trình của mô hình</a></p>
    </section>
    ${assessmentHtml(model.selfAssessment)}
    ${reviewHtml(model.review)}
    ${tiersHtml(model.tiers)}
    ${can.selfAssess ? selfAssessmentForm(model) : ''}
    ${can.review ? reviewForm() : ''}
    ${can.tier ? tierForm(model) : ''}
    ${can.change ? changeForms(model) : ''}
    <section class="card" aria-labelledby="content-title"><h2 id="content-title">Nội dung đăng ký</h2>${sectionsHtml(model)}</section>`;
  if (notice) document.getElementById('notice').focus();

  const saForm = document.getElementById('sa-form');
  if (saForm) {
    attachCounter(saForm.querySelector('#sa-results'), saForm.querySelector('#sa-results-count'), 8000);
    const evidence = wireEvidence(saForm);
    saForm.addEventListener('submit', (event) => {
      event.preventDefault();
      submitForm(
        saForm,
        () =>
          api(`/api/models/${encodeURIComponent(model.id)}/self-assessment`, {
            method: 'POST',
            body: {
              results: saForm.querySelector('#sa-results').value,
              evidence: evidence(),
              cellConfirmed: saForm.querySelector('#sa-confirmed').checked,
              ...(model.kind === 'collective' ? { cellVote: readVote(saForm, 'sa-vote') } : {}),
            },
          }),
        'Đã gửi tự đánh giá.',
      );
    });
  }
  const rvForm = document.getElementById('rv-form');
  if (rvForm) {
    rvForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const principles = {};
      for (const key of Object.keys(PRINCIPLE_LABELS)) {
        const chosen = rvForm.querySelector(`input[name="p-${key}"]:checked`)?.value;
        const note = rvForm.querySelector(`#p-${key}-note`).value.trim();
        principles[key] = {
          met: chosen === undefined ? undefined : chosen === 'true',
          ...(note ? { note } : {}),
        };
      }
      submitForm(
        rvForm,
        () =>
          api(`/api/models/${encodeURIComponent(model.id)}/review`, {
            method: 'POST',
            body: {
              principles,
              vote: readVote(rvForm, 'rv-vote'),
              decision: rvForm.querySelector('input[name="decision"]:checked')?.value,
              reasons: rvForm.querySelector('#rv-reasons').value,
            },
          }),
        'Đã gửi quyết định xét công nhận.',
      );
    });
  }
  const tForm = document.getElementById('tier-form');
  if (tForm) {
    tForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const tier = tForm.querySelector('button[type="submit"]').dataset.tier;
      const note = tForm.querySelector('#tier-note').value.trim();
      const level = tForm.querySelector('#tier-level')?.value;
      submitForm(
        tForm,
        () =>
          api(`/api/models/${encodeURIComponent(model.id)}/tier`, {
            method: 'POST',
            body: { tier, ...(level ? { level } : {}), ...(note ? { note } : {}) },
          }),
        `Đã ghi nhận mức “${TIER_LABELS[tier]}”.`,
      );
    });
  }
  const wForm = document.getElementById('withdraw-form');
  if (wForm) {
    wForm.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!confirm('Rút mô hình này? Mô hình đã rút sẽ không được xét công nhận trong năm.')) return;
      submitForm(
        wForm,
        () =>
          api(`/api/models/${encodeURIComponent(model.id)}/withdraw`, {
            method: 'POST',
            body: { reason: wForm.querySelector('#withdraw-reason').value },
          }),
        'Đã rút mô hình.',
      );
    });
  }
}

async function start() {
  await renderHeader(me);
  if (!modelId) throw new Error('Thiếu mã mô hình trong địa chỉ trang (?id=…).');
  await render();
}

if (me) start().catch((error) => showPageError(main, error));

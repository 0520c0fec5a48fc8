// A cell's page (issue #4): its models of the chosen year and whether it has
// registered (and got recognized) at least one collective and one individual model.
import { api } from './lib/api.js';
import { escapeHtml, formatDate } from './lib/format.js';
import { KIND_LABELS, STATUS_LABELS, TIER_LABELS } from './lib/labels.js';
import {
  currentTime,
  currentYear,
  loadCampaigns,
  param,
  renderHeader,
  requireSession,
  showPageError,
} from './lib/page.js';

const main = document.getElementById('main');
const me = requireSession();

function badge(ok, yes, no) {
  return `<li><span class="badge ${ok ? 'ok' : 'warn'}"><span aria-hidden="true">${ok ? '✓' : '!'}</span> ${escapeHtml(ok ? yes : no)}</span></li>`;
}

function complianceHtml(c) {
  return `<ul class="badges" id="compliance">
    ${badge(c.collectiveRegistered > 0, `Đã đăng ký mô hình tập thể (${c.collectiveRegistered})`, 'Chưa có mô hình tập thể')}
    ${badge(c.individualRegistered > 0, `Đã đăng ký mô hình cá nhân (${c.individualRegistered})`, 'Chưa có mô hình cá nhân')}
    ${badge(c.collectiveRecognized > 0, `Có mô hình tập thể được công nhận (${c.collectiveRecognized})`, 'Chưa có mô hình tập thể được công nhận')}
    ${badge(c.individualRecognized > 0, `Có mô hình cá nhân được công nhận (${c.individualRecognized})`, 'Chưa có mô hình cá nhân được công nhận')}
  </ul>
  <p>${
    c.compliant
      ? 'Chi bộ đã đạt yêu cầu của năm: có ít nhất một mô hình tập thể và một mô hình cá nhân được công nhận.'
      : c.registrationCompliant
        ? 'Chi bộ đã đăng ký đủ mô hình tập thể và cá nhân của năm; còn chờ tự đánh giá và xét công nhận.'
        : `Mỗi năm chi bộ cần đăng ký ít nhất ${c.minimum.collective} mô hình tập thể và ${c.minimum.individual} mô hình cá nhân.`
  }</p>`;
}

function modelsHtml(models, names) {
  if (models.length === 0) return '<p class="muted">Chi bộ chưa đăng ký mô hình nào trong năm này.</p>';
  return `<div class="table-scroll"><table id="models">
    <caption class="visually-hidden">Các mô hình của chi bộ</caption>
    <thead><tr><th scope="col">Tên mô hình</th><th scope="col">Loại</th><th scope="col" class="optional">Người thực hiện</th>
      <th scope="col">Trạng thái</th><th scope="col" class="optional">Ngày đăng ký</th></tr></thead>
    <tbody>${models
      .map(
        (m) => `<tr data-model-id="${escapeHtml(m.id)}" data-kind="${escapeHtml(m.kind)}">
        <td><a href="/model.html?id=${encodeURIComponent(m.id)}">${escapeHtml(m.title)}</a></td>
        <td>${escapeHtml(KIND_LABELS[m.kind] ?? m.kind)}</td>
        <td class="optional">${m.personId ? escapeHtml(names.get(m.personId) ?? m.personId) : '<span class="muted">Cả chi bộ</span>'}</td>
        <td><span class="badge status-${escapeHtml(m.status)}">${escapeHtml(STATUS_LABELS[m.status] ?? m.status)}</span>
          ${m.tier ? `<span class="badge ok">${escapeHtml(TIER_LABELS[m.tier])}</span>` : ''}</td>
        <td class="optional">${formatDate(m.createdAt)}</td></tr>`,
      )
      .join('')}</tbody></table></div>`;
}

async function start() {
  await renderHeader(me);
  const cellId = param('id') ?? me.cellId;
  const [campaigns, now, cells] = await Promise.all([loadCampaigns(), currentTime(), api('/api/cells')]);
  const campaign = campaigns.find((c) => c.id === param('campaignId')) ?? campaigns[0];
  const yearParam = Number(param('year'));
  const year = campaign.registrationYears.includes(yearParam) ? yearParam : currentYear(campaign, now);
  const cell = cells.items.find((c) => c.id === cellId);
  const query = `campaignId=${encodeURIComponent(campaign.id)}&year=${year}`;
  const [compliance, models, people] = await Promise.all([
    api(`/api/cells/${encodeURIComponent(cellId)}/compliance?${query}`),
    api(`/api/models?${query}&cellId=${encodeURIComponent(cellId)}`),
    api(`/api/cells/${encodeURIComponent(cellId)}/people`).then(
      (r) => r.items,
      () => [],
    ),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const name = cell?.name ?? compliance.cellName ?? cellId;
  document.title = `${name} — Dân vận khéo`;
  main.innerHTML = `<section class="card" aria-labelledby="cell-title">
      <h2 id="cell-title">${escapeHtml(name)}</h2>
      <form class="inline" id="year-form" action="/cell.html">
        <input type="hidden" name="id" value="${escapeHtml(cellId)}">
        <input type="hidden" name="campaignId" value="${escapeHtml(campaign.id)}">
        <label for="year">Năm đăng ký</label>
        <select id="year" name="year">${campaign.registrationYears
          .map((y) => `<option value="${y}" ${y === year ? 'selected' : ''}>${y}</option>`)
          .join('')}</select>
        <button type="submit" class="secondary">Xem</button>
      </form>
      <h3>Tình hình đăng ký năm ${year}</h3>
      ${complianceHtml(compliance)}
    </section>
    <section class="card" aria-labelledby="models-title">
      <h2 id="models-title">Mô hình năm ${year} (${models.items.length})</h2>
      ${modelsHtml(models.items, names)}
      ${me.cellId === cellId ? '<p><a class="button" href="/register.html">Đăng ký mô hình</a></p>' : ''}
    </section>`;
}

if (me) start().catch((error) => showPageError(main, error));

// A cell's page: its models of the chosen year and whether it has registered (and got recognized)
// at least the campaign's minimum of collective and individual models.
import { formatDate } from '../../shared/domain/calendar.ts';
import { cycleYearAt } from '../../shared/domain/cycle-steps.ts';
import type { Model } from '../../shared/domain/model.ts';
import { KIND_LABELS } from '../../shared/domain/model-kinds.ts';
import { STATUS_LABELS, shownStatus } from '../../shared/domain/model-status.ts';
import { TIER_LABELS } from '../../shared/domain/tiers.ts';
import { api } from '../lib/api.ts';
import { systemNow } from '../lib/clock.ts';
import { contentArea, escapeHtml, param } from '../lib/dom.ts';
import { loadCampaigns, run, startPage } from '../lib/page.ts';
import { cardTable } from '../lib/table.ts';

interface Compliance {
  readonly cellName?: string;
  readonly collectiveRegistered: number;
  readonly individualRegistered: number;
  readonly collectiveRecognized: number;
  readonly individualRecognized: number;
  readonly compliant: boolean;
  readonly registrationCompliant: boolean;
  readonly minimum: { readonly collective: number; readonly individual: number };
}

const main = contentArea();

function badge(ok: boolean, yes: string, no: string): string {
  return `<li><span class="badge ${ok ? 'ok' : 'warn'}"><span aria-hidden="true">${ok ? '✓' : '!'}</span> ${escapeHtml(ok ? yes : no)}</span></li>`;
}

function complianceHtml(c: Compliance): string {
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

function modelsHtml(models: readonly Model[], names: ReadonlyMap<string, string>): string {
  if (models.length === 0) return '<p class="muted">Chi bộ chưa đăng ký mô hình nào trong năm này.</p>';
  return cardTable({
    id: 'models',
    caption: 'Các mô hình của chi bộ',
    captionHidden: true,
    columns: [
      { label: 'Tên mô hình' },
      { label: 'Loại' },
      { label: 'Người thực hiện' },
      { label: 'Trạng thái' },
      { label: 'Ngày đăng ký' },
    ],
    rows: models.map((m) => ({
      attributes: `data-model-id="${escapeHtml(m.id)}" data-kind="${escapeHtml(m.kind)}"`,
      cells: [
        `<a href="/model.html?id=${encodeURIComponent(m.id)}">${escapeHtml(m.title)}</a>`,
        escapeHtml(KIND_LABELS[m.kind]),
        m.personId ? escapeHtml(names.get(m.personId) ?? m.personId) : '<span class="muted">Cả chi bộ</span>',
        `<span class="badge status-${escapeHtml(m.status)}">${escapeHtml(STATUS_LABELS[shownStatus(m.status)])}</span>
          ${m.tier ? `<span class="badge ok">${escapeHtml(TIER_LABELS[m.tier])}</span>` : ''}`,
        formatDate(new Date(m.createdAt)),
      ],
    })),
  });
}

run(async () => {
  const me = await startPage();
  if (!me) return;
  const cellId = param('id') ?? me.cellId;
  const [campaigns, now, cells] = await Promise.all([
    loadCampaigns(),
    systemNow(),
    api<{ items: { id: string; name: string }[] }>('/api/cells'),
  ]);
  const campaign = campaigns.find((c) => c.id === param('campaignId')) ?? campaigns[0];
  if (!campaign) {
    main.innerHTML = '<section class="card"><p>Chưa có phong trào thi đua nào.</p></section>';
    return;
  }
  const yearParam = Number(param('year'));
  const year = campaign.registrationYears.includes(yearParam)
    ? yearParam
    : (cycleYearAt(campaign, now) ?? campaign.registrationYears[0]);
  const cell = cells.items.find((c) => c.id === cellId);
  const query = `campaignId=${encodeURIComponent(campaign.id)}&year=${year}`;
  // Only a cell's own people, the secretary and those who read everything may list its people.
  const mayListPeople =
    cellId === me.cellId || me.roles.some((role) => ['office', 'committee', 'inspector'].includes(role));
  const [compliance, models, people] = await Promise.all([
    api<Compliance>(`/api/cells/${encodeURIComponent(cellId)}/compliance?${query}`),
    api<{ items: Model[] }>(`/api/models?${query}&cellId=${encodeURIComponent(cellId)}`),
    mayListPeople
      ? api<{ items: { id: string; name: string }[] }>(
          `/api/cells/${encodeURIComponent(cellId)}/people`,
        ).then(
          (r) => r.items,
          () => [],
        )
      : Promise.resolve([]),
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
      <p><a class="button secondary" id="documents-link" href="/documents.html?${escapeHtml(query)}">Văn bản năm ${year} (danh sách đăng ký, giấy chứng nhận)</a></p>
    </section>
    <section class="card" aria-labelledby="models-title">
      <h2 id="models-title">Mô hình năm ${year} (${models.items.length})</h2>
      ${modelsHtml(models.items, names)}
      ${me.cellId === cellId && (me.roles.includes('secretary') || me.roles.includes('member')) ? '<p><a class="button" href="/register.html">Đăng ký mô hình</a></p>' : ''}
    </section>`;
});

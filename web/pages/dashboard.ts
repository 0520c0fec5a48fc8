// The dashboard: where every cell stands against today's calendar (Office, committee, inspectors).
import { formatDateTime } from '../../shared/domain/calendar.ts';
import type { Dashboard, DashboardYear } from '../../shared/domain/dashboard.ts';
import { REPORT_LABELS } from '../../shared/domain/form-fields.ts';
import type { FailedMail } from '../../shared/domain/outbox.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { api } from '../lib/api.ts';
import { byId, contentArea, escapeHtml, param } from '../lib/dom.ts';
import { run, showPageError, startPage } from '../lib/page.ts';
import { cardTable } from '../lib/table.ts';

const content = contentArea();
const STATE_LABELS = { ok: 'Đạt tiến độ', attention: 'Cần chú ý', late: 'Chưa đạt' } as const;

function yearSection(year: DashboardYear): string {
  return `<section class="card" aria-labelledby="year-${year.year}">
    <h3 id="year-${year.year}">Mô hình đăng ký năm ${year.year} — ${escapeHtml(year.stageLabel)}</h3>
    ${cardTable({
      caption: `Tình hình các chi bộ, năm ${year.year}`,
      captionHidden: true,
      rowHeaders: true,
      columns: [
        { label: 'Chi bộ' },
        { label: 'Tập thể / cá nhân đăng ký' },
        { label: 'Chờ tự đánh giá' },
        { label: 'Chờ xét' },
        { label: 'Được công nhận (tập thể / cá nhân)' },
        { label: 'Tình trạng' },
      ],
      rows: year.cells.map((cell) => ({
        className: `state-${cell.state}`,
        cells: [
          `<a href="/cell.html?id=${encodeURIComponent(cell.cellId)}&amp;year=${year.year}">${escapeHtml(cell.cellName)}</a>`,
          `${cell.collectiveRegistered} / ${cell.individualRegistered}`,
          String(cell.awaitingSelfAssessment),
          String(cell.awaitingReview),
          `${cell.collectiveRecognized} / ${cell.individualRecognized}`,
          `<span class="state-${cell.state}">${STATE_LABELS[cell.state]}</span>${
            cell.notes.length > 0 ? `<br><small>${cell.notes.map(escapeHtml).join('; ')}</small>` : ''
          }`,
        ],
      })),
    })}</section>`;
}

/** What the Office's dashboard adds: the mail the system could not deliver. */
interface DashboardView extends Dashboard {
  readonly supervises: readonly string[];
  readonly onlyMine: boolean;
  readonly failedMail?: { readonly count: number; readonly items: readonly FailedMail[] };
}

// The Office's list of undelivered mail, each with the reason and a resend button.
function failedMailSection(failed: DashboardView['failedMail']): string {
  if (!failed || failed.count === 0) return '';
  return `<section class="card" aria-labelledby="failed-mail"><h3 id="failed-mail">Thư không gửi được (${failed.count})</h3>
    <ul class="failed-mail">${failed.items
      .map(
        (
          item,
        ) => `<li><strong>${escapeHtml(item.subject)}</strong> — gửi ${escapeHtml(item.to.join(', '))}<br>
          <small>${escapeHtml(item.failure)}${item.failedAt ? ` (${escapeHtml(formatDateTime(new Date(item.failedAt)))})` : ''}</small>
          <button type="button" data-resend="${escapeHtml(item.id)}">Gửi lại</button></li>`,
      )
      .join('')}</ul></section>`;
}

function wireResend(): void {
  for (const button of content.querySelectorAll<HTMLButtonElement>('button[data-resend]')) {
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api(`/api/mail/${encodeURIComponent(button.dataset.resend ?? '')}/resend`, { method: 'POST' });
        button.replaceWith(document.createTextNode('Đã gửi lại.'));
      } catch (error) {
        button.disabled = false;
        showPageError(error);
      }
    });
  }
}

function dashboardUrl(campaignId: string | undefined, cells: string | undefined): string {
  const query = new URLSearchParams();
  if (campaignId) query.set('campaignId', campaignId);
  if (cells === 'mine') query.set('cells', 'mine');
  const text = query.toString();
  return text ? `?${text}` : '';
}

// A committee member who supervises cells may show only those ("my cells").
function cellsPicker(dashboard: DashboardView): string {
  if (dashboard.supervises.length === 0) return '';
  return `<label for="cells">${REPORT_LABELS.cells}</label>
    <select id="cells" name="cells">
      <option value="all"${dashboard.onlyMine ? '' : ' selected'}>Tất cả các chi bộ</option>
      <option value="mine"${dashboard.onlyMine ? ' selected' : ''}>Các chi bộ tôi theo dõi (${dashboard.supervises.length})</option>
    </select>`;
}

async function render(campaignId: string | undefined, cells: string | undefined): Promise<void> {
  const [campaigns, dashboard] = await Promise.all([
    api<{ items: Campaign[] }>('/api/campaigns'),
    api<DashboardView>(`/api/dashboard${dashboardUrl(campaignId, cells)}`),
  ]);
  content.innerHTML = `
    <form class="card inline" id="pick"><label for="campaign">${REPORT_LABELS.campaignId}</label>
      <select id="campaign" name="campaign">${campaigns.items
        .map(
          (c) =>
            `<option value="${escapeHtml(c.id)}"${c.id === dashboard.campaignId ? ' selected' : ''}>${escapeHtml(c.name)}</option>`,
        )
        .join('')}</select>${cellsPicker(dashboard)}</form>
    <p>Hôm nay: <strong>${escapeHtml(dashboard.todayText)}</strong></p>
    ${failedMailSection(dashboard.failedMail)}
    ${dashboard.years.map(yearSection).join('')}
    <section class="card" aria-labelledby="upcoming"><h3 id="upcoming">Sắp tới (90 ngày)</h3>${
      dashboard.upcoming.length === 0
        ? '<p class="muted">Không có việc định kỳ nào.</p>'
        : `<ul>${dashboard.upcoming.map((item) => `<li><strong>${escapeHtml(item.dateText)}</strong>: ${escapeHtml(item.label)}</li>`).join('')}</ul>`
    }</section>`;
  wireResend();
  const rerender = (nextCampaign: string | undefined, nextCells: string | undefined) => {
    history.replaceState(null, '', dashboardUrl(nextCampaign, nextCells) || location.pathname);
    render(nextCampaign, nextCells).catch(showPageError);
  };
  byId<HTMLSelectElement>('campaign').addEventListener('change', (event) => {
    rerender((event.target as HTMLSelectElement).value, dashboard.onlyMine ? 'mine' : undefined);
  });
  document.getElementById('cells')?.addEventListener('change', (event) => {
    rerender(dashboard.campaignId, (event.target as HTMLSelectElement).value);
  });
}

run(async () => {
  const me = await startPage({ roles: ['office', 'committee', 'inspector'], what: 'xem bảng theo dõi' });
  if (me) await render(param('campaignId'), param('cells'));
});

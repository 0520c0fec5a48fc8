// Extensions of registration: the Office grants one cell a later end of registration, with its
// reason; everyone who reads the whole committee sees each year's grants, who made them and when.
import {
  endOfLocalDay,
  formatDateTime,
  formatLocalDate,
  lastDayBefore,
} from '../../shared/domain/calendar.ts';
import type { FieldIssue } from '../../shared/domain/errors.ts';
import {
  CHECK_FIELDS_HEADLINE,
  MODEL_ACTION_LABELS,
  MODEL_FIELD_LABELS,
  REPORT_LABELS,
} from '../../shared/domain/form-fields.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { api, shownError } from '../lib/api.ts';
import { attachDateInputs, dateFieldHtml, readDateField } from '../lib/date-input.ts';
import { byId, contentArea, escapeHtml, fieldValue, param } from '../lib/dom.ts';
import { clearErrors, showErrors, whileSending } from '../lib/forms.ts';
import { loadCampaigns, run, showPageError, startPage } from '../lib/page.ts';
import type { Me } from '../lib/session.ts';
import { cardTable } from '../lib/table.ts';

interface Extension {
  readonly cellId: string;
  readonly year: number;
  readonly closesBefore: string;
  readonly reason: string;
  readonly grantedBy: string;
  readonly grantedByName?: string;
  readonly grantedAt: string;
}

const content = contentArea();

function grantForm(campaign: Campaign, year: number, cells: readonly { id: string; name: string }[]): string {
  return `<form class="card" id="grant-form" novalidate aria-labelledby="grant-title">
    <h2 id="grant-title">Gia hạn đăng ký cho một chi bộ</h2>
    <div class="error-summary" role="alert" tabindex="-1" hidden></div>
    <input type="hidden" name="campaignId" value="${escapeHtml(campaign.id)}">
    <input type="hidden" name="year" value="${year}">
    <div class="field"><label for="cellId">${MODEL_FIELD_LABELS.cellId}</label>
      <select id="cellId" name="cellId" data-path="cellId">${cells
        .map((cell) => `<option value="${escapeHtml(cell.id)}">${escapeHtml(cell.name)}</option>`)
        .join('')}</select></div>
    ${dateFieldHtml({ name: 'closesOn', path: 'closesBefore', label: `${MODEL_ACTION_LABELS.closesBefore} (đến hết ngày)`, value: '', kind: 'date' })}
    <div class="field"><label for="reason">${MODEL_ACTION_LABELS.extensionReason}</label>
      <textarea id="reason" name="reason" data-path="reason" rows="3" maxlength="1000"></textarea></div>
    <p><button type="submit">Gia hạn</button></p>
  </form>`;
}

async function render(
  me: Me,
  campaignId: string | undefined,
  yearText: string | undefined,
  notice?: string,
): Promise<void> {
  const [campaigns, cells] = await Promise.all([
    loadCampaigns(),
    api<{ items: { id: string; name: string }[] }>('/api/cells'),
  ]);
  const campaign = campaigns.find((c) => c.id === campaignId) ?? campaigns[0];
  if (!campaign) {
    content.innerHTML = '<p class="muted">Chưa có phong trào thi đua nào.</p>';
    return;
  }
  const year = campaign.registrationYears.includes(Number(yearText))
    ? Number(yearText)
    : (campaign.registrationYears.at(-1) ?? new Date().getFullYear());
  const { items } = await api<{ items: Extension[] }>(
    `/api/extensions?campaignId=${encodeURIComponent(campaign.id)}&year=${year}`,
  );
  const cellName = new Map(cells.items.map((cell) => [cell.id, cell.name]));
  content.innerHTML = `
    ${notice ? `<div class="notice" role="status" tabindex="-1" id="notice">${escapeHtml(notice)}</div>` : ''}
    <form class="card inline" id="pick">
      <label for="campaign">${REPORT_LABELS.campaignId}</label>
      <select id="campaign">${campaigns
        .map(
          (c) =>
            `<option value="${escapeHtml(c.id)}"${c.id === campaign.id ? ' selected' : ''}>${escapeHtml(c.name)}</option>`,
        )
        .join('')}</select>
      <label for="year">${REPORT_LABELS.year}</label>
      <select id="year">${campaign.registrationYears
        .map((y) => `<option value="${y}"${y === year ? ' selected' : ''}>${y}</option>`)
        .join('')}</select>
    </form>
    ${me.roles.includes('office') ? grantForm(campaign, year, cells.items) : ''}
    <section class="card" aria-labelledby="list-title"><h2 id="list-title">Các chi bộ được gia hạn năm ${year}</h2>
    ${cardTable({
      id: 'extensions',
      caption: `Các lần gia hạn đăng ký năm ${year}`,
      captionHidden: true,
      rowHeaders: true,
      empty: 'Chưa có chi bộ nào được gia hạn năm này.',
      columns: [
        { label: MODEL_FIELD_LABELS.cellId },
        { label: 'Được đăng ký đến hết ngày' },
        { label: MODEL_ACTION_LABELS.extensionReason },
        { label: 'Người gia hạn, lúc' },
      ],
      rows: items.map((item) => ({
        attributes: `data-cell-id="${escapeHtml(item.cellId)}"`,
        cells: [
          escapeHtml(cellName.get(item.cellId) ?? item.cellId),
          formatLocalDate(lastDayBefore(new Date(item.closesBefore))),
          escapeHtml(item.reason),
          `${escapeHtml(item.grantedByName ?? 'Văn phòng Đảng ủy')}, ${formatDateTime(new Date(item.grantedAt))}
           <br><a href="/audit.html?entity=cell&amp;id=${encodeURIComponent(item.cellId)}">Xem nhật ký của chi bộ</a>`,
        ],
      })),
    })}</section>`;
  const go = (nextCampaign: string, nextYear: string) => {
    history.replaceState(null, '', `?campaignId=${encodeURIComponent(nextCampaign)}&year=${nextYear}`);
    render(me, nextCampaign, nextYear).catch(showPageError);
  };
  byId<HTMLSelectElement>('campaign').addEventListener('change', (event) => {
    go((event.target as HTMLSelectElement).value, '');
  });
  byId<HTMLSelectElement>('year').addEventListener('change', (event) => {
    go(campaign.id, (event.target as HTMLSelectElement).value);
  });
  const form = document.getElementById('grant-form');
  if (!(form instanceof HTMLFormElement)) return;
  attachDateInputs(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const issues: FieldIssue[] = [];
    const closesOn = readDateField(form, 'closesOn', MODEL_ACTION_LABELS.closesBefore, issues);
    const reason = fieldValue(form, 'reason').trim();
    if (reason === '')
      issues.push({ path: 'reason', message: `Cần điền “${MODEL_ACTION_LABELS.extensionReason}”.` });
    if (issues.length > 0) {
      showErrors(form, { message: CHECK_FIELDS_HEADLINE, fields: issues });
      return;
    }
    whileSending(form, async () => {
      try {
        await api('/api/extensions', {
          method: 'POST',
          body: {
            campaignId: campaign.id,
            year,
            cellId: fieldValue(form, 'cellId'),
            closesBefore: endOfLocalDay(closesOn).toISOString(),
            reason,
          },
        });
        await render(me, campaign.id, String(year), 'Đã gia hạn đăng ký.');
        byId('notice').focus();
      } catch (error) {
        showErrors(form, shownError(error));
      }
    }).catch(() => undefined);
  });
}

run(async () => {
  const me = await startPage({
    roles: ['office', 'committee', 'inspector'],
    what: 'xem các lần gia hạn đăng ký',
  });
  if (me) await render(me, param('campaignId'), param('year'));
});

// Reports: pick one, read it (printable HTML with charts), download it as XLSX, print it.
import { REPORT_LABELS } from '../../shared/domain/form-fields.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { api, download, fetchWithToken, shownError } from '../lib/api.ts';
import { byId, contentArea, escapeHtml, fieldValue } from '../lib/dom.ts';
import { run, startPage } from '../lib/page.ts';

const content = contentArea();
const KINDS = {
  'registration-list': 'Danh sách đăng ký (theo năm)',
  annual: 'Báo cáo hằng năm',
  phase: 'Báo cáo sơ kết, tổng kết',
} as const;

function reportPath(form: HTMLFormElement, format: 'html' | 'xlsx'): string {
  const kind = fieldValue(form, 'kind');
  const params = new URLSearchParams({ campaignId: fieldValue(form, 'campaignId'), format });
  if (kind === 'phase') params.set('phaseId', fieldValue(form, 'phaseId'));
  else params.set('year', fieldValue(form, 'year'));
  return `/api/reports/${encodeURIComponent(kind)}?${params}`;
}

function errorHtml(error: unknown): string {
  const { message, fields } = shownError(error);
  return `<div class="error-box" role="alert"><p>${escapeHtml(message)}</p>${
    fields.length > 0
      ? `<ul>${fields.map((field) => `<li>${escapeHtml(field.message)}</li>`).join('')}</ul>`
      : ''
  }</div>`;
}

async function render(): Promise<void> {
  const campaigns = (await api<{ items: Campaign[] }>('/api/campaigns')).items;
  const params = new URLSearchParams(location.search);
  const selected = {
    campaignId:
      params.get('campaignId') ?? campaigns.find((c) => c.status === 'active')?.id ?? campaigns[0]?.id,
    kind: params.get('kind') ?? 'annual',
    year: params.get('year') ?? '',
    phaseId: params.get('phaseId') ?? '',
  };
  content.innerHTML = `<form class="card" id="pick">
      <div class="grid">
        <div><label for="campaignId">${REPORT_LABELS.campaignId}</label><select id="campaignId" name="campaignId">${campaigns
          .map(
            (c) =>
              `<option value="${escapeHtml(c.id)}"${c.id === selected.campaignId ? ' selected' : ''}>${escapeHtml(c.name)}</option>`,
          )
          .join('')}</select></div>
        <div><label for="kind">${REPORT_LABELS.kind}</label><select id="kind" name="kind">${Object.entries(
          KINDS,
        )
          .map(
            ([value, label]) =>
              `<option value="${value}"${value === selected.kind ? ' selected' : ''}>${label}</option>`,
          )
          .join('')}</select></div>
        <div id="year-field"><label for="year">${REPORT_LABELS.year}</label><select id="year" name="year"></select></div>
        <div id="phase-field"><label for="phaseId">${REPORT_LABELS.phaseId}</label><select id="phaseId" name="phaseId"></select></div>
      </div>
      <div class="row-actions">
        <button type="submit">Xem báo cáo</button>
        <button type="button" class="secondary" id="xlsx">Tải XLSX</button>
        <button type="button" class="secondary" id="print">In</button>
        <a class="button secondary" id="documents-link" href="/documents.html">Văn bản ban hành (quyết định, tờ trình, báo cáo có số)</a>
      </div>
    </form>
    <div id="message" aria-live="polite"></div>
    <iframe class="report" id="report" title="Báo cáo" sandbox="allow-same-origin allow-modals"></iframe>`;
  const form = byId<HTMLFormElement>('pick');
  const message = byId('message');
  const frame = byId<HTMLIFrameElement>('report');
  const year = byId<HTMLSelectElement>('year');
  const phase = byId<HTMLSelectElement>('phaseId');
  const sync = () => {
    const campaign = campaigns.find((c) => c.id === fieldValue(form, 'campaignId'));
    if (!campaign) return;
    year.innerHTML = campaign.registrationYears
      .map((y) => `<option value="${y}"${String(y) === selected.year ? ' selected' : ''}>${y}</option>`)
      .join('');
    phase.innerHTML = campaign.phases
      .map(
        (p) =>
          `<option value="${escapeHtml(p.id)}"${p.id === selected.phaseId ? ' selected' : ''}>${escapeHtml(p.name)}</option>`,
      )
      .join('');
    const isPhase = fieldValue(form, 'kind') === 'phase';
    byId('year-field').hidden = isPhase;
    byId('phase-field').hidden = !isPhase;
  };
  const show = async () => {
    message.innerHTML = '<p class="muted">Đang lập báo cáo…</p>';
    try {
      const response = await fetchWithToken(reportPath(form, 'html'));
      frame.srcdoc = await response.text();
      message.innerHTML = '';
      const query = new URLSearchParams();
      for (const name of ['campaignId', 'kind', 'year', 'phaseId']) query.set(name, fieldValue(form, name));
      history.replaceState(null, '', `?${query}`);
    } catch (error) {
      message.innerHTML = errorHtml(error);
    }
  };
  byId('campaignId').addEventListener('change', sync);
  byId('kind').addEventListener('change', sync);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show().catch(() => undefined);
  });
  byId('xlsx').addEventListener('click', async () => {
    try {
      await download(await fetchWithToken(reportPath(form, 'xlsx')), 'bao-cao.xlsx');
    } catch (error) {
      message.innerHTML = errorHtml(error);
    }
  });
  byId('print').addEventListener('click', () => frame.contentWindow?.print());
  sync();
  await show();
}

run(async () => {
  const me = await startPage({ roles: ['office', 'committee', 'inspector'], what: 'xem báo cáo' });
  if (me) await render();
});

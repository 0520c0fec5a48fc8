// Reports: pick one, read it (printable HTML with charts), download it as XLSX, print it.
import { api } from './lib/api.js';
import { escapeHtml } from './lib/format.js';
import { download, errorHtml, fetchWithToken, requireRoles } from './lib/office-page.js';

const content = document.getElementById('content');
const KINDS = {
  'registration-list': 'Danh sách đăng ký (theo năm)',
  annual: 'Báo cáo hằng năm',
  phase: 'Báo cáo sơ kết / tổng kết',
};

function reportPath(form, format) {
  const data = new FormData(form);
  const kind = data.get('kind');
  const params = new URLSearchParams({ campaignId: data.get('campaignId'), format });
  if (kind === 'phase') params.set('phaseId', data.get('phaseId'));
  else params.set('year', data.get('year'));
  return `/api/reports/${encodeURIComponent(kind)}?${params}`;
}

function choices(campaign, selected) {
  return {
    years: campaign.registrationYears
      .map(
        (year) =>
          `<option value="${year}"${String(year) === selected.year ? ' selected' : ''}>${year}</option>`,
      )
      .join(''),
    phases: campaign.phases
      .map(
        (phase) =>
          `<option value="${escapeHtml(phase.id)}"${phase.id === selected.phaseId ? ' selected' : ''}>${escapeHtml(phase.name)}</option>`,
      )
      .join(''),
  };
}

async function render() {
  const campaigns = (await api('/api/campaigns')).items;
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
        <div><label for="campaignId">Phong trào</label><select id="campaignId" name="campaignId">${campaigns
          .map(
            (c) =>
              `<option value="${escapeHtml(c.id)}"${c.id === selected.campaignId ? ' selected' : ''}>${escapeHtml(c.name)}</option>`,
          )
          .join('')}</select></div>
        <div><label for="kind">Loại báo cáo</label><select id="kind" name="kind">${Object.entries(KINDS)
          .map(
            ([value, label]) =>
              `<option value="${value}"${value === selected.kind ? ' selected' : ''}>${label}</option>`,
          )
          .join('')}</select></div>
        <div id="year-field"><label for="year">Năm đăng ký</label><select id="year" name="year"></select></div>
        <div id="phase-field"><label for="phaseId">Đợt</label><select id="phaseId" name="phaseId"></select></div>
      </div>
      <div class="row-actions">
        <button type="submit">Xem báo cáo</button>
        <button type="button" class="secondary" id="xlsx">Tải XLSX</button>
        <button type="button" class="secondary" id="print">In</button>
      </div>
    </form>
    <div id="message" aria-live="polite"></div>
    <iframe class="report" id="report" title="Báo cáo" sandbox="allow-same-origin allow-modals"></iframe>`;
  const form = document.getElementById('pick');
  const message = document.getElementById('message');
  const frame = document.getElementById('report');
  const sync = () => {
    const campaign = campaigns.find((c) => c.id === form.campaignId.value);
    if (!campaign) return;
    const { years, phases } = choices(campaign, selected);
    form.year.innerHTML = years;
    form.phaseId.innerHTML = phases;
    const phase = form.kind.value === 'phase';
    document.getElementById('year-field').hidden = phase;
    document.getElementById('phase-field').hidden = !phase;
  };
  const show = async () => {
    message.innerHTML = '<p class="muted">Đang lập báo cáo…</p>';
    try {
      const response = await fetchWithToken(reportPath(form, 'html'));
      frame.srcdoc = await response.text();
      message.innerHTML = '';
      const query = new URLSearchParams(new FormData(form));
      history.replaceState(null, '', `?${query}`);
    } catch (error) {
      message.innerHTML = errorHtml(error);
    }
  };
  form.campaignId.addEventListener('change', sync);
  form.kind.addEventListener('change', sync);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  document.getElementById('xlsx').addEventListener('click', async () => {
    try {
      await download(await fetchWithToken(reportPath(form, 'xlsx')), 'bao-cao.xlsx');
    } catch (error) {
      message.innerHTML = errorHtml(error);
    }
  });
  document.getElementById('print').addEventListener('click', () => frame.contentWindow?.print());
  sync();
  await show();
}

if (requireRoles(content, ['office', 'committee', 'inspector'], 'xem báo cáo')) {
  render().catch((error) => {
    content.innerHTML = errorHtml(error);
  });
}

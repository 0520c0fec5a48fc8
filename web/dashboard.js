// The dashboard: where every cell stands against today's calendar (Office, committee, inspectors).
import { api } from './lib/api.js';
import { escapeHtml, formatDateTime } from './lib/format.js';
import { errorHtml, requireRoles } from './lib/office-page.js';

const content = document.getElementById('content');
const STATE_LABELS = { ok: 'Đạt tiến độ', attention: 'Cần chú ý', late: 'Chưa đạt' };

function yearSection(year) {
  return `<section class="card" aria-labelledby="year-${year.year}">
    <h3 id="year-${year.year}">Mô hình đăng ký năm ${year.year} — ${escapeHtml(year.stageLabel)}</h3>
    <div class="table-scroll"><table>
      <caption class="visually-hidden">Tình hình các chi bộ, năm ${year.year}</caption>
      <thead><tr><th scope="col">Chi bộ</th><th scope="col">Tập thể / cá nhân đăng ký</th><th scope="col">Chờ tự đánh giá</th><th scope="col">Chờ xét</th><th scope="col">Được công nhận (tập thể / cá nhân)</th><th scope="col">Tình trạng</th></tr></thead>
      <tbody>${year.cells
        .map(
          (cell) => `<tr class="state-${cell.state}">
            <th scope="row"><a href="/cell.html?id=${encodeURIComponent(cell.cellId)}">${escapeHtml(cell.cellName)}</a></th>
            <td>${cell.collectiveRegistered} / ${cell.individualRegistered}</td>
            <td>${cell.awaitingSelfAssessment}</td>
            <td>${cell.awaitingReview}</td>
            <td>${cell.collectiveRecognized} / ${cell.individualRecognized}</td>
            <td><span class="state-${cell.state}">${STATE_LABELS[cell.state]}</span>${
              cell.notes.length > 0 ? `<br><small>${cell.notes.map(escapeHtml).join('; ')}</small>` : ''
            }</td></tr>`,
        )
        .join('')}</tbody>
    </table></div></section>`;
}

// The Office's list of mail the system could not deliver, each with a resend button.
function failedMailSection(failed) {
  if (!failed) return '';
  if (failed.count === 0) return '';
  return `<section class="card" aria-labelledby="failed-mail"><h3 id="failed-mail">Thư không gửi được (${failed.count})</h3>
    <ul class="failed-mail">${failed.items
      .map(
        (
          item,
        ) => `<li><strong>${escapeHtml(item.subject)}</strong> — gửi ${escapeHtml(item.to.join(', '))}<br>
          <small>${escapeHtml(item.failure)}${item.failedAt ? ` (${escapeHtml(formatDateTime(item.failedAt))})` : ''}</small>
          <button type="button" data-resend="${escapeHtml(item.id)}">Gửi lại</button></li>`,
      )
      .join('')}</ul></section>`;
}

async function render(campaignId) {
  const [campaigns, dashboard] = await Promise.all([
    api('/api/campaigns'),
    api(`/api/dashboard${campaignId ? `?campaignId=${encodeURIComponent(campaignId)}` : ''}`),
  ]);
  content.innerHTML = `
    <form class="card" id="pick"><label for="campaign">Phong trào</label>
      <select id="campaign" name="campaign">${campaigns.items
        .map(
          (c) =>
            `<option value="${escapeHtml(c.id)}"${c.id === dashboard.campaignId ? ' selected' : ''}>${escapeHtml(c.name)}</option>`,
        )
        .join('')}</select></form>
    <p>Hôm nay: <strong>${escapeHtml(dashboard.todayText)}</strong></p>
    ${failedMailSection(dashboard.failedMail)}
    ${dashboard.years.map(yearSection).join('')}
    <section class="card" aria-labelledby="upcoming"><h3 id="upcoming">Sắp tới (90 ngày)</h3>${
      dashboard.upcoming.length === 0
        ? '<p class="muted">Không có việc định kỳ nào.</p>'
        : `<ul>${dashboard.upcoming.map((item) => `<li><strong>${escapeHtml(item.dateText)}</strong>: ${escapeHtml(item.label)}</li>`).join('')}</ul>`
    }</section>`;
  for (const button of content.querySelectorAll('button[data-resend]')) {
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api(`/api/mail/${encodeURIComponent(button.dataset.resend)}/resend`, { method: 'POST' });
        button.replaceWith(document.createTextNode('Đã gửi lại.'));
      } catch (error) {
        button.disabled = false;
        showError(error);
      }
    });
  }
  document.getElementById('campaign').addEventListener('change', (event) => {
    const id = event.target.value;
    history.replaceState(null, '', `?campaignId=${encodeURIComponent(id)}`);
    render(id).catch(showError);
  });
}

function showError(error) {
  content.innerHTML = errorHtml(error);
}

if (requireRoles(content, ['office', 'committee', 'inspector'], 'xem bảng theo dõi')) {
  render(new URLSearchParams(location.search).get('campaignId') ?? undefined).catch(showError);
}

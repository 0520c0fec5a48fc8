// The start page: sign in (a seeded user locally, Cognito's hosted UI on
// AWS), then the campaign's calendar and the caller's cells.
import { ApiError, api } from './lib/api.js';
import { escapeHtml, formatLocalDate, formatMonthDay } from './lib/format.js';
import { clearSession, currentSession, rolesOf, saveSession } from './lib/session.js';

const ROLE_LABELS = {
  office: 'Văn phòng Đảng ủy',
  committee: 'Ủy viên BCH Đảng bộ',
  inspector: 'Ủy ban Kiểm tra',
  secretary: 'Bí thư chi bộ',
  member: 'Đảng viên',
};
const REVIEW_LABELS = { preliminary: 'Sơ kết', final: 'Tổng kết' };

const main = document.getElementById('main');
const who = document.getElementById('who');

function roleBadges(roles) {
  return roles.map((role) => `<span class="badge">${escapeHtml(ROLE_LABELS[role] ?? role)}</span>`).join(' ');
}

async function localUsers() {
  const response = await fetch('/local/users');
  if (!response.ok) return undefined;
  return (await response.json()).users;
}

async function hostedUiConfig() {
  const response = await fetch('/config.json');
  return response.ok ? response.json() : undefined;
}

async function signInLocally(username) {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error('Không đăng nhập được.');
  saveSession((await response.json()).token);
  await render();
}

async function renderSignIn() {
  who.textContent = '';
  const config = await hostedUiConfig();
  if (config?.cognitoDomain) {
    const redirect = encodeURIComponent(`${location.origin}/signed-in.html`);
    main.innerHTML = `<section class="card"><h2>Đăng nhập</h2>
      <p><a class="button" href="https://${escapeHtml(config.cognitoDomain)}/login?response_type=code&client_id=${escapeHtml(config.clientId)}&redirect_uri=${redirect}">Đăng nhập bằng tài khoản của Đảng bộ</a></p></section>`;
    return;
  }
  const users = (await localUsers()) ?? [];
  const byCell = new Map();
  for (const user of users) byCell.set(user.cellId, [...(byCell.get(user.cellId) ?? []), user]);
  main.innerHTML = `<section class="card"><h2>Đăng nhập (máy cục bộ)</h2>
    <p class="muted">Chọn một người trong tổ chức mẫu để dùng thử hệ thống với vai trò của người đó.</p>
    ${[...byCell.entries()]
      .map(
        ([cellId, people]) =>
          `<h3 class="muted">${escapeHtml(cellId)}</h3><div class="users">${people
            .map(
              (user) =>
                `<button type="button" data-username="${escapeHtml(user.username)}">${escapeHtml(user.name)}<small>${escapeHtml(
                  user.username,
                )} · ${user.roles.map((role) => escapeHtml(ROLE_LABELS[role] ?? role)).join(', ')}</small></button>`,
            )
            .join('')}</div>`,
      )
      .join('')}</section>`;
  for (const button of main.querySelectorAll('button[data-username]')) {
    button.addEventListener('click', () => signInLocally(button.dataset.username));
  }
}

function calendarTable(campaign) {
  const c = campaign.calendar;
  return `<table>
    <tr><th scope="row">Thời gian</th><td>${formatLocalDate(campaign.period.from)} – ${formatLocalDate(campaign.period.to)}</td></tr>
    <tr><th scope="row">Đăng ký mô hình</th><td>từ ${formatMonthDay(c.registrationOpens)} đến hết ${formatMonthDay(c.registrationCloses)} hằng năm (năm ${campaign.registrationYears.join(', ')})</td></tr>
    <tr><th scope="row">Tự đánh giá</th><td>chậm nhất ${formatMonthDay(c.selfAssessmentDeadline)} năm sau</td></tr>
    <tr><th scope="row">Xét, công nhận</th><td>chậm nhất ${formatMonthDay(c.reviewDeadline)} năm sau</td></tr>
    <tr><th scope="row">Báo cáo hằng năm</th><td>${formatMonthDay(c.annualReport)} hằng năm</td></tr>
    ${campaign.phases
      .map(
        (phase) =>
          `<tr><th scope="row">${escapeHtml(phase.name)}</th><td>${REVIEW_LABELS[phase.review] ?? ''} trước ngày ${formatLocalDate(
            phase.reviewDeadline,
          )} (hạn cuối)</td></tr>`,
      )
      .join('')}
  </table>`;
}

async function renderHome(session) {
  const roles = rolesOf(session);
  who.innerHTML = `${escapeHtml(session.claims.name)} ${roleBadges(roles)} <button type="button" class="secondary" id="sign-out">Đăng xuất</button>`;
  document.getElementById('sign-out').addEventListener('click', () => {
    clearSession();
    render();
  });
  const [campaigns, cells] = await Promise.all([api('/api/campaigns'), api('/api/cells')]);
  main.innerHTML = `
    ${campaigns.items
      .map(
        (campaign) => `<section class="card" aria-labelledby="campaign-${escapeHtml(campaign.id)}">
          <h2 id="campaign-${escapeHtml(campaign.id)}">${escapeHtml(campaign.name)}</h2>${calendarTable(campaign)}</section>`,
      )
      .join('')}
    <section class="card" aria-labelledby="cells-title">
      <h2 id="cells-title">${roles.some((r) => ['office', 'committee', 'inspector'].includes(r)) ? 'Các chi bộ' : 'Chi bộ của bạn'}</h2>
      <ul id="cells">${cells.items.map((cell) => `<li data-cell-id="${escapeHtml(cell.id)}">${escapeHtml(cell.name)}</li>`).join('')}</ul>
    </section>`;
}

async function render() {
  document.getElementById('outbox-link').hidden = !(await fetch('/local/endpoints').then(
    (r) => r.ok,
    () => false,
  ));
  const session = currentSession();
  try {
    if (!session) await renderSignIn();
    else await renderHome(session);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return renderSignIn();
    main.innerHTML = `<div class="error-box" role="alert">${escapeHtml(error.message)}</div>`;
  }
}

render();

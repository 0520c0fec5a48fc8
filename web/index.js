// The start page: sign in (a seeded user locally, Cognito's hosted UI on
// AWS), then the campaign's calendar, the caller's cells and models, and the
// way to register a model.
import { ApiError, api } from './lib/api.js';
import { runtimeConfig } from './lib/config.js';
import { escapeHtml, formatLocalDate, formatMonthDay } from './lib/format.js';
import { KIND_LABELS, ROLE_BADGES, STATUS_LABELS, TIER_LABELS } from './lib/labels.js';
import { currentTime, currentYear, isLocalRuntime, param, renderHeader, windowOpen } from './lib/page.js';
import { authorizeUrl } from './lib/pkce.js';
import { currentSession, identityOf, rolesOf, saveSession } from './lib/session.js';

const REVIEW_LABELS = { preliminary: 'Sơ kết', final: 'Tổng kết' };
const main = document.getElementById('main');
const who = document.getElementById('who');

/** Where to go after signing in: a page of this site the guard sent us from, else home. */
function nextPage() {
  const next = param('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : undefined;
}

async function localUsers() {
  const response = await fetch('/local/users');
  if (!response.ok) return undefined;
  return (await response.json()).users;
}

async function signInLocally(username) {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error('Không đăng nhập được.');
  saveSession((await response.json()).token, { local: true });
  const next = nextPage();
  if (next) location.href = next;
  else await render();
}

async function renderSignIn() {
  who.textContent = '';
  const config = await runtimeConfig();
  if (config.authUrl && config.userPoolClientId) {
    main.innerHTML = `<section class="card"><h2>Đăng nhập</h2>
      <p><button type="button" id="hosted-ui">Đăng nhập bằng tài khoản của Đảng bộ</button></p></section>`;
    document.getElementById('hosted-ui').addEventListener('click', async () => {
      location.href = await authorizeUrl(config, nextPage() ?? '/');
    });
    return;
  }
  const users = (await localUsers()) ?? [];
  const byCell = new Map();
  for (const user of users) byCell.set(user.cellId, [...(byCell.get(user.cellId) ?? []), user]);
  main.innerHTML = `<section class="card" aria-labelledby="sign-in-title"><h2 id="sign-in-title">Đăng nhập (máy cục bộ)</h2>
    <p class="muted">Chọn một người trong tổ chức mẫu để dùng thử hệ thống với vai trò của người đó.</p>
    ${[...byCell.entries()]
      .map(
        ([cellId, people]) =>
          `<h3 class="muted">${escapeHtml(people[0]?.cellName ?? cellId)}</h3><div class="users">${people
            .map(
              (user) =>
                `<button type="button" data-username="${escapeHtml(user.username)}">${escapeHtml(user.name)}<small>${escapeHtml(
                  user.username,
                )} · ${user.roles.map((role) => escapeHtml(ROLE_BADGES[role] ?? role)).join(', ')}</small></button>`,
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
  return `<div class="table-scroll"><table>
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
  </table></div>`;
}

function modelsList(models) {
  if (models.length === 0) return '<p class="muted">Chưa có mô hình nào.</p>';
  return `<ul class="model-list" id="my-models">${models
    .map(
      (m) => `<li><a href="/model.html?id=${encodeURIComponent(m.id)}">${escapeHtml(m.title)}</a>
        <span class="badge">${escapeHtml(KIND_LABELS[m.kind] ?? m.kind)}</span>
        <span class="badge status-${escapeHtml(m.status)}">${escapeHtml(STATUS_LABELS[m.status] ?? m.status)}</span>
        ${m.tier ? `<span class="badge ok">${escapeHtml(TIER_LABELS[m.tier])}</span>` : ''}</li>`,
    )
    .join('')}</ul>`;
}

async function renderHome(session) {
  const roles = rolesOf(session);
  const me = { ...identityOf(session), roles };
  await renderHeader(me);
  const [campaigns, cells, now] = await Promise.all([
    api('/api/campaigns'),
    api('/api/cells'),
    currentTime(),
  ]);
  const campaign = campaigns.items.find((c) => c.status === 'active') ?? campaigns.items[0];
  const year = campaign ? currentYear(campaign, now) : undefined;
  const models = campaign
    ? (await api(`/api/models?campaignId=${encodeURIComponent(campaign.id)}&year=${year}`)).items
    : [];
  const readsAll = roles.some((r) => ['office', 'committee', 'inspector'].includes(r));
  const mayRegister = roles.includes('secretary') || roles.includes('member');
  const open = campaign && windowOpen(campaign, year, now);
  const modelsTitle = readsAll
    ? `Các mô hình năm ${year}`
    : roles.includes('secretary')
      ? `Mô hình của chi bộ năm ${year}`
      : `Mô hình của bạn năm ${year}`;
  main.innerHTML = `
    ${
      mayRegister && campaign
        ? `<section class="card cta" aria-labelledby="register-title">
        <h2 id="register-title">Đăng ký mô hình năm ${year}</h2>
        <p>${open ? 'Đang trong thời hạn đăng ký.' : 'Hiện không trong thời hạn đăng ký (Văn phòng Đảng ủy có thể gia hạn cho chi bộ).'}</p>
        <p><a class="button" href="/register.html" id="register-link">Đăng ký mô hình</a></p></section>`
        : ''
    }
    <section class="card" aria-labelledby="cells-title">
      <h2 id="cells-title">${readsAll ? 'Các chi bộ' : 'Chi bộ của bạn'}</h2>
      <ul id="cells">${cells.items
        .map(
          (cell) =>
            `<li data-cell-id="${escapeHtml(cell.id)}"><a href="/cell.html?id=${encodeURIComponent(cell.id)}">${escapeHtml(cell.name)}</a>${
              cell.id === me.cellId ? ' <span class="badge ok">Chi bộ của bạn</span>' : ''
            }</li>`,
        )
        .join('')}</ul>
    </section>
    ${campaign ? `<section class="card" aria-labelledby="models-title"><h2 id="models-title">${modelsTitle}</h2>${modelsList(models)}</section>` : ''}
    ${campaigns.items
      .map(
        (c) => `<section class="card" aria-labelledby="campaign-${escapeHtml(c.id)}">
          <h2 id="campaign-${escapeHtml(c.id)}">${escapeHtml(c.name)}</h2>${calendarTable(c)}</section>`,
      )
      .join('')}`;
}

async function render() {
  const outbox = document.getElementById('outbox-link');
  outbox.hidden = !(await isLocalRuntime());
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

// What every signed-in page shares: the header (who, sign out), the guard
// that sends an anonymous visitor to the start page, the clock and the
// campaign's calendar as the browser needs it.
import { api } from './api.js';
import { escapeHtml } from './format.js';
import { ROLE_BADGES } from './labels.js';
import { clearSession, currentSession, identityOf, rolesOf } from './session.js';

/** Whether this page is served by the embedded runtime (which has /local/*). */
export async function isLocalRuntime() {
  try {
    return (await fetch('/local/endpoints')).ok;
  } catch {
    return false;
  }
}

/** Now: the embedded runtime's virtual clock when there is one, else the browser's. */
export async function currentTime() {
  try {
    const response = await fetch('/local/clock');
    if (response.ok) return new Date((await response.json()).now);
  } catch {
    // no local clock: the real one
  }
  return new Date();
}

/** The signed-in session with roles and identity; sends anonymous visitors to the start page. */
export function requireSession() {
  const session = currentSession();
  if (!session) {
    location.replace(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
    return undefined;
  }
  return { session, roles: rolesOf(session), ...identityOf(session) };
}

// The Office's pages, in the navigation of the roles that may open them.
export const ROLE_LINKS = [
  ['/dashboard.html', 'Theo dõi', ['office', 'committee', 'inspector']],
  ['/reports.html', 'Báo cáo', ['office', 'committee', 'inspector']],
  ['/campaigns.html', 'Phong trào', ['office']],
  ['/organization.html', 'Tổ chức', ['office']],
];

function addRoleLinks(roles) {
  const nav = document.querySelector('header.site nav');
  if (!nav) return;
  for (const [href, label, allowed] of ROLE_LINKS) {
    if (!roles.some((role) => allowed.includes(role)) || nav.querySelector(`a[href="${href}"]`)) continue;
    const link = document.createElement('a');
    link.href = href;
    link.textContent = label;
    if (location.pathname === href) link.setAttribute('aria-current', 'page');
    nav.append(link);
  }
}

/** Fills the header's “who” area and navigation, and wires the sign-out button and the local outbox link. */
export async function renderHeader(me) {
  if (me) addRoleLinks(me.roles);
  const who = document.getElementById('who');
  if (who && me) {
    const badges = me.roles.map(
      (role) => `<span class="badge">${escapeHtml(ROLE_BADGES[role] ?? role)}</span>`,
    );
    who.innerHTML = `<span>${escapeHtml(me.name)}</span> ${badges.join(' ')}
      <button type="button" class="secondary small" id="sign-out">Đăng xuất</button>`;
    document.getElementById('sign-out').addEventListener('click', () => {
      clearSession();
      location.href = '/';
    });
  }
  const outbox = document.getElementById('outbox-link');
  if (outbox) outbox.hidden = !(await isLocalRuntime());
}

/** Shows a page-level error in `main`. */
export function showPageError(container, error) {
  container.innerHTML = `<div class="error-box" role="alert"><p>${escapeHtml(error.message)}</p>
    <p><a href="/">Về trang chủ</a></p></div>`;
}

/** The instant a local calendar day starts in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
function localMidnight(year, monthDay) {
  return new Date(`${year}-${monthDay}T00:00:00+07:00`);
}

/** The registration window of a year: opens at 00:00 of the first day, closes after the last day. */
export function registrationWindow(campaign, year) {
  const opensAt = localMidnight(year, campaign.calendar.registrationOpens);
  const closesBefore = new Date(
    localMidnight(year, campaign.calendar.registrationCloses).getTime() + 86_400_000,
  );
  return { opensAt, closesBefore };
}

/** Whether the year's registration window is open at `now` (the server still decides). */
export function windowOpen(campaign, year, now) {
  const window = registrationWindow(campaign, year);
  return now >= window.opensAt && now < window.closesBefore;
}

/** The registration year to show by default: the one whose window has opened most recently. */
export function currentYear(campaign, now) {
  const opened = campaign.registrationYears.filter(
    (year) => registrationWindow(campaign, year).opensAt <= now,
  );
  return opened.length > 0 ? opened[opened.length - 1] : campaign.registrationYears[0];
}

/** The campaigns, with the active one first. */
export async function loadCampaigns() {
  const { items } = await api('/api/campaigns');
  return [...items].sort((a, b) => (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1));
}

/** A `?name=` parameter of the page's URL. */
export function param(name) {
  return new URLSearchParams(location.search).get(name) ?? undefined;
}

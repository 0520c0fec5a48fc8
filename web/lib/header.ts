// The one header of every page: the same links for a role everywhere, the signed-in person's name
// and roles, and sign-out. Pages call `mountHeader` and nothing else touches the header.

import { ROLE_BADGES, type Role } from '../../shared/domain/roles.ts';
import { isLocalRuntime, runtimeConfig } from './config.ts';
import { byId, escapeHtml } from './dom.ts';
import { type Me, sessions } from './session.ts';

interface NavLink {
  readonly href: string;
  readonly label: string;
  /** Who sees it; absent: everyone, signed in or not. */
  readonly roles?: readonly Role[];
  readonly localOnly?: boolean;
}

const READERS: readonly Role[] = ['office', 'committee', 'inspector'];

/** The navigation, in order; each link shows only for the roles that may open its page. */
export const NAV_LINKS: readonly NavLink[] = [
  { href: '/', label: 'Trang chủ' },
  { href: '/register.html', label: 'Đăng ký mô hình', roles: ['secretary', 'member'] },
  { href: '/dashboard.html', label: 'Theo dõi', roles: READERS },
  { href: '/reports.html', label: 'Báo cáo', roles: READERS },
  { href: '/documents.html', label: 'Văn bản', roles: READERS },
  { href: '/extensions.html', label: 'Gia hạn', roles: ['office', 'inspector'] },
  { href: '/audit.html', label: 'Nhật ký', roles: ['office', 'inspector'] },
  { href: '/campaigns.html', label: 'Phong trào', roles: ['office'] },
  { href: '/organization.html', label: 'Tổ chức', roles: ['office'] },
  { href: '/outbox.html', label: 'Hộp thư (máy cục bộ)', localOnly: true },
];

function visible(link: NavLink, me: Me | undefined, local: boolean): boolean {
  if (link.localOnly && !local) return false;
  if (!link.roles) return true;
  return me?.roles.some((role) => link.roles?.includes(role)) ?? false;
}

function isCurrent(href: string): boolean {
  const path = location.pathname === '/index.html' ? '/' : location.pathname;
  return path === href || `${path}.html` === href;
}

/** Fills the header for `me` (or for a visitor who is not signed in). */
export async function mountHeader(me: Me | undefined): Promise<void> {
  const local = await isLocalRuntime();
  byId('site-nav').innerHTML = NAV_LINKS.filter((link) => visible(link, me, local))
    .map(
      (link) =>
        `<a href="${link.href}"${isCurrent(link.href) ? ' aria-current="page"' : ''}>${escapeHtml(link.label)}</a>`,
    )
    .join('');
  watchOtherTabs(me);
  const who = byId('who');
  if (!me) {
    who.innerHTML = '';
    return;
  }
  who.innerHTML = `<span class="who-name">${escapeHtml(me.name)}</span>
    <span class="who-roles">${me.roles.map((role) => `<span class="badge">${escapeHtml(ROLE_BADGES[role])}</span>`).join(' ')}</span>
    <button type="button" class="secondary small" id="sign-out">Đăng xuất</button>`;
  byId('sign-out').addEventListener('click', () => {
    signOut().catch(() => {
      location.href = '/';
    });
  });
}

/** Ends the session in every tab, and on AWS Cognito's too (its /logout comes back to the start page). */
export async function signOut(): Promise<void> {
  const wasLocal = sessions.current()?.local ?? false;
  sessions.clear();
  const { authUrl, userPoolClientId } = await runtimeConfig();
  if (!wasLocal && authUrl && userPoolClientId) {
    const query = new URLSearchParams({ client_id: userPoolClientId, logout_uri: `${location.origin}/` });
    location.href = `${authUrl.replace(/\/+$/, '')}/logout?${query}`;
    return;
  }
  location.href = '/';
}

// Signed out, or in as someone else, in another tab: this tab must not go on as the old person.
let watchingFor: { personId: string | undefined } | undefined;
function watchOtherTabs(me: Me | undefined): void {
  const first = watchingFor === undefined;
  watchingFor = { personId: me?.personId };
  if (!first) return;
  sessions.onChange(() => {
    const shown = watchingFor?.personId;
    const now = sessions.current()?.claims['custom:personId'];
    if (now !== shown) location.reload();
  });
}

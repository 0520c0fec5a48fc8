// How every page starts: the header, the signed-in person (an anonymous visitor goes to the start
// page and comes back, `next`, after signing in), the role check, and a page-level error in words.

import { ROLE_LABELS, type Role } from '../../shared/domain/roles.ts';
import type { Campaign } from '../../shared/domain/types.ts';
import { api, shownError } from './api.ts';
import { contentArea, escapeHtml } from './dom.ts';
import { mountHeader } from './header.ts';
import { type Me, meOf, scheduleRenewal, sessions } from './session.ts';

interface StartOptions {
  /** The roles that may use the page; absent: anyone signed in. */
  readonly roles?: readonly Role[];
  /** What the page is for, finishing “Chỉ … mới được …”. */
  readonly what?: string;
}

/** Starts a signed-in page: the header, then `me` when the person may use it (else says why not). */
export async function startPage(options: StartOptions = {}): Promise<Me | undefined> {
  const session = await sessions.fresh();
  if (!session) {
    await mountHeader(undefined);
    location.replace(`/?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`);
    return undefined;
  }
  scheduleRenewal();
  const me = meOf(session);
  await mountHeader(me);
  const { roles, what } = options;
  if (roles && !me.roles.some((role) => roles.includes(role))) {
    contentArea().innerHTML = `<section class="card"><h2>Không có quyền</h2>
      <p>Chỉ ${escapeHtml(roles.map((role) => ROLE_LABELS[role]).join(', '))} mới được ${escapeHtml(what ?? 'mở trang này')}.</p>
      <p><a href="/">Về trang chủ</a></p></section>`;
    return undefined;
  }
  return me;
}

/** A problem the page itself found (a missing parameter), said to the person as it is. */
export class PageError extends Error {}

/** Shows a page-level error in the content area. */
export function showPageError(error: unknown): void {
  const { message } = error instanceof PageError ? error : shownError(error);
  contentArea().innerHTML = `<div class="error-box" role="alert"><p>${escapeHtml(message)}</p>
    <p><a href="/">Về trang chủ</a></p></div>`;
}

/** Runs a page's start, showing any failure in words. */
export function run(start: () => Promise<void>): void {
  start().catch(showPageError);
}

/** The campaigns, with the active one first. */
export async function loadCampaigns(): Promise<Campaign[]> {
  const { items } = await api<{ items: Campaign[] }>('/api/campaigns');
  return [...items].sort((a, b) => (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1));
}

// The frame of the Office's pages (campaigns, organization, reports, dashboard): the header's sign-in
// line, a role check, and one place that turns an API error into a message with its field list.
import { ApiError } from './api.js';
import { escapeHtml } from './format.js';
import { ROLE_LINKS } from './page.js';
import { currentSession, rolesOf } from './session.js';

/** The session when the signed-in person holds one of `roles`; otherwise renders why not and returns undefined. */
export function requireRoles(main, roles, what) {
  const session = currentSession();
  if (!session) {
    main.innerHTML = `<section class="card"><h2>Cần đăng nhập</h2><p><a class="button" href="/">Đăng nhập</a> để ${escapeHtml(what)}.</p></section>`;
    return undefined;
  }
  const who = document.getElementById('who');
  if (who) who.textContent = session.claims.name ?? '';
  hideLinksNotFor(rolesOf(session));
  if (!rolesOf(session).some((role) => roles.includes(role))) {
    main.innerHTML = `<section class="card"><h2>Không có quyền</h2><p>Chỉ ${escapeHtml(roles.map((r) => ROLE_NAMES[r]).join(', '))} mới được ${escapeHtml(what)}.</p></section>`;
    return undefined;
  }
  return session;
}

/** Removes from the navigation the Office's pages this person may not open. */
function hideLinksNotFor(roles) {
  for (const [href, , allowed] of ROLE_LINKS) {
    if (roles.some((role) => allowed.includes(role))) continue;
    document.querySelector(`header.site nav a[href="${href}"]`)?.remove();
  }
}

const ROLE_NAMES = {
  office: 'Văn phòng Đảng ủy',
  committee: 'Ban Chấp hành Đảng bộ',
  inspector: 'Ủy ban Kiểm tra',
};

/** An error as HTML: the message, then each field and what is wrong with it. */
export function errorHtml(error) {
  const fields = error instanceof ApiError ? error.fields : [];
  return `<div class="error-box" role="alert"><p>${escapeHtml(error.message)}</p>${
    fields.length > 0
      ? `<ul>${fields.map((field) => `<li><code>${escapeHtml(field.path)}</code>: ${escapeHtml(field.message)}</li>`).join('')}</ul>`
      : ''
  }</div>`;
}

/** Fetches a file from the API with the session's token (for XLSX downloads and printable HTML). */
export async function fetchWithToken(path) {
  const session = currentSession();
  const response = await fetch(path, {
    headers: session ? { authorization: `Bearer ${session.token}` } : {},
  });
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw new ApiError(response.status, body);
  }
  return response;
}

/** Saves a response body as a file. */
export async function download(response, fallbackName) {
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Cognito's hosted UI comes back here with ?code=&state=: the code is exchanged (with the PKCE
// verifier) at the domain's /oauth2/token for tokens, and the ID token is kept — the API reads
// custom:personId, which only the ID token carries.
import { runtimeConfig } from '../lib/config.ts';
import { contentArea, escapeHtml } from '../lib/dom.ts';
import { mountHeader } from '../lib/header.ts';
import { redirectUri, takePending } from '../lib/pkce.ts';
import { sessions } from '../lib/session.ts';
import { CLOSE_WHEN_DONE } from '../lib/sign-in-prompt.ts';

const main = contentArea();

function fail(message: string): void {
  main.innerHTML = `<section class="card"><div class="error-box" role="alert"><p>${escapeHtml(message)}</p></div>
    <p><a class="button" href="/">Đăng nhập lại</a></p></section>`;
}

async function finish(): Promise<void> {
  await mountHeader(undefined);
  main.innerHTML = '<p class="muted" role="status">Đang hoàn tất đăng nhập…</p>';
  const query = new URLSearchParams(location.search);
  if (query.get('error')) return fail('Đăng nhập không thành công. Vui lòng thử lại.');
  const code = query.get('code');
  const state = query.get('state') ?? '';
  const pending = takePending(state);
  if (!code || !pending) return fail('Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.');
  if (state !== pending.state) return fail('Phiên đăng nhập không khớp; vui lòng đăng nhập lại.');
  const config = await runtimeConfig();
  if (!config.authUrl || !config.userPoolClientId) {
    return fail('Trang web chưa được cấu hình đăng nhập. Vui lòng báo Văn phòng Đảng ủy.');
  }
  const response = await fetch(`${config.authUrl.replace(/\/+$/, '')}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.userPoolClientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  const tokens = (await response.json().catch(() => ({}))) as { id_token?: string; refresh_token?: string };
  if (!response.ok || !tokens.id_token) return fail('Không hoàn tất được đăng nhập; vui lòng đăng nhập lại.');
  sessions.save({
    token: tokens.id_token,
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
  });
  // Signed in again from a prompt on another page: that page carries on; this window is done.
  if (pending.next === CLOSE_WHEN_DONE) {
    window.close();
    main.innerHTML = '<p role="status">Đã đăng nhập lại. Bạn có thể đóng cửa sổ này.</p>';
    return;
  }
  // Drop the code from the address bar and history, then go where the person was going.
  const next = pending.next.startsWith('/') && !pending.next.startsWith('//') ? pending.next : '/';
  location.replace(next);
}

finish().catch(() => fail('Không hoàn tất được đăng nhập; vui lòng đăng nhập lại.'));

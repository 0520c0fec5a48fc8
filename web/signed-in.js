// Cognito's hosted UI comes back here with ?code=&state=: the code is
// exchanged (with the PKCE verifier) at the domain's /oauth2/token for tokens,
// and the ID token is kept — the API reads custom:personId, which only the ID
// token carries.
import { runtimeConfig } from './lib/config.js';
import { escapeHtml } from './lib/format.js';
import { redirectUri, takePending } from './lib/pkce.js';
import { saveSession } from './lib/session.js';

const main = document.getElementById('main');

function fail(message) {
  main.innerHTML = `<section class="card"><div class="error-box" role="alert"><p>${escapeHtml(message)}</p></div>
    <p><a class="button" href="/">Đăng nhập lại</a></p></section>`;
  main.focus();
}

async function finish() {
  const query = new URLSearchParams(location.search);
  if (query.get('error')) {
    return fail(`Đăng nhập không thành công: ${query.get('error_description') ?? query.get('error')}.`);
  }
  const code = query.get('code');
  const pending = takePending();
  if (!code || !pending) return fail('Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.');
  if (query.get('state') !== pending.state)
    return fail('Phiên đăng nhập không khớp (state); vui lòng đăng nhập lại.');
  const config = await runtimeConfig();
  if (!config.authUrl || !config.userPoolClientId) return fail('Thiếu cấu hình đăng nhập (config.json).');
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
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.id_token) {
    return fail(`Không đổi được mã đăng nhập lấy thẻ truy cập (${tokens.error ?? response.status}).`);
  }
  saveSession(tokens.id_token);
  // Drop the code from the address bar and history, then go where the person was going.
  const next =
    typeof pending.next === 'string' && pending.next.startsWith('/') && !pending.next.startsWith('//')
      ? pending.next
      : '/';
  location.replace(next);
}

finish().catch((error) => fail(`Lỗi khi đăng nhập: ${error.message}`));

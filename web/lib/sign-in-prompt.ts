// When the session has run out and cannot be renewed, the person signs in again in a dialog over
// the page, so the page and everything typed on it stay; the call that was refused is then sent
// again. Locally the same person is signed in again at once; on AWS the hosted UI opens in a new
// window, and the session it saves reaches this tab through the storage event.
import { runtimeConfig } from './config.ts';
import { escapeHtml } from './dom.ts';
import { authorizeUrl } from './pkce.ts';
import { type Session, sessions } from './session.ts';

/** The value of `next` that tells the sign-in page to close its window when done. */
export const CLOSE_WHEN_DONE = '#close';

let asking: Promise<Session | undefined> | undefined;

async function signInLocally(username: string): Promise<boolean> {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) return false;
  const { token, refreshToken } = (await response.json()) as { token: string; refreshToken?: string };
  sessions.save({ token, local: true, ...(refreshToken ? { refreshToken } : {}) });
  return true;
}

function ask(): Promise<Session | undefined> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const previous = sessions.lastClaims();
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.id = 'sign-in-prompt';
  dialog.setAttribute('aria-labelledby', 'sign-in-prompt-title');
  dialog.setAttribute('aria-describedby', 'sign-in-prompt-message');
  dialog.innerHTML = `<form method="dialog">
    <h2 id="sign-in-prompt-title">Phiên đăng nhập đã hết hạn</h2>
    <p id="sign-in-prompt-message">Những gì bạn đã nhập vẫn còn nguyên trên trang này. Hãy đăng nhập lại${
      previous?.name ? ` (${escapeHtml(previous.name)})` : ''
    }; thao tác vừa rồi sẽ được gửi tiếp.</p>
    <p class="error-box" id="sign-in-prompt-error" role="alert" hidden></p>
    <div class="actions">
      <button type="button" id="sign-in-again" autofocus>Đăng nhập lại</button>
      <button type="submit" value="later" class="secondary" id="sign-in-later">Để sau</button>
    </div></form>`;
  document.body.append(dialog);
  return new Promise((resolve) => {
    let settled = false;
    const done = (session: Session | undefined) => {
      if (settled) return;
      settled = true;
      resolve(session);
      if (dialog.open) dialog.close();
      dialog.remove();
      opener?.focus();
    };
    const fail = (message: string) => {
      const box = dialog.querySelector<HTMLElement>('#sign-in-prompt-error');
      if (!box) return;
      box.textContent = message;
      box.hidden = false;
    };
    // Signed in again in another tab or in the hosted UI's window.
    sessions.onChange(() => {
      const session = sessions.current();
      if (session && session.token !== undefined && dialog.open) done(session);
    });
    dialog.addEventListener('close', () => done(undefined));
    dialog.querySelector('#sign-in-again')?.addEventListener('click', async () => {
      const config = await runtimeConfig();
      const username = previous?.['cognito:username'];
      if (config.local && username) {
        if (await signInLocally(username).catch(() => false)) return done(sessions.current());
        return fail('Không đăng nhập lại được; tài khoản này có thể đã bị gỡ khỏi danh sách.');
      }
      if (config.authUrl && config.userPoolClientId) {
        const url = await authorizeUrl(
          { authUrl: config.authUrl, userPoolClientId: config.userPoolClientId },
          CLOSE_WHEN_DONE,
        );
        if (!window.open(url, 'dvk-sign-in'))
          fail('Trình duyệt đã chặn cửa sổ đăng nhập; hãy cho phép rồi thử lại.');
        return;
      }
      if (!window.open(`/?next=${encodeURIComponent(CLOSE_WHEN_DONE)}`, 'dvk-sign-in'))
        fail('Trình duyệt đã chặn cửa sổ đăng nhập; hãy cho phép rồi thử lại.');
    });
    dialog.showModal();
  });
}

/** Asks the person to sign in again (one dialog however many calls were refused); undefined if they decline. */
export function signInAgain(): Promise<Session | undefined> {
  asking ??= ask().finally(() => {
    asking = undefined;
  });
  return asking;
}

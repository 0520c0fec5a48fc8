// Sign-in through Cognito's hosted UI with the authorization-code grant and PKCE (RFC 7636): the
// verifier is kept in localStorage under its state until signed-in.html exchanges the code for
// tokens, so a sign-in begun from a prompt can finish in the hosted UI's own window.
const KEY = 'dvk.pkce.';

export interface HostedUi {
  readonly authUrl: string;
  readonly userPoolClientId: string;
}

export interface Pending {
  readonly verifier: string;
  readonly state: string;
  readonly next: string;
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function randomText(byteCount: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/** Where Cognito sends the person back with the code. */
export function redirectUri(): string {
  return `${location.origin}/signed-in.html`;
}

/** The hosted UI's authorize URL, remembering a fresh verifier, state and the page to return to. */
export async function authorizeUrl(config: HostedUi, next: string): Promise<string> {
  const verifier = randomText(32);
  const state = randomText(16);
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const pending: Pending = { verifier, state, next };
  localStorage.setItem(KEY + state, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.userPoolClientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  return `${config.authUrl.replace(/\/+$/, '')}/oauth2/authorize?${query}`;
}

/** The verifier and next page remembered for `state`, read once. */
export function takePending(state: string): Pending | undefined {
  const saved = JSON.parse(localStorage.getItem(KEY + state) ?? 'null') as Pending | null;
  localStorage.removeItem(KEY + state);
  return saved ?? undefined;
}

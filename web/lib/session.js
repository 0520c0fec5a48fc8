// The signed-in person's token and who they are, kept for this browser tab.
const KEY = 'dvk.session';

function decodePayload(token) {
  const base64 = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  // atob gives bytes; names are UTF-8 (Vietnamese), so decode them as such.
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The current session, or undefined (also when the token has expired). */
export function currentSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!saved?.token) return undefined;
    const claims = decodePayload(saved.token);
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now() && !saved.local) {
      sessionStorage.removeItem(KEY);
      return undefined;
    }
    return { token: saved.token, claims };
  } catch {
    return undefined;
  }
}

/** Remembers a token; `local` marks one from the embedded runtime, whose clock may be virtual. */
export function saveSession(token, { local = false } = {}) {
  sessionStorage.setItem(KEY, JSON.stringify({ token, local }));
}

/** Forgets the token. */
export function clearSession() {
  sessionStorage.removeItem(KEY);
}

/** Roles of the session, from the Cognito groups claim. */
export function rolesOf(session) {
  const groups = session?.claims?.['cognito:groups'];
  return Array.isArray(groups) ? groups : [];
}

/** The caller's person id and cell, from the ID token's custom claims. */
export function identityOf(session) {
  return {
    personId: session?.claims?.['custom:personId'],
    cellId: session?.claims?.['custom:cellId'],
    name: session?.claims?.name ?? session?.claims?.['cognito:username'] ?? '',
  };
}

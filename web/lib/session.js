// The signed-in person's token and who they are, kept for this browser tab.
const KEY = 'dvk.session';

/** The current session, or undefined. */
export function currentSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!saved?.token) return undefined;
    const payload = JSON.parse(atob(saved.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return { token: saved.token, claims: payload };
  } catch {
    return undefined;
  }
}

/** Remembers a token. */
export function saveSession(token) {
  sessionStorage.setItem(KEY, JSON.stringify({ token }));
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

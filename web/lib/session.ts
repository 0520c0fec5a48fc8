import { ROLES, type Role } from '../../shared/domain/roles.ts';
import { runtimeConfig } from './config.ts';
// Who is signed in. One session per browser, in localStorage, so every tab and every link opened
// from an email shares it. Tokens are renewed before they expire with the refresh token (Cognito's
// /oauth2/token on AWS, the local identity's /local/token on one computer). Pages ask `sessions`
// and nothing else, so how a session is kept can change in this one file.

/** The ID token's claims the pages read. */
export interface Claims {
  readonly exp?: number;
  readonly name?: string;
  readonly 'cognito:username'?: string;
  readonly 'cognito:groups'?: readonly string[];
  readonly 'custom:personId'?: string;
  readonly 'custom:cellId'?: string;
}

export interface Session {
  readonly token: string;
  readonly claims: Claims;
  /** Exchanged for a new ID token before this one expires. */
  readonly refreshToken?: string;
  /** A session of the embedded runtime's identity. */
  readonly local: boolean;
}

/** The signed-in person as the pages use them. */
export interface Me {
  readonly session: Session;
  readonly roles: readonly Role[];
  readonly personId: string;
  readonly cellId: string;
  readonly name: string;
}

interface Tokens {
  readonly token: string;
  readonly refreshToken?: string;
  readonly local?: boolean;
}

/** Where sessions live. */
export interface SessionStore {
  current(): Session | undefined;
  /** A session whose token is good for a while yet: renewed first when it is about to expire. */
  fresh(): Promise<Session | undefined>;
  /** Renews the session now; resolves undefined when it can no longer be renewed. */
  refresh(): Promise<Session | undefined>;
  save(tokens: Tokens): void;
  clear(): void;
  /** Whether this page cleared the session (signed out) since it was last saved: the page is leaving. */
  clearedHere(): boolean;
  /** The claims of the last session kept, expired or not: who to ask to sign in again. */
  lastClaims(): Claims | undefined;
  /** Calls `listener` whenever another tab signs in, renews or signs out. */
  onChange(listener: () => void): void;
}

export const SESSION_KEY = 'dvk.session';
/** Renew this long before the token's expiry. */
const RENEW_BEFORE_MS = 5 * 60_000;

function decodePayload(token: string): Claims {
  const base64 = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  // atob gives bytes; names are UTF-8 (Vietnamese), so decode them as such.
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
}

/** Milliseconds until the session's token expires (Infinity when it carries no expiry). */
export function msToExpiry(session: Session): number {
  return typeof session.claims.exp === 'number' ? session.claims.exp * 1000 - Date.now() : Infinity;
}

async function renewedTokens(session: Session): Promise<Tokens | undefined> {
  if (!session.refreshToken) return undefined;
  if (session.local) {
    const response = await fetch('/local/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    if (!response.ok) return undefined;
    const answer = (await response.json()) as { token: string; refreshToken?: string };
    return { token: answer.token, refreshToken: answer.refreshToken ?? session.refreshToken, local: true };
  }
  const { authUrl, userPoolClientId } = await runtimeConfig();
  if (!authUrl || !userPoolClientId) return undefined;
  const response = await fetch(`${authUrl.replace(/\/+$/, '')}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: userPoolClientId,
      refresh_token: session.refreshToken,
    }),
  });
  if (!response.ok) return undefined;
  const answer = (await response.json()) as { id_token?: string; refresh_token?: string };
  if (!answer.id_token) return undefined;
  // Cognito sends a new refresh token only when rotation is on; else the old one stays good.
  return { token: answer.id_token, refreshToken: answer.refresh_token ?? session.refreshToken };
}

let renewing: Promise<Session | undefined> | undefined;
let cleared = false;

/** The browser's session, kept in localStorage. */
const browserSessions: SessionStore = {
  current() {
    try {
      const saved = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Tokens | null;
      if (!saved?.token) return undefined;
      const session: Session = {
        token: saved.token,
        claims: decodePayload(saved.token),
        local: saved.local === true,
        ...(saved.refreshToken ? { refreshToken: saved.refreshToken } : {}),
      };
      // An expired token with nothing to renew it is no session at all.
      if (msToExpiry(session) <= 0 && !session.refreshToken) return undefined;
      return session;
    } catch {
      return undefined;
    }
  },
  async fresh() {
    const session = this.current();
    if (!session || msToExpiry(session) > RENEW_BEFORE_MS) return session;
    return (await this.refresh()) ?? (msToExpiry(session) > 0 ? session : undefined);
  },
  refresh() {
    // One renewal at a time in this tab; the other tabs see its result through the storage event.
    renewing ??= (async () => {
      const session = this.current();
      if (!session) return undefined;
      const tokens = await renewedTokens(session).catch(() => undefined);
      if (!tokens) return undefined;
      // Another tab may have signed in as someone else meanwhile: never overwrite that.
      const now = this.current();
      if (now && now.token !== session.token) return now;
      this.save(tokens);
      return this.current();
    })().finally(() => {
      renewing = undefined;
    });
    return renewing;
  },
  save({ token, refreshToken, local = false }) {
    cleared = false;
    localStorage.setItem(
      SESSION_KEY,
      JSON.stringify({ token, local, ...(refreshToken ? { refreshToken } : {}) }),
    );
    scheduleRenewal();
  },
  clear() {
    clearTimeout(renewalTimer);
    cleared = true;
    localStorage.removeItem(SESSION_KEY);
  },
  clearedHere() {
    return cleared;
  },
  lastClaims() {
    try {
      const saved = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Tokens | null;
      return saved?.token ? decodePayload(saved.token) : undefined;
    } catch {
      return undefined;
    }
  },
  onChange(listener) {
    addEventListener('storage', (event) => {
      if (event.key === SESSION_KEY || event.key === null) listener();
    });
  },
};

export const sessions: SessionStore = browserSessions;

let renewalTimer: ReturnType<typeof setTimeout> | undefined;

/** Renews the session a few minutes before its token expires, for as long as the page is open. */
export function scheduleRenewal(): void {
  clearTimeout(renewalTimer);
  const session = sessions.current();
  if (!session?.refreshToken) return;
  const wait = Math.max(10_000, msToExpiry(session) - RENEW_BEFORE_MS);
  // Timers longer than 2^31 ms fire at once; nobody keeps a page open that long anyway.
  renewalTimer = setTimeout(
    () => {
      // A renewal that fails stops here: the next call to the API asks the person to sign in again.
      sessions.refresh().catch(() => undefined);
    },
    Math.min(wait, 2 ** 31 - 1),
  );
}

/** The person of a session: roles from the Cognito groups, person and cell from the custom claims. */
export function meOf(session: Session): Me {
  const groups = session.claims['cognito:groups'];
  const roles = Array.isArray(groups) ? ROLES.filter((role) => groups.includes(role)) : [];
  return {
    session,
    roles,
    personId: session.claims['custom:personId'] ?? '',
    cellId: session.claims['custom:cellId'] ?? '',
    name: session.claims.name ?? session.claims['cognito:username'] ?? '',
  };
}

import { ROLES, type Role } from '../../shared/domain/roles.ts';
// Who is signed in. Pages ask `sessions` and nothing else, so how a session is kept (today: this
// browser tab's sessionStorage) can change in this one file.

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
}

/** The signed-in person as the pages use them. */
export interface Me {
  readonly session: Session;
  readonly roles: readonly Role[];
  readonly personId: string;
  readonly cellId: string;
  readonly name: string;
}

/** Where sessions live. */
export interface SessionStore {
  current(): Session | undefined;
  /** `local` marks a token of the embedded runtime, whose clock may be virtual. */
  save(token: string, options?: { readonly local?: boolean }): void;
  clear(): void;
}

const KEY = 'dvk.session';

function decodePayload(token: string): Claims {
  const base64 = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  // atob gives bytes; names are UTF-8 (Vietnamese), so decode them as such.
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
}

/** This tab's session, kept in sessionStorage. */
const tabSessions: SessionStore = {
  current() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as {
        token?: string;
        local?: boolean;
      } | null;
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
  },
  save(token, { local = false } = {}) {
    sessionStorage.setItem(KEY, JSON.stringify({ token, local }));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
};

export const sessions: SessionStore = tabSessions;

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

// Calls the API with the session's token; errors come back in the API's documented shape
// {"error":{"code","message","fields":[{"path","message"}]}}.
import type { FieldIssue } from '../../shared/domain/errors.ts';
import { apiBase } from './config.ts';
import { type Session, sessions } from './session.ts';
import { signInAgain } from './sign-in-prompt.ts';

interface ErrorBody {
  readonly error?: {
    readonly code?: string;
    readonly message?: string;
    readonly fields?: readonly FieldIssue[];
  };
}

/** An API error, carrying the status and the field list. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly fields: readonly FieldIssue[];

  constructor(status: number, body: unknown) {
    const error = (body as ErrorBody | undefined)?.error;
    super(error?.message ?? `Máy chủ trả lời lỗi (mã ${status}).`);
    this.status = status;
    this.code = error?.code;
    this.fields = error?.fields ?? [];
  }
}

/** What a page shows for a failed call: the API's message and fields, or a network failure in words. */
export interface ShownError {
  readonly message: string;
  readonly fields: readonly FieldIssue[];
}

/** An error as the pages show it; anything that is not an API answer is a network failure. */
export function shownError(
  error: unknown,
  networkMessage = 'Không kết nối được máy chủ; hãy thử lại.',
): ShownError {
  if (error instanceof ApiError) return error;
  return { message: networkMessage, fields: [] };
}

interface ApiOptions {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends a request with the session's token (renewed first when about to expire). A 401 means the
 * session ran out: it is renewed, or the person signs in again over the page, and the very same
 * request is sent once more — so nothing typed is lost.
 */
async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const url = `${await apiBase()}${path}`;
  const send = (session: Session | undefined) =>
    fetch(url, {
      ...init,
      headers: {
        ...(session ? { authorization: `Bearer ${session.token}` } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const session = await sessions.fresh();
  // Signed out in this page, which is on its way to the start page: a request sent now would go
  // without the token and fail. It is not sent, and the page waits for the navigation.
  if (!session && sessions.clearedHere()) return new Promise<Response>(() => {});
  const response = await send(session);
  if (response.status !== 401 || !sessions.lastClaims()) return response;
  const renewed = (await sessions.refresh()) ?? (await signInAgain());
  return renewed ? send(renewed) : response;
}

/** Sends a request to the API and returns the parsed JSON. */
export async function api<T>(
  path: string,
  { method = 'GET', body, headers = {} }: ApiOptions = {},
): Promise<T> {
  const response = await authorizedFetch(path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // A gateway's HTML error page: keep the status, say it plainly.
    parsed = { error: { message: `Máy chủ trả lời không đúng định dạng (mã ${response.status}).` } };
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed as T;
}

/** Fetches a file from the API with the session's token (XLSX downloads, printable HTML). */
export async function fetchWithToken(path: string): Promise<Response> {
  const response = await authorizedFetch(path);
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => undefined));
  return response;
}

/** Saves a response body as a file. */
export async function download(response: Response, fallbackName: string): Promise<void> {
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

/**
 * Reads again, a few times over about three seconds, until `done` holds: a step the server accepted
 * is recorded by the model's workflow a moment later. Gives back the last value read (the first one
 * when a read fails), so the page shows what is there.
 */
export async function untilRecorded<T>(
  read: () => Promise<T>,
  first: T,
  done: (value: T) => boolean,
): Promise<T> {
  let current = first;
  for (let attempt = 0; attempt < 6 && !done(current); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      current = await read();
    } catch {
      return current;
    }
  }
  return current;
}

// Calls the API with the session's token; errors come back in the API's
// documented shape {"error":{"code","message","fields"}}.
import { apiBase } from './config.js';
import { clearSession, currentSession } from './session.js';

/** An API error, carrying the status and the field list. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? body?.message ?? `Lỗi ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    this.fields = body?.error?.fields ?? [];
  }
}

/** Sends a request to the API and returns the parsed JSON. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const session = currentSession();
  const response = await fetch(`${await apiBase()}${path}`, {
    method,
    headers: {
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // A gateway's HTML error page: keep the status, say it plainly.
    parsed = { error: { message: `Máy chủ trả lời không đúng định dạng (mã ${response.status}).` } };
  }
  if (response.status === 401) clearSession();
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

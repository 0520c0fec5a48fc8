import type { IncomingMessage, ServerResponse } from 'node:http';

/** API Gateway's payload quota for HTTP APIs: 10 MB, not adjustable. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A request body over the limit; the rest of it was read and dropped, so the answer still reaches the client. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit / (1024 * 1024)} MB`);
    this.name = 'PayloadTooLargeError';
  }
}

/** Reads a request body, up to `limit` bytes (API Gateway's 10 MB payload limit by default). */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the body is drained, not kept: a client still sending
      // would otherwise see the connection drop instead of the answer.
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on('end', () =>
      size > limit ? reject(new PayloadTooLargeError(limit)) : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}

/** Sends a JSON answer. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

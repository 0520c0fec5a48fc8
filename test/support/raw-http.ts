// HTTP requests sent exactly as written — any Host, Origin or body — which
// fetch does not allow (it sets Host itself and drops some headers).
import { request as httpRequest } from 'node:http';

export interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Sends a request byte for byte (fetch would add or drop headers), and reads the answer. */
export function sendRaw(parts: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(parts.url);
    const outgoing = httpRequest(
      {
        method: parts.method,
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers: parts.headers,
        // A Host given is sent as given (a foreign one, for the rebinding tests).
        setHost: !Object.keys(parts.headers).some((name) => name.toLowerCase() === 'host'),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(parts.body);
  });
}

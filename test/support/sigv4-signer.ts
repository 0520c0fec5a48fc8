// Signs requests the way the AWS SDK does (@smithy/signature-v4, the SDK's
// own signer), so tests can send real SigV4 requests with any headers, body
// or date — and break one thing at a time.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RawRequest } from './raw-http.ts';

/** SHA-256 in the SDK's Checksum shape (a key makes it an HMAC), on node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key =
      typeof this.secret === 'string'
        ? this.secret
        : ArrayBuffer.isView(this.secret)
          ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface SignOptions {
  readonly method?: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly service: string;
  readonly region?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The signing time; the real clock by default. */
  readonly at?: Date;
  /** Headers the signer must leave out of the signature. */
  readonly unsignedHeaders?: string[];
  /** Presign in the query instead of signing the Authorization header. */
  readonly presignFor?: number;
}

export type SignedRequestParts = RawRequest;

/** Signs a request as the SDK would and returns what goes on the wire. */
export async function signRequest(options: SignOptions): Promise<SignedRequestParts> {
  const url = new URL(options.url);
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  const signer = new SignatureV4({
    service: options.service,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
    sha256: NodeSha256,
  });
  const body = options.body ?? '';
  const request = {
    method: options.method ?? 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: {
      host: url.host,
      ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
      ...options.headers,
    },
    body,
  };
  const signingDate = options.at ?? new Date();
  const unsignableHeaders = new Set(options.unsignedHeaders ?? []);
  const signed =
    options.presignFor === undefined
      ? await signer.sign(request, { signingDate, unsignableHeaders })
      : await signer.presign(request, { signingDate, unsignableHeaders, expiresIn: options.presignFor });
  const search = Object.entries(signed.query ?? {})
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? '']).map(
        (one) => `${encodeURIComponent(name)}=${encodeURIComponent(one)}`,
      ),
    )
    .join('&');
  return {
    method: signed.method,
    url: `${url.protocol}//${url.host}${signed.path}${search ? `?${search}` : ''}`,
    headers: signed.headers,
    body,
  };
}

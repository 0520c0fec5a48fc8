// The local S3 stand-in's gate: what the SDK and presigned requests get, and
// what forged, unsigned, foreign or out-of-policy requests do not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../../infra/local/credentials.ts';
import { type LocalS3, startS3 } from '../../../infra/local/s3.ts';
import { sendRaw } from '../../support/raw-http.ts';
import { signRequest } from '../../support/sigv4-signer.ts';

const BUCKET = 'evidence';
const ORIGIN = 'http://127.0.0.1:3999';

describe('the local S3 stand-in', () => {
  let directory: string;
  let s3: LocalS3;
  let client: S3Client;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'dvk-s3-'));
    s3 = await startS3({ directory, port: 0, buckets: [BUCKET], allowOrigins: () => [ORIGIN] });
    client = new S3Client({ endpoint: s3.url, region: 'us-east-1', credentials: localCredentials });
  });
  afterAll(async () => {
    client.destroy();
    await s3.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const form = (fields: Record<string, string>, file: Uint8Array) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([new Uint8Array(file)]));
    return body;
  };

  it('stores a PutObject and answers HeadObject, ranged and suffix GetObject through the SDK', async () => {
    // Prepare
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'a/b.txt',
        Body: 'Xin chào 0123456789',
        ContentType: 'text/plain',
      }),
    );
    // Act
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'a/b.txt' }));
    const first = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'a/b.txt', Range: 'bytes=0-2' }),
    );
    const last = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'a/b.txt', Range: 'bytes=-4' }),
    );
    const missing = client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'none' }));
    // Assess
    expect(head.ContentType).toBe('text/plain');
    expect(head.ContentLength).toBe(Buffer.byteLength('Xin chào 0123456789'));
    expect(await first.Body?.transformToString()).toBe('Xin');
    expect(await last.Body?.transformToString()).toBe('6789');
    await expect(missing).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses unsigned requests and other credentials', async () => {
    // Prepare
    const stranger = new S3Client({
      endpoint: s3.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'other', secretAccessKey: 'other' },
    });
    // Act
    const unsigned = await fetch(`${s3.url}/${BUCKET}/a/b.txt`);
    const otherKey = stranger.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'a/b.txt' }));
    // Assess
    expect(unsigned.status).toBe(403);
    await expect(otherKey).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    stranger.destroy();
  });

  it('takes a POST upload within its policy, with CORS for the allowed origin only', async () => {
    // Prepare
    const post = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: 'up/1',
      Conditions: [
        ['content-length-range', 1, 10],
        ['eq', '$Content-Type', 'image/png'],
      ],
      Fields: { 'Content-Type': 'image/png' },
      Expires: 60,
    });
    // Act
    const accepted = await fetch(post.url, {
      method: 'POST',
      body: form(post.fields, new Uint8Array([1, 2, 3])),
      headers: { origin: ORIGIN },
    });
    const tooLarge = await fetch(post.url, { method: 'POST', body: form(post.fields, new Uint8Array(11)) });
    const otherKey = await fetch(post.url, {
      method: 'POST',
      body: form({ ...post.fields, key: 'up/2' }, new Uint8Array([1])),
    });
    const extraField = await fetch(post.url, {
      method: 'POST',
      body: form({ ...post.fields, 'x-amz-meta-note': 'x' }, new Uint8Array([1])),
    });
    const forged = await fetch(post.url, {
      method: 'POST',
      body: form({ ...post.fields, 'X-Amz-Signature': '0'.repeat(64) }, new Uint8Array([1])),
    });
    const preflight = await fetch(post.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    // Assess
    expect(accepted.status).toBe(204);
    expect(accepted.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(tooLarge.status).toBe(400);
    expect(otherKey.status).toBe(403);
    expect(extraField.status).toBe(403);
    expect(await extraField.text()).toContain('Extra input fields');
    expect(forged.status).toBe(403);
    expect(preflight.status).toBe(403);
    const stored = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'up/1' }));
    expect(stored).toMatchObject({ ContentType: 'image/png', ContentLength: 3 });
  });

  it('refuses a correctly signed request for another Host name (DNS rebinding)', async () => {
    // Prepare
    const port = new URL(s3.url).port;
    const signed = await signRequest({
      method: 'GET',
      url: `http://evil.example:${port}/${BUCKET}/a/b.txt`,
      service: 's3',
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    // Act
    const answer = await sendRaw({ ...signed, url: `${s3.url}/${BUCKET}/a/b.txt` });
    // Assess
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<Code>AccessDenied</Code>');
  });

  it("refuses a page's request that carries no presigned signature", async () => {
    // Act
    const fromPage = await fetch(`${s3.url}/${BUCKET}/a/b.txt`, { headers: { origin: ORIGIN } });
    // Assess
    expect(fromPage.status).toBe(403);
  });
});

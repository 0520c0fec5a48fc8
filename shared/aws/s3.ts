// S3, as the application uses it: archived timelines and evidence files. The
// SDK's S3 client is loaded on first use (~50 ms of a cold start that a
// function answering without reaching S3 — a refusal, a timeline still in
// Step Functions — should not pay).
import type { S3Client } from '@aws-sdk/client-s3';
import { capturedOnFirstUse } from './capture.ts';

/** The S3 SDK module (commands and error classes) with the one client. */
export interface S3 {
  readonly sdk: typeof import('@aws-sdk/client-s3');
  readonly client: S3Client;
}

/** S3, loaded and its client built on first use. */
export const s3: () => Promise<S3> = capturedOnFirstUse(
  () => import('@aws-sdk/client-s3'),
  (sdk) => new sdk.S3Client({}),
);

/** Reads an object as UTF-8 text, or undefined when there is none. */
export async function getObjectText(bucket: string, key: string): Promise<string | undefined> {
  const { sdk, client } = await s3();
  try {
    const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
    return await object.Body?.transformToString('utf-8');
  } catch (error) {
    if (error instanceof sdk.NoSuchKey) return undefined;
    throw error;
  }
}

/** Writes a JSON object; the bucket's Object Lock keeps it unchanged. */
export async function putObjectText(bucket: string, key: string, body: string): Promise<void> {
  const { sdk, client } = await s3();
  await client.send(
    new sdk.PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: 'application/json; charset=utf-8',
    }),
  );
}

/** A browser upload's target: the URL to POST to and the signed form fields to send before the file. */
export interface PresignedUpload {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Presigns a browser upload by POST whose policy fixes the key and the
 * Content-Type and bounds the size, so S3 itself refuses any other file.
 */
export async function presignUpload(input: {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  readonly maxBytes: number;
  readonly expiresSeconds: number;
}): Promise<PresignedUpload> {
  const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
  const { client } = await s3();
  const { url, fields } = await createPresignedPost(client, {
    Bucket: input.bucket,
    Key: input.key,
    Conditions: [
      ['content-length-range', 1, input.maxBytes],
      ['eq', '$Content-Type', input.contentType],
    ],
    Fields: { 'Content-Type': input.contentType },
    Expires: input.expiresSeconds,
  });
  return { url, fields };
}

/** A short-lived GET of an object, saved under `fileName` with its own type. */
export async function presignDownload(input: {
  readonly bucket: string;
  readonly key: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly expiresSeconds: number;
}): Promise<string> {
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
  const { sdk, client } = await s3();
  // RFC 6266: an ASCII fallback and the UTF-8 name, for Vietnamese file names.
  const ascii =
    input.fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'tep';
  const disposition = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(input.fileName)}`;
  return getSignedUrl(
    client,
    new sdk.GetObjectCommand({
      Bucket: input.bucket,
      Key: input.key,
      ResponseContentDisposition: disposition,
      ResponseContentType: input.contentType,
    }),
    { expiresIn: input.expiresSeconds },
  );
}

/** An object's size and type, or undefined when there is none. */
export async function headObject(
  bucket: string,
  key: string,
): Promise<{ size: number; contentType: string | undefined } | undefined> {
  const { sdk, client } = await s3();
  try {
    const head = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? 0, contentType: head.ContentType };
  } catch (error) {
    if (error instanceof sdk.NotFound || error instanceof sdk.NoSuchKey) return undefined;
    throw error;
  }
}

/** Some bytes of an object: `bytes=0-15`, or the last n with `bytes=-n`. */
export async function getObjectRange(bucket: string, key: string, range: string): Promise<Uint8Array> {
  const { sdk, client } = await s3();
  const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
  return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
}

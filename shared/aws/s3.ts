import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { captured } from './capture.ts';

let s3: S3Client | undefined;

/** The S3 client, built once. */
export function s3Client(): S3Client {
  s3 ??= captured(new S3Client({}));
  return s3;
}

/** Reads an object as UTF-8 text, or undefined when there is none. */
export async function getObjectText(bucket: string, key: string): Promise<string | undefined> {
  try {
    const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await object.Body?.transformToString('utf-8');
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

/** Writes a JSON object; the bucket's Object Lock keeps it unchanged. */
export async function putObjectText(bucket: string, key: string, body: string): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({
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
  const { url, fields } = await createPresignedPost(s3Client(), {
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
  // RFC 6266: an ASCII fallback and the UTF-8 name, for Vietnamese file names.
  const ascii =
    input.fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'tep';
  const disposition = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(input.fileName)}`;
  return getSignedUrl(
    s3Client(),
    new GetObjectCommand({
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
  try {
    const head = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? 0, contentType: head.ContentType };
  } catch (error) {
    if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

/** Some bytes of an object: `bytes=0-15`, or the last n with `bytes=-n`. */
export async function getObjectRange(bucket: string, key: string, range: string): Promise<Uint8Array> {
  const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
  return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  type IncomingSignedRequest,
  MAX_CLOCK_SKEW_MS,
  type SigV4Expectation,
  verifySigV4,
} from '../../../infra/local/sigv4.ts';
import { signRequest } from '../../support/sigv4-signer.ts';

interface Vector {
  readonly name: string;
  readonly headerSignedRequest: string;
  readonly querySignedRequest: string;
  readonly canonicalRequest: string;
}

const suite = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'sigv4', 'aws-test-suite.json'), 'utf8'),
) as { vectors: Vector[] };

/** A request of the suite's text form: request line, headers (folded lines continue), blank line, body. */
function parseRequest(text: string): IncomingSignedRequest {
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank);
  const body = blank < 0 ? '' : text.slice(blank + 2);
  const [requestLine = '', ...lines] = head.split('\n');
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' HTTP/'));
  const headers: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      last[last.length - 1] = `${last[last.length - 1]}\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    last = headers[name] ??= [];
    last.push(line.slice(colon + 1));
  }
  return { method, target, headers, body };
}

const SIGNED_AT = Date.parse('2015-08-30T12:36:00Z');
const EXAMPLE: SigV4Expectation = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  service: 'service',
  now: SIGNED_AT,
};

const LOCAL: Omit<SigV4Expectation, 'now'> = {
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  region: 'us-east-1',
  service: 'dynamodb',
};

/** A DynamoDB-like request signed by the SDK's signer, as the verifier receives it. */
async function sdkRequest(
  options: {
    body?: string;
    at?: Date;
    headers?: Record<string, string>;
    url?: string;
    unsignedHeaders?: string[];
    presignFor?: number;
    service?: string;
    region?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  } = {},
): Promise<IncomingSignedRequest> {
  const signed = await signRequest({
    url: options.url ?? 'http://127.0.0.1:8000/',
    service: options.service ?? 'dynamodb',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      ...options.headers,
    },
    body: options.body ?? '{}',
    ...(options.at ? { at: options.at } : {}),
    ...(options.unsignedHeaders ? { unsignedHeaders: options.unsignedHeaders } : {}),
    ...(options.presignFor ? { presignFor: options.presignFor } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const url = new URL(signed.url);
  return {
    method: signed.method,
    target: `${url.pathname}${url.search}`,
    headers: Object.fromEntries(
      Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
    ),
    body: signed.body,
  };
}

describe('SigV4 verification against AWS’s published test suite (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html; vectors of awslabs/aws-c-auth’s aws-signing-test-suite)', () => {
  for (const vector of suite.vectors) {
    it(`${vector.name}: builds AWS’s canonical request and accepts the Authorization header`, () => {
      // Prepare
      const request = parseRequest(vector.headerSignedRequest);
      const authorization = String(request.headers.authorization);
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
      const payloadHash = createHash('sha256').update(request.body).digest('hex');

      // Act
      const canonical = canonicalRequest(request, signedHeaders, payloadHash);
      const verdict = verifySigV4(request, EXAMPLE);

      // Assess
      expect(canonical).toBe(vector.canonicalRequest);
      expect(verdict).toEqual({ ok: true, accessKeyId: 'AKIDEXAMPLE', form: 'header' });
    });

    it(`${vector.name}: accepts the presigned query form within its 3600 s`, () => {
      // Prepare
      const request = parseRequest(vector.querySignedRequest);

      // Act
      const verdict = verifySigV4(request, { ...EXAMPLE, now: SIGNED_AT + 3600_000 });

      // Assess
      expect(verdict).toEqual({ ok: true, accessKeyId: 'AKIDEXAMPLE', form: 'query' });
    });
  }

  const vanilla = (): IncomingSignedRequest => {
    const vector = suite.vectors.find((candidate) => candidate.name === 'get-vanilla');
    if (!vector) throw new Error('get-vanilla is missing from the fixture');
    return parseRequest(vector.headerSignedRequest);
  };

  it('refuses get-vanilla with one hex digit of the signature changed', () => {
    // Prepare
    const request = vanilla();
    const tampered = String(request.headers.authorization).replace(/f31$/, 'f32');

    // Act
    const verdict = verifySigV4(
      { ...request, headers: { ...request.headers, authorization: tampered } },
      EXAMPLE,
    );

    // Assess
    expect(verdict).toMatchObject({ ok: false, refusal: 'mismatch' });
    expect(verdict.ok ? '' : verdict.message).toContain(
      'The request signature we calculated does not match the signature you provided.',
    );
    expect(verdict.ok ? '' : verdict.message).toContain("'GET\n/\n\nhost:example.amazonaws.com");
  });

  it('refuses post-x-www-form-urlencoded once its body is changed after signing', () => {
    // Prepare
    const vector = suite.vectors.find((candidate) => candidate.name === 'post-x-www-form-urlencoded');
    const request = parseRequest(vector?.headerSignedRequest ?? '');

    // Act
    const verdict = verifySigV4({ ...request, body: 'Param1=value2' }, EXAMPLE);

    // Assess
    expect(verdict).toEqual({
      ok: false,
      refusal: 'mismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it('refuses a presigned request after X-Amz-Expires (https://docs.aws.amazon.com/ses/latest/APIReference/CommonParameters.html)', () => {
    // Prepare
    const vector = suite.vectors.find((candidate) => candidate.name === 'get-vanilla');
    const request = parseRequest(vector?.querySignedRequest ?? '');

    // Act
    const verdict = verifySigV4(request, { ...EXAMPLE, now: SIGNED_AT + 3600_000 + 1000 });

    // Assess
    expect(verdict).toEqual({ ok: false, refusal: 'expired', message: 'Request has expired' });
  });
});

describe('SigV4 verification of requests signed by the SDK’s signer (@smithy/signature-v4)', () => {
  it('accepts a DynamoDB request signed with the local credentials', async () => {
    // Prepare
    const request = await sdkRequest();

    // Act
    const verdict = verifySigV4(request, LOCAL);

    // Assess
    expect(verdict).toEqual({ ok: true, accessKeyId: 'local', form: 'header' });
  });

  it('accepts any query, header value and body the SDK signs, and refuses it once one body byte changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 }), {
          maxKeys: 4,
        }),
        fc.string({ maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 200 }),
        async (query, headerValue, body) => {
          // Prepare
          const search = new URLSearchParams(query).toString().replace(/\+/g, '%20');
          const request = await sdkRequest({
            url: `http://127.0.0.1:8000/some/path${search ? `?${search}` : ''}`,
            headers: { 'x-local-note': headerValue },
            body,
          });
          const bytes = Buffer.from(body, 'utf8');
          bytes[0] = (bytes[0] ?? 0) ^ 1;

          // Act
          const accepted = verifySigV4(request, LOCAL);
          const altered = verifySigV4({ ...request, body: bytes }, LOCAL);

          // Assess
          expect(accepted.ok).toBe(true);
          expect(altered).toMatchObject({ ok: false, refusal: 'mismatch' });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('accepts a signature 15 minutes old or ahead of the real clock and refuses one a second beyond (https://docs.aws.amazon.com/general/latest/gr/signing-elements.html)', async () => {
    // Prepare
    const signedAt = new Date('2026-03-01T08:00:00Z');
    const request = await sdkRequest({ at: signedAt });
    const at = (offset: number) => verifySigV4(request, { ...LOCAL, now: signedAt.getTime() + offset });

    // Act
    const verdicts = {
      late: at(MAX_CLOCK_SKEW_MS),
      tooLate: at(MAX_CLOCK_SKEW_MS + 1000),
      early: at(-MAX_CLOCK_SKEW_MS),
      tooEarly: at(-MAX_CLOCK_SKEW_MS - 1000),
    };

    // Assess
    expect(verdicts.late.ok).toBe(true);
    expect(verdicts.early.ok).toBe(true);
    expect(verdicts.tooLate).toEqual({
      ok: false,
      refusal: 'expired',
      message:
        'Signature expired: 20260301T080000Z is now earlier than 20260301T080001Z (20260301T081501Z - 15 min.)',
    });
    expect(verdicts.tooEarly).toEqual({
      ok: false,
      refusal: 'expired',
      message:
        'Signature not yet current: 20260301T080000Z is still later than 20260301T075959Z (20260301T074459Z + 15 min.)',
    });
  });

  it('refuses a request with no signature, or a different scheme, as missing its token', async () => {
    // Prepare
    const request = await sdkRequest();
    const { authorization: _, ...unsigned } = request.headers;

    // Act
    const none = verifySigV4({ ...request, headers: unsigned }, LOCAL);
    const bearer = verifySigV4({ ...request, headers: { ...unsigned, authorization: 'Bearer abc' } }, LOCAL);

    // Assess
    expect(none).toEqual({
      ok: false,
      refusal: 'missing',
      message: 'Request is missing Authentication Token',
    });
    expect(bearer).toMatchObject({ ok: false, refusal: 'missing' });
  });

  it('refuses an Authorization header without its parts, and an unknown algorithm, as incomplete', async () => {
    // Prepare
    const request = await sdkRequest();
    const authorization = String(request.headers.authorization);
    const withAuthorization = (value: string) => ({
      ...request,
      headers: { ...request.headers, authorization: value },
    });

    // Act
    const noSignature = verifySigV4(withAuthorization(authorization.replace(/, Signature=\w+/, '')), LOCAL);
    const otherAlgorithm = verifySigV4(
      withAuthorization(authorization.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1')),
      LOCAL,
    );
    const shortCredential = verifySigV4(withAuthorization(authorization.replace('/aws4_request', '')), LOCAL);

    // Assess
    expect(noSignature).toMatchObject({ ok: false, refusal: 'incomplete' });
    expect(noSignature.ok ? '' : noSignature.message).toContain(
      "Authorization header requires 'Signature' parameter.",
    );
    expect(otherAlgorithm).toMatchObject({ ok: false, refusal: 'incomplete' });
    expect(shortCredential.ok ? '' : shortCredential.message).toContain(
      'Credential must have exactly 5 slash-delimited elements',
    );
  });

  it('refuses a signature that leaves out Host or X-Amz-Date (https://docs.aws.amazon.com/general/latest/gr/signing-elements.html)', async () => {
    // Prepare
    const withoutHost = await sdkRequest({ unsignedHeaders: ['host'] });
    const withoutDate = await sdkRequest();
    const authorization = String(withoutDate.headers.authorization).replace(';x-amz-date', '');

    // Act
    const hostVerdict = verifySigV4(withoutHost, LOCAL);
    const dateVerdict = verifySigV4(
      { ...withoutDate, headers: { ...withoutDate.headers, authorization } },
      LOCAL,
    );

    // Assess
    expect(hostVerdict).toEqual({
      ok: false,
      refusal: 'mismatch',
      message: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    });
    expect(dateVerdict).toEqual({
      ok: false,
      refusal: 'mismatch',
      message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('refuses another access key as an unknown token, and another secret, region or service as a mismatch', async () => {
    // Act
    const otherKey = verifySigV4(
      await sdkRequest({ credentials: { accessKeyId: 'AKIA', secretAccessKey: 'local' } }),
      LOCAL,
    );
    const otherSecret = verifySigV4(
      await sdkRequest({ credentials: { accessKeyId: 'local', secretAccessKey: 'x' } }),
      LOCAL,
    );
    const otherRegion = verifySigV4(await sdkRequest({ region: 'ap-southeast-1' }), LOCAL);
    const otherService = verifySigV4(await sdkRequest({ service: 'states' }), LOCAL);

    // Assess
    expect(otherKey).toEqual({
      ok: false,
      refusal: 'unknown-key',
      message: 'The security token included in the request is invalid.',
    });
    expect(otherSecret).toMatchObject({ ok: false, refusal: 'mismatch' });
    expect(otherRegion.ok ? '' : otherRegion.message).toContain(
      "Credential should be scoped to a valid region, not 'ap-southeast-1'",
    );
    expect(otherService.ok ? '' : otherService.message).toContain(
      "Credential should be scoped to correct service: 'dynamodb'.",
    );
  });

  it('accepts a request the SDK presigned, and refuses one carrying both forms', async () => {
    // Prepare
    const presigned = await sdkRequest({ presignFor: 300 });
    const headerSigned = await sdkRequest();

    // Act
    const verdict = verifySigV4(presigned, LOCAL);
    const both = verifySigV4(
      {
        ...presigned,
        headers: { ...presigned.headers, authorization: String(headerSigned.headers.authorization) },
      },
      LOCAL,
    );

    // Assess
    expect(verdict).toEqual({ ok: true, accessKeyId: 'local', form: 'query' });
    expect(both).toMatchObject({ ok: false, refusal: 'mismatch' });
  });

  it('refuses a date that is not ISO-8601 basic format', async () => {
    // Prepare
    const request = await sdkRequest();

    // Act
    const verdict = verifySigV4(
      { ...request, headers: { ...request.headers, 'x-amz-date': '2026-03-01' } },
      LOCAL,
    );

    // Assess
    expect(verdict).toMatchObject({ ok: false, refusal: 'incomplete' });
    expect(verdict.ok ? '' : verdict.message).toContain(
      "Date must be in ISO-8601 'basic format'. Got '2026-03-01'.",
    );
  });
});

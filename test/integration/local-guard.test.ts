// The local runtime is open to tools on this machine, not to web pages of
// other sites: the control calls refuse foreign origins, anything but JSON
// and foreign Host names (DNS rebinding); the AWS endpoints answer only
// SigV4-signed requests of tools, with AWS's own errors, and no CORS; the
// API stand-in refuses bodies over API Gateway's quota; pages carry security
// headers.
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../infra/local/credentials.ts';
import { TABLE_NAME } from '../../infra/local/runtime.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';
import { type RawAnswer, sendRaw } from '../support/raw-http.ts';
import { signRequest } from '../support/sigv4-signer.ts';

const DYNAMODB_ERRORS =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html';
const SFN_ERRORS = 'https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html';
const SES_ERRORS = 'https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html';
const SIGV4 = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html';
const HTTP_API_QUOTAS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html';
const WRONG_SECRET = { accessKeyId: 'local', secretAccessKey: 'not-the-local-secret' };
const UNKNOWN_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'local' };

interface ErrorBody {
  readonly message: string;
  readonly error: { readonly code: string; readonly message: string; readonly fields: unknown[] };
}

describe('the local runtime refuses what web pages of other sites send it', () => {
  let rt: TestRuntime;
  let port: number;
  let endpoints: { dynamodb: string; stepfunctions: string; ses: string };

  beforeAll(async () => {
    rt = await startTestRuntime();
    port = Number(new URL(rt.base).port);
    endpoints = rt.runtime.endpoints;
  });
  afterAll(async () => {
    await rt?.close();
  });

  /** A request to the web port exactly as a browser or a rebound page would send it. */
  const web = (method: string, path: string, headers: Record<string, string> = {}, body = '') =>
    sendRaw({ method, url: `${rt.base}${path}`, headers, body });
  const json = (answer: RawAnswer) => JSON.parse(answer.body) as ErrorBody;
  const clockNow = async () => (await rt.api<{ now: string }>(undefined, 'GET', '/local/clock')).body.now;

  describe('control calls (/local/*)', () => {
    it('refuses POST /local/clock from a page of another origin (403) and leaves the clock where it was', async () => {
      // Prepare
      const before = await clockNow();

      // Act
      const answer = await web(
        'POST',
        '/local/clock',
        { origin: 'http://evil.example', 'content-type': 'application/json' },
        JSON.stringify({ to: '2030-01-01T00:00:00+07:00' }),
      );

      // Assess
      expect(answer.status).toBe(403);
      expect(json(answer)).toEqual({
        message: 'Forbidden',
        error: {
          code: 'forbidden',
          message: 'Trang web khác không được phép gửi lệnh điều khiển tới máy cục bộ.',
          fields: [],
        },
      });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(await clockNow()).toBe(before);
    });

    it('refuses POST /local/token from a page of another origin (403) and hands out no token', async () => {
      // Act
      const answer = await web(
        'POST',
        '/local/token',
        { origin: 'https://evil.example', 'content-type': 'application/json' },
        JSON.stringify({ username: 'binh.tt' }),
      );

      // Assess
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain('token');
    });

    it('refuses a text/plain POST — the kind a page may send without asking (415)', async () => {
      // Prepare
      const before = await clockNow();

      // Act
      const answer = await web(
        'POST',
        '/local/clock',
        { 'content-type': 'text/plain;charset=UTF-8' },
        JSON.stringify({ to: '2030-01-01T00:00:00+07:00' }),
      );

      // Assess
      expect(answer.status).toBe(415);
      expect(json(answer).error).toEqual({
        code: 'unsupported_media_type',
        message: 'Lệnh điều khiển máy cục bộ phải gửi nội dung ở dạng JSON.',
        fields: [],
      });
      expect(await clockNow()).toBe(before);
    });

    it('refuses a request whose Host is another name for this port, as after DNS rebinding (403)', async () => {
      // Act
      const token = await web(
        'POST',
        '/local/token',
        { host: `evil.example:${port}`, 'content-type': 'application/json' },
        JSON.stringify({ username: 'binh.tt' }),
      );
      const users = await web('GET', '/local/users', { host: `evil.example:${port}` });

      // Assess
      expect(token.status).toBe(403);
      expect(users.status).toBe(403);
      expect(json(users).error.message).toBe(
        'Lệnh điều khiển máy cục bộ chỉ được nhận khi gửi tới đúng địa chỉ 127.0.0.1 hoặc localhost của máy chủ này.',
      );
    });

    it('refuses a cross-site request that carries no Origin, by its Fetch Metadata (403)', async () => {
      // Act
      const answer = await web('GET', '/local/outbox', { 'sec-fetch-site': 'cross-site' });

      // Assess
      expect(answer.status).toBe(403);
    });

    it('answers the pages’ own calls: same origin, under 127.0.0.1 or localhost, and tools sending no Origin', async () => {
      // Act
      const fromPage = await web(
        'POST',
        '/local/token',
        {
          host: `localhost:${port}`,
          origin: `http://localhost:${port}`,
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
        },
        JSON.stringify({ username: 'binh.tt' }),
      );
      const fromOtherName = await web(
        'POST',
        '/local/token',
        { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json; charset=utf-8' },
        JSON.stringify({ username: 'binh.tt' }),
      );
      const fromTool = await web('GET', '/local/users');

      // Assess
      expect(fromPage.status).toBe(200);
      expect(JSON.parse(fromPage.body)).toHaveProperty('token');
      expect(fromOtherName.status).toBe(200);
      expect(fromTool.status).toBe(200);
    });

    it('grants no CORS preflight to another origin', async () => {
      // Act
      const answer = await web('OPTIONS', '/local/clock', {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      });

      // Assess
      expect(answer.status).toBe(403);
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    });
  });

  describe('pages', () => {
    it('carry a Content-Security-Policy that forbids framing, nosniff, no referrer and X-Frame-Options DENY', async () => {
      // Act
      const answer = await web('GET', '/');
      const script = await web('GET', '/index.js');

      // Assess
      expect(answer.status).toBe(200);
      const policy = String(answer.headers['content-security-policy']);
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(script.headers['x-content-type-options']).toBe('nosniff');
    });

    it('are served under a foreign Host too: they hold nothing a rebound page could not fetch itself', async () => {
      // Act
      const answer = await web('GET', '/index.html', { host: `evil.example:${port}` });

      // Assess
      expect(answer.status).toBe(200);
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    });
  });

  describe(`the API stand-in’s payload quota (10 MB — ${HTTP_API_QUOTAS})`, () => {
    it('refuses a body of 10 MB and one byte with 413 and a Vietnamese message in the API’s error shape', async () => {
      // Prepare
      const token = await rt.token('binh.tt');
      const body = 'x'.repeat(10 * 1024 * 1024 + 1);

      // Act
      const answer = await web(
        'POST',
        '/api/models',
        { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      );

      // Assess
      expect(answer.status).toBe(413);
      expect(json(answer)).toEqual({
        message: 'Request Entity Too Large',
        error: { code: 'payload_too_large', message: 'Nội dung gửi lên quá lớn: tối đa 10 MB.', fields: [] },
      });
    });

    it('lets a body of exactly 10 MB through to the call', async () => {
      // Prepare
      const body = JSON.stringify({ padding: 'x'.repeat(10 * 1024 * 1024 - 14) });

      // Act
      const answer = await web('POST', '/local/clock', { 'content-type': 'application/json' }, body);

      // Assess
      expect(Buffer.byteLength(body)).toBe(10 * 1024 * 1024);
      expect(answer.status).toBe(400);
      expect(json(answer).error.code).toBe('invalid_input');
    });
  });

  describe('the DynamoDB endpoint', () => {
    const listTables = (credentials: { accessKeyId: string; secretAccessKey: string }) => {
      const client = new DynamoDBClient({
        endpoint: endpoints.dynamodb,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
      });
      return client.send(new ListTablesCommand({})).finally(() => client.destroy());
    };

    it(`answers the SDK signing with the local credentials — ${SIGV4}`, async () => {
      // Act
      const answer = await listTables(localCredentials);

      // Assess
      expect(answer.TableNames).toContain(TABLE_NAME);
    });

    it(`refuses an unsigned Scan with MissingAuthenticationTokenException, 400 — ${DYNAMODB_ERRORS}`, async () => {
      // Act
      const answer = await sendRaw({
        method: 'POST',
        url: endpoints.dynamodb,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan' },
        body: JSON.stringify({ TableName: TABLE_NAME }),
      });

      // Assess
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      });
    });

    it(`refuses a wrong secret with InvalidSignatureException and an unknown key with UnrecognizedClientException, 400 — ${DYNAMODB_ERRORS}`, async () => {
      // Act
      const wrong = await listTables(WRONG_SECRET).catch((error: Error & { $metadata?: object }) => error);
      const unknown = await listTables(UNKNOWN_KEY).catch((error: Error & { $metadata?: object }) => error);

      // Assess
      expect(wrong).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } });
      expect(unknown).toMatchObject({
        name: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
        $metadata: { httpStatusCode: 400 },
      });
    });

    it('refuses a page’s simple cross-origin POST and its preflight, with no Access-Control-Allow-Origin', async () => {
      // Act
      const simple = await sendRaw({
        method: 'POST',
        url: endpoints.dynamodb,
        headers: { origin: 'http://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ TableName: TABLE_NAME }),
      });
      const preflight = await sendRaw({
        method: 'OPTIONS',
        url: endpoints.dynamodb,
        headers: {
          origin: 'http://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-target',
        },
        body: '',
      });

      // Assess
      for (const answer of [simple, preflight]) {
        expect(answer.status).toBe(400);
        expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
        expect(JSON.parse(answer.body)).toMatchObject({
          __type: 'com.amazon.coral.service#AccessDeniedException',
        });
      }
    });

    it('refuses a correctly signed request for another Host name (DNS rebinding)', async () => {
      // Prepare
      const dynamoPort = new URL(endpoints.dynamodb).port;
      const signed = await signRequest({
        url: `http://evil.example:${dynamoPort}/`,
        service: 'dynamodb',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
        },
        body: '{}',
      });

      // Act
      const answer = await sendRaw({ ...signed, url: endpoints.dynamodb });

      // Assess
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({
        __type: 'com.amazon.coral.service#AccessDeniedException',
      });
    });

    it(`refuses a signature 20 minutes old: AWS allows 15 of skew against the real clock — ${SIGV4}`, async () => {
      // Prepare
      const signed = await signRequest({
        url: endpoints.dynamodb,
        service: 'dynamodb',
        at: new Date(Date.now() - 20 * 60 * 1000),
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
        },
        body: '{}',
      });

      // Act
      const answer = await sendRaw(signed);

      // Assess
      expect(answer.status).toBe(400);
      const body = JSON.parse(answer.body) as { __type: string; message: string };
      expect(body.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
      expect(body.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
    });
  });

  describe('the Step Functions endpoint', () => {
    const listStateMachines = (credentials: { accessKeyId: string; secretAccessKey: string }) => {
      const client = new SFNClient({
        endpoint: endpoints.stepfunctions,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
      });
      return client.send(new ListStateMachinesCommand({})).finally(() => client.destroy());
    };

    it(`answers the SDK signing with the local credentials — ${SIGV4}`, async () => {
      // Act
      const answer = await listStateMachines(localCredentials);

      // Assess
      expect(answer.stateMachines?.length).toBeGreaterThan(0);
    });

    it(`refuses unsigned and wrongly signed requests in the JSON 1.0 error shape — ${SFN_ERRORS}`, async () => {
      // Act
      const unsigned = await sendRaw({
        method: 'POST',
        url: endpoints.stepfunctions,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AWSStepFunctions.ListStateMachines',
        },
        body: '{}',
      });
      const wrong = await listStateMachines(WRONG_SECRET).catch((error: Error) => error);
      const unknown = await listStateMachines(UNKNOWN_KEY).catch((error: Error) => error);

      // Assess
      expect(unsigned.status).toBe(400);
      expect(unsigned.headers['content-type']).toBe('application/x-amz-json-1.0');
      expect(JSON.parse(unsigned.body)).toEqual({
        __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      });
      expect(wrong).toMatchObject({ name: 'InvalidSignatureException' });
      expect(unknown).toMatchObject({ name: 'UnrecognizedClientException' });
    });
  });

  describe('the SES endpoint', () => {
    const sendEmail = (credentials: { accessKeyId: string; secretAccessKey: string }, subject: string) => {
      const client = new SESClient({
        endpoint: endpoints.ses,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
      });
      return client
        .send(
          new SendEmailCommand({
            Source: 'van-phong@stp.example.vn',
            Destination: { ToAddresses: ['an.nv@stp.example.vn'] },
            Message: { Subject: { Data: subject }, Body: { Text: { Data: 'Nội dung thử.' } } },
          }),
        )
        .finally(() => client.destroy());
    };

    it(`sends what the SDK signs with the local credentials — ${SIGV4}`, async () => {
      // Act
      const answer = await sendEmail(localCredentials, 'Thư ký đúng chữ ký');

      // Assess
      expect(answer.MessageId).toBeTruthy();
      expect((await rt.outbox()).map((message) => message.subject)).toContain('Thư ký đúng chữ ký');
    });

    it(`refuses a page’s form post as MissingAuthenticationToken, 403, in SES’s XML — ${SES_ERRORS}`, async () => {
      // Act
      const answer = await sendRaw({
        method: 'POST',
        url: endpoints.ses,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=SendEmail&Source=a%40b.vn&Destination.ToAddresses.member.1=c%40d.vn&Message.Subject.Data=x&Message.Body.Text.Data=y',
      });

      // Assess
      expect(answer.status).toBe(403);
      expect(answer.headers['content-type']).toBe('text/xml');
      expect(answer.body).toContain(
        '<Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error>',
      );
    });

    it(`refuses a wrong secret as SignatureDoesNotMatch and an unknown key as InvalidClientTokenId, 403 — ${SES_ERRORS}`, async () => {
      // Prepare
      const before = (await rt.outbox()).length;

      // Act
      const wrong = await sendEmail(WRONG_SECRET, 'sai').catch((error: Error) => error);
      const unknown = await sendEmail(UNKNOWN_KEY, 'sai').catch((error: Error) => error);

      // Assess
      expect(wrong).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
      expect(unknown).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
      expect((await rt.outbox()).length).toBe(before);
    });

    it(`refuses a signature 20 minutes old as RequestExpired, 400 — ${SES_ERRORS}`, async () => {
      // Prepare
      const signed = await signRequest({
        url: endpoints.ses,
        service: 'ses',
        at: new Date(Date.now() - 20 * 60 * 1000),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=SendEmail&Version=2010-12-01',
      });

      // Act
      const answer = await sendRaw(signed);

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('<Code>RequestExpired</Code>');
    });
  });
});

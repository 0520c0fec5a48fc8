import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardAwsEndpoint, type LocalAwsService } from '../../../infra/local/aws-endpoint-guard.ts';
import { sendRaw } from '../../support/raw-http.ts';
import { signRequest } from '../../support/sigv4-signer.ts';

interface Seen {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly target: string | undefined;
  readonly body: string;
}

describe('the guard in front of a local AWS endpoint', () => {
  let server: Server | undefined;
  afterEach(async () => {
    const running = server;
    server = undefined;
    if (running) await new Promise<void>((done) => running.close(() => done()));
  });

  /** A server that reads the body itself, as dynalite does, behind the guard. */
  async function start(service: LocalAwsService): Promise<{ url: string; seen: Seen[] }> {
    const seen: Seen[] = [];
    const started = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      // Answer late, as the engine does after awaiting its work.
      request.on('end', () =>
        setImmediate(() => {
          seen.push({
            method: request.method,
            url: request.url,
            target: request.headers['x-amz-target'] as string | undefined,
            body: Buffer.concat(chunks).toString('utf8'),
          });
          response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
          response.end('{}');
        }),
      );
    });
    guardAwsEndpoint(started, { service });
    await new Promise<void>((done) => started.listen(0, '127.0.0.1', done));
    server = started;
    return { url: `http://127.0.0.1:${(started.address() as AddressInfo).port}`, seen };
  }

  it('hands a signed request to the listener with its method, target, headers and body, even when the listener answers later', async () => {
    // Prepare
    const { url, seen } = await start('states');
    const sign = (body: string) =>
      signRequest({
        url: `${url}/?x=1`,
        service: 'states',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AWSStepFunctions.ListStateMachines',
        },
        body,
      });

    // Act
    const first = await sendRaw(await sign('{"maxResults":1}'));
    const second = await sendRaw(await sign('{"maxResults":2}'));

    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/?x=1',
        target: 'AWSStepFunctions.ListStateMachines',
        body: '{"maxResults":1}',
      },
      {
        method: 'POST',
        url: '/?x=1',
        target: 'AWSStepFunctions.ListStateMachines',
        body: '{"maxResults":2}',
      },
    ]);
  });

  it('refuses without calling the listener, in JSON 1.0 for Step Functions and Query XML for SES', async () => {
    // Prepare
    const states = await start('states');
    const request = { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' };

    // Act
    const json = await sendRaw({ ...request, url: states.url });
    await new Promise<void>((done) => server?.close(() => done()));
    const ses = await start('ses');
    const xml = await sendRaw({ ...request, url: ses.url });

    // Assess
    expect(states.seen).toEqual([]);
    expect(ses.seen).toEqual([]);
    expect([json.status, json.headers['content-type']]).toEqual([400, 'application/x-amz-json-1.0']);
    expect(JSON.parse(json.body)).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
    expect([xml.status, xml.headers['content-type']]).toEqual([403, 'text/xml']);
    expect(xml.body).toMatch(
      /^<\?xml version="1.0"\?>\n<ErrorResponse xmlns="http:\/\/ses.amazonaws.com\/doc\/2010-12-01\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/,
    );
  });
});

// The AWS JSON 1.0 protocol on a port of its own: POST /, the operation in
// `X-Amz-Target: AWSStepFunctions.<Operation>`, a JSON body, and errors as
// `{"__type": "<ErrorName>", "message": "..."}` with the documented status —
// what @aws-sdk/client-sfn and the AWS CLI expect.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardAwsEndpoint } from '../aws-endpoint-guard.ts';
import { keepIdleConnections } from '../listen.ts';
import type { SigV4Credentials } from '../sigv4.ts';
import { SfnApiError } from './api-errors.ts';
import { isJsonObject, type JsonObject, tryParseJson } from './json.ts';

export type Operation = (request: JsonObject) => JsonObject | Promise<JsonObject>;

/** Whom the API answers: requests SigV4-signed with these credentials for this region. */
export interface ApiAuth {
  readonly region: string;
  readonly credentials: SigV4Credentials;
}

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** An HTTP server dispatching the JSON 1.0 protocol to named operations. */
export class JsonProtocolServer {
  private server?: Server;

  constructor(
    private readonly operations: Readonly<Record<string, Operation>>,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly auth: ApiAuth,
  ) {}

  /** Listens on 127.0.0.1; resolves with the base URL, rejects clearly if the port is taken. */
  listen(port: number): Promise<string> {
    const server = createServer((request, response) => {
      void this.handle(request, response);
    });
    guardAwsEndpoint(server, { service: 'states', ...this.auth });
    keepIdleConnections(server);
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(
                `The Step Functions engine cannot listen on 127.0.0.1:${port}: the port is already in use`,
              )
            : error,
        );
      });
      server.listen(port, '127.0.0.1', () => {
        const address = server.address() as AddressInfo;
        resolve(`http://127.0.0.1:${address.port}`);
      });
    });
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      const body = await readBody(request);
      const result = await this.dispatch(request, body);
      send(response, 200, result, requestId);
    } catch (error) {
      if (error instanceof SfnApiError) {
        send(response, error.status, { __type: error.code, message: error.message }, requestId);
        return;
      }
      this.log('internal error in the Step Functions API', error);
      send(
        response,
        500,
        { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) },
        requestId,
      );
    }
  }

  private async dispatch(request: IncomingMessage, body: string): Promise<JsonObject> {
    const target = request.headers['x-amz-target'];
    const name =
      typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? target.slice(TARGET_PREFIX.length)
        : '';
    const operation = request.method === 'POST' ? this.operations[name] : undefined;
    if (!operation) throw new SfnApiError('UnknownOperationException', `Unknown operation ${String(target)}`);
    const parsed = body.trim() === '' ? { ok: true as const, value: {} } : tryParseJson(body);
    if (!parsed.ok || !isJsonObject(parsed.value))
      throw new SfnApiError('SerializationException', 'The request body is not a JSON object');
    return operation(parsed.value);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: JsonObject, requestId: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  response.end(text);
}

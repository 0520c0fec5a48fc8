// The gate in front of the local DynamoDB, Step Functions, SES and Cognito endpoints:
// only requests naming the endpoint's own Host, from tools rather than web
// pages, SigV4-signed with the local credentials get through; the rest are
// refused in the service's own error shape, as AWS would refuse them.
//
// It wraps the server's request listeners rather than proxying: a proxy would
// leave the unguarded server on a port of its own, which any page could reach.
// The body is read once here (the signature covers its hash) and handed to the
// original listener as a replayed request, so dynalite and the other handlers
// run unchanged. Nothing here sends Access-Control-* headers, and since pages
// are refused before dynalite sees them, neither does dynalite.
import { randomUUID } from 'node:crypto';
import { IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { LOCAL_REGION, localCredentials } from './credentials.ts';
import { PayloadTooLargeError, readBody } from './http-util.ts';
import { hasOwnHost, isFromWebPage } from './request-guard.ts';
import { type SigV4Credentials, type SigV4Refusal, verifySigV4 } from './sigv4.ts';

/** The signing names of the local endpoints (the SDK's `signingName`). */
export type LocalAwsService = 'dynamodb' | 'states' | 'ses' | 'cognito-idp';

export interface AwsEndpointGuardOptions {
  readonly service: LocalAwsService;
  readonly credentials?: SigV4Credentials;
  readonly region?: string;
  /** The real wall clock (the SDK signs with it); tests may pin it. */
  readonly now?: () => number;
}

/** DynamoDB allows 16 MB per request; nothing the local endpoints take is larger. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

type Refusal = SigV4Refusal | 'access-denied' | 'too-large';

interface AwsError {
  readonly status: number;
  readonly code: string;
}

// DynamoDB answers every authentication failure with 400 and a coral
// exception name ("Error handling with DynamoDB", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html);
// Step Functions speaks the same JSON 1.0 protocol and does the same.
const JSON_ERRORS: Record<Refusal, AwsError> = {
  missing: { status: 400, code: 'MissingAuthenticationTokenException' },
  incomplete: { status: 400, code: 'IncompleteSignatureException' },
  'unknown-key': { status: 400, code: 'UnrecognizedClientException' },
  expired: { status: 400, code: 'InvalidSignatureException' },
  mismatch: { status: 400, code: 'InvalidSignatureException' },
  'access-denied': { status: 400, code: 'AccessDeniedException' },
  'too-large': { status: 413, code: 'RequestEntityTooLarge' },
};

// The SES (Query protocol) codes and statuses of its "Common Errors"
// (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html).
const QUERY_ERRORS: Record<Refusal, AwsError> = {
  missing: { status: 403, code: 'MissingAuthenticationToken' },
  incomplete: { status: 400, code: 'IncompleteSignature' },
  'unknown-key': { status: 403, code: 'InvalidClientTokenId' },
  expired: { status: 400, code: 'RequestExpired' },
  mismatch: { status: 403, code: 'SignatureDoesNotMatch' },
  'access-denied': { status: 400, code: 'AccessDeniedException' },
  'too-large': { status: 413, code: 'RequestEntityTooLarge' },
};

const SES_XMLNS = 'http://ses.amazonaws.com/doc/2010-12-01/';

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sends the refusal in the service's own shape: JSON 1.0 for DynamoDB and Step Functions, Query XML for SES. */
function sendRefusal(
  response: ServerResponse,
  service: LocalAwsService,
  refusal: Refusal,
  message: string,
): void {
  const requestId = randomUUID();
  if (service === 'ses') {
    const { status, code } = QUERY_ERRORS[refusal];
    response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    response.end(
      `<?xml version="1.0"?>\n<ErrorResponse xmlns="${SES_XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
    return;
  }
  const { status, code } = JSON_ERRORS[refusal];
  const body = JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message });
  response.writeHead(status, {
    // Cognito speaks JSON 1.1; DynamoDB and Step Functions JSON 1.0.
    'content-type': `application/x-amz-json-${service === 'cognito-idp' ? '1.1' : '1.0'}`,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  response.end(body);
}

/** The request again, its body already read, for a listener that reads it itself. */
export function replay(
  request: IncomingMessage,
  body: Buffer,
  headers: IncomingMessage['headers'] = request.headers,
): IncomingMessage {
  const copy = new IncomingMessage(request.socket);
  copy.method = request.method ?? 'GET';
  copy.url = request.url ?? '/';
  copy.httpVersion = request.httpVersion;
  copy.httpVersionMajor = request.httpVersionMajor;
  copy.httpVersionMinor = request.httpVersionMinor;
  copy.rawHeaders = request.rawHeaders;
  copy.headers = headers;
  // An IncomingMessage that ends while not `complete` counts as aborted and destroys the socket.
  copy.complete = true;
  if (body.length) copy.push(body);
  copy.push(null);
  return copy;
}

/** Lets a request through to the listeners only if it passes; refuses it otherwise. */
async function admit(
  request: IncomingMessage,
  response: ServerResponse,
  options: AwsEndpointGuardOptions,
): Promise<IncomingMessage | undefined> {
  let body: Buffer;
  try {
    body = await readBody(request, MAX_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      sendRefusal(response, options.service, 'too-large', `Request size exceeded ${MAX_REQUEST_BYTES} bytes`);
      return undefined;
    }
    throw error;
  }
  if (!hasOwnHost(request)) {
    sendRefusal(
      response,
      options.service,
      'access-denied',
      `This local endpoint answers only requests for its own address (127.0.0.1:${request.socket.localPort}), not for '${request.headers.host ?? ''}'.`,
    );
    return undefined;
  }
  if (isFromWebPage(request)) {
    sendRefusal(
      response,
      options.service,
      'access-denied',
      'This local endpoint serves AWS tools and SDKs, not web pages.',
    );
    return undefined;
  }
  const verdict = verifySigV4(
    { method: request.method ?? 'GET', target: request.url ?? '/', headers: request.headersDistinct, body },
    {
      credentials: options.credentials ?? localCredentials,
      region: options.region ?? LOCAL_REGION,
      service: options.service,
      now: (options.now ?? Date.now)(),
    },
  );
  if (!verdict.ok) {
    sendRefusal(response, options.service, verdict.refusal, verdict.message);
    return undefined;
  }
  return replay(request, body);
}

/** Puts the guard in front of every request listener the server has now (call before it listens). */
export function guardAwsEndpoint(server: Server, options: AwsEndpointGuardOptions): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    admit(request, response, options)
      .then((admitted) => {
        if (admitted) for (const listener of listeners) listener.call(server, admitted, response);
      })
      .catch(() => {
        if (!response.headersSent)
          sendRefusal(response, options.service, 'incomplete', 'The request could not be read.');
        else response.end();
      });
  });
}

// The SES stand-in: speaks the SES v1 Query protocol that @aws-sdk/client-ses
// uses (form-encoded POST, XML answers), writes each message as an .eml file
// and keeps an index for GET /local/outbox.
// https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { guardAwsEndpoint } from './aws-endpoint-guard.ts';
import type { Clock } from './clock.ts';
import { readBody } from './http-util.ts';
import { listen } from './listen.ts';

export interface OutboxEntry {
  readonly id: string;
  readonly to: string[];
  readonly subject: string;
  readonly date: string;
  /** The `outbox-id` message tag: which outbox message this delivery was. */
  readonly outboxId?: string;
}

export interface OutboxMessage extends OutboxEntry {
  readonly from: string;
  readonly text: string;
  readonly html: string;
}

export interface LocalSes {
  readonly url: string;
  /** While set, every send answers SES's 503 ServiceUnavailable, so delivery retries can be seen. */
  failing: boolean;
  /** While `failing`, only sends to these addresses are refused (every send when empty). */
  failingFor: readonly string[];
  /** How many sends were refused by the failing switch so far. */
  readonly refused: number;
  list(): OutboxEntry[];
  read(id: string): OutboxMessage | undefined;
  raw(id: string): string | undefined;
  close(): Promise<void>;
}

const XMLNS = 'http://ses.amazonaws.com/doc/2010-12-01/';

function encodeWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function decodeWords(text: string): string {
  return text.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) =>
    Buffer.from(b64, 'base64').toString('utf8'),
  );
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

function members(form: URLSearchParams, prefix: string): string[] {
  const values: string[] = [];
  for (let n = 1; form.has(`${prefix}.member.${n}`); n++)
    values.push(form.get(`${prefix}.member.${n}`) ?? '');
  return values;
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendXml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/xml' });
  response.end(`<?xml version="1.0"?>\n${body}`);
}

function sendError(response: ServerResponse, code: string, message: string, status = 400): void {
  sendXml(
    response,
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

interface Headers {
  readonly [name: string]: string;
}

function parseHeaders(eml: string): Headers {
  const head = eml.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodePart(eml: string, contentType: string): string {
  const parts = eml.split(/\r?\n--[^\r\n]+/);
  for (const part of parts) {
    const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
    if (!head.toLowerCase().includes(`content-type: ${contentType}`)) continue;
    const body = rest.join('\n\n');
    return /base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  }
  return '';
}

/** Starts the SES stand-in on 127.0.0.1:port, keeping messages in `directory`. */
export async function startSes(directory: string, port: number, clock: Clock): Promise<LocalSes> {
  mkdirSync(directory, { recursive: true });
  const state = { failing: false, failingFor: new Set<string>(), refused: 0 };
  const index: OutboxEntry[] = [];
  const files = new Map<string, string>();

  const remember = (file: string, eml: string) => {
    const headers = parseHeaders(eml);
    const id = headers['x-ses-message-id'] ?? file.replace(/\.eml$/, '');
    const outboxId = /(?:^|,\s*)outbox-id=([^,\s]+)/.exec(headers['x-ses-message-tags'] ?? '')?.[1];
    files.set(id, file);
    index.push({
      id,
      to: (headers.to ?? '')
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
      subject: decodeWords(headers.subject ?? ''),
      date: new Date(headers.date ?? 0).toISOString(),
      ...(outboxId ? { outboxId } : {}),
    });
  };
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.eml'))
    .sort()) {
    remember(file, readFileSync(join(directory, file), 'utf8'));
  }

  const store = (eml: string, id: string) => {
    const file = `${String(index.length + 1).padStart(7, '0')}-${id}.eml`;
    writeFileSync(join(directory, file), eml);
    remember(file, eml);
  };

  const sendEmail = (form: URLSearchParams, response: ServerResponse) => {
    const source = form.get('Source');
    const to = members(form, 'Destination.ToAddresses');
    const cc = members(form, 'Destination.CcAddresses');
    const bcc = members(form, 'Destination.BccAddresses');
    const refused =
      state.failing &&
      (state.failingFor.size === 0 ||
        [...to, ...cc, ...bcc].some((address) => state.failingFor.has(address)));
    if (refused) {
      state.refused += 1;
      return sendError(
        response,
        'ServiceUnavailable',
        'Service is unavailable. Please try again later.',
        503,
      );
    }
    const subject = form.get('Message.Subject.Data');
    const text = form.get('Message.Body.Text.Data');
    const html = form.get('Message.Body.Html.Data');
    if (!source) return sendError(response, 'InvalidParameterValue', 'Missing required parameter Source');
    // SES does not support SMTPUTF8: a non-ASCII display name must arrive as a MIME encoded-word.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the 7-bit ASCII range is the point
    if (!/^[\x00-\x7f]*$/.test(source))
      return sendError(response, 'InvalidParameterValue', 'Illegal address');
    const tags = new Map<string, string>();
    for (let n = 1; form.has(`Tags.member.${n}.Name`); n++)
      tags.set(form.get(`Tags.member.${n}.Name`) ?? '', form.get(`Tags.member.${n}.Value`) ?? '');
    const configurationSet = form.get('ConfigurationSetName');
    if (to.length + cc.length + bcc.length === 0) {
      return sendError(response, 'InvalidParameterValue', 'Missing final destination');
    }
    if (subject === null)
      return sendError(response, 'InvalidParameterValue', 'Missing required parameter Subject');
    if (text === null && html === null)
      return sendError(response, 'InvalidParameterValue', 'Missing message body');
    const id = `${randomUUID()}-000000`;
    const boundary = `=_dvk_${randomUUID()}`;
    const lines = [
      `From: ${source}`,
      `To: ${to.join(', ')}`,
      ...(cc.length ? [`Cc: ${cc.join(', ')}`] : []),
      ...(members(form, 'ReplyToAddresses').length
        ? [`Reply-To: ${members(form, 'ReplyToAddresses').join(', ')}`]
        : []),
      `Subject: ${encodeWord(subject)}`,
      `Date: ${new Date(clock.now()).toUTCString()}`,
      `Message-ID: <${id}@email.amazonses.com>`,
      `X-SES-Message-ID: ${id}`,
      ...(configurationSet ? [`X-SES-Configuration-Set: ${configurationSet}`] : []),
      ...(tags.size
        ? [`X-SES-Message-Tags: ${[...tags].map(([name, value]) => `${name}=${value}`).join(', ')}`]
        : []),
      'MIME-Version: 1.0',
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
    ];
    for (const [type, body] of [
      ['text/plain', text],
      ['text/html', html],
    ] as const) {
      if (body === null) continue;
      lines.push(
        `--${boundary}`,
        `Content-Type: ${type}; charset=UTF-8`,
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(body),
      );
    }
    lines.push(`--${boundary}--`, '');
    store(lines.join('\r\n'), id);
    sendXml(
      response,
      200,
      `<SendEmailResponse xmlns="${XMLNS}"><SendEmailResult><MessageId>${id}</MessageId></SendEmailResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></SendEmailResponse>`,
    );
  };

  const sendRawEmail = (form: URLSearchParams, response: ServerResponse) => {
    const data = form.get('RawMessage.Data');
    if (!data)
      return sendError(response, 'InvalidParameterValue', 'Missing required parameter RawMessage.Data');
    const id = `${randomUUID()}-000000`;
    const raw = Buffer.from(data, 'base64').toString('utf8');
    store(`X-SES-Message-ID: ${id}\r\n${raw}`, id);
    sendXml(
      response,
      200,
      `<SendRawEmailResponse xmlns="${XMLNS}"><SendRawEmailResult><MessageId>${id}</MessageId></SendRawEmailResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></SendRawEmailResponse>`,
    );
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    readBody(request)
      .then((body) => {
        const form = new URLSearchParams(body.toString('utf8'));
        const action = form.get('Action');
        if (request.method !== 'POST') return sendError(response, 'InvalidAction', 'Only POST is supported');
        if (action === 'SendEmail') return sendEmail(form, response);
        if (action === 'SendRawEmail') return sendRawEmail(form, response);
        return sendError(
          response,
          'InvalidAction',
          `The local SES supports SendEmail and SendRawEmail, not ${action}`,
        );
      })
      .catch((error: Error) => sendError(response, 'InternalFailure', error.message));
  });
  guardAwsEndpoint(server, { service: 'ses' }); // SigV4 with the local credentials, own Host, no web pages
  await listen(server, port, 'SES');
  const { port: actual } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${actual}`,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    get failingFor() {
      return [...state.failingFor];
    },
    set failingFor(addresses: readonly string[]) {
      state.failingFor = new Set(addresses);
    },
    get refused() {
      return state.refused;
    },
    list: () => [...index],
    raw: (id) => {
      const file = files.get(id);
      return file ? readFileSync(join(directory, file), 'utf8') : undefined;
    },
    read: (id) => {
      const file = files.get(id);
      const entry = index.find((candidate) => candidate.id === id);
      if (!file || !entry) return undefined;
      const eml = readFileSync(join(directory, file), 'utf8');
      return {
        ...entry,
        from: decodeWords(parseHeaders(eml).from ?? ''),
        text: decodePart(eml, 'text/plain'),
        html: decodePart(eml, 'text/html'),
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

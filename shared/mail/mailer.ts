// The one place a message leaves for SES: UTF-8, text and HTML parts, the
// outbox id as a message tag (so SES's bounce and complaint events name the
// message) and the configuration set that reports those events.
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { sesClient } from '../aws/ses.ts';
import { ENV, requireEnv } from '../env.ts';

export interface OutgoingMessage {
  readonly id: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * The sender as SES takes it. SES does not support SMTPUTF8: a display name
 * with non-ASCII letters ("Văn phòng Đảng ủy") must be a MIME encoded-word.
 */
export function sesSource(mailFrom: string): string {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailFrom);
  if (!match) return mailFrom.trim();
  const [, name = '', address = ''] = match;
  const bare = name.replace(/^"(.*)"$/, '$1');
  if (bare === '') return address;
  if (/^[\x20-\x7e]*$/.test(bare)) return `"${bare.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `=?UTF-8?B?${Buffer.from(bare, 'utf8').toString('base64')}?= <${address}>`;
}

/** Sends one message through SES; resolves with SES's message id. */
export async function sendThroughSes(message: OutgoingMessage): Promise<string> {
  const answer = await sesClient().send(
    new SendEmailCommand({
      Source: sesSource(requireEnv(ENV.mailFrom)),
      Destination: { ToAddresses: [...message.to] },
      Message: {
        Subject: { Data: message.subject, Charset: 'UTF-8' },
        Body: {
          Text: { Data: message.text, Charset: 'UTF-8' },
          Html: { Data: message.html, Charset: 'UTF-8' },
        },
      },
      ConfigurationSetName: requireEnv(ENV.mailConfigurationSet),
      Tags: [{ Name: 'outbox-id', Value: message.id }],
    }),
  );
  return answer.MessageId ?? '';
}

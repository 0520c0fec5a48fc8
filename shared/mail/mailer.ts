import { SendEmailCommand } from '@aws-sdk/client-ses';
import { sesClient } from '../aws/ses.ts';
import { ENV, requireEnv } from '../env.ts';

export interface Mail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Sends one email through SES, UTF-8, with text and HTML parts. */
export async function sendMail(mail: Mail): Promise<void> {
  const to = [...new Set(mail.to.filter((address) => address.includes('@')))];
  if (to.length === 0) return;
  await sesClient().send(
    new SendEmailCommand({
      Source: requireEnv(ENV.mailFrom),
      Destination: { ToAddresses: to },
      Message: {
        Subject: { Data: mail.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
      },
    }),
  );
}

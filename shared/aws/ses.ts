// Built once, on first use; the endpoint comes from AWS_ENDPOINT_URL_SES.
import { SESClient } from '@aws-sdk/client-ses';
import { captured } from './capture.ts';

let ses: SESClient | undefined;

/** The SES client used by the mailer. */
export function sesClient(): SESClient {
  ses ??= captured(new SESClient({}));
  return ses;
}

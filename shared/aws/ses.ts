// Built once, on first use; the endpoint comes from AWS_ENDPOINT_URL_SES.
import { SESClient } from '@aws-sdk/client-ses';

let ses: SESClient | undefined;

/** The SES client used by the mailer. */
export function sesClient(): SESClient {
  ses ??= new SESClient({});
  return ses;
}

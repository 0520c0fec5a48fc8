// Built once, on first use; the endpoint comes from AWS_ENDPOINT_URL_SES.
import { SESClient } from '@aws-sdk/client-ses';
import { tracer } from '../observability.ts';

let ses: SESClient | undefined;

/** The SES client used by the mailer. */
export function sesClient(): SESClient {
  ses ??= tracer.captureAWSv3Client(new SESClient({}));
  return ses;
}

// Built once, on first use; the endpoint comes from AWS_ENDPOINT_URL_SFN.
import { SFNClient } from '@aws-sdk/client-sfn';
import { tracer } from '../observability.ts';

let sfn: SFNClient | undefined;

/** The Step Functions client used to start workflows, answer callbacks and read histories. */
export function sfnClient(): SFNClient {
  sfn ??= tracer.captureAWSv3Client(new SFNClient({}));
  return sfn;
}

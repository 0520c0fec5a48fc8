// Built once, on first use; the endpoint comes from AWS_ENDPOINT_URL_SFN.
import { SFNClient } from '@aws-sdk/client-sfn';
import { captured } from './capture.ts';

let sfn: SFNClient | undefined;

/** The Step Functions client used to start workflows, answer callbacks and read histories. */
export function sfnClient(): SFNClient {
  sfn ??= captured(new SFNClient({}));
  return sfn;
}

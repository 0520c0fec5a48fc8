// Built once, on first use, and loaded then too: the SDK's Step Functions
// client costs ~20 ms of a cold start to load, which a function answering
// without reaching Step Functions (a refusal, a read) should not pay. The
// endpoint comes from AWS_ENDPOINT_URL_SFN.
import type { SFNClient } from '@aws-sdk/client-sfn';
import { capturedOnFirstUse } from './capture.ts';

/** The Step Functions SDK module (commands and error classes) with the one client. */
export interface StepFunctions {
  readonly sdk: typeof import('@aws-sdk/client-sfn');
  readonly client: SFNClient;
}

/** Step Functions, loaded and its client built on first use. */
export const stepFunctions: () => Promise<StepFunctions> = capturedOnFirstUse(
  () => import('@aws-sdk/client-sfn'),
  (sdk) => new sdk.SFNClient({}),
);

/** Names of the environment variables the functions read; infra fills them from the catalog. */
export const ENV = {
  tableName: 'TABLE_NAME',
  modelCycleStateMachineArn: 'MODEL_CYCLE_STATE_MACHINE_ARN',
  mailFrom: 'MAIL_FROM',
  /** The SES configuration set whose events report bounces and complaints. */
  mailConfigurationSet: 'MAIL_CONFIGURATION_SET',
  mailDeliveryStateMachineArn: 'MAIL_DELIVERY_STATE_MACHINE_ARN',
  periodicReviewStateMachineArn: 'PERIODIC_REVIEW_STATE_MACHINE_ARN',
  webUrl: 'WEB_URL',
  archiveLocation: 'ARCHIVE_LOCATION',
  /** The private bucket of the models' evidence files. */
  evidenceBucket: 'EVIDENCE_BUCKET',
  /** The Cognito user pool the people records are kept in step with. */
  userPoolId: 'USER_POOL_ID',
  /** The identity-sync workflow: applies a person's record to the user pool, with retries. */
  identitySyncStateMachineArn: 'IDENTITY_SYNC_STATE_MACHINE_ARN',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Thrown when a function starts without a variable its catalog entry promises. */
export class MissingEnvironmentError extends Error {
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is not set; the catalog entry for this function must list it.`);
    this.name = 'MissingEnvironmentError';
  }
}

/** Reads a required environment variable, failing loudly when it is absent or empty. */
export function requireEnv(name: EnvName): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new MissingEnvironmentError(name);
  return value;
}

// Built once, on first use; the endpoint comes from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { tracer } from '../observability.ts';

let cognito: CognitoIdentityProviderClient | undefined;

/** The Cognito user-pool client used by the identity sync. */
export function cognitoClient(): CognitoIdentityProviderClient {
  cognito ??= tracer.captureAWSv3Client(new CognitoIdentityProviderClient({}));
  return cognito;
}

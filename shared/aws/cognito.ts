// Built once, on first use; the endpoint comes from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { captured } from './capture.ts';

let cognito: CognitoIdentityProviderClient | undefined;

/** The Cognito user-pool client used by the identity sync. */
export function cognitoClient(): CognitoIdentityProviderClient {
  cognito ??= captured(new CognitoIdentityProviderClient({}));
  return cognito;
}

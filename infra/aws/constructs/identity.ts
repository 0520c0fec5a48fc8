import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../../shared/domain/roles.ts';
import { PERSON_ID_CLAIM } from '../../../shared/http/caller.ts';
import { acknowledge } from '../nag.ts';

export interface IdentityProps {
  /** The web's origin (https://…); the hosted UI only redirects back there. */
  readonly webUrl: string;
  /** The hosted UI's domain prefix, unique in the region. */
  readonly domainPrefix?: string;
}

const personIdAttribute = PERSON_ID_CLAIM.replace(/^custom:/, '');

/** The Cognito user pool: admin-created users, one group per role, the web's app client and hosted UI. */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // People are enrolled by the Party Committee Office, never by themselves.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        [personIdAttribute]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        cellId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: Mfa.REQUIRED,
      // Authenticator apps only: SMS would need an SNS role and a spending limit for little gain.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.userPool, {
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection needs the Plus feature plan, a per-user cost not justified for a closed pool of a few hundred admin-created users who must use TOTP MFA.',
    });

    ROLES.forEach((role, precedence) => {
      new UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `Vai trò ${role} trong hệ thống Dân vận khéo`,
        precedence,
      });
    });

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `dan-van-kheo-${Aws.ACCOUNT_ID}` },
    });

    const standardRead = { email: true, emailVerified: true, fullname: true } as const;
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.webUrl}/`, `${props.webUrl}/signed-in.html`],
        logoutUrls: [`${props.webUrl}/`],
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new ClientAttributes()
        .withStandardAttributes(standardRead)
        .withCustomAttributes(personIdAttribute, 'cellId'),
      // The API trusts custom:personId, so a user must never be able to rewrite it on themself;
      // email stays writable because Cognito requires required attributes to be.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
  }

  /** The issuer the API's JWT authorizer trusts. */
  get issuerUrl(): string {
    // Spelled out: the ProviderURL attribute lacks the https:// scheme the JWT authorizer requires.
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}

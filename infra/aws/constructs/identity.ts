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
  UserPoolEmail,
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
  /** The SES sender the invitations go out from: the system's own, "Name <address>". */
  readonly mailFrom: string;
  /** The SES configuration set that reports bounces and complaints. */
  readonly configurationSetName: string;
}

/** The invitation Cognito mails to a person the Office enrolls: {username} and {####} are Cognito's. */
export const INVITATION = {
  emailSubject: 'Tài khoản hệ thống “Dân vận khéo” của đồng chí',
  emailBody:
    '<p>Kính gửi đồng chí,</p>' +
    '<p>Văn phòng Đảng ủy đã tạo tài khoản cho đồng chí trên hệ thống theo dõi phong trào thi đua “Dân vận khéo”.</p>' +
    '<p>Tên đăng nhập: <strong>{username}</strong><br>Mật khẩu tạm thời: <strong>{####}</strong></p>' +
    '<p>Lần đăng nhập đầu tiên, hệ thống sẽ yêu cầu đồng chí đặt mật khẩu mới và cài ứng dụng xác thực. ' +
    'Mật khẩu tạm thời có hiệu lực trong 7 ngày.</p>' +
    '<p>Trân trọng,<br>Văn phòng Đảng ủy</p>',
} as const;

/** The address and display name of "Name <address>". */
function sender(mailFrom: string): { address: string; name?: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(mailFrom);
  if (!match) return { address: mailFrom.trim() };
  const name = match[1]?.trim();
  return { address: (match[2] ?? '').trim(), ...(name ? { name } : {}) };
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
      userInvitation: INVITATION,
      // Through SES, as the rest of the system's mail: Cognito's own sender allows a few dozen
      // messages a day, too few to invite a committee at once.
      email: UserPoolEmail.withSES({
        fromEmail: sender(props.mailFrom).address,
        ...(sender(props.mailFrom).name ? { fromName: sender(props.mailFrom).name } : {}),
        sesRegion: Stack.of(this).region,
        configurationSetName: props.configurationSetName,
      }),
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

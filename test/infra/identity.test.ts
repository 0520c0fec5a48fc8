// The user pool's mail: the Vietnamese invitation Cognito sends to a person the Office enrolls,
// through SES with the system's sender and configuration set; cdk-nag stays clean.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVITATION } from '../../infra/aws/constructs/identity.ts';
import { type BuiltStack, buildStack, unacknowledgedFindings } from './stack-harness.ts';

describe('the user pool invites through SES', () => {
  let built: BuiltStack;

  beforeAll(() => {
    built = buildStack();
  }, 120_000);

  it('sends the Vietnamese invitation with the username and the temporary password', () => {
    // Act
    const pools = built.template.findResources('AWS::Cognito::UserPool');
    const config = Object.values(pools)[0]?.Properties.AdminCreateUserConfig;
    // Assess
    expect(config.InviteMessageTemplate).toEqual({
      EmailSubject: INVITATION.emailSubject,
      EmailMessage: INVITATION.emailBody,
    });
    expect(INVITATION.emailBody).toContain('{username}');
    expect(INVITATION.emailBody).toContain('{####}');
  });

  it('sends the pool’s mail through SES from the system’s sender with the configuration set', () => {
    // Assess
    built.template.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        From: Match.stringLikeRegexp('van-phong@stp\\.example\\.vn'),
        SourceArn: Match.anyValue(),
        ConfigurationSet: Match.anyValue(),
      }),
    });
  });

  it('leaves cdk-nag with nothing unacknowledged', () => {
    // Assess
    expect(unacknowledgedFindings(built)).toEqual([]);
  });
});

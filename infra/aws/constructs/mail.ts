import { Aws, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { type IGrantable, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { Alarms } from './alarms.ts';

export interface MailProps {
  /** The sender: `address` or `Display Name <address>` (the name may be Vietnamese). */
  readonly mailFrom: string;
  /**
   * A domain whose SES identity the stack creates, with Easy DKIM (its DNS
   * records are stack outputs). Without it, the sender address or its domain
   * must already be a verified SES identity of the account and region: the
   * stack then only refers to it, so deploying never collides with it.
   */
  readonly domain?: string;
  /** Who reads bounce and complaint notifications (the operators' address). */
  readonly feedbackEmail: string;
  readonly alarms: Alarms;
}

/** The sender address inside `Display Name <address>`, or the whole value. */
export function senderAddress(mailFrom: string): string {
  return /<([^<>]+)>\s*$/.exec(mailFrom)?.[1]?.trim() ?? mailFrom.trim();
}

/**
 * How the system sends email: the SES identity (created for a domain, or an
 * existing verified one referred to), a configuration set that reports
 * bounces and complaints to a topic, and alarms on the bounce and complaint
 * rates SES judges an account by.
 */
export class Mail extends Construct {
  readonly mailFrom: string;
  readonly configurationSet: ConfigurationSet;
  readonly feedbackTopic: Topic;
  private readonly identityArns: string[];

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const address = senderAddress(props.mailFrom);
    if (!/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(address)) {
      throw new Error(`mailFrom must be an email address or "Name <address>", got "${props.mailFrom}"`);
    }
    const addressDomain = address.split('@')[1] ?? '';
    this.mailFrom = props.mailFrom.trim();
    const stack = Stack.of(this);
    const identityArn = (identity: string) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity });

    if (props.domain) {
      const domain = props.domain.toLowerCase();
      if (addressDomain.toLowerCase() !== domain && !addressDomain.toLowerCase().endsWith(`.${domain}`)) {
        throw new Error(`mailFrom ${address} is not an address of the mail domain ${domain}`);
      }
      const identity = new EmailIdentity(this, 'DomainIdentity', { identity: Identity.domain(domain) });
      identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord${index + 1}`, {
          description: `Easy DKIM: add this CNAME to the DNS of ${domain}`,
          value: `${record.name} CNAME ${record.value}`,
        });
      });
      this.identityArns = [identityArn(domain)];
    } else {
      // Either identity may be the verified one; SES authorizes the send against whichever it uses.
      this.identityArns = [identityArn(address), identityArn(addressDomain)];
    }

    // A customer-managed key: SES cannot publish to a topic under the AWS-managed SNS key.
    const key = new Key(this, 'FeedbackKey', {
      enableKeyRotation: true,
      description: 'Encrypts the bounce and complaint notifications',
    });
    key.grant(new ServicePrincipal('ses.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.feedbackTopic = new Topic(this, 'FeedbackTopic', {
      masterKey: key,
      enforceSSL: true,
      displayName: 'Dân vận khéo: thư bị trả lại, bị khiếu nại',
    });
    this.feedbackTopic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        resources: [this.feedbackTopic.topicArn],
        conditions: { StringEquals: { 'AWS:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.feedbackTopic.addSubscription(new EmailSubscription(props.feedbackEmail));

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      // An address that bounced or complained is not mailed again by SES: it protects the account's reputation.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.snsTopic(this.feedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });

    // SES reviews an account whose bounce rate reaches 5% or complaint rate 0.1%, and may pause it above 10% / 0.5%.
    const rate = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': this.configurationSet.configurationSetName },
        statistic: 'Maximum',
        period: Duration.hours(1),
      });
    props.alarms.watchMetric('MailBounceRate', {
      description:
        'The bounce rate of the system’s mail reached 5%: SES reviews accounts from 5% and may pause them at 10%',
      metric: rate('Reputation.BounceRate'),
      threshold: 0.05,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    props.alarms.watchMetric('MailComplaintRate', {
      description: 'The complaint rate of the system’s mail reached 0.1%: SES reviews accounts from 0.1%',
      metric: rate('Reputation.ComplaintRate'),
      threshold: 0.001,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Lets a function send through this identity and configuration set, and nothing else. */
  grantSend(grantee: IGrantable): void {
    const stack = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          ...this.identityArns,
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
  }
}

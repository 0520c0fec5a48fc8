// What a deployment needs on its first day: mail as operators deploy it, every
// alarm reaching someone, dead letters for the schedules, log groups that do
// not block a redeploy, and a cost budget.
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { schedules, stateMachines } from '../../functions/catalog.ts';
import { DanVanKheoStack } from '../../infra/aws/dan-van-kheo-stack.ts';
import {
  ALARM_EMAIL,
  acknowledgementsWithoutFinding,
  type BuiltStack,
  buildStack,
  MAIL_FROM,
  STACK_NAME,
  unacknowledgedFindings,
} from './stack-harness.ts';

type Json = Record<string, unknown>;

let built: BuiltStack;
let withDomain: BuiltStack;
beforeAll(() => {
  built = buildStack();
  withDomain = buildStack(undefined, { context: { mailDomain: 'stp.example.vn' } });
});

function alarms(stack: BuiltStack): Json[] {
  return Object.values(stack.template.findResources('AWS::CloudWatch::Alarm')).map(
    (alarm) => alarm.Properties as Json,
  );
}

describe('deployment settings', () => {
  it('refuses to build without a sender or an alarm email, naming what to set', () => {
    // Prepare
    const app = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    // Act
    const none = () => new DanVanKheoStack(app(), STACK_NAME);
    const noAlarm = () => new DanVanKheoStack(app(), STACK_NAME, { mailFrom: MAIL_FROM });
    const noSender = () => new DanVanKheoStack(app(), STACK_NAME, { alarmEmail: ALARM_EMAIL });
    // Assess
    expect(none).toThrow(/Missing deployment settings: mailFrom, alarmEmail\./);
    expect(noAlarm).toThrow(/Missing deployment setting: alarmEmail\./);
    expect(noSender).toThrow(/Missing deployment setting: mailFrom\./);
    expect(none).toThrow(/-c mailFrom=/);
  });

  it('refuses a sender that is not an address, and a budget that is not an amount', () => {
    // Prepare
    const app = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    // Act
    const badSender = () =>
      new DanVanKheoStack(app(), STACK_NAME, { mailFrom: 'Văn phòng', alarmEmail: ALARM_EMAIL });
    const badBudget = () =>
      new DanVanKheoStack(app(), STACK_NAME, {
        mailFrom: MAIL_FROM,
        alarmEmail: ALARM_EMAIL,
        monthlyBudgetUsd: 0,
      });
    const foreignDomain = () =>
      new DanVanKheoStack(app(), STACK_NAME, {
        mailFrom: MAIL_FROM,
        alarmEmail: ALARM_EMAIL,
        mailDomain: 'other.example',
      });
    // Assess
    expect(badSender).toThrow(/mailFrom must be an email address/);
    expect(badBudget).toThrow(/monthlyBudgetUsd must be a positive number/);
    expect(foreignDomain).toThrow(/is not an address of the mail domain other\.example/);
  });
});

describe('mail', () => {
  it('hands the functions the sender as given, display name and all', () => {
    // Prepare
    const functionsWithSender = Object.values(built.template.findResources('AWS::Lambda::Function')).filter(
      (fn) =>
        (fn.Properties as Json & { Environment?: { Variables?: Json } }).Environment?.Variables?.MAIL_FROM,
    );
    // Act
    const senders = functionsWithSender.map(
      (fn) => (fn.Properties as { Environment: { Variables: Json } }).Environment.Variables.MAIL_FROM,
    );
    // Assess
    expect(senders.length).toBeGreaterThan(0);
    for (const sender of senders) expect(sender).toBe(MAIL_FROM);
  });

  it('creates a domain identity with Easy DKIM when a mail domain is given, its records as outputs', () => {
    // Act
    const identities = Object.values(withDomain.template.findResources('AWS::SES::EmailIdentity'));
    const outputs = Object.keys(withDomain.template.toJSON().Outputs as Json).filter((key) =>
      key.includes('DkimRecord'),
    );
    // Assess
    expect(identities.map((identity) => (identity.Properties as Json).EmailIdentity)).toEqual([
      'stp.example.vn',
    ]);
    expect(outputs).toHaveLength(3);
  });

  it('reports bounces, complaints and rejects of the configuration set to an encrypted topic the operators read', () => {
    // Prepare
    const { template } = built;
    // Act
    const [destination] = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'));
    const [configurationSet] = Object.values(template.findResources('AWS::SES::ConfigurationSet'));
    const topics = template.findResources('AWS::SNS::Topic');
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map(
      (subscription) => subscription.Properties as Json,
    );
    // Assess
    const spec = (destination?.Properties as { EventDestination: Json } | undefined)?.EventDestination ?? {};
    expect(spec.MatchingEventTypes).toEqual(['bounce', 'complaint', 'reject']);
    const topicId =
      ((spec.SnsDestination as Json | undefined)?.TopicARN as { Ref: string } | undefined)?.Ref ?? '';
    expect((topics[topicId]?.Properties as Json | undefined)?.KmsMasterKeyId).toBeDefined();
    expect(subscriptions).toContainEqual(
      expect.objectContaining({ Protocol: 'email', Endpoint: ALARM_EMAIL, TopicArn: { Ref: topicId } }),
    );
    expect(configurationSet?.Properties).toMatchObject({
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('alarms on the bounce rate SES reviews accounts at (5%) and on the complaint rate (0.1%)', () => {
    // Act
    const found = alarms(built).filter((alarm) => alarm.Namespace === 'AWS/SES');
    // Assess
    expect(found.map((alarm) => [alarm.MetricName, alarm.Threshold]).sort()).toEqual([
      ['Reputation.BounceRate', 0.05],
      ['Reputation.ComplaintRate', 0.001],
    ]);
  });
});

describe('alarms and who hears them', () => {
  it('subscribes the alarm email to the alarm topic, and every alarm notifies a topic', () => {
    // Prepare
    const { template } = built;
    // Act
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map(
      (subscription) => subscription.Properties as Json,
    );
    // Assess
    expect(subscriptions.filter((s) => s.Endpoint === ALARM_EMAIL && s.Protocol === 'email')).toHaveLength(2);
    for (const alarm of alarms(built)) expect(alarm.AlarmActions).toHaveLength(1);
  });

  it('alarms on API server errors, DynamoDB throttling and throttled executions of every state machine', () => {
    // Act
    const all = alarms(built);
    const described = all.map((alarm) => String(alarm.AlarmDescription));
    // Assess
    expect(
      all.filter((alarm) => alarm.MetricName === '5xx' && alarm.Namespace === 'AWS/ApiGateway'),
    ).toHaveLength(1);
    expect(described.filter((text) => text.includes('DynamoDB throttled'))).toHaveLength(1);
    expect(all.filter((alarm) => alarm.MetricName === 'ExecutionThrottled')).toHaveLength(
      stateMachines.length,
    );
  });

  it('gives every schedule an encrypted dead-letter queue, with an alarm', () => {
    // Prepare
    const { template } = built;
    // Act
    const found = Object.values(template.findResources('AWS::Scheduler::Schedule')).map(
      (schedule) => (schedule.Properties as { Target: { DeadLetterConfig?: { Arn: unknown } } }).Target,
    );
    const queues = template.findResources('AWS::SQS::Queue');
    // Assess
    expect(found).toHaveLength(schedules.length);
    for (const target of found) {
      const arn = target.DeadLetterConfig?.Arn as { 'Fn::GetAtt': [string, string] } | undefined;
      const queueId = arn?.['Fn::GetAtt'][0] ?? '';
      expect((queues[queueId]?.Properties as Json | undefined)?.SqsManagedSseEnabled).toBe(true);
      expect(
        alarms(built).filter((alarm) => JSON.stringify(alarm.Dimensions ?? []).includes(`"${queueId}"`)),
      ).toHaveLength(1);
    }
  });

  it('warns the alarm email when the month’s cost reaches 80% or is forecast to pass the budget', () => {
    // Act
    const [budget] = Object.values(built.template.findResources('AWS::Budgets::Budget'));
    const properties = budget?.Properties as {
      Budget: Json;
      NotificationsWithSubscribers: { Notification: Json; Subscribers: Json[] }[];
    };
    // Assess
    expect(properties.Budget).toMatchObject({
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: 30 },
    });
    expect(
      properties.NotificationsWithSubscribers.map((n) => [
        n.Notification.NotificationType,
        n.Notification.Threshold,
      ]),
    ).toEqual([
      ['ACTUAL', 80],
      ['FORECASTED', 100],
    ]);
    for (const notification of properties.NotificationsWithSubscribers)
      expect(notification.Subscribers).toEqual([{ SubscriptionType: 'EMAIL', Address: ALARM_EMAIL }]);
  });
});

describe('log groups that never block a redeploy', () => {
  it('names no log group except the retained vended-logs groups, whose names end with the stack id', () => {
    // Act
    const groups = Object.values(built.template.findResources('AWS::Logs::LogGroup')).map(
      (group) => group as { Properties: Json; DeletionPolicy?: string },
    );
    const named = groups.filter((group) => group.Properties.LogGroupName !== undefined);
    // Assess
    expect(named).toHaveLength(stateMachines.length);
    for (const group of named) {
      const name = JSON.stringify(group.Properties.LogGroupName);
      expect(name).toContain('/aws/vendedlogs/states/');
      expect(name).toContain('AWS::StackId');
    }
  });
});

describe('cdk-nag with a mail domain', () => {
  it('reports nothing unacknowledged, and acknowledges only real findings', () => {
    // Act
    const summary = unacknowledgedFindings(withDomain);
    const { unmatched } = acknowledgementsWithoutFinding(withDomain);
    // Assess
    expect(summary).toEqual([]);
    expect(unmatched).toEqual([]);
  });
});

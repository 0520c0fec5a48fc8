import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ScheduleSpec } from '../../../functions/catalog.ts';
import { acknowledge } from '../nag.ts';
import type { Alarms } from './alarms.ts';
import { pascal } from './catalog-functions.ts';

export interface SchedulesProps {
  readonly specs: readonly ScheduleSpec[];
  readonly stateMachineNamed: (name: string) => IStateMachine;
  readonly functionNamed: (name: string) => IFunction;
  /** Retries of a failed delivery; the targets are idempotent per campaign and date. */
  readonly maximumRetryAttempts?: number;
  readonly alarms: Alarms;
}

/**
 * One EventBridge Scheduler schedule per catalog entry, in the entry's time
 * zone, on time (no flexible window). An occurrence the Scheduler could not
 * deliver after its retries lands in the schedule's dead-letter queue, which
 * raises an alarm: the day's jobs can then be started by hand with the
 * message's input (they are idempotent per campaign and date).
 */
export class Schedules extends Construct {
  readonly byName: ReadonlyMap<string, CfnSchedule>;
  readonly deadLetterQueues: ReadonlyMap<string, Queue>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const byName = new Map<string, CfnSchedule>();
    const queues = new Map<string, Queue>();
    for (const spec of props.specs) {
      const scheduleId = pascal(spec.name);
      const role = new Role(this, `${scheduleId}Role`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
        description: `Lets the ${spec.name} schedule start its target`,
      });
      let targetArn: string;
      if ('stateMachine' in spec.target) {
        targetArn = props.stateMachineNamed(spec.target.stateMachine).stateMachineArn;
        role.addToPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [targetArn] }));
      } else {
        targetArn = props.functionNamed(spec.target.function).functionArn;
        role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [targetArn] }));
      }
      const deadLetters = new Queue(this, `${scheduleId}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(deadLetters, {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter queue of the schedule; a queue behind it would only move the same occurrences again.',
      });
      // SendMessage alone: what the Scheduler needs to drop an undelivered occurrence there.
      role.addToPolicy(
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] }),
      );
      props.alarms.watchDeadLetters(scheduleId, deadLetters);
      queues.set(spec.name, deadLetters);
      const schedule = new CfnSchedule(this, scheduleId, {
        description: `Catalog schedule ${spec.name}`,
        scheduleExpression: spec.expression,
        scheduleExpressionTimezone: spec.timeZone,
        flexibleTimeWindow: { mode: 'OFF' },
        state: 'ENABLED',
        target: {
          arn: targetArn,
          roleArn: role.roleArn,
          input: JSON.stringify(spec.input),
          deadLetterConfig: { arn: deadLetters.queueArn },
          retryPolicy: {
            maximumRetryAttempts: props.maximumRetryAttempts ?? 3,
            maximumEventAgeInSeconds: 3600,
          },
        },
      });
      byName.set(spec.name, schedule);
    }
    this.byName = byName;
    this.deadLetterQueues = queues;
  }
}

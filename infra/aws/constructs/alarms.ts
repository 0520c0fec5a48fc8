import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** The most metrics one alarm's math may use (CloudWatch's quota). */
const ALARM_METRICS_MAX = 10;

export interface AlarmsProps {
  /** Who is told when an alarm fires (a deployment always names someone). */
  readonly email: string;
}

/** An alarm on any metric, in the shape the other alarms share. */
export interface MetricAlarmSpec {
  readonly description: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparisonOperator?: ComparisonOperator;
  readonly treatMissingData?: TreatMissingData;
  readonly evaluationPeriods?: number;
}

/**
 * The alarm topic, subscribed by the operators' address, and the alarms on
 * function errors, failed or throttled workflow executions, dead letters,
 * API server errors, table throttling and mail reputation.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // A customer-managed key, because CloudWatch cannot publish to a topic under the AWS-managed SNS key.
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the alarm topic',
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      masterKey: key,
      enforceSSL: true,
      displayName: 'Dân vận khéo alarms',
    });
    this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }

  /** Alarms on a metric and notifies the topic. */
  watchMetric(id: string, spec: MetricAlarmSpec): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      comparisonOperator: spec.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: spec.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }

  /** Alarms when the API answers a 5xx: no input may produce one, so any is a fault to look at. */
  watchApi(id: string, api: IHttpApi): Alarm {
    return this.watchMetric(`${id}ServerErrors`, {
      description: 'The API answered with a server error (5xx)',
      metric: api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
    });
  }

  /** Alarms when DynamoDB throttles reads or writes of the table. */
  watchTable(id: string, table: ITable): Alarm {
    const period = Duration.minutes(5);
    return this.watchMetric(`${id}Throttles`, {
      description: 'DynamoDB throttled reads or writes of the table',
      metric: new MathExpression({
        expression: 'reads + writes',
        label: 'Throttled read and write events',
        period,
        usingMetrics: {
          reads: table.metric('ReadThrottleEvents', { period, statistic: 'Sum' }),
          writes: table.metric('WriteThrottleEvents', { period, statistic: 'Sum' }),
        },
      }),
      threshold: 1,
    });
  }

  /**
   * Alarms as soon as any of the functions reports one error in five minutes. One
   * alarm watches up to ten functions (CloudWatch's limit of metrics in one alarm's
   * math), and its description names them: an alarm per function would take the
   * stack past CloudFormation's 500 resources.
   */
  watchFunctions(functions: ReadonlyMap<string, IFunction>): Alarm[] {
    const period = Duration.minutes(5);
    const entries = [...functions];
    const alarms: Alarm[] = [];
    for (let start = 0; start < entries.length; start += ALARM_METRICS_MAX) {
      const group = entries.slice(start, start + ALARM_METRICS_MAX);
      const usingMetrics = Object.fromEntries(
        group.map(([, fn], index) => [`e${index}`, fn.metricErrors({ period, statistic: 'Sum' })]),
      );
      const alarm = new Alarm(this, `FunctionErrors${start / ALARM_METRICS_MAX + 1}`, {
        alarmDescription: `One of these functions reported errors: ${group.map(([name]) => name).join(', ')}`,
        metric: new MathExpression({
          expression: Object.keys(usingMetrics).join(' + '),
          label: 'Errors',
          period,
          usingMetrics,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(this.action);
      alarms.push(alarm);
    }
    return alarms;
  }

  /**
   * Alarms when an execution fails, times out or is aborted. Nothing in the system
   * stops an execution (a withdrawal answers the callback instead), so an abort is
   * someone's manual action on a model's cycle and deserves a look too.
   */
  watchStateMachine(id: string, stateMachine: IStateMachine): Alarm {
    const period = Duration.minutes(5);
    const alarm = new Alarm(this, `${id}ExecutionsFailed`, {
      alarmDescription: `State machine ${id} had failed, timed-out or aborted executions`,
      metric: new MathExpression({
        expression: 'failed + timedOut + aborted',
        label: 'Failed, timed-out or aborted executions',
        period,
        usingMetrics: {
          failed: stateMachine.metricFailed({ period, statistic: 'Sum' }),
          timedOut: stateMachine.metricTimedOut({ period, statistic: 'Sum' }),
          aborted: stateMachine.metricAborted({ period, statistic: 'Sum' }),
        },
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    this.watchMetric(`${id}ExecutionsThrottled`, {
      description: `State machine ${id} had executions throttled by Step Functions`,
      metric: stateMachine.metric('ExecutionThrottled', { period, statistic: 'Sum' }),
      threshold: 1,
    });
    return alarm;
  }

  /** Alarms as soon as a dead-letter queue holds a message: an event was not handled. */
  watchDeadLetters(id: string, queue: IQueue): Alarm {
    const alarm = new Alarm(this, `${id}DeadLetters`, {
      alarmDescription: `Dead-letter queue of ${id} holds events that were not handled`,
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}

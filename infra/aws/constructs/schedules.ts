import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ScheduleSpec } from '../../../functions/catalog.ts';
import { pascal } from './catalog-functions.ts';

export interface SchedulesProps {
  readonly specs: readonly ScheduleSpec[];
  readonly stateMachineNamed: (name: string) => IStateMachine;
  readonly functionNamed: (name: string) => IFunction;
  /** Retries of a failed delivery; the targets are idempotent per campaign and date. */
  readonly maximumRetryAttempts?: number;
}

/** One EventBridge Scheduler schedule per catalog entry, in the entry's time zone, on time (no flexible window). */
export class Schedules extends Construct {
  readonly byName: ReadonlyMap<string, CfnSchedule>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const byName = new Map<string, CfnSchedule>();
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
          retryPolicy: {
            maximumRetryAttempts: props.maximumRetryAttempts ?? 3,
            maximumEventAgeInSeconds: 3600,
          },
        },
      });
      byName.set(spec.name, schedule);
    }
    this.byName = byName;
  }
}

import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AccountRootPrincipal, type IPrincipal, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, nagRef } from '../nag.ts';
import { executionArnPattern, stateMachineArn } from './state-machine-names.ts';

export interface AuditorRoleProps {
  readonly table: ITable;
  readonly archive: IBucket;
  /** Catalog names of the state machines whose executions auditors may read. */
  readonly stateMachines: readonly string[];
  readonly logGroups: readonly ILogGroup[];
  /** Who may assume the role; defaults to principals of this account that IAM allows to. */
  readonly assumedBy?: IPrincipal;
}

/** A read-only role for the Inspection Committee's auditors: data, workflow history, logs, archive. */
export class AuditorRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AuditorRoleProps) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      assumedBy: props.assumedBy ?? new AccountRootPrincipal(),
      description: 'Read-only access for auditors: table, workflow executions, logs and the history archive',
    });
    props.table.grantReadData(this.role);
    props.archive.grantRead(this.role);
    if (props.stateMachines.length > 0) {
      this.role.addToPolicy(
        new PolicyStatement({
          actions: ['states:DescribeStateMachine', 'states:ListExecutions'],
          resources: props.stateMachines.map((name) => stateMachineArn(this, name)),
        }),
      );
      this.role.addToPolicy(
        new PolicyStatement({
          actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
          resources: props.stateMachines.map((name) => executionArnPattern(this, name)),
        }),
      );
    }
    for (const logGroup of props.logGroups) {
      logGroup.grant(this.role, 'logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents');
    }
    acknowledge(this.role, {
      id: 'AwsSolutions-IAM5',
      reason:
        "Read-only wildcards bounded to this stack's resources: the table's own indexes, executions of its own state machines (ARNs known only at run time), objects of the archive bucket, and CDK's s3 read action groups.",
      findings: [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        `Resource::${nagRef(props.table)}/index/*`,
        `Resource::${nagRef(props.archive)}/*`,
        ...props.stateMachines.map(
          (name) =>
            `Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${Stack.of(this).stackName}-${name}:*`,
        ),
      ],
    });
  }
}

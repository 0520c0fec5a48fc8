import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

// State machines get fixed names so their ARNs are known before they exist:
// functions that start a workflow and functions the workflow invokes can then
// reference each other without a CloudFormation dependency cycle.

/** The physical name of a catalog state machine in this stack. */
export function stateMachineName(scope: IConstruct, name: string): string {
  return `${Stack.of(scope).stackName}-${name}`;
}

/** The ARN a catalog state machine will have, computable before it is created. */
export function stateMachineArn(scope: IConstruct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName(scope, name),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** The ARN pattern of every execution of a catalog state machine. */
export function executionArnPattern(scope: IConstruct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${stateMachineName(scope, name)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

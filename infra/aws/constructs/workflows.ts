import path from 'node:path';
import { Aws, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StateMachineSpec } from '../../../functions/catalog.ts';
import { repoRoot } from '../bundling.ts';
import { acknowledge, nagRef } from '../nag.ts';
import type { Alarms } from './alarms.ts';
import { pascal } from './catalog-functions.ts';
import { stateMachineName } from './state-machine-names.ts';

export interface WorkflowsProps {
  readonly specs: readonly StateMachineSpec[];
  /** The function built for a catalog function name. */
  readonly functionNamed: (name: string) => IFunction;
  readonly alarms: Alarms;
  readonly logRetention?: RetentionDays;
}

/**
 * The `${Placeholder}` → function ARN map of a definition, looked up among the
 * stack's own functions (the catalog's definitionSubstitutions looks names up
 * in the real catalog only, which a fixture catalog cannot rely on).
 */
export function substitutionsOf(
  spec: StateMachineSpec,
  functionNamed: (name: string) => IFunction,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(spec.functionArns).map(([placeholder, name]) => [
      placeholder,
      functionNamed(name).functionArn,
    ]),
  );
}

/** The first group of the stack id's UUID, e.g. `51af3dc0`: unique to each creation of the stack. */
function stackInstanceSuffix(): string {
  return Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
}

/** One Standard state machine per catalog entry, its definition read from the ASL file. */
export class Workflows extends Construct {
  readonly byName: ReadonlyMap<string, StateMachine>;
  readonly logGroups: readonly LogGroup[];

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const byName = new Map<string, StateMachine>();
    const logGroups: LogGroup[] = [];
    for (const spec of props.specs) {
      const smId = pascal(spec.name);
      const logGroup = new LogGroup(this, `${smId}Logs`, {
        // Step Functions vended logs go to a /aws/vendedlogs/ group (no resource-policy size limit). The
        // group is retained, so its name ends with a part of this stack's id, which every new deployment of
        // the stack draws afresh: a stack deleted and deployed again never meets its old group's name.
        logGroupName: `/aws/vendedlogs/states/${stateMachineName(this, spec.name)}-${stackInstanceSuffix()}`,
        retention: props.logRetention ?? RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const stateMachine = new StateMachine(this, smId, {
        stateMachineName: stateMachineName(this, spec.name),
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromFile(path.resolve(repoRoot, spec.definition)),
        definitionSubstitutions: substitutionsOf(spec, props.functionNamed),
        logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
        tracingEnabled: true,
      });
      const invoked = [...new Set(Object.values(spec.functionArns))].map(props.functionNamed);
      acknowledge(
        stateMachine,
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Log delivery and X-Ray actions support no resource-level permissions, so they need Resource *.',
          findings: ['Resource::*'],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'lambda:InvokeFunction on <arn>:* covers only the versions and aliases of the functions this definition references.',
          findings: invoked.map((fn) => `Resource::${nagRef(fn)}:*`),
        },
      );
      for (const fn of invoked) fn.grantInvoke(stateMachine);
      props.alarms.watchStateMachine(smId, stateMachine);
      byName.set(spec.name, stateMachine);
      logGroups.push(logGroup);
    }
    this.byName = byName;
    this.logGroups = logGroups;
  }

  /** The state machine built for a catalog name, failing loudly on a typo. */
  get(name: string): StateMachine {
    const stateMachine = this.byName.get(name);
    if (!stateMachine) throw new Error(`No catalog state machine named ${name}`);
    return stateMachine;
  }
}

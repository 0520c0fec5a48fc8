import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { FunctionSpec, Grant } from '../../../functions/catalog.ts';
import type { EnvName } from '../../../shared/env.ts';
import { bundleDirOf, bundleFilesOf, DEFAULT_BUNDLE_DIR } from '../bundle-cache.ts';
import { acknowledge, type NagAcknowledgement, nagRef } from '../nag.ts';
import { executionArnPattern, stateMachineArn } from './state-machine-names.ts';

export interface CatalogFunctionsProps {
  readonly specs: readonly FunctionSpec[];
  /** The value of every environment variable a function may ask for; an absent one fails synth. */
  readonly environment: Partial<Record<EnvName, string>>;
  readonly table: ITable;
  readonly archive: IBucket;
  /** The models' evidence files. */
  readonly evidence: IBucket;
  /** Grants a function sending through the stack's mail identity and configuration set. */
  readonly grantMailSend: (grantee: LambdaFunction) => void;
  /** The user pool the identity grant applies to. */
  readonly userPoolArn: string;
  /** Catalog names of the state machines the workflow grants apply to. */
  readonly stateMachines: readonly string[];
  readonly logRetention?: RetentionDays;
  /** The bundle cache whose files become the functions' code (infra/aws/bundle-cache.ts); prepared before synth. */
  readonly bundleDir?: string;
}

/** The user-pool calls of the identity sync (shared/identity/cognito-users.ts), and no other. */
export const IDENTITY_WRITE_ACTIONS = [
  'AdminGetUser',
  'AdminCreateUser',
  'AdminUpdateUserAttributes',
  'AdminListGroupsForUser',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
  'AdminEnableUser',
  'AdminDisableUser',
  'ListUsers',
] as const;

/**
 * A function's code: its bundle from the cache, the very files the embedded runtime and the tests
 * run, as the cache's record lists them (the record itself, half-written files and chunks of an
 * earlier build left out).
 */
function bundleCode(name: string, bundleDir: string): Code {
  const dir = bundleDirOf(name, bundleDir);
  const files = bundleFilesOf(name, bundleDir);
  if (!files?.every((file) => existsSync(join(dir, file)))) {
    throw new Error(
      `The bundle of ${name} is missing from ${bundleDir}: synthesize with \`npm run synth\`, which bundles every function first.`,
    );
  }
  return Code.fromAsset(dir, { exclude: ['*', ...files.map((file) => `!${file}`)] });
}

/** Converts kebab-case to PascalCase for construct ids. */
export function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}

/** One LambdaFunction per catalog entry, with exactly the environment and grants the entry lists. */
export class CatalogFunctions extends Construct {
  readonly byName: ReadonlyMap<string, LambdaFunction>;
  readonly logGroups: readonly LogGroup[];

  constructor(scope: Construct, id: string, props: CatalogFunctionsProps) {
    super(scope, id);
    const byName = new Map<string, LambdaFunction>();
    const logGroups: LogGroup[] = [];
    for (const spec of props.specs) {
      const fnId = pascal(spec.name);
      const logGroup = new LogGroup(this, `${fnId}Logs`, {
        retention: props.logRetention ?? RetentionDays.ONE_YEAR,
      });
      // Our own role, so the function can write only to its own log group instead of
      // the account-wide AWSLambdaBasicExecutionRole.
      const role = new Role(this, `${fnId}Role`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `Runs the ${spec.name} function`,
      });
      logGroup.grantWrite(role);
      const fn = new LambdaFunction(this, fnId, {
        description: spec.description,
        code: bundleCode(spec.name, props.bundleDir ?? DEFAULT_BUNDLE_DIR),
        handler: 'index.handler',
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds),
        tracing: Tracing.ACTIVE,
        logGroup,
        role,
        environment: this.environmentOf(spec, props.environment),
      });
      for (const grant of spec.grants) this.applyGrant(grant, fn, props);
      this.acknowledgeGrantWildcards(role, spec, props);
      byName.set(spec.name, fn);
      logGroups.push(logGroup);
    }
    this.byName = byName;
    this.logGroups = logGroups;
  }

  /** The function built for a catalog name, failing loudly on a typo. */
  get(name: string): LambdaFunction {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`No catalog function named ${name}`);
    return fn;
  }

  private environmentOf(
    spec: FunctionSpec,
    values: Partial<Record<EnvName, string>>,
  ): Record<string, string> {
    const environment: Record<string, string> = {};
    for (const name of spec.env) {
      const value = values[name];
      if (value === undefined) {
        throw new Error(
          `Function ${spec.name} needs ${name}, but the stack has no value for it (is the state machine with arnEnv ${name} in the catalog?)`,
        );
      }
      environment[name] = value;
    }
    return environment;
  }

  private applyGrant(grant: Grant, fn: LambdaFunction, props: CatalogFunctionsProps): void {
    const machines = props.stateMachines;
    const requireMachines = () => {
      if (machines.length === 0) {
        throw new Error(`Grant ${grant} on ${fn.node.id} needs a state machine, but the catalog has none`);
      }
    };
    const principal = fn.grantPrincipal;
    switch (grant) {
      case 'table:read':
        props.table.grantReadData(fn);
        return;
      case 'table:write':
        props.table.grantReadWriteData(fn);
        return;
      case 'workflow:start':
        requireMachines();
        principal.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['states:StartExecution'],
            resources: machines.map((name) => stateMachineArn(this, name)),
          }),
        );
        return;
      case 'workflow:callback':
        requireMachines();
        principal.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
            resources: machines.map((name) => stateMachineArn(this, name)),
          }),
        );
        return;
      case 'workflow:read':
        requireMachines();
        principal.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
            resources: machines.map((name) => executionArnPattern(this, name)),
          }),
        );
        principal.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['states:ListExecutions'],
            resources: machines.map((name) => stateMachineArn(this, name)),
          }),
        );
        return;
      case 'mail:send':
        props.grantMailSend(fn);
        return;
      case 'archive:read':
        // GetObject only; ListBucket so that a history not archived yet reads as 404, not 403.
        principal.addToPrincipalPolicy(
          new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.archive.arnForObjects('*')] }),
        );
        principal.addToPrincipalPolicy(
          new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.archive.bucketArn] }),
        );
        return;
      case 'archive:write':
        // PutObject alone: not CDK's grantPut, whose PutObjectRetention and PutObjectLegalHold
        // would let a function change the lock the archive relies on.
        principal.addToPrincipalPolicy(
          new PolicyStatement({ actions: ['s3:PutObject'], resources: [props.archive.arnForObjects('*')] }),
        );
        return;
      case 'evidence:read':
        // A presigned GET is signed with the function's role, so the role must be allowed the GetObject.
        principal.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['s3:GetObject'],
            resources: [props.evidence.arnForObjects('models/*')],
          }),
        );
        return;
      case 'evidence:write':
        // PutObject alone (a presigned POST is one): no DeleteObject, so nothing uploaded is ever removed.
        principal.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['s3:PutObject'],
            resources: [props.evidence.arnForObjects('models/*')],
          }),
        );
        return;
      case 'identity:write':
        // The Admin calls the identity sync makes, on this stack's user pool only.
        principal.addToPrincipalPolicy(
          new PolicyStatement({
            actions: IDENTITY_WRITE_ACTIONS.map((action) => `cognito-idp:${action}`),
            resources: [props.userPoolArn],
          }),
        );
        return;
      default: {
        const unknown: never = grant;
        throw new Error(`Unknown grant ${String(unknown)}`);
      }
    }
  }

  // Each wildcard the grants produce, acknowledged with why it is bounded.
  private acknowledgeGrantWildcards(role: Role, spec: FunctionSpec, props: CatalogFunctionsProps): void {
    const stack = Stack.of(this);
    const acknowledgements: NagAcknowledgement[] = [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions, so active tracing needs Resource *.',
        findings: ['Resource::*'],
      },
    ];
    if (spec.grants.some((grant) => grant.startsWith('table:'))) {
      acknowledgements.push({
        id: 'AwsSolutions-IAM5',
        reason:
          "Every listing is a Query on one of the single table's own GSIs; the wildcard covers only this table's indexes.",
        findings: [`Resource::${nagRef(props.table)}/index/*`],
      });
    }
    if (spec.grants.includes('workflow:read')) {
      acknowledgements.push({
        id: 'AwsSolutions-IAM5',
        reason:
          "Execution ARNs are only known at run time; the wildcard is limited to executions of this stack's own state machines.",
        findings: props.stateMachines.map(
          (name) =>
            `Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stack.stackName}-${name}:*`,
        ),
      });
    }
    if (spec.grants.some((grant) => grant.startsWith('archive:'))) {
      acknowledgements.push({
        id: 'AwsSolutions-IAM5',
        reason:
          'Archived histories are objects named by execution, known only at run time; the /* resource covers only the archive bucket.',
        findings: [`Resource::${nagRef(props.archive)}/*`],
      });
    }
    if (spec.grants.some((grant) => grant.startsWith('evidence:'))) {
      acknowledgements.push({
        id: 'AwsSolutions-IAM5',
        reason:
          "Evidence files are objects named by model and attachment id, known only at run time; the resource covers only the evidence bucket's models/ prefix.",
        findings: [`Resource::${nagRef(props.evidence)}/models/*`],
      });
    }
    acknowledge(role, ...acknowledgements);
  }
}

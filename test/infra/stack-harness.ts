// Builds the stack once per test file and exposes what the assertions need:
// the template, the raw cdk-nag findings and the acknowledgements made.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionSpec, ScheduleSpec, StateMachineSpec } from '../../functions/catalog.ts';
import { type Catalog, DanVanKheoStack } from '../../infra/aws/dan-van-kheo-stack.ts';
import { ENV } from '../../shared/env.ts';

export const MAIL_FROM = 'Văn phòng Đảng ủy <van-phong@stp.example.vn>';
export const ALARM_EMAIL = 'van-hanh@stp.example.vn';
export const STACK_NAME = 'DanVanKheo';

export interface Acknowledged {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

export interface NagViolation {
  readonly ruleName: string;
  readonly severity: string;
  readonly paths: readonly string[];
}

export interface BuiltStack {
  readonly app: App;
  readonly stack: Stack;
  readonly template: Template;
  /** Every acknowledgement the stack made, in order. */
  readonly acknowledged: readonly Acknowledged[];
  /** What cdk-nag finds before any acknowledgement is applied. */
  readonly rawFindings: readonly NagViolation[];
  /** What cdk-nag still reports once the acknowledgements are applied. */
  readonly remaining: readonly NagViolation[];
}

function toViolations(report: ReturnType<AwsSolutionsChecks['validateScope']>): NagViolation[] {
  return report.violations.map((violation) => ({
    ruleName: violation.ruleName,
    severity: violation.severity ?? 'error',
    paths: violation.violatingResources.map((resource) => resource.constructPath ?? '(unknown)'),
  }));
}

/**
 * Builds the stack with acknowledgements recorded but held back, asks cdk-nag
 * for the raw findings, then applies the acknowledgements and asks again.
 * Functions are bundled only when `bundle` is set.
 */
export function buildStack(
  catalog?: Catalog,
  options: { readonly bundle?: boolean; readonly context?: Readonly<Record<string, string>> } = {},
): BuiltStack {
  const acknowledged: Acknowledged[] = [];
  const original = Validations.prototype.acknowledge;
  const held: Array<() => void> = [];
  Validations.prototype.acknowledge = function record(this: Validations, ...rules) {
    const scope = (this as unknown as { scope: { node: { path: string } } }).scope;
    for (const rule of rules) {
      acknowledged.push({ path: scope.node.path, id: rule.id, reason: rule.reason });
      held.push(() => original.call(this, rule));
    }
  };
  const app = new App({
    outdir: mkdtempSync(path.join(tmpdir(), 'dvk-cdk-')),
    // Bundling is the slow part and template tests read only the template; the
    // bundling and synth tests ask for the real bundles.
    context: {
      mailFrom: MAIL_FROM,
      alarmEmail: ALARM_EMAIL,
      ...options.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  let stack: DanVanKheoStack;
  try {
    stack = new DanVanKheoStack(app, STACK_NAME, catalog ? { catalog } : {});
  } finally {
    Validations.prototype.acknowledge = original;
  }
  const rawFindings = toViolations(new AwsSolutionsChecks().validateScope(stack));
  for (const apply of held) apply();
  const remaining = toViolations(new AwsSolutionsChecks().validateScope(stack));
  return { app, stack, template: Template.fromStack(stack), acknowledged, rawFindings, remaining };
}

/** A catalog that exercises every grant, every env name, a state machine and both kinds of schedule target. */
export const fixtureCatalog: Catalog = {
  functions: [
    {
      name: 'list-campaigns',
      description: 'fixture: writer that starts workflows and sends mail',
      memoryMb: 1024,
      timeoutSeconds: 30,
      env: [ENV.tableName, ENV.modelCycleStateMachineArn, ENV.mailFrom, ENV.webUrl, ENV.archiveLocation],
      grants: ['table:read', 'table:write', 'workflow:start', 'mail:send', 'archive:write'],
      routes: [{ method: 'POST', path: '/api/models' }],
    },
    {
      name: 'list-cells',
      description: 'fixture: reader invoked by the workflow',
      memoryMb: 256,
      timeoutSeconds: 20,
      env: [ENV.tableName, ENV.archiveLocation],
      grants: ['table:read', 'workflow:callback', 'workflow:read', 'archive:read'],
      routes: [
        { method: 'GET', path: '/api/models/{id}/history' },
        { method: 'PUT', path: '/api/models/{id}' },
      ],
      invokedBy: 'workflow',
    },
  ] satisfies FunctionSpec[],
  stateMachines: [
    {
      name: 'model-cycle',
      definition: 'test/fixtures/statemachines/fixture-cycle.asl.json',
      functionArns: { ListCellsFunctionArn: 'list-cells', ListCampaignsFunctionArn: 'list-campaigns' },
      arnEnv: ENV.modelCycleStateMachineArn,
    },
  ] satisfies StateMachineSpec[],
  schedules: [
    {
      name: 'periodic-review',
      expression: 'cron(5 0 * * ? *)',
      timeZone: 'Asia/Ho_Chi_Minh',
      target: { stateMachine: 'model-cycle' },
      input: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      name: 'nightly-check',
      expression: 'cron(30 1 * * ? *)',
      timeZone: 'Asia/Ho_Chi_Minh',
      target: { function: 'list-cells' },
      input: { scheduledTime: '<aws.scheduler.scheduled-time>', executionId: '<aws.scheduler.execution-id>' },
    },
  ] satisfies ScheduleSpec[],
};

type Json = Record<string, unknown>;

/** The logical id of the Lambda function built for a catalog name. */
export function functionLogicalId(template: Template, name: string): string {
  const functions = template.findResources('AWS::Lambda::Function');
  const pascal = name.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, letter: string) => letter.toUpperCase());
  const matches = Object.keys(functions).filter(
    (id) => id.startsWith(`Functions${pascal}`) && !id.includes('Role'),
  );
  if (matches.length !== 1) throw new Error(`Expected one function for ${name}, found ${matches.join(', ')}`);
  return matches[0] as string;
}

export interface GrantedStatement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
}

/** Every IAM statement of a function's role, across the role's policies. */
export function statementsOfFunction(template: Template, name: string): GrantedStatement[] {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(template, name)] as Json;
  const roleRef = ((fn.Properties as Json).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const statements: GrantedStatement[] = [];
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy')) as Json[]) {
    const properties = policy.Properties as Json;
    const roles = properties.Roles as Array<{ Ref: string }>;
    if (!roles.some((role) => role.Ref === roleRef)) continue;
    for (const statement of (properties.PolicyDocument as { Statement: Json[] }).Statement) {
      statements.push({
        effect: String(statement.Effect),
        actions: [statement.Action as string | string[]].flat(),
        resources: [statement.Resource].flat(),
      });
    }
  }
  return statements;
}

/** Every IAM action granted to a function's role, across the role's policies. */
export function actionsOfFunction(template: Template, name: string): Set<string> {
  return new Set(statementsOfFunction(template, name).flatMap((statement) => statement.actions));
}

/** Resources of the template as a dependency graph (Ref, Fn::GetAtt, DependsOn), for cycle checks. */
export function findDependencyCycle(template: Template): string[] | undefined {
  const resources = template.toJSON().Resources as Record<string, Json>;
  const ids = new Set(Object.keys(resources));
  const edges = new Map<string, Set<string>>();
  const collect = (value: unknown, into: Set<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) collect(item, into);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'Ref' && typeof inner === 'string' && ids.has(inner)) into.add(inner);
        else if (key === 'Fn::GetAtt' && Array.isArray(inner) && ids.has(String(inner[0])))
          into.add(String(inner[0]));
        else if (key === 'Fn::Sub' && typeof inner === 'string') {
          for (const match of inner.matchAll(/\$\{([A-Za-z0-9]+)(\.[A-Za-z.]+)?\}/g)) {
            if (ids.has(match[1] as string)) into.add(match[1] as string);
          }
        }
        collect(inner, into);
      }
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    const deps = new Set<string>();
    collect(resource.Properties, deps);
    const dependsOn = resource.DependsOn;
    for (const dep of Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : [])
      deps.add(String(dep));
    edges.set(id, deps);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of edges.get(id) ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of ids) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The grants' IAM actions: what each grant must add, and the patterns of everything it may add. */
export const GRANT_ACTIONS: Record<FunctionSpec['grants'][number], { required: string[]; allowed: RegExp }> =
  {
    'table:read': {
      required: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:BatchGetItem'],
      allowed:
        /^dynamodb:(BatchGetItem|GetItem|Query|Scan|ConditionCheckItem|DescribeTable|GetRecords|GetShardIterator)$/,
    },
    'table:write': {
      required: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
      allowed:
        /^dynamodb:(BatchGetItem|GetItem|Query|Scan|ConditionCheckItem|DescribeTable|GetRecords|GetShardIterator|PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/,
    },
    'workflow:start': { required: ['states:StartExecution'], allowed: /^states:StartExecution$/ },
    'workflow:callback': {
      required: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      allowed: /^states:SendTask(Success|Failure|Heartbeat)$/,
    },
    'workflow:read': {
      required: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:ListExecutions'],
      allowed: /^states:(DescribeExecution|GetExecutionHistory|ListExecutions)$/,
    },
    'mail:send': {
      required: ['ses:SendEmail', 'ses:SendRawEmail'],
      allowed: /^ses:(SendEmail|SendRawEmail)$/,
    },
    'archive:read': {
      required: ['s3:GetObject', 's3:ListBucket'],
      allowed: /^s3:(GetObject|ListBucket)$/,
    },
    // PutObject alone: never PutObjectRetention or PutObjectLegalHold on the locked archive.
    'archive:write': { required: ['s3:PutObject'], allowed: /^s3:PutObject$/ },
    // Presigning needs the signer to hold the action: GetObject for downloads, PutObject for uploads; never DeleteObject.
    'evidence:read': { required: ['s3:GetObject'], allowed: /^s3:GetObject$/ },
    'evidence:write': { required: ['s3:PutObject'], allowed: /^s3:PutObject$/ },
    'identity:write': {
      required: [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminAddUserToGroup',
      ],
      allowed:
        /^cognito-idp:(AdminGetUser|AdminCreateUser|AdminUpdateUserAttributes|AdminListGroupsForUser|AdminAddUserToGroup|AdminRemoveUserFromGroup|AdminEnableUser|AdminDisableUser|ListUsers)$/,
    },
  };

/** What an event-invoked function may add: sending its failed events to its own dead-letter queue. */
export const EVENT_DEAD_LETTER_ACTIONS = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

/** What every function may do whatever its grants: write its own logs and traces. */
export const BASELINE_ACTIONS = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
];

/** cdk-nag's findings left unacknowledged, one line each (expected empty). */
export function unacknowledgedFindings(built: BuiltStack): string[] {
  return built.remaining.map(
    (violation) => `${violation.severity} ${violation.ruleName} at ${violation.paths.join(', ')}`,
  );
}

/** Our AwsSolutions acknowledgements, and those of them that match no real finding (expected empty). */
export function acknowledgementsWithoutFinding(built: BuiltStack): {
  ours: Acknowledged[];
  unmatched: Acknowledged[];
} {
  const ours = built.acknowledged.filter((entry) => entry.id.startsWith('AwsSolutions-'));
  const unmatched = ours.filter(
    (entry) =>
      !built.rawFindings.some(
        (finding) =>
          finding.ruleName === entry.id &&
          finding.paths.some((found) => found === entry.path || found.startsWith(`${entry.path}/`)),
      ),
  );
  return { ours, unmatched };
}

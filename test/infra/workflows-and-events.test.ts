import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, schedules, stateMachines, substitute, WRITE_THROTTLE } from '../../functions/catalog.ts';
import { ARCHIVE_RETENTION_DAYS } from '../../infra/aws/constructs/archive-bucket.ts';
import { ENV } from '../../shared/env.ts';
import {
  type BuiltStack,
  buildStack,
  EVENT_DEAD_LETTER_ACTIONS,
  functionLogicalId,
  STACK_NAME,
  statementsOfFunction,
} from './stack-harness.ts';

// One synth of the real catalog for the whole file (no bundling: the template is what is read).
let built: BuiltStack;
beforeAll(() => {
  built = buildStack();
});

type Resource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };

function resourcesOf(type: string): Record<string, Resource> {
  return built.template.findResources(type) as Record<string, Resource>;
}

function stateMachineNamed(name: string): { id: string; properties: Record<string, unknown> } {
  const found = Object.entries(resourcesOf('AWS::StepFunctions::StateMachine')).filter(
    ([, resource]) => resource.Properties.StateMachineName === `${STACK_NAME}-${name}`,
  );
  const [entry] = found;
  if (found.length !== 1 || !entry) throw new Error(`Expected one state machine ${name}`);
  return { id: entry[0], properties: entry[1].Properties };
}

function archiveBucketId(): string {
  const ids = Object.keys(resourcesOf('AWS::S3::Bucket')).filter((id) => id.startsWith('ArchiveBucket'));
  if (ids.length !== 1 || !ids[0]) throw new Error(`Expected one archive bucket, found ${ids.join(', ')}`);
  return ids[0];
}

/** Every `FunctionName` value anywhere in a parsed definition. */
function functionNamesIn(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) functionNamesIn(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'FunctionName' && typeof inner === 'string') into.push(inner);
      else functionNamesIn(inner, into);
    }
  }
  return into;
}

const eventFunctions = functions.filter((spec) => spec.invokedBy === 'event');
const stateMachineArnPattern = (name: string) => `:stateMachine:${STACK_NAME}-${name}`;

describe('the state machines of the real catalog', () => {
  it.each(stateMachines.map((spec) => [spec.name, spec] as const))(
    '%s has every placeholder resolved to the ARN of its catalog function, none left over',
    (name, spec) => {
      // Prepare
      const { template, app } = built;
      const arnOf = (logicalId: string) => `arn:aws:lambda:ap-southeast-1:111122223333:function:${logicalId}`;
      // Act
      const { properties } = stateMachineNamed(name);
      const substitutions = properties.DefinitionSubstitutions as Record<string, { 'Fn::GetAtt': string[] }>;
      const location = properties.DefinitionS3Location as { Key: string };
      const uploaded = readFileSync(path.join(app.outdir, `asset.${location.Key}`), 'utf8');
      const resolved = substitute(
        uploaded,
        Object.fromEntries(
          Object.entries(substitutions).map(([placeholder, value]) => [
            placeholder,
            arnOf(String(value['Fn::GetAtt'][0])),
          ]),
        ),
      );
      // Assess
      expect(JSON.parse(uploaded)).toEqual(JSON.parse(readFileSync(spec.definition, 'utf8')));
      for (const [placeholder, functionName] of Object.entries(spec.functionArns)) {
        expect(substitutions[placeholder]).toEqual({
          'Fn::GetAtt': [functionLogicalId(template, functionName), 'Arn'],
        });
      }
      expect(resolved).not.toContain('${');
      const referenced = new Set(functionNamesIn(JSON.parse(resolved)));
      expect([...referenced].sort()).toEqual(
        [...new Set(Object.values(spec.functionArns))]
          .map((functionName) => arnOf(functionLogicalId(template, functionName)))
          .sort(),
      );
    },
  );

  it.each(stateMachines.map((spec) => [spec.name] as const))(
    '%s is STANDARD with ALL logging including execution data, and tracing',
    (name) => {
      // Prepare
      const { id } = stateMachineNamed(name);
      // Act
      const { properties } = stateMachineNamed(name);
      // Assess
      expect(id).toBeTruthy();
      expect(properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: true,
          Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: expect.anything() } }],
        },
      });
    },
  );

  it.each(stateMachines.map((spec) => [spec.name] as const))(
    '%s raises one alarm on failed, timed-out and aborted executions',
    (name) => {
      // Prepare
      const { id } = stateMachineNamed(name);
      // Act
      const alarms = Object.values(resourcesOf('AWS::CloudWatch::Alarm')).filter((alarm) =>
        JSON.stringify(alarm.Properties.Metrics ?? []).includes(`{"Ref":"${id}"}`),
      );
      const metrics = (alarms[0]?.Properties.Metrics ?? []) as Array<{
        Expression?: string;
        MetricStat?: { Metric: { MetricName: string } };
      }>;
      // Assess
      expect(alarms).toHaveLength(1);
      expect(metrics.find((metric) => metric.Expression)?.Expression).toBe('failed + timedOut + aborted');
      expect(
        metrics.flatMap((metric) => (metric.MetricStat ? [metric.MetricStat.Metric.MetricName] : [])).sort(),
      ).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
      expect(alarms[0]?.Properties.AlarmActions).toHaveLength(1);
    },
  );
});

describe('the daily periodic review schedule', () => {
  it('starts periodic-review at 00:00 Asia/Ho_Chi_Minh, through the function that names it after the day', () => {
    // Prepare
    const starter = functionLogicalId(built.template, 'start-periodic-review');
    // Act
    const found = Object.values(resourcesOf('AWS::Scheduler::Schedule'));
    // Assess
    expect(found).toHaveLength(schedules.length);
    const [schedule] = found.filter(
      (resource) => resource.Properties.Description === 'Catalog schedule daily-periodic-review',
    );
    expect(schedule?.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 0 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [starter, 'Arn'] }, RoleArn: expect.anything() },
    });
    const input = (schedule?.Properties.Target as { Input?: string } | undefined)?.Input ?? '';
    expect(input).toContain('<aws.scheduler.scheduled-time>');
    expect(JSON.parse(input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  });
});

describe('the API stage', () => {
  it('throttles every write route with the catalog’s numbers', () => {
    // Prepare
    const writes = functions.flatMap((spec) => spec.routes ?? []).filter((route) => route.method !== 'GET');
    // Act
    const [stage] = Object.values(resourcesOf('AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties.RouteSettings as Record<string, Record<string, number>>;
    // Assess
    expect(Object.keys(settings).sort()).toEqual(
      writes.map((route) => `${route.method} ${route.path}`).sort(),
    );
    for (const route of writes) {
      expect(settings[`${route.method} ${route.path}`]).toEqual({
        ThrottlingRateLimit: WRITE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: WRITE_THROTTLE.burstLimit,
      });
    }
  });
});

describe('the history archive', () => {
  it('is versioned, under Object Lock in COMPLIANCE mode for ten years, and retained', () => {
    // Prepare
    const id = archiveBucketId();
    // Act
    const bucket = resourcesOf('AWS::S3::Bucket')[id];
    // Assess
    expect(ARCHIVE_RETENTION_DAYS).toBeGreaterThanOrEqual(3650);
    expect(bucket).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: ARCHIVE_RETENTION_DAYS } },
        },
        VersioningConfiguration: { Status: 'Enabled' },
      },
    });
  });

  it.each(functions.filter((spec) => spec.env.includes(ENV.archiveLocation)).map((spec) => [spec.name]))(
    '%s gets ARCHIVE_LOCATION as an s3:// URL of the archive bucket',
    (name) => {
      // Prepare
      const id = archiveBucketId();
      const fn = resourcesOf('AWS::Lambda::Function')[functionLogicalId(built.template, name)];
      // Act
      const environment = fn?.Properties.Environment as { Variables: Record<string, unknown> } | undefined;
      const value = environment?.Variables[ENV.archiveLocation];
      const deployed = JSON.stringify(value)
        .replace(`{"Ref":"${id}"}`, '"dvk-archive-bucket"')
        .replace(/^\{"Fn::Join":\["",\[(.*)\]\]\}$/, '[$1]');
      const url = new URL((JSON.parse(deployed) as string[]).join(''));
      // Assess
      expect(value).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: id }, '/']] });
      expect(url.protocol).toBe('s3:');
      expect(url.hostname).toBe('dvk-archive-bucket');
      expect(url.pathname).toBe('/');
    },
  );
});

describe('event triggers', () => {
  it('has one rule per event-invoked catalog function and no other rule', () => {
    // Prepare
    const { template } = built;
    // Act
    const rules = Object.values(resourcesOf('AWS::Events::Rule'));
    // Assess
    expect(eventFunctions.map((spec) => spec.name)).toContain('archive-history');
    expect(
      rules
        .flatMap((rule) => (rule.Properties.Targets as Array<{ Arn: unknown }>).map((target) => target.Arn))
        .sort(),
    ).toEqual(
      eventFunctions
        .map((spec) => ({ 'Fn::GetAtt': [functionLogicalId(template, spec.name), 'Arn'] }))
        .sort(),
    );
  });

  it.each(eventFunctions.map((spec) => [spec.name, spec] as const))(
    '%s is triggered by its catalog pattern, only for executions of the state machines it names, in the statuses it names (docs.aws.amazon.com/eventbridge/latest/ref/events-ref-states.html)',
    (name, spec) => {
      // Prepare
      const fnId = functionLogicalId(built.template, name);
      // Act
      const [rule] = Object.values(resourcesOf('AWS::Events::Rule')).filter((candidate) =>
        JSON.stringify(candidate.Properties.Targets).includes(`"${fnId}"`),
      );
      const pattern = rule?.Properties.EventPattern as {
        source: string[];
        'detail-type': string[];
        detail: { stateMachineArn: unknown[]; status?: string[] };
      };
      // Assess
      expect(pattern.source).toEqual(spec.eventPattern?.source);
      expect(pattern['detail-type']).toEqual(spec.eventPattern?.detailType);
      expect(pattern.detail.status).toEqual(spec.eventPattern?.statuses);
      const named = stateMachines.filter(
        (machine) => spec.eventPattern?.stateMachines?.includes(machine.name) ?? true,
      );
      expect(pattern.detail.stateMachineArn).toHaveLength(named.length);
      for (const machine of named) {
        expect(
          pattern.detail.stateMachineArn.filter((arn) =>
            JSON.stringify(arn).endsWith(`${stateMachineArnPattern(machine.name)}"]]}`),
          ),
        ).toHaveLength(1);
      }
    },
  );

  it.each(eventFunctions.map((spec) => [spec.name] as const))(
    '%s may be invoked by its rule only, retries, and ends failures in an alarmed, encrypted dead-letter queue',
    (name) => {
      // Prepare
      const fnId = functionLogicalId(built.template, name);
      const ruleEntry = Object.entries(resourcesOf('AWS::Events::Rule')).find(([, candidate]) =>
        JSON.stringify(candidate.Properties.Targets).includes(`"${fnId}"`),
      );
      const [ruleId, rule] = ruleEntry ?? ['', undefined];
      // Act
      const [target] = (rule?.Properties.Targets ?? []) as Array<{
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': string[] } };
        RetryPolicy: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number };
      }>;
      const queueId = String(target?.DeadLetterConfig.Arn['Fn::GetAtt'][0]);
      const permissions = Object.values(resourcesOf('AWS::Lambda::Permission')).filter((permission) =>
        JSON.stringify(permission.Properties.FunctionName).includes(`"${fnId}"`),
      );
      const invokeConfigs = Object.values(resourcesOf('AWS::Lambda::EventInvokeConfig')).filter(
        (config) => JSON.stringify(config.Properties.FunctionName) === JSON.stringify({ Ref: fnId }),
      );
      const queueAlarms = Object.values(resourcesOf('AWS::CloudWatch::Alarm')).filter((alarm) =>
        JSON.stringify(alarm.Properties.Dimensions ?? []).includes(`"${queueId}"`),
      );
      // Assess
      expect(permissions).toHaveLength(1);
      expect(permissions[0]?.Properties).toEqual({
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      });
      expect(target?.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(resourcesOf('AWS::SQS::Queue')[queueId]?.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
      });
      expect(invokeConfigs).toHaveLength(1);
      expect(invokeConfigs[0]?.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
      expect(queueAlarms).toHaveLength(1);
      expect(queueAlarms[0]?.Properties).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 1,
      });
      const queueStatements = statementsOfFunction(built.template, name).filter((statement) =>
        statement.actions.some((action) => action.startsWith('sqs:')),
      );
      expect(queueStatements.flatMap((statement) => statement.actions).sort()).toEqual(
        [...EVENT_DEAD_LETTER_ACTIONS].sort(),
      );
      for (const statement of queueStatements) {
        expect(statement.resources).toEqual([{ 'Fn::GetAtt': [queueId, 'Arn'] }]);
      }
    },
  );
});

describe('least privilege, function by function', () => {
  const writes = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/;
  const archiveObjects = () => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [archiveBucketId(), 'Arn'] }, '/*']] });

  it('review-check can read the table but not write it, nor touch workflows, mail or the archive', () => {
    // Prepare
    const { template } = built;
    // Act
    const actions = statementsOfFunction(template, 'review-check').flatMap((statement) => statement.actions);
    // Assess
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((action) => writes.test(action))).toEqual([]);
    expect(actions.filter((action) => /^(states|ses|s3|sqs):/.test(action))).toEqual([]);
  });

  it("model-history can read executions and the archive's objects, and write nothing", () => {
    // Prepare
    const { template } = built;
    // Act
    const statements = statementsOfFunction(template, 'model-history');
    const actions = statements.flatMap((statement) => statement.actions);
    const history = statements.find((statement) => statement.actions.includes('states:GetExecutionHistory'));
    // Assess
    expect(actions).toEqual(expect.arrayContaining(['states:DescribeExecution', 's3:GetObject']));
    expect(history?.resources).toHaveLength(stateMachines.length);
    for (const machine of stateMachines) {
      expect(JSON.stringify(history?.resources)).toContain(`:execution:${STACK_NAME}-${machine.name}:*`);
    }
    expect(statements.find((statement) => statement.actions.includes('s3:GetObject'))?.resources).toEqual([
      archiveObjects(),
    ]);
    expect(actions.filter((action) => /^s3:(Put|Delete|Abort|Bypass)/.test(action))).toEqual([]);
    expect(actions.filter((action) => writes.test(action))).toEqual([]);
  });

  it('archive-history can put objects into the archive, but not change their lock nor delete them', () => {
    // Prepare
    const { template } = built;
    // Act
    const statements = statementsOfFunction(template, 'archive-history');
    const actions = statements.flatMap((statement) => statement.actions);
    // Assess
    expect(statements.find((statement) => statement.actions.includes('s3:PutObject'))).toEqual({
      effect: 'Allow',
      actions: ['s3:PutObject'],
      resources: [archiveObjects()],
    });
    expect(actions).toContain('states:GetExecutionHistory');
    expect(actions.filter((action) => /^s3:/.test(action)).sort()).toEqual([
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(actions.filter((action) => /^dynamodb:/.test(action))).toEqual([]);
  });

  it('gives no function a way to delete, unlock or re-lock archived histories', () => {
    // Prepare
    const { template } = built;
    // Act
    const risky = functions.flatMap((spec) =>
      statementsOfFunction(template, spec.name)
        .flatMap((statement) => statement.actions)
        .filter((action) =>
          /^s3:(Delete|PutObjectRetention|PutObjectLegalHold|Bypass|PutBucket)/.test(action),
        )
        .map((action) => `${spec.name}: ${action}`),
    );
    // Assess
    expect(risky).toEqual([]);
  });
});

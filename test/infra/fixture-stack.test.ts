import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DanVanKheoStack } from '../../infra/aws/dan-van-kheo-stack.ts';
import { ENV } from '../../shared/env.ts';
import {
  ALARM_EMAIL,
  acknowledgementsWithoutFinding,
  actionsOfFunction,
  BASELINE_ACTIONS,
  type BuiltStack,
  buildStack,
  findDependencyCycle,
  fixtureCatalog,
  functionLogicalId,
  GRANT_ACTIONS,
  MAIL_FROM,
  STACK_NAME,
  unacknowledgedFindings,
} from './stack-harness.ts';

// One synth of the fixture catalog for the whole file: it exercises every
// grant and env name on two functions, and a schedule that targets a function.
let built: BuiltStack;
beforeAll(() => {
  built = buildStack(fixtureCatalog);
});

const [machine] = fixtureCatalog.stateMachines;
if (!machine) throw new Error('the fixture catalog needs a state machine');
const machineName = `${STACK_NAME}-${machine.name}`;

function stateMachineResource(): { id: string; properties: Record<string, unknown> } {
  const [entry] = Object.entries(built.template.findResources('AWS::StepFunctions::StateMachine'));
  if (!entry) throw new Error('no state machine');
  return { id: entry[0], properties: entry[1].Properties };
}

describe('the state machine', () => {
  it('is STANDARD, named for the stack, with ALL logging including data, and tracing', () => {
    // Prepare
    const { template } = built;
    // Act
    const { properties } = stateMachineResource();
    // Assess
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    expect(properties).toMatchObject({
      StateMachineName: machineName,
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: expect.anything() } }],
      },
    });
  });

  it('replaces every placeholder of the definition with the ARN of its catalog function', () => {
    // Prepare
    const { template } = built;
    const definition = readFileSync(machine.definition, 'utf8');
    const placeholders = [...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]);
    // Act
    const { properties } = stateMachineResource();
    // Assess
    expect(Object.keys(properties.DefinitionSubstitutions as object).sort()).toEqual(
      [...new Set(placeholders)].sort(),
    );
    for (const [placeholder, name] of Object.entries(machine.functionArns)) {
      expect((properties.DefinitionSubstitutions as Record<string, unknown>)[placeholder]).toEqual({
        'Fn::GetAtt': [functionLogicalId(template, name), 'Arn'],
      });
    }
    const location = properties.DefinitionS3Location as { Key: string };
    const uploaded = readFileSync(path.join(built.app.outdir, `asset.${location.Key}`), 'utf8');
    expect(JSON.parse(uploaded)).toEqual(JSON.parse(definition));
  });

  it('may invoke exactly the functions its definition references', () => {
    // Prepare
    const { template } = built;
    const { id } = stateMachineResource();
    const roleArn = template.findResources('AWS::StepFunctions::StateMachine')[id]?.Properties.RoleArn;
    const roleId = (roleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    // Act
    const invokeStatements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement: { Action: string | string[] }) =>
        [statement.Action].flat().includes('lambda:InvokeFunction'),
      );
    const invoked = new Set(
      invokeStatements.flatMap((statement: { Resource: unknown[] }) =>
        statement.Resource.map(
          (resource) => JSON.stringify(resource).match(/"(Functions[A-Za-z0-9]+)"/)?.[1],
        ),
      ),
    );
    // Assess
    expect([...invoked].sort()).toEqual(
      [...new Set(Object.values(machine.functionArns))]
        .map((name) => functionLogicalId(template, name))
        .sort(),
    );
  });

  it('raises an alarm on failed, timed-out or aborted executions', () => {
    // Prepare
    const { template } = built;
    // Act
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) =>
      (alarm.Properties.Metrics ?? []).some(
        (metric: { Expression?: string }) => metric.Expression === 'failed + timedOut + aborted',
      ),
    );
    // Assess
    expect(alarms).toHaveLength(1);
    const metricNames = alarms[0]?.Properties.Metrics.filter(
      (metric: { MetricStat?: unknown }) => metric.MetricStat,
    ).map(
      (metric: { MetricStat: { Metric: { MetricName: string } } }) => metric.MetricStat.Metric.MetricName,
    );
    expect(metricNames.sort()).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
  });
});

describe('the schedules', () => {
  it('start the state machine daily in Asia/Ho_Chi_Minh, on time, with the catalog input', () => {
    // Prepare
    const { template } = built;
    const { id } = stateMachineResource();
    const spec = fixtureCatalog.schedules[0];
    // Act
    const schedules = template.findResources('AWS::Scheduler::Schedule', {
      Properties: { ScheduleExpression: spec?.expression },
    });
    // Assess
    expect(Object.values(schedules)).toHaveLength(1);
    expect(Object.values(schedules)[0]?.Properties).toMatchObject({
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: { Ref: id }, RoleArn: expect.anything(), Input: JSON.stringify(spec?.input) },
    });
  });

  it('give each schedule a role that may only start its own target and fill its dead-letter queue', () => {
    // Prepare
    const { template } = built;
    // Act
    const policies = Object.values(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^Schedules') }] },
      }),
    );
    const statements = policies.map((policy) => policy.Properties.PolicyDocument.Statement);
    // Assess
    expect(policies).toHaveLength(fixtureCatalog.schedules.length);
    expect(
      statements
        .flat()
        .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat())
        .sort(),
    ).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage', 'sqs:SendMessage', 'states:StartExecution']);
  });

  it('can target a function directly', () => {
    // Prepare
    const { template } = built;
    const spec = fixtureCatalog.schedules[1];
    const target = spec && 'function' in spec.target ? spec.target.function : '';
    // Act
    const schedules = template.findResources('AWS::Scheduler::Schedule', {
      Properties: { ScheduleExpression: spec?.expression },
    });
    // Assess
    expect(Object.values(schedules)[0]?.Properties.Target.Arn).toEqual({
      'Fn::GetAtt': [functionLogicalId(template, target), 'Arn'],
    });
  });
});

describe('functions built from the fixture catalog', () => {
  it('resolve every environment name: table, state machine ARN, sender, web URL and archive', () => {
    // Prepare
    const { template } = built;
    const [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    // Act
    const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(template, 'list-campaigns')];
    const variables = fn?.Properties.Environment.Variables;
    // Assess
    expect(variables[ENV.tableName]).toEqual({ Ref: tableId });
    expect(variables[ENV.mailFrom]).toBe(MAIL_FROM);
    expect(variables[ENV.webUrl]).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
    });
    expect(variables[ENV.archiveLocation]).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: expect.stringMatching(/^ArchiveBucket/) }, '/']],
    });
    expect(JSON.stringify(variables[ENV.modelCycleStateMachineArn])).toContain(
      `:stateMachine:${machineName}`,
    );
  });

  it.each(fixtureCatalog.functions.map((spec) => [spec.name, spec] as const))(
    '%s may do exactly what its catalog grants say',
    (name, spec) => {
      // Prepare
      const { template } = built;
      // Act
      const actions = actionsOfFunction(template, name);
      // Assess
      for (const grant of spec.grants) {
        for (const action of GRANT_ACTIONS[grant].required) expect(actions).toContain(action);
      }
      const unexplained = [...actions].filter(
        (action) =>
          !BASELINE_ACTIONS.includes(action) &&
          !spec.grants.some((grant) => GRANT_ACTIONS[grant].allowed.test(action)),
      );
      expect(unexplained).toEqual([]);
    },
  );

  it('grant workflow actions on the state machine the stack creates', () => {
    // Prepare
    const { template } = built;
    // Act
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement: { Action: string | string[] }) =>
        [statement.Action].flat().some((action) => /^states:(StartExecution|SendTask)/.test(action)),
      )
      .filter((statement: { Resource: Record<string, unknown> }) => !('Ref' in statement.Resource));
    // Assess
    expect(statements.length).toBeGreaterThanOrEqual(2);
    for (const statement of statements)
      expect(JSON.stringify(statement.Resource)).toContain(`:stateMachine:${machineName}`);
  });

  it('has no dependency cycle even though the workflow invokes a function that starts it', () => {
    // Prepare
    const { template } = built;
    // Act
    const cycle = findDependencyCycle(template);
    // Assess
    expect(cycle).toBeUndefined();
  });

  it('fail synth loudly when a function needs a variable nothing provides', () => {
    // Prepare
    const app = new App({ context: { mailFrom: MAIL_FROM, alarmEmail: ALARM_EMAIL } });
    const catalog = { ...fixtureCatalog, stateMachines: [], schedules: [] };
    // Act
    const build = () => new DanVanKheoStack(app, STACK_NAME, { catalog });
    // Assess
    expect(build).toThrow(/MODEL_CYCLE_STATE_MACHINE_ARN/);
  });
});

describe('cdk-nag AwsSolutions on the fixture catalog', () => {
  it('reports no error and no warning', () => {
    // Act
    const summary = unacknowledgedFindings(built);
    // Assess
    expect(summary).toEqual([]);
  });

  it('acknowledges only findings that exist, each with a written reason', () => {
    // Act
    const { ours, unmatched } = acknowledgementsWithoutFinding(built);
    // Assess
    expect(unmatched).toEqual([]);
    for (const entry of ours) expect(entry.reason.length).toBeGreaterThanOrEqual(40);
  });
});

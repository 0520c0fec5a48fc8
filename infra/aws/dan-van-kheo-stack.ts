import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import type { FunctionSpec, ScheduleSpec, StateMachineSpec } from '../../functions/catalog.ts';
import * as catalog from '../../functions/catalog.ts';
import { ENV, type EnvName } from '../../shared/env.ts';
import { Alarms } from './constructs/alarms.ts';
import { ArchiveBucket } from './constructs/archive-bucket.ts';
import { AuditorRole } from './constructs/auditor-role.ts';
import { CatalogFunctions, pascal } from './constructs/catalog-functions.ts';
import { CostBudget } from './constructs/cost-budget.ts';
import { DataTable } from './constructs/data-table.ts';
import { EventTriggers } from './constructs/event-triggers.ts';
import { EvidenceBucket } from './constructs/evidence-bucket.ts';
import { HttpApi } from './constructs/http-api.ts';
import { Identity } from './constructs/identity.ts';
import { LogBucket } from './constructs/log-bucket.ts';
import { Mail } from './constructs/mail.ts';
import { Schedules } from './constructs/schedules.ts';
import { stateMachineArn } from './constructs/state-machine-names.ts';
import { WebHosting } from './constructs/web-hosting.ts';
import { Workflows } from './constructs/workflows.ts';
import { acknowledge, nagRef } from './nag.ts';

/** The slice of functions/catalog.ts the stack is built from. */
export interface Catalog {
  readonly functions: readonly FunctionSpec[];
  readonly stateMachines: readonly StateMachineSpec[];
  readonly schedules: readonly ScheduleSpec[];
}

export interface DanVanKheoStackProps extends StackProps {
  /** Defaults to the real catalog; tests pass fixtures that exercise workflows and schedules. */
  readonly catalog?: Catalog;
  /** The SES sender; defaults to the `mailFrom` context. */
  readonly mailFrom?: string;
  /** Optional custom domain of the web and its us-east-1 ACM certificate; default the `webDomain`/`webCertificateArn` context. */
  readonly webDomain?: string;
  readonly webCertificateArn?: string;
  /** The hosted UI's domain prefix; defaults to the `authDomainPrefix` context, else one derived from the account. */
  readonly authDomainPrefix?: string;
  /** Who receives alarms; defaults to the `alarmEmail` context. */
  readonly alarmEmail?: string;
  /** A domain whose SES identity the stack creates (Easy DKIM); defaults to the `mailDomain` context. */
  readonly mailDomain?: string;
  /** The monthly cost budget in US dollars; defaults to the `monthlyBudgetUsd` context, else 30. */
  readonly monthlyBudgetUsd?: number;
}

/** What a deployment must be told, with the way to tell it. */
export class MissingDeploymentSettingError extends Error {
  constructor(missing: readonly string[]) {
    super(
      [
        `Missing deployment setting${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
        'Give them as context, e.g.',
        '  npx cdk deploy -c mailFrom="Văn phòng Đảng ủy <van-phong@your-domain.vn>" -c alarmEmail=ops@your-domain.vn',
        'or in cdk.json\'s "context". mailFrom is the sender (an address verified in SES, or one of -c mailDomain=…);',
        'alarmEmail receives the alarms, the budget warnings and the bounce notices.',
      ].join('\n'),
    );
    this.name = 'MissingDeploymentSettingError';
  }
}

/** The whole system on AWS, built from the catalog. */
export class DanVanKheoStack extends Stack {
  readonly functions: CatalogFunctions;
  readonly workflows: Workflows;

  constructor(scope: Construct, id: string, props: DanVanKheoStackProps = {}) {
    super(scope, id, props);
    const cat = props.catalog ?? catalog;
    const context = (key: string): string | undefined => {
      const value: unknown = this.node.tryGetContext(key);
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const mailFrom = props.mailFrom ?? context('mailFrom');
    const alarmEmail = props.alarmEmail ?? context('alarmEmail');
    const missing = [...(mailFrom ? [] : ['mailFrom']), ...(alarmEmail ? [] : ['alarmEmail'])];
    if (!mailFrom || !alarmEmail) throw new MissingDeploymentSettingError(missing);
    const budgetContext = context('monthlyBudgetUsd');
    const monthlyBudgetUsd = props.monthlyBudgetUsd ?? (budgetContext ? Number(budgetContext) : 30);

    const table = new DataTable(this, 'Data').table;
    const accessLogs = new LogBucket(this, 'AccessLogs').bucket;
    const archiveBucket = new ArchiveBucket(this, 'ArchiveBucket', { accessLogs });
    const archive = archiveBucket.bucket;
    const webDomain = props.webDomain ?? context('webDomain');
    const webCertificateArn = props.webCertificateArn ?? context('webCertificateArn');
    const web = new WebHosting(this, 'Web', {
      accessLogs,
      ...(webDomain ? { domainName: webDomain } : {}),
      ...(webCertificateArn ? { certificateArn: webCertificateArn } : {}),
    });
    const evidence = new EvidenceBucket(this, 'EvidenceBucket', { accessLogs, webOrigin: web.url }).bucket;
    const authDomainPrefix = props.authDomainPrefix ?? context('authDomainPrefix');
    const alarms = new Alarms(this, 'Alarms', { email: alarmEmail });
    const mailDomain = props.mailDomain ?? context('mailDomain');
    const mail = new Mail(this, 'Mail', {
      mailFrom,
      feedbackEmail: alarmEmail,
      alarms,
      ...(mailDomain ? { domain: mailDomain } : {}),
    });
    const identity = new Identity(this, 'Identity', {
      webUrl: web.url,
      ...(authDomainPrefix ? { domainPrefix: authDomainPrefix } : {}),
      mailFrom,
      configurationSetName: mail.configurationSet.configurationSetName,
    });
    new CostBudget(this, 'Budget', { monthlyUsd: monthlyBudgetUsd, email: alarmEmail });
    alarms.watchTable('Data', table);

    const environment: Partial<Record<EnvName, string>> = {
      [ENV.tableName]: table.tableName,
      [ENV.mailFrom]: mail.mailFrom,
      [ENV.mailConfigurationSet]: mail.configurationSet.configurationSetName,
      [ENV.webUrl]: web.url,
      [ENV.archiveLocation]: archiveBucket.location,
      [ENV.evidenceBucket]: evidence.bucketName,
      [ENV.userPoolId]: identity.userPool.userPoolId,
    };
    for (const spec of cat.stateMachines) {
      if (spec.arnEnv) environment[spec.arnEnv] = stateMachineArn(this, spec.name);
    }
    const stateMachineNames = cat.stateMachines.map((spec) => spec.name);
    this.functions = new CatalogFunctions(this, 'Functions', {
      specs: cat.functions,
      environment,
      table,
      archive,
      evidence,
      grantMailSend: (fn) => mail.grantSend(fn),
      userPoolArn: identity.userPool.userPoolArn,
      stateMachines: stateMachineNames,
    });
    for (const [name, fn] of this.functions.byName) alarms.watchFunction(pascal(name), fn);
    const functionNamed = (name: string) => this.functions.get(name);

    const api = new HttpApi(this, 'Http', {
      specs: cat.functions,
      functionNamed,
      issuer: identity.issuerUrl,
      audience: [identity.webClient.userPoolClientId],
      allowOrigin: web.url,
    });
    alarms.watchApi('Api', api.api);
    this.workflows = new Workflows(this, 'Workflows', { specs: cat.stateMachines, functionNamed, alarms });
    new Schedules(this, 'Schedules', {
      alarms,
      specs: cat.schedules,
      functionNamed,
      stateMachineNamed: (name) => this.workflows.get(name),
    });
    new EventTriggers(this, 'Events', {
      specs: cat.functions,
      functionNamed,
      stateMachines: stateMachineNames,
      alarms,
    });
    const auditor = new AuditorRole(this, 'Auditor', {
      table,
      archive,
      stateMachines: stateMachineNames,
      logGroups: [...this.functions.logGroups, ...this.workflows.logGroups],
    });

    web.publish({
      apiUrl: api.url,
      region: this.region,
      userPoolId: identity.userPool.userPoolId,
      userPoolClientId: identity.webClient.userPoolClientId,
      authUrl: identity.domain.baseUrl(),
    });
    this.acknowledgeCdkInternals(web.bucket);

    new CfnOutput(this, 'WebUrl', { value: web.url });
    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'WebClientId', { value: identity.webClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'ArchiveBucketName', { value: archive.bucketName });
    new CfnOutput(this, 'AuditorRoleArn', { value: auditor.role.roleArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
  }

  // Singletons CDK adds at the stack's root (the BucketDeployment handler) cannot
  // be reached from the construct that caused them.
  private acknowledgeCdkInternals(webBucket: IConstruct): void {
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      acknowledge(
        child,
        {
          id: 'AwsSolutions-IAM4',
          reason:
            "CDK's BucketDeployment handler uses AWSLambdaBasicExecutionRole only to write its own logs; it runs at deploy time, never on a request path.",
          findings: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "CDK's BucketDeployment copies the staged web assets into the web bucket: it needs CDK's object-level action groups on the asset bucket's and the web bucket's objects, and CloudFront invalidation, which has no resource-level permission in CDK's grant.",
          findings: [
            'Action::s3:GetObject*',
            'Action::s3:GetBucket*',
            'Action::s3:List*',
            'Action::s3:DeleteObject*',
            'Action::s3:Abort*',
            'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
            `Resource::${nagRef(webBucket)}/*`,
            'Resource::*',
          ],
        },
        {
          id: 'AwsSolutions-L1',
          reason:
            "The BucketDeployment handler's runtime is chosen by aws-cdk-lib and updated with it; it runs only while deploying.",
        },
      );
    }
  }
}

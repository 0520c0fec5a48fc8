import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCors, functions } from '../../functions/catalog.ts';
import { TABLE_DEFINITION } from '../../shared/data/table-definition.ts';
import { ROLES } from '../../shared/domain/roles.ts';
import {
  acknowledgementsWithoutFinding,
  actionsOfFunction,
  BASELINE_ACTIONS,
  type BuiltStack,
  buildStack,
  EVENT_DEAD_LETTER_ACTIONS,
  findDependencyCycle,
  functionLogicalId,
  GRANT_ACTIONS,
  MAIL_FROM,
  statementsOfFunction,
  unacknowledgedFindings,
} from './stack-harness.ts';

// One synth of the real catalog for the whole file: bundling is the slow part.
let built: BuiltStack;
beforeAll(() => {
  built = buildStack();
});

describe('the data table', () => {
  it('has the shared key schema, on-demand billing, PITR and deletion protection', () => {
    // Prepare
    const { template } = built;
    // Act
    const tables = template.findResources('AWS::DynamoDB::Table');
    // Assess
    expect(Object.keys(tables)).toHaveLength(1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: TABLE_DEFINITION.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    // Prepare
    const { template } = built;
    // Act
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
    // Assess
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the catalog functions', () => {
  it.each(functions.map((spec) => [spec.name, spec] as const))(
    '%s runs on nodejs24.x arm64 with its memory, timeout, tracing and exactly its env',
    (name, spec) => {
      // Prepare
      const { template } = built;
      // Act
      const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId(template, name)];
      // Assess
      expect(fn?.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
      const variables = (fn?.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      expect(Object.keys(variables).sort()).toEqual([...spec.env].sort());
    },
  );

  it('has one function per catalog entry plus only the web deployment handler', () => {
    // Prepare
    const { template } = built;
    // Act
    const ids = Object.keys(template.findResources('AWS::Lambda::Function'));
    // Assess
    expect(ids.filter((id) => id.startsWith('Functions'))).toHaveLength(functions.length);
    expect(
      ids
        .filter((id) => !id.startsWith('Functions'))
        .every((id) => id.startsWith('CustomCDKBucketDeployment')),
    ).toBe(true);
  });

  it.each(functions.map((spec) => [spec.name, spec] as const))(
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
      const plumbing = spec.invokedBy === 'event' ? EVENT_DEAD_LETTER_ACTIONS : [];
      const unexplained = [...actions].filter(
        (action) =>
          !BASELINE_ACTIONS.includes(action) &&
          !plumbing.includes(action) &&
          !spec.grants.some((grant) => GRANT_ACTIONS[grant].allowed.test(action)),
      );
      expect(unexplained).toEqual([]);
    },
  );

  it('gives list-cells no write action of any kind', () => {
    // Prepare
    const { template } = built;
    // Act
    const actions = [...actionsOfFunction(template, 'list-cells')];
    // Assess
    expect(
      actions.filter(
        (action) => /Put|Update|Delete|Write|Send|Start/.test(action) && !BASELINE_ACTIONS.includes(action),
      ),
    ).toEqual([]);
  });
});

describe('the HTTP API', () => {
  const routes = functions.flatMap((spec) =>
    (spec.routes ?? []).map((route) => `${route.method} ${route.path}`),
  );

  it('exposes every catalog route behind the Cognito JWT authorizer, and no other route', () => {
    // Prepare
    const { template } = built;
    // Act
    const found = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    // Assess
    expect(found.map((route) => route.Properties.RouteKey).sort()).toEqual([...routes].sort());
    for (const route of found) {
      expect(route.Properties).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: expect.any(String) },
      });
    }
  });

  it('verifies tokens from the user pool for the web client, read from the Authorization header', () => {
    // Prepare
    const { template } = built;
    // Act
    const [clientId] = Object.keys(template.findResources('AWS::Cognito::UserPoolClient'));
    const [userPoolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: {
          'Fn::Join': [
            '',
            [
              'https://cognito-idp.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
              '/',
              { Ref: userPoolId },
            ],
          ],
        },
      },
    });
  });

  it('allows CORS only from the CloudFront origin, with the catalog headers and methods', () => {
    // Prepare
    const { template } = built;
    // Act
    const [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }],
        AllowHeaders: [...apiCors.allowHeaders],
        AllowMethods: [...apiCors.allowMethods],
        MaxAge: apiCors.maxAgeSeconds,
      },
    });
  });

  it('logs every request and throttles the stage', () => {
    // Prepare
    const { template } = built;
    // Act
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    // Assess
    expect(stage?.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: expect.anything(), Format: expect.stringContaining('requestId') },
      DefaultRouteSettings: {
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      },
    });
    expect(JSON.parse(stage?.Properties.AccessLogSettings.Format)).toHaveProperty(
      'routeKey',
      '$context.routeKey',
    );
  });
});

describe('identity', () => {
  it('is a closed pool with MFA, one group per role and the personId and cellId attributes', () => {
    // Prepare
    const { template } = built;
    // Act
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup'));
    // Assess
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual([...ROLES].sort());
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'personId', AttributeDataType: 'String' }),
        Match.objectLike({ Name: 'cellId', AttributeDataType: 'String' }),
      ]),
    });
  });

  it('gives the web an authorization-code client that cannot rewrite custom:personId', () => {
    // Prepare
    const { template } = built;
    // Act
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    // Assess
    expect(client?.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      ReadAttributes: expect.arrayContaining(['custom:personId', 'custom:cellId']),
    });
    expect(client?.Properties.WriteAttributes).not.toContain('custom:personId');
    expect(client?.Properties.WriteAttributes).not.toContain('custom:cellId');
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });
});

describe('mail and web hosting', () => {
  it('refers to the verified SES identity of the mailFrom address instead of creating one', () => {
    // Prepare
    const { template } = built;
    // Act
    const identities = Object.values(template.findResources('AWS::SES::EmailIdentity'));
    const sender = functions.find((spec) => spec.grants.includes('mail:send'));
    const statements = statementsOfFunction(template, sender?.name ?? '');
    const mail = statements.find((statement) => statement.actions.includes('ses:SendEmail'));
    // Assess
    expect(identities).toEqual([]);
    const resources = JSON.stringify(mail?.resources);
    expect(resources).toContain(':identity/van-phong@stp.example.vn');
    expect(resources).toContain(':identity/stp.example.vn');
    expect(resources).toContain(':configuration-set/');
    expect(MAIL_FROM).toContain('van-phong@stp.example.vn');
  });

  it('serves web/ from a private bucket through CloudFront with origin access control', () => {
    // Prepare
    const { template } = built;
    // Act
    const [oacId] = Object.keys(template.findResources('AWS::CloudFront::OriginAccessControl'));
    // Assess
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: [Match.objectLike({ OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] } })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        // An unknown address (a private bucket says 403) gets the site's Vietnamese 404 page.
        CustomErrorResponses: [403, 404].map((code) =>
          Match.objectLike({ ErrorCode: code, ResponseCode: 404, ResponsePagePath: '/404.html' }),
        ),
      }),
    });
    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  it('sends the pages’ strict CSP, nosniff, no referrer, HSTS and no framing from a custom response headers policy', () => {
    // Prepare
    const { template } = built;
    // Act
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const [policyId] = Object.keys(policies);
    const properties = (policies[policyId ?? '']?.Properties ?? {}) as Record<string, unknown>;
    const config = properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
    const security = config.SecurityHeadersConfig;
    const csp = JSON.stringify(security.ContentSecurityPolicy?.ContentSecurityPolicy);
    // Assess
    expect(Object.keys(policies)).toHaveLength(1);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "connect-src 'self' https://*.execute-api.",
      'https://cognito-idp.',
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(security.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 31_536_000,
      IncludeSubdomains: true,
      Override: true,
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ResponseHeadersPolicyId: { Ref: policyId } }),
      }),
    });
  });

  it('denies every non-TLS request to every bucket', () => {
    // Prepare
    const { template } = built;
    // Act
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    // Assess
    expect(policies).toHaveLength(Object.keys(template.findResources('AWS::S3::Bucket')).length);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('operations', () => {
  it('alarms on errors of every function, ten to an alarm, to an encrypted topic', () => {
    // Prepare
    const { template } = built;
    // Act
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    // Assess: every function's Errors metric is in one alarm's math, which names it.
    const errorAlarms = alarms.filter((alarm) =>
      String(alarm.Properties.AlarmDescription).startsWith('One of these functions reported errors'),
    );
    const watched = errorAlarms.flatMap((alarm) =>
      alarm.Properties.Metrics.filter(
        (query: { MetricStat?: { Metric: { MetricName: string } } }) =>
          query.MetricStat?.Metric.MetricName === 'Errors',
      ),
    );
    expect(watched).toHaveLength(functions.length);
    expect(errorAlarms).toHaveLength(Math.ceil(functions.length / 10));
    for (const alarm of errorAlarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    // CloudFormation refuses a stack of more than 500 resources.
    expect(Object.keys(template.toJSON().Resources).length).toBeLessThanOrEqual(500);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('has a read-only auditor role', () => {
    // Prepare
    const { template } = built;
    // Act
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { Description: Match.stringLikeRegexp('^Read-only access for auditors') },
    });
    const [roleId] = Object.keys(roles);
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) =>
        policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => s.Action),
      );
    // Assess
    expect(Object.keys(roles)).toHaveLength(1);
    expect(actions).toContain('dynamodb:Query');
    expect(actions).toContain('s3:GetObject*');
    expect(
      actions.filter((action: string) => /Put|Update|Delete|Write|Send|Start|Create/.test(action)),
    ).toEqual([]);
  });

  it('has no dependency cycle CloudFormation would refuse', () => {
    // Prepare
    const { template } = built;
    // Act
    const cycle = findDependencyCycle(template);
    // Assess
    expect(cycle).toBeUndefined();
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('leaves CDK itself with no error or warning annotation', () => {
    // Prepare
    const annotations = Annotations.fromStack(built.stack);
    // Act
    const errors = annotations.findError('*', Match.anyValue());
    const warnings = annotations.findWarning('*', Match.anyValue());
    // Assess
    expect([...errors, ...warnings]).toEqual([]);
  });

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
    expect(ours.length).toBeGreaterThan(0);
    expect(unmatched).toEqual([]);
    for (const entry of ours) expect(entry.reason.length).toBeGreaterThanOrEqual(40);
  });
});

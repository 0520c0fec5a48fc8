import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi as CdkHttpApi,
  type CfnStage,
  CorsHttpMethod,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiCors, type FunctionSpec, routeThrottle } from '../../../functions/catalog.ts';
import { pascal } from './catalog-functions.ts';

export interface HttpApiProps {
  readonly specs: readonly FunctionSpec[];
  readonly functionNamed: (name: string) => IFunction;
  /** The user pool's issuer URL. */
  readonly issuer: string;
  /** The app client ids whose tokens are accepted. */
  readonly audience: readonly string[];
  /** The web's origin, the only one CORS lets call the API from a browser. */
  readonly allowOrigin: string;
  /** Steady-state requests per second across the API; bursts above it get 429. */
  readonly rateLimit?: number;
  readonly burstLimit?: number;
  readonly logRetention?: RetentionDays;
}

function corsMethod(method: string): CorsHttpMethod {
  const value = Object.values(CorsHttpMethod).find((candidate) => candidate === method);
  if (!value) throw new Error(`apiCors lists ${method}, which HTTP APIs cannot allow`);
  return value;
}

/** The HTTP API: every catalog route behind the Cognito JWT authorizer, with CORS and access logs. */
export class HttpApi extends Construct {
  readonly api: CdkHttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const authorizer = new HttpJwtAuthorizer('Cognito', props.issuer, {
      jwtAudience: [...props.audience],
      identitySource: ['$request.header.Authorization'],
    });
    this.api = new CdkHttpApi(this, 'Api', {
      apiName: 'dan-van-kheo',
      description: 'Dân vận khéo API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.allowOrigin],
        allowHeaders: [...apiCors.allowHeaders],
        allowMethods: apiCors.allowMethods.map(corsMethod),
        exposeHeaders: [...apiCors.exposeHeaders],
        maxAge: Duration.seconds(apiCors.maxAgeSeconds),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            subject: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
    // RouteSettings is plain JSON in CloudFormation's schema: CDK passes its keys through as written.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    for (const spec of props.specs) {
      if (!spec.routes?.length) continue;
      const integration = new HttpLambdaIntegration(
        `${pascal(spec.name)}Integration`,
        props.functionNamed(spec.name),
      );
      for (const route of spec.routes) {
        const added = this.api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          authorizer,
        });
        const throttle = routeThrottle(route);
        if (!throttle) continue;
        routeSettings[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: throttle.rateLimit,
          ThrottlingBurstLimit: throttle.burstLimit,
        };
        // A stage's route settings may name only routes that exist already.
        for (const created of added) cfnStage.node.addDependency(created);
      }
    }
    cfnStage.routeSettings = routeSettings;
  }

  /** The API's base URL. */
  get url(): string {
    return this.api.apiEndpoint;
  }
}

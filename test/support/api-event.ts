import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';

/** An HTTP API (payload 2.0) event as API Gateway hands it over after the JWT authorizer. */
export function apiEvent(options: {
  method: string;
  path: string;
  routeKey?: string;
  body?: string;
  personId?: string;
  groups?: string[];
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  headers?: Record<string, string>;
  at?: string;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const timeEpoch = Date.parse(options.at ?? '2016-10-03T01:00:00Z');
  return {
    version: '2.0',
    routeKey: options.routeKey ?? `${options.method} ${options.path}`,
    rawPath: options.path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
    ...(options.queryStringParameters ? { queryStringParameters: options.queryStringParameters } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: {
            ...(options.personId ? { 'custom:personId': options.personId } : {}),
            // A Cognito ID token's claims, as the authorizer hands them over (numbers as strings).
            iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test',
            aud: 'web-client',
            token_use: 'id',
            // Tokens expire in real time, whatever the request's clock.
            exp: String(Math.floor(Date.now() / 1000) + 3600),
            'cognito:username': options.personId ?? 'nobody',
            // API Gateway hands array claims over as "[a b]".
            'cognito:groups': `[${(options.groups ?? []).join(' ')}]`,
          },
          scopes: [],
        },
      },
      domainName: 'api.example',
      domainPrefix: 'api',
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: 'req-1',
      routeKey: options.routeKey ?? `${options.method} ${options.path}`,
      stage: '$default',
      time: '',
      timeEpoch,
    },
    isBase64Encoded: false,
    ...(options.body !== undefined ? { body: options.body } : {}),
  };
}

/** A Lambda context good enough for middy and Powertools. */
export const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/test',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

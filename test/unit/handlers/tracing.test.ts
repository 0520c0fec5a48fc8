// The X-Ray tracer comes with the handler shell: a function's SDK clients are
// traced, while a process that loads no handler builds them plain.
import { afterEach, describe, expect, it, vi } from 'vitest';

type Stacked = { middlewareStack: { identify(): string[] } };

/** Every client shared/aws builds, from freshly loaded modules. */
async function clients(): Promise<Record<string, Stacked>> {
  const [dynamodb, sfn, ses, s3, cognito] = await Promise.all([
    import('../../../shared/aws/dynamodb.ts'),
    import('../../../shared/aws/sfn.ts'),
    import('../../../shared/aws/ses.ts'),
    import('../../../shared/aws/s3.ts'),
    import('../../../shared/aws/cognito.ts'),
  ]);
  return {
    dynamodb: dynamodb.dynamoDocumentClient(),
    sfn: (await sfn.stepFunctions()).client,
    ses: ses.sesClient(),
    s3: (await s3.s3()).client,
    cognito: cognito.cognitoClient(),
  };
}

const traced = (client: Stacked) =>
  client.middlewareStack.identify().some((name) => name.startsWith('XRaySDK'));

describe('tracing the SDK clients (docs.aws.amazon.com/powertools/typescript/latest/api/modules/_aws-lambda-powertools_tracer.html)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('captures every client a Lambda function builds once its handler shell is loaded', async () => {
    // Prepare: as on Lambda, where the tracer is enabled
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('AWS_REGION', 'us-east-1');
    await import('../../../shared/handler-shell.ts');
    // Act
    const built = await clients();
    // Assess
    expect(Object.entries(built).map(([name, client]) => [name, traced(client)])).toEqual([
      ['dynamodb', true],
      ['sfn', true],
      ['ses', true],
      ['s3', true],
      ['cognito', true],
    ]);
  });

  it('builds them plain where no handler shell is loaded (the embedded runtime reading its own data)', async () => {
    // Prepare
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('AWS_REGION', 'us-east-1');
    // Act
    const built = await clients();
    // Assess
    expect(Object.values(built).some(traced)).toBe(false);
  });
});

// The embedded runtime: DynamoDB (dynalite), the Step Functions engine, SES, Cognito,
// the scheduler and the API Gateway stand-in, all on 127.0.0.1, wired from
// the catalog, with data under one folder kept across restarts.

import { type FSWatcher, watch } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { type FunctionSpec, functions, schedules, stateMachines } from '../../functions/catalog.ts';
import { attributesOf, directoryUserOf } from '../../shared/domain/identity-sync.ts';
import { ENV, type EnvName } from '../../shared/env.ts';
import { type BundleReport, createBundleCache, sourceUrl } from '../aws/bundle-cache.ts';
import { createApiGateway } from './api-gateway.ts';
import { LOCAL_USER_POOL_ID, startCognito } from './cognito.ts';
import { createControlRoutes, listPeople } from './control-routes.ts';
import { lockDataFolder } from './data-lock.ts';
import { ensureTable, localCredentials, startDynamo } from './dynamodb.ts';
import { createEventBus } from './event-bus.ts';
import { createLocalIdentity, type LocalIdentity } from './identity.ts';
import { createLambdaRuntime } from './lambda-runtime.ts';
import { assertPortsFree, listen } from './listen.ts';
import { startS3 } from './s3.ts';
import { createScheduler } from './scheduler.ts';
import { seedIfEmpty } from './seed.ts';
import { startSes } from './ses.ts';
import { localStateMachineArn } from './sfn/arns.ts';
import { createSfnEngine } from './sfn/engine.ts';
import { readCatalogDefinitions } from './sfn/load-definitions.ts';
import { VirtualClock } from './virtual-clock.ts';

export const TABLE_NAME = 'dan-van-kheo';
/** The local evidence bucket (on AWS the stack names it). */
export const EVIDENCE_BUCKET = 'dan-van-kheo-evidence';
const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

export interface RuntimeOptions {
  readonly rootDir: string;
  readonly dataDir: string;
  /** Pages, API and /local/* (0 picks a free port). */
  readonly port: number;
  readonly dynamodbPort?: number;
  readonly stepFunctionsPort?: number;
  readonly sesPort?: number;
  readonly s3Port?: number;
  readonly cognitoPort?: number;
  /** The clock's first reading when the data folder is new. */
  readonly clockStart: number;
  /** Whether the clock also moves with real time. */
  readonly clockRunning: boolean;
  readonly mailFrom?: string;
  /**
   * What the functions run: `bundles` (default), the very bundles the CDK app
   * deploys; `sources`, the TypeScript handlers, only for debugging.
   */
  readonly lambdaCode?: 'bundles' | 'sources';
  /** Rebuilds a function's bundle when a source file changes (npm start). */
  readonly watchSources?: boolean;
}

export interface RuntimeEndpoints {
  readonly web: string;
  readonly dynamodb: string;
  readonly stepfunctions: string;
  readonly ses: string;
  readonly s3: string;
  readonly cognito: string;
}

export interface Runtime {
  readonly endpoints: RuntimeEndpoints;
  readonly clock: VirtualClock;
  readonly seeded: boolean;
  /** What preparing the functions' bundles did (undefined when running sources). */
  readonly bundles?: BundleReport;
  close(): Promise<void>;
}

export { localStateMachineArn };

interface FunctionEnvironment {
  /** What every sandbox gets: region, local credentials, the endpoints, the log level. */
  readonly aws: Record<string, string>;
  /** The value of each catalog variable; a function gets only those its catalog entry lists. */
  readonly values: Record<EnvName, string>;
}

function functionEnvironment(
  endpoints: Omit<RuntimeEndpoints, 'web'> & { web: string },
  options: RuntimeOptions,
): FunctionEnvironment {
  // The SDK reads AWS_ENDPOINT_URL_<SERVICE>: the local endpoints plug in by configuration only.
  const aws: Record<string, string> = {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    // There is no X-Ray daemon on this computer: the tracer's segments would have nowhere to go.
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
  const values = {
    [ENV.tableName]: TABLE_NAME,
    [ENV.mailFrom]: options.mailFrom ?? 'Văn phòng Đảng ủy Sở Tư pháp <van-phong-dang-uy@stp.example.vn>',
    [ENV.mailConfigurationSet]: 'dan-van-kheo',
    [ENV.webUrl]: endpoints.web,
    [ENV.archiveLocation]: pathToFileURL(join(options.dataDir, 'archive')).href,
    [ENV.evidenceBucket]: EVIDENCE_BUCKET,
    [ENV.userPoolId]: LOCAL_USER_POOL_ID,
  } as Record<EnvName, string>;
  for (const machine of stateMachines) {
    if (machine.arnEnv) values[machine.arnEnv] = localStateMachineArn(machine.name);
  }
  return { aws, values };
}

/** The environment Lambda gives a function: its reserved variables and exactly its catalog variables. */
function sandboxEnvironment(spec: FunctionSpec, environment: FunctionEnvironment): Record<string, string> {
  const own = Object.fromEntries(spec.env.map((name) => [name, environment.values[name]]));
  return {
    ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
    ...environment.aws,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
    ...own,
  };
}

/** Starts the whole embedded runtime. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const rootDir = resolve(options.rootDir);
  const dataDir = resolve(options.dataDir);
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    await assertPortsFree([
      { port: options.port, what: 'web/API' },
      { port: options.dynamodbPort ?? 0, what: 'DynamoDB' },
      { port: options.stepFunctionsPort ?? 0, what: 'Step Functions' },
      { port: options.sesPort ?? 0, what: 'SES' },
      { port: options.s3Port ?? 0, what: 'S3' },
      { port: options.cognitoPort ?? 0, what: 'Cognito' },
    ]);
    const unlock = lockDataFolder(dataDir);
    closers.push(async () => unlock());
    const clock = new VirtualClock({
      file: join(dataDir, 'clock.json'),
      start: options.clockStart,
      running: options.clockRunning,
    });
    closers.push(async () => clock.stopTicking());

    const dynamo = await startDynamo(join(dataDir, 'dynamodb'), options.dynamodbPort ?? 0);
    closers.push(() => dynamo.close());
    const ses = await startSes(join(dataDir, 'outbox'), options.sesPort ?? 0, clock);
    closers.push(() => ses.close());
    // The pages' origins, known once the main server listens: the bucket's CORS and the API's.
    const allowOrigins: string[] = [];
    const s3 = await startS3({
      directory: join(dataDir, 's3'),
      port: options.s3Port ?? 0,
      buckets: [EVIDENCE_BUCKET],
      allowOrigins: () => allowOrigins,
    });
    closers.push(() => s3.close());
    const cognito = await startCognito(join(dataDir, 'cognito', 'users.json'), options.cognitoPort ?? 0);
    closers.push(() => cognito.close());

    // The web URL is known only once the main server listens; sandboxes start later and read it then.
    const endpoints = {
      web: '',
      dynamodb: dynamo.url,
      stepfunctions: '',
      ses: ses.url,
      s3: s3.url,
      cognito: cognito.url,
    };
    let environment: FunctionEnvironment | undefined;
    // Sandboxes start once every endpoint, the web's own URL included, is known.
    let configured: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      configured = resolve;
    });
    const runSources = options.lambdaCode === 'sources';
    const bundles = runSources ? undefined : createBundleCache();
    const bundleReport = await bundles?.prepare();
    if (bundles && options.watchSources) {
      const watchers: FSWatcher[] = ['functions', 'shared'].map((folder) =>
        watch(join(rootDir, folder), { recursive: true }, () => bundles.invalidate()),
      );
      closers.push(async () => {
        for (const watcher of watchers) watcher.close();
      });
    }
    const lambdas = createLambdaRuntime({
      code: (name) => (bundles ? bundles.url(name) : Promise.resolve(sourceUrl(name))),
      environment: async (spec) => {
        await ready;
        if (!environment) throw new Error('The runtime was configured without an environment');
        return sandboxEnvironment(spec, environment);
      },
      // Sources need tsx, and the hook that gives font imports their bytes as the bundles' loader does.
      logDirectory: join(dataDir, 'logs'),
      execArgv: runSources
        ? [
            '--import',
            import.meta.resolve('tsx'),
            '--import',
            import.meta.resolve('../binary-files-hook.mjs'),
          ]
        : [],
    });
    closers.push(() => lambdas.close());
    const log = (message: string, error?: unknown) => console.error(`[local] ${message}`, error ?? '');
    const events = createEventBus(functions, lambdas, clock, log);
    const engine = createSfnEngine({
      dataDir,
      clock,
      invokeLambda: (name, payload, invokeOptions) => lambdas.invoke(name, payload, invokeOptions),
      dynamodbEndpoint: dynamo.url,
      region: REGION,
      accountId: ACCOUNT,
      onStatusChange: (change) =>
        events.publish('aws.states', 'Step Functions Execution Status Change', change, [change.executionArn]),
    });
    await engine.start();
    const stepfunctions = await engine.listen(options.stepFunctionsPort ?? 0);
    closers.push(() => engine.close());

    endpoints.stepfunctions = stepfunctions;
    environment = functionEnvironment(endpoints, options);
    // Code of this process (the seed, the control calls, tests and benchmarks) reaches the same endpoints.
    Object.assign(process.env, environment.aws, environment.values);
    await ensureTable(dynamo.url, TABLE_NAME);
    const seeded = await seedIfEmpty();
    // A pool newer than the records (a new folder, or one from before the pool existed) starts
    // with every person already on them; from then on every write reaches it through the sync.
    if (cognito.fresh) {
      const people = await listPeople();
      cognito.seed(
        people.map((person) => {
          const user = directoryUserOf(person);
          return {
            username: user.username,
            attributes: attributesOf(user),
            groups: [...user.groups],
            enabled: true,
          };
        }),
      );
    }
    await engine.loadDefinitions(readCatalogDefinitions(rootDir));

    const sfn = new SFNClient({ endpoint: stepfunctions, region: REGION, credentials: localCredentials });
    closers.push(async () => sfn.destroy());
    const scheduler = createScheduler(
      schedules,
      clock,
      {
        startExecution: async (name, input) => {
          await sfn.send(
            new StartExecutionCommand({
              stateMachineArn: localStateMachineArn(name),
              input: JSON.stringify(input),
            }),
          );
        },
        invokeFunction: async (name, input) => {
          await lambdas.invoke(name, input);
        },
      },
      join(dataDir, 'scheduler.json'),
    );
    clock.register(scheduler);
    clock.register(engine);
    clock.register(events);

    let identity: LocalIdentity | undefined;
    const currentIdentity = (): LocalIdentity => {
      if (!identity) throw new Error('The identity provider is not ready yet');
      return identity;
    };
    const control = createControlRoutes({
      clock,
      ses,
      cognito,
      scheduler,
      endpoints,
      region: REGION,
      identity: currentIdentity,
    });

    const server = createApiGateway({
      clock,
      identity: currentIdentity,
      lambdas,
      // The web's build output (infra/web-build.ts), the very files the CDK app deploys.
      webDir: join(rootDir, 'dist', 'web'),
      runtimeConfig: { local: true },
      allowOrigins,
      control,
      connectOrigins: [s3.url],
    });
    await listen(server, options.port, 'web/API');
    closers.push(
      () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    );
    const { port } = server.address() as AddressInfo;
    endpoints.web = `http://127.0.0.1:${port}`;
    environment = functionEnvironment(endpoints, options);
    process.env[ENV.webUrl] = endpoints.web;
    configured();
    identity = await createLocalIdentity(
      join(dataDir, 'identity', 'signing-key.json'),
      `${endpoints.web}/local/identity`,
    );
    // Same CORS as on AWS, where the only allowed origin is the web's own.
    allowOrigins.push(endpoints.web, endpoints.web.replace('127.0.0.1', 'localhost'));

    await clock.settle();
    clock.startTicking();
    return {
      endpoints,
      clock,
      seeded,
      ...(bundleReport ? { bundles: bundleReport } : {}),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

// The embedded Step Functions engine: a JSON 1.0 API on its own port, the
// interpreter of Standard JSONata workflows, a journal that survives kill -9,
// and timers that fire only when the runtime's virtual clock says so.
import type { Clock, TimeDriven } from '../clock.ts';
import { localCredentials } from '../credentials.ts';
import type { SigV4Credentials } from '../sigv4.ts';
import type { ExecutionStatusChange } from './execution-record.ts';
import type { LambdaInvoker as ResourceLambdaInvoker } from './resources.ts';
import { JsonProtocolServer, type Operation } from './server.ts';
import { SfnService } from './service.ts';

export interface LambdaInvoker extends ResourceLambdaInvoker {
  /** Invokes a catalog function in-process. Resolves with its return value; rejects with an Error whose `name` is the errorType (e.g. 'RuleViolationError') and message the errorMessage — as Lambda reports a function error. */
  (functionName: string, payload: unknown, options: { timeoutMs?: number }): Promise<unknown>;
}

export interface SfnEngineOptions {
  /** Persist under `${dataDir}/stepfunctions/` (created if missing). */
  dataDir: string;
  /** The only time source for timestamps and timers. */
  clock: Clock;
  invokeLambda: LambdaInvoker;
  /** For aws-sdk:dynamodb / dynamodb:* tasks. */
  dynamodbEndpoint?: string;
  /** Default us-east-1. */
  region?: string;
  /** Default 000000000000. */
  accountId?: string;
  /** The only credentials the API accepts (SigV4, for `region`); default the local ones. */
  credentials?: SigV4Credentials;
  /** Where engine-internal errors are reported; default console.error. */
  log?: (message: string, error?: unknown) => void;
  /** Told of every execution's start and close (EventBridge's "Execution Status Change"). */
  onStatusChange?: (change: ExecutionStatusChange) => void;
}

export interface SfnEngine extends TimeDriven {
  /** Starts the JSON 1.0 API on 127.0.0.1:port (0 = free port), answering only SigV4-signed requests; resolves with the URL (http://127.0.0.1:NNNN). Rejects with a clear error if the port is taken. */
  listen(port: number): Promise<string>;
  /** Re-opens persisted state and resumes running executions (call once before listen). */
  start(): Promise<void>;
  /** Stops timers and the server; in-flight work is abandoned (it will be resumed on next start). */
  close(): Promise<void>;
  /** Creates or updates state machines from the statemachines/ folder with the catalog's substitutions (throws a clear Error naming file and state on invalid definitions). */
  loadDefinitions(
    files: { name: string; file: string; definition: string; roleArn?: string }[],
  ): Promise<void>;
}

/** Creates an engine; nothing is read or started until start() and listen(). */
export function createSfnEngine(options: SfnEngineOptions): SfnEngine {
  const log =
    options.log ??
    ((message: string, error?: unknown) => console.error(`[stepfunctions] ${message}`, error ?? ''));
  const service = new SfnService({
    dataDir: options.dataDir,
    clock: options.clock,
    invokeLambda: options.invokeLambda,
    ...(options.dynamodbEndpoint === undefined ? {} : { dynamodbEndpoint: options.dynamodbEndpoint }),
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
    log,
    ...(options.onStatusChange ? { onStatusChange: options.onStatusChange } : {}),
  });
  const operations: Record<string, Operation> = {
    CreateStateMachine: (request) => service.createStateMachine(request),
    UpdateStateMachine: (request) => service.updateStateMachine(request),
    DeleteStateMachine: (request) => service.deleteStateMachine(request),
    DescribeStateMachine: (request) => service.describeStateMachine(request),
    ListStateMachines: (request) => service.listStateMachines(request),
    StartExecution: (request) => service.startExecution(request),
    DescribeExecution: (request) => service.describeExecution(request),
    ListExecutions: (request) => service.listExecutions(request),
    GetExecutionHistory: (request) => service.getExecutionHistory(request),
    StopExecution: (request) => service.stopExecution(request),
    SendTaskSuccess: (request) => service.sendTaskSuccess(request),
    SendTaskFailure: (request) => service.sendTaskFailure(request),
    SendTaskHeartbeat: (request) => service.sendTaskHeartbeat(request),
  };
  const server = new JsonProtocolServer(operations, log, {
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? localCredentials,
  });
  let started = false;
  return {
    async start() {
      if (started) return;
      started = true;
      service.start();
    },
    async listen(port) {
      const url = await server.listen(port);
      // After the caller's own continuation has run (it configures the functions with this URL).
      setImmediate(() => service.resumeWork());
      return url;
    },
    async close() {
      service.close();
      await server.close();
    },
    async loadDefinitions(files) {
      service.loadDefinitions(files);
    },
    nextDue: () => service.nextDue(),
    fireDue: (now) => service.fireDue(now),
    idle: () => service.idle(),
  };
}

// Runs the catalog's functions as Lambda does: each invocation in a sandbox of
// its own function — here a worker thread that has loaded the function's code
// (the deployed bundle, see bundles.ts) with exactly the environment Lambda
// would give it: its catalog variables, the region, credentials and the
// endpoints. A sandbox handles one invocation at a time, keeps its module state
// between invocations (warm starts), is killed on a timeout, and reports errors
// as Lambda's runtime does, `{errorType: error.name, errorMessage, trace}`, so
// the state machines' Retry and Catch see the same names as on AWS.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionSpec } from '../../functions/catalog.ts';
import { functionByName } from '../../functions/catalog.ts';

/** A function error as Lambda reports it: `name` is the errorType. */
export class LambdaFunctionError extends Error {
  constructor(
    errorType: string,
    message: string,
    readonly trace: readonly string[] = [],
  ) {
    super(message);
    this.name = errorType;
  }
}

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
/** Lambda's limit on a synchronous invocation's response payload. */
export const RESPONSE_PAYLOAD_LIMIT = 6_291_556;

/** The local ARN of a catalog function, the value ${...FunctionArn} placeholders take. */
export function localFunctionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

/** One finished invocation, as a benchmark counting Lambda's bill sees it. */
export interface InvocationRecord {
  readonly name: string;
  readonly memoryMb: number;
  /** Wall time of the handler call alone, the part Lambda bills per millisecond. */
  readonly durationMs: number;
  readonly failed: boolean;
  /** The event as the function received it (the cold-start bench replays one per function). */
  readonly event: unknown;
}

const observers = new Set<(record: InvocationRecord) => void>();

/** Lets a benchmark watch every invocation of every runtime in this process; returns the unsubscribe. */
export function observeInvocations(observer: (record: InvocationRecord) => void): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

export interface LambdaRuntime {
  /** Invokes a function by name; rejects with LambdaFunctionError on a function error or timeout. */
  invoke(name: string, event: unknown, options?: { timeoutMs?: number }): Promise<unknown>;
  /** Stops every sandbox. */
  close(): Promise<void>;
}

export interface LambdaRuntimeOptions {
  /** The module URL a function's code loads from: its bundle, or its source when debugging. */
  readonly code: (name: string) => Promise<string>;
  /** The environment of a function's sandboxes, read when a sandbox starts. */
  readonly environment: (spec: FunctionSpec) => Promise<Readonly<Record<string, string>>>;
  /** Node flags of the sandboxes (a TypeScript loader when running sources). */
  readonly execArgv?: readonly string[];
  /** Sandboxes per function at most; further invocations wait for one to be free. */
  readonly maxConcurrency?: number;
  /** How long an unused sandbox is kept warm before it is ended (Lambda reclaims idle ones too). */
  readonly idleMs?: number;
  /**
   * Where each function's output goes, one `<name>.log` per function, as
   * CloudWatch Logs keeps a log group per function; what a function writes to
   * stderr (its errors) also reaches this process's stderr. Without it, both
   * go to this process's output.
   */
  readonly logDirectory?: string;
}

interface WireError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: readonly string[];
}

type FromSandbox =
  | { readonly id: string; readonly payload: string }
  | { readonly id: string; readonly error: WireError };

// The sandbox's bootstrap, plain JavaScript (the bundle needs no loader). It
// serializes like the Node.js runtime interface client: the result with
// JSON.stringify, an error as {errorType: error.name, errorMessage, trace}.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const wire = (error) => error instanceof Error
  ? { errorType: error.name || 'Error', errorMessage: error.message, trace: String(error.stack || '').split('\\n') }
  : { errorType: typeof error, errorMessage: String(error), trace: [] };
const loading = import(workerData.url).then((module) => {
  if (typeof module.handler !== 'function') {
    const error = new Error(workerData.name + '/index.handler is undefined or not exported');
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return module.handler;
}, (error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') error.name = 'Runtime.ImportModuleError';
  throw error;
});
loading.catch(() => undefined);
parentPort.on('message', async ({ id, event, context }) => {
  try {
    const handler = await loading;
    const deadline = context.deadline;
    const result = await handler(JSON.parse(event), {
      ...context,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done() {}, fail() {}, succeed() {},
    });
    parentPort.postMessage({ id, payload: JSON.stringify(result === undefined ? null : result) });
  } catch (error) {
    parentPort.postMessage({ id, error: wire(error) });
  }
});
`;

interface Pending {
  readonly resolve: (payload: string) => void;
  readonly reject: (error: LambdaFunctionError) => void;
}

/** One Lambda execution environment of one function. */
class Sandbox {
  busy = false;
  dead = false;
  idleTimer: NodeJS.Timeout | undefined;
  private readonly worker: Worker;
  private pending: { id: string; settle: Pending } | undefined;

  constructor(
    readonly spec: FunctionSpec,
    readonly url: string,
    env: Readonly<Record<string, string>>,
    execArgv: readonly string[],
    private readonly onDeath: (sandbox: Sandbox) => void,
    log?: WriteStream,
  ) {
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      env: { ...env },
      execArgv: [...execArgv],
      workerData: { url, name: spec.name },
      // The function's memory setting bounds its heap, so a function that would run out on Lambda does here.
      resourceLimits: { maxOldGenerationSizeMb: spec.memoryMb },
      stdout: log !== undefined,
      stderr: log !== undefined,
    });
    if (log) {
      this.worker.stdout.pipe(log, { end: false });
      this.worker.stderr.on('data', (chunk: Buffer) => {
        log.write(chunk);
        process.stderr.write(chunk);
      });
    }
    this.worker.on('message', (message: FromSandbox) => {
      const current = this.pending;
      if (!current || current.id !== message.id) return;
      this.pending = undefined;
      if ('error' in message) {
        const { errorType, errorMessage, trace } = message.error;
        current.settle.reject(new LambdaFunctionError(errorType, errorMessage, trace));
      } else current.settle.resolve(message.payload);
    });
    const die = (error: LambdaFunctionError) => {
      if (this.dead) return;
      this.dead = true;
      this.pending?.settle.reject(error);
      this.pending = undefined;
      this.onDeath(this);
    };
    this.worker.on('error', (error: Error) =>
      die(new LambdaFunctionError('Runtime.ExitError', `RequestId: the runtime exited: ${error.message}`)),
    );
    this.worker.on('exit', (code) =>
      die(new LambdaFunctionError('Runtime.ExitError', `Runtime exited with error: exit status ${code}`)),
    );
  }

  run(event: string, context: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    return new Promise<string>((resolve, reject) => {
      this.pending = { id, settle: { resolve, reject } };
      this.worker.postMessage({ id, event, context });
    });
  }

  /** Ends the sandbox, as Lambda does after a timeout or a while unused. */
  async kill(error?: LambdaFunctionError): Promise<void> {
    clearTimeout(this.idleTimer);
    if (this.dead) return;
    if (error) {
      this.pending?.settle.reject(error);
      this.pending = undefined;
    }
    this.dead = true;
    this.onDeath(this);
    await this.worker.terminate();
  }
}

/** Creates the runtime; sandboxes start on the first invocation of each function. */
export function createLambdaRuntime(options: LambdaRuntimeOptions): LambdaRuntime {
  // Lambda would scale out much further; on one computer a few sandboxes per function keep memory in bounds.
  const maxConcurrency = options.maxConcurrency ?? 4;
  const idleMs = options.idleMs ?? 5 * 60_000;
  const logs = new Map<string, WriteStream>();
  const logOf = (name: string): WriteStream | undefined => {
    if (!options.logDirectory) return undefined;
    let stream = logs.get(name);
    if (!stream) {
      mkdirSync(options.logDirectory, { recursive: true });
      stream = createWriteStream(join(options.logDirectory, `${name}.log`), { flags: 'a' });
      logs.set(name, stream);
    }
    return stream;
  };
  const pools = new Map<string, Sandbox[]>();
  const waiting = new Map<string, (() => void)[]>();
  let closed = false;

  const poolOf = (name: string): Sandbox[] => {
    let pool = pools.get(name);
    if (!pool) {
      pool = [];
      pools.set(name, pool);
    }
    return pool;
  };
  const remove = (sandbox: Sandbox) => {
    const pool = poolOf(sandbox.spec.name);
    const index = pool.indexOf(sandbox);
    if (index >= 0) pool.splice(index, 1);
    waiting.get(sandbox.spec.name)?.shift()?.();
  };

  const acquire = async (spec: FunctionSpec): Promise<Sandbox> => {
    for (;;) {
      if (closed) throw new LambdaFunctionError('Lambda.ServiceException', 'The local runtime is stopping');
      const url = await options.code(spec.name);
      const pool = poolOf(spec.name);
      // A rebuilt bundle has a new URL: its old sandboxes are retired as they come free.
      for (const stale of pool.filter((sandbox) => sandbox.url !== url && !sandbox.busy)) void stale.kill();
      const idle = pool.find((sandbox) => !sandbox.busy && !sandbox.dead && sandbox.url === url);
      if (idle) {
        clearTimeout(idle.idleTimer);
        idle.busy = true;
        return idle;
      }
      if (pool.length < maxConcurrency) {
        const env = await options.environment(spec);
        const sandbox = new Sandbox(spec, url, env, options.execArgv ?? [], remove, logOf(spec.name));
        sandbox.busy = true;
        pool.push(sandbox);
        return sandbox;
      }
      await new Promise<void>((resolve) => {
        const queue = waiting.get(spec.name) ?? [];
        queue.push(resolve);
        waiting.set(spec.name, queue);
      });
    }
  };
  const release = (sandbox: Sandbox) => {
    sandbox.busy = false;
    sandbox.idleTimer = setTimeout(() => {
      if (!sandbox.busy) void sandbox.kill();
    }, idleMs);
    sandbox.idleTimer.unref();
    waiting.get(sandbox.spec.name)?.shift()?.();
  };

  return {
    async invoke(name, event, invokeOptions = {}) {
      const spec = functionByName(name);
      const sandbox = await acquire(spec);
      const timeoutMs = Math.min(
        invokeOptions.timeoutMs ?? Number.POSITIVE_INFINITY,
        spec.timeoutSeconds * 1000,
      );
      const started = performance.now();
      const deadline = Date.now() + timeoutMs;
      let failed = false;
      let timer: NodeJS.Timeout | undefined;
      try {
        const context = {
          functionName: spec.name,
          functionVersion: '$LATEST',
          invokedFunctionArn: localFunctionArn(spec.name),
          memoryLimitInMB: String(spec.memoryMb),
          awsRequestId: randomUUID(),
          logGroupName: `/aws/lambda/${spec.name}`,
          logStreamName: `local/${spec.name}`,
          deadline,
        };
        const timedOut = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const error = new LambdaFunctionError(
              'Sandbox.Timedout',
              `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
            );
            reject(error);
            void sandbox.kill(error);
          }, timeoutMs);
        });
        const payload = await Promise.race([sandbox.run(JSON.stringify(event ?? null), context), timedOut]);
        if (Buffer.byteLength(payload) > RESPONSE_PAYLOAD_LIMIT) {
          throw new LambdaFunctionError(
            'Function.ResponseSizeTooLarge',
            `Response payload size exceeded maximum allowed payload size (${RESPONSE_PAYLOAD_LIMIT} bytes).`,
          );
        }
        return JSON.parse(payload) as unknown;
      } catch (error) {
        failed = true;
        if (error instanceof LambdaFunctionError) throw error;
        const failure = error instanceof Error ? error : new Error(String(error));
        throw new LambdaFunctionError(failure.name || 'Error', failure.message);
      } finally {
        clearTimeout(timer);
        if (!sandbox.dead) release(sandbox);
        if (observers.size > 0) {
          const record = {
            name,
            memoryMb: spec.memoryMb,
            durationMs: performance.now() - started,
            failed,
            event,
          };
          for (const observer of observers) observer(record);
        }
      }
    },
    async close() {
      closed = true;
      const all = [...pools.values()].flat();
      pools.clear();
      for (const queue of waiting.values()) for (const wake of queue.splice(0)) wake();
      await Promise.all(all.map((sandbox) => sandbox.kill()));
      await Promise.all([...logs.values()].map((stream) => new Promise((done) => stream.end(done))));
    },
  };
}

// Runs the catalog's handlers in-process with a Lambda-like context: the
// function's name and memory, a request id, the remaining time, and the
// function's timeout enforced as Lambda does.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type FunctionSpec, functionByName, handlerEntry } from '../../functions/catalog.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** A function error as Lambda reports it: `name` is the errorType. */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

/** The local ARN of a catalog function, the value ${...FunctionArn} placeholders take. */
export function localFunctionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

function lambdaContext(spec: FunctionSpec, deadline: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: spec.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(spec.name),
    memoryLimitInMB: String(spec.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.name}`,
    logStreamName: `local/${spec.name}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
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
}

/** Loads handlers lazily from `rootDir`'s functions/ folder. */
export function createLambdaRuntime(rootDir: string): LambdaRuntime {
  const loaded = new Map<string, Promise<Handler>>();
  const load = (spec: FunctionSpec): Promise<Handler> => {
    let handler = loaded.get(spec.name);
    if (!handler) {
      const url = pathToFileURL(resolve(rootDir, handlerEntry(spec))).href;
      handler = import(url).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${handlerEntry(spec)} exports no handler`);
        return module.handler;
      });
      loaded.set(spec.name, handler);
    }
    return handler;
  };

  return {
    async invoke(name, event, options = {}) {
      const spec = functionByName(name);
      const handler = await load(spec);
      const timeoutMs = Math.min(options.timeoutMs ?? Number.POSITIVE_INFINITY, spec.timeoutSeconds * 1000);
      const deadline = Date.now() + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const started = performance.now();
      let failed = false;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new LambdaFunctionError(
                'Sandbox.Timedout',
                `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
              ),
            ),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([handler(event, lambdaContext(spec, deadline)), timedOut]);
      } catch (error) {
        failed = true;
        if (error instanceof LambdaFunctionError) throw error;
        const failure = error instanceof Error ? error : new Error(String(error));
        throw new LambdaFunctionError(failure.name || 'Error', failure.message);
      } finally {
        clearTimeout(timer);
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
  };
}

// The middy shell every function's handler runs in: the tracer's segment, the
// logger's Lambda context, and the metrics published at the end — the same
// for API routes (shared/http/api-handler.ts) and workflow, schedule and event
// tasks (shared/workflow/task-handler.ts). Loading it gives the function its
// X-Ray tracer, which captures every SDK client shared/aws/ builds.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { captureClientsWith } from './aws/capture.ts';
import { logger, metrics, SERVICE } from './observability.ts';

/** The function's one tracer (X-Ray). */
export const tracer = new Tracer({ serviceName: SERVICE });
captureClientsWith((client) => tracer.captureAWSv3Client(client));

// Powertools' logMetrics warns on every invocation that counted nothing, and most count nothing;
// cold starts are in Lambda's own REPORT lines (Init Duration).
const publishMetrics: middy.MiddlewareObj<unknown, unknown, Error, Context> = {
  after: () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
  onError: () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
};

/** Wraps a handler function in the shell. */
export function handlerShell<TEvent, TResult>(fn: (event: TEvent) => Promise<TResult>) {
  return middy<TEvent, TResult, Error, Context>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics as middy.MiddlewareObj<TEvent, TResult, Error, Context>)
    .handler(fn);
}

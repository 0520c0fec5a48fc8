// The middy shell every function's handler runs in: the tracer's segment, the
// logger's Lambda context, and the metrics published at the end — the same
// for API routes (shared/http/api-handler.ts) and workflow, schedule and event
// tasks (shared/workflow/task-handler.ts).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './observability.ts';

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

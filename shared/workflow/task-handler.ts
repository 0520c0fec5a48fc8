import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '../http/logger.ts';

/**
 * A handler invoked by a state machine task or an event: Powertools logging
 * through middy; errors are thrown as they are, so their class name becomes
 * the Lambda errorType the workflow's Retry and Catch match on.
 */
export function taskHandler<TEvent, TResult>(fn: (event: TEvent) => Promise<TResult>) {
  return middy<TEvent, TResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      try {
        return await fn(event);
      } catch (error) {
        logger.warn('task failed', { error: error as Error });
        throw error;
      }
    });
}

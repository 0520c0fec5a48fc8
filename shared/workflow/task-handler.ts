import { handlerShell } from '../handler-shell.ts';
import { logger } from '../observability.ts';

/**
 * A handler invoked by a state machine task, a schedule or an event: the
 * shared shell; errors are thrown as they are, so their literal name becomes
 * the Lambda errorType the workflow's Retry and Catch match on.
 */
export function taskHandler<TEvent, TResult>(fn: (event: TEvent) => Promise<TResult>) {
  return handlerShell<TEvent, TResult>(async (event) => {
    try {
      return await fn(event);
    } catch (error) {
      logger.warn('task failed', { error: error as Error });
      throw error;
    }
  });
}

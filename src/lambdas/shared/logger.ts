/**
 * The Powertools Logger every pipeline Lambda writes through (JSON lines CloudWatch can filter).
 * `POWERTOOLS_SERVICE_NAME` and `POWERTOOLS_LOG_LEVEL` from the environment win over the defaults.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/** A logger for one handler; `serviceName` applies when `POWERTOOLS_SERVICE_NAME` is not set. */
export function createLogger(serviceName: string, env: NodeJS.ProcessEnv = process.env): Logger {
  return new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME?.trim() || serviceName });
}

/**
 * Starts an invocation's logging: drops the keys the previous invocation appended (a warm
 * container reuses the logger), adds the Lambda context, and appends the `runId` the event names,
 * so every line of the invocation carries it and no line carries another run's.
 */
export function beginInvocation(logger: Logger, event: unknown, context?: Context): void {
  logger.resetKeys();
  if (context) logger.addContext(context);
  const runId = typeof event === 'object' && event !== null ? (event as { runId?: unknown }).runId : undefined;
  if (typeof runId === 'string' && runId !== '') logger.appendKeys({ runId });
}

/**
 * The Powertools Logger every pipeline Lambda writes through (JSON lines CloudWatch can filter).
 * `POWERTOOLS_SERVICE_NAME` and `POWERTOOLS_LOG_LEVEL` from the environment win over the defaults.
 */
import { Logger } from '@aws-lambda-powertools/logger';

/** A logger for one handler; `serviceName` applies when `POWERTOOLS_SERVICE_NAME` is not set. */
export function createLogger(serviceName: string, env: NodeJS.ProcessEnv = process.env): Logger {
  return new Logger({ serviceName: env.POWERTOOLS_SERVICE_NAME?.trim() || serviceName });
}

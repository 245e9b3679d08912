/**
 * Factories for the AWS-backed dependencies the pipeline Lambdas share: the DynamoDB run store,
 * the Step Functions task completer and the Fivetran client source. Each takes the parsed
 * configuration (`readLambdaConfig`), so a handler validates its whole environment in one go.
 */
import { SfnTaskCompleter } from '../../aws/sfn-task-completer.js';
import type { TaskCompleter } from '../../core/completion/completer.js';
import { dynamoRunStoreFromEnv } from '../../aws/dynamodb-run-store.js';
import type { RunStore } from '../../core/runs/records.js';
import type { PipelineLambdaConfig } from './config.js';
import { createFivetranClientSource, type FivetranClientSource, type FivetranSecretSourceOptions } from '../../aws/fivetran-secret.js';

/** The run store on `tableName`; `env` supplies the SDK's region (and `DYNAMODB_ENDPOINT` for local use). */
export function createRunStore(config: Pick<PipelineLambdaConfig, 'tableName'>, env: NodeJS.ProcessEnv = process.env): RunStore {
  return dynamoRunStoreFromEnv(env, { tableName: config.tableName });
}

/** SendTaskSuccess/Failure/Heartbeat with a client from the environment. */
export function createTaskCompleter(): TaskCompleter {
  return new SfnTaskCompleter();
}

/** The Fivetran client source over the configured secret and base URL. */
export function createFivetranSource(
  config: Pick<PipelineLambdaConfig, 'fivetranSecretArn' | 'fivetranApiUrl' | 'fivetranSecretMaxAgeSeconds'>,
  clientOptions: FivetranSecretSourceOptions['clientOptions'] = {},
): FivetranClientSource {
  return createFivetranClientSource({
    secretArn: config.fivetranSecretArn,
    ...(config.fivetranApiUrl ? { baseUrl: config.fivetranApiUrl } : {}),
    maxAgeSeconds: config.fivetranSecretMaxAgeSeconds,
    clientOptions,
  });
}

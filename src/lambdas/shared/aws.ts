/**
 * Factories for the AWS-backed dependencies the pipeline Lambdas share: the DynamoDB run store,
 * the Step Functions task completer and the Fivetran client source. Each takes the parsed
 * configuration (`readLambdaConfig`), so a handler validates its whole environment in one go.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createAwsClient } from '../../aws/clients.js';
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

/** SendTaskSuccess/Failure/Heartbeat with a client built from `env` (region, `AWS_ENDPOINT_URL_SFN`). */
export function createTaskCompleter(env: NodeJS.ProcessEnv = process.env): TaskCompleter {
  return new SfnTaskCompleter({ client: createAwsClient(SFNClient, 'sfn', env) });
}

/** A Secrets Manager client built from `env` (region, `AWS_ENDPOINT_URL_SECRETS_MANAGER`). */
export function createSecretsClient(env: NodeJS.ProcessEnv = process.env): SecretsManagerClient {
  return createAwsClient(SecretsManagerClient, 'secretsManager', env);
}

/** The Fivetran client source over the configured secret and base URL; the secret is read with a client from `env`. */
export function createFivetranSource(
  config: Pick<PipelineLambdaConfig, 'fivetranSecretArn' | 'fivetranApiUrl' | 'fivetranSecretMaxAgeSeconds'>,
  clientOptions: FivetranSecretSourceOptions['clientOptions'] = {},
  env: NodeJS.ProcessEnv = process.env,
): FivetranClientSource {
  return createFivetranClientSource({
    secretArn: config.fivetranSecretArn,
    secretsClient: createSecretsClient(env),
    ...(config.fivetranApiUrl ? { baseUrl: config.fivetranApiUrl } : {}),
    maxAgeSeconds: config.fivetranSecretMaxAgeSeconds,
    clientOptions,
  });
}

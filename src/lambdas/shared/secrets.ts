/**
 * Secrets Manager for the Lambdas that read a secret: the Fivetran API key (StartSyncs, Reconcile)
 * and the webhook secret (the webhook). Each takes the parsed configuration (`readLambdaConfig`).
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createAwsClient } from '../../aws/clients.js';
import { createFivetranClientSource, type FivetranClientSource, type FivetranSecretSourceOptions } from '../../aws/fivetran-secret.js';
import type { PipelineLambdaConfig } from './config.js';

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

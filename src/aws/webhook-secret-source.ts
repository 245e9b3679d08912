/**
 * Where the receiver gets its webhook secret(s) on AWS: Secrets Manager, read through Powertools
 * Parameters so warm Lambdas (and the self-hosted server) do not call Secrets Manager per delivery.
 * The secret string is the plain secret or `{"current": "...", "previous": "..."}` (rotation).
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../core/errors.js';
import { cachedSecret } from './cached-secret.js';
import { parseWebhookSecrets } from '../core/webhook/receiver.js';
import { DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS } from '../core/stack-contract.js';


export type SecretsManagerSourceOptions = {
  /** The secret's ARN or name. */
  secretId: string;
  /** @default a client from the environment (region, credentials, `AWS_ENDPOINT_URL_SECRETS_MANAGER`) */
  client?: SecretsManagerClient;
  /** @default DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS */
  maxAgeSeconds?: number;
};

/**
 * Returns a `SecretSource` reading `secretId`, cached for `maxAgeSeconds`; concurrent misses share
 * one read. Throws `ConfigError` when the secret holds no usable value; SDK errors pass through.
 */
export function createSecretsManagerSource(options: SecretsManagerSourceOptions): () => Promise<string[]> {
  return cachedSecret({
    secretId: options.secretId,
    client: options.client,
    maxAgeSeconds: options.maxAgeSeconds ?? DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS,
    parse: (text) => {
      const secrets = parseWebhookSecrets(text);
      if (secrets.length === 0) {
        throw new ConfigError(
          `Secret ${options.secretId} holds no webhook secret: store the plain secret, or {"current": "...", "previous": "..."}.`,
        );
      }
      return secrets;
    },
  });
}

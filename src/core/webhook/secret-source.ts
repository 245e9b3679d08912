/**
 * Where the receiver gets its webhook secret(s) on AWS: Secrets Manager, read through Powertools
 * Parameters so warm Lambdas (and the self-hosted server) do not call Secrets Manager per delivery.
 * The secret string is the plain secret or `{"current": "...", "previous": "..."}` (rotation).
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../errors.js';
import { parseWebhookSecrets } from './receiver.js';

/** How long a read secret is reused. A rotation takes effect within this time. */
export const DEFAULT_SECRET_MAX_AGE_SECONDS = 60;

export type SecretsManagerSourceOptions = {
  /** The secret's ARN or name. */
  secretId: string;
  /** @default a client from the environment (region, credentials, `AWS_ENDPOINT_URL_SECRETS_MANAGER`) */
  client?: SecretsManagerClient;
  /** @default DEFAULT_SECRET_MAX_AGE_SECONDS */
  maxAgeSeconds?: number;
};

/**
 * Returns a `SecretSource` reading `secretId`, cached for `maxAgeSeconds`; concurrent misses share
 * one read. Throws `ConfigError` when the secret holds no usable value; SDK errors pass through.
 */
export function createSecretsManagerSource(options: SecretsManagerSourceOptions): () => Promise<string[]> {
  const provider = new SecretsProvider(options.client ? { awsSdkV3Client: options.client } : {});
  const maxAge = options.maxAgeSeconds ?? DEFAULT_SECRET_MAX_AGE_SECONDS;
  let pending: Promise<string[]> | null = null;
  /** The last text that parsed to usable secrets: Powertools caches the text, so it rarely changes. */
  let last: { text: string; secrets: string[] } | null = null;

  async function read(): Promise<string[]> {
    const value = await provider.get(options.secretId, { maxAge });
    const text = typeof value === 'string' ? value : value ? Buffer.from(value).toString('utf8') : '';
    if (last?.text === text) return last.secrets;
    const secrets = parseWebhookSecrets(text);
    if (secrets.length === 0) {
      throw new ConfigError(
        `Secret ${options.secretId} holds no webhook secret: store the plain secret, or {"current": "...", "previous": "..."}.`,
      );
    }
    last = { text, secrets };
    return secrets;
  }

  return () => {
    pending ??= read().finally(() => {
      pending = null;
    });
    return pending;
  };
}

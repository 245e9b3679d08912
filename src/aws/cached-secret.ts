/**
 * Values kept in Secrets Manager, read through Powertools Parameters so warm Lambdas and the
 * self-hosted server do not call Secrets Manager on every use. The webhook secrets and the
 * Fivetran client are both built this way.
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export type CachedSecretOptions<T> = {
  /** The secret's ARN or name. */
  secretId: string;
  /** @default a client from the environment (region, credentials, `AWS_ENDPOINT_URL_SECRETS_MANAGER`) */
  client?: SecretsManagerClient | undefined;
  /** How long a read secret string is reused; a rotation takes effect within this time. */
  maxAgeSeconds: number;
  /** Builds the value from the secret string; may throw (nothing is kept then). */
  parse(text: string): T;
};

/**
 * Returns a function giving the value parsed from the secret. The string is read at most once per
 * `maxAgeSeconds`, parsed again only when it changed, and concurrent misses share one read.
 * Errors (SDK or `parse`) are not kept: the next call tries again.
 */
export function cachedSecret<T>(options: CachedSecretOptions<T>): () => Promise<T> {
  const provider = new SecretsProvider(options.client ? { awsSdkV3Client: options.client } : {});
  let last: { text: string; value: T } | null = null;
  let pending: Promise<T> | null = null;

  async function read(): Promise<T> {
    const stored = await provider.get(options.secretId, { maxAge: options.maxAgeSeconds });
    const text = typeof stored === 'string' ? stored : stored ? Buffer.from(stored).toString('utf8') : '';
    if (last?.text === text) return last.value;
    const value = options.parse(text);
    last = { text, value };
    return value;
  }

  return () => {
    pending ??= read().finally(() => {
      pending = null;
    });
    return pending;
  };
}

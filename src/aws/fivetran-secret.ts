/**
 * The Fivetran client of the deployed Lambdas, with its credentials read from a Secrets Manager
 * secret (`{"apiKey": "...", "apiSecret": "..."}`) through Powertools Parameters, cached for
 * `maxAgeSeconds`. A rotated secret takes effect within that time; the values never reach logs or
 * error messages.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../core/errors.js';
import { cachedSecret } from './cached-secret.js';
import { createFivetranClient, type FivetranClient, type FivetranClientOptions } from '../core/fivetran/client.js';
import { DEFAULT_FIVETRAN_SECRET_MAX_AGE_SECONDS } from '../core/stack-contract.js';

/** Gives the current client; the secret is read at most once per `maxAgeSeconds`. */
export type FivetranClientSource = () => Promise<FivetranClient>;

export type FivetranSecretSourceOptions = {
  /** ARN (or name) of the secret. */
  secretArn: string;
  /** @default the client's default, Fivetran's public API */
  baseUrl?: string;
  /** @default DEFAULT_FIVETRAN_SECRET_MAX_AGE_SECONDS (300) */
  maxAgeSeconds?: number;
  /** @default a client from the environment (region, credentials, `AWS_ENDPOINT_URL_SECRETS_MANAGER`) */
  secretsClient?: SecretsManagerClient;
  /** Passed to every client built (retries, `fetch`, `maxRetryAfterMs` ...). */
  clientOptions?: Omit<Partial<FivetranClientOptions>, 'apiKey' | 'apiSecret' | 'baseUrl'>;
};

export type FivetranCredentials = { apiKey: string; apiSecret: string };

const HOW_TO_FILL =
  'store {"apiKey": "...", "apiSecret": "..."} in it (a Fivetran system key: Account Settings > General > System Keys), ' +
  'e.g. aws secretsmanager put-secret-value --secret-id <arn> --secret-string file://fivetran.json';

/**
 * Parses the secret string. Throws `ConfigError` saying what is wrong and how to fix it, never
 * quoting the value.
 */
export function parseFivetranCredentials(text: string, secretArn: string): FivetranCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`The Fivetran secret ${secretArn} is not JSON: ${HOW_TO_FILL}.`);
  }
  const record = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const value = (key: string): string => {
    const field = record[key];
    return typeof field === 'string' ? field.trim() : '';
  };
  const apiKey = value('apiKey');
  const apiSecret = value('apiSecret');
  const empty = [apiKey ? null : 'apiKey', apiSecret ? null : 'apiSecret'].filter((k): k is string => k !== null);
  if (empty.length > 0) {
    throw new ConfigError(`The Fivetran secret ${secretArn} has no ${empty.join(' and no ')}: ${HOW_TO_FILL}.`);
  }
  return { apiKey, apiSecret };
}

/**
 * A source of Fivetran clients built from the secret. The client is rebuilt only when the
 * credentials change; concurrent first calls share one secret read.
 */
export function createFivetranClientSource(options: FivetranSecretSourceOptions): FivetranClientSource {
  return cachedSecret({
    secretId: options.secretArn,
    client: options.secretsClient,
    maxAgeSeconds: options.maxAgeSeconds ?? DEFAULT_FIVETRAN_SECRET_MAX_AGE_SECONDS,
    parse: (text) =>
      createFivetranClient({
        ...options.clientOptions,
        ...parseFivetranCredentials(text, options.secretArn),
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      }),
  });
}

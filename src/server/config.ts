/**
 * The self-hosted receiver's configuration, read once from the environment and validated at start:
 * every problem is reported at once, each naming its variable. Nothing after this reads `process.env`.
 */
import { z } from 'zod';
import { endpointFor, type AwsService } from '../aws/clients.js';
import { ConfigError, messageOf } from '../core/errors.js';
import { parseWebhookSecrets } from '../core/webhook/receiver.js';
import { DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS } from '../core/stack-contract.js';
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_SHED_RETRY_AFTER_SECONDS } from './app.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the webhook secret(s) come from. Never log this object. */
export type SecretConfig =
  | { kind: 'environment'; secrets: string[] }
  | { kind: 'secrets-manager'; secretId: string; maxAgeSeconds: number };

export type ServerConfig = {
  /** `PORT`, default 8080; 0 picks a free port (tests). */
  port: number;
  /** `HOST`, default `0.0.0.0` (all interfaces, as a container needs). */
  host: string;
  /** `WEBHOOK_PATH`, default `/webhook`. */
  webhookPath: string;
  /** `WEBHOOK_BODY_LIMIT_BYTES`, default 256 KiB: larger bodies get 413 before anything reads them. */
  bodyLimitBytes: number;
  /** `WEBHOOK_MAX_IN_FLIGHT`, default 256: one more delivery is answered 503 + `Retry-After`, unread. */
  maxInFlight: number;
  /** `WEBHOOK_SHED_RETRY_AFTER_SECONDS`, default 5: the `Retry-After` of a shed delivery. */
  shedRetryAfterSeconds: number;
  /** `FIVETRAN_WEBHOOK_SECRET` (+ `FIVETRAN_WEBHOOK_SECRET_PREVIOUS`) or `WEBHOOK_SECRET_ARN` (+ `WEBHOOK_SECRET_MAX_AGE_SECONDS`). */
  secret: SecretConfig;
  /** `RUNS_TABLE_NAME`: the DynamoDB table of run records. */
  runsTableName: string;
  /** `AWS_REGION` or `AWS_DEFAULT_REGION`; `us-east-1` when every AWS endpoint is overridden. */
  region: string;
  /**
   * The environment the AWS clients are built from (`createAwsClient`): region, credentials and
   * endpoint overrides (`AWS_ENDPOINT_URL_DYNAMODB`, `_SFN`, `_SECRETS_MANAGER`, or the older
   * `DYNAMODB_ENDPOINT`, `SFN_ENDPOINT`, `SECRETS_MANAGER_ENDPOINT`) for local stand-ins.
   */
  awsEnv: NodeJS.ProcessEnv;
  /** `LOG_LEVEL`, default `info`. */
  logLevel: LogLevel;
  /** `SHUTDOWN_DELAY_MS`, default 0: on SIGTERM, how long readiness answers 503 before the listener closes. */
  shutdownDelayMs: number;
  /** `SHUTDOWN_TIMEOUT_MS`, default 10000: how long in-flight requests may take to finish before sockets are cut. */
  shutdownTimeoutMs: number;
  /** `AWS_CALL_TIMEOUT_MS`, default 3000: per call to DynamoDB or Step Functions (Fivetran gives up after ~10 s). */
  awsCallTimeoutMs: number;
};

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const integer = (min: number, max: number, fallback: number) =>
  optional.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${v}"` });
      return z.NEVER;
    }
    return n;
  });

const schema = z.object({
  PORT: integer(0, 65535, 8080),
  HOST: optional,
  WEBHOOK_PATH: optional.refine((v) => v === undefined || /^\/[\w\-./]*$/.test(v), 'must be a path starting with "/"'),
  WEBHOOK_BODY_LIMIT_BYTES: integer(1024, 64 * 1024 * 1024, 256 * 1024),
  WEBHOOK_MAX_IN_FLIGHT: integer(1, 100_000, DEFAULT_MAX_IN_FLIGHT),
  WEBHOOK_SHED_RETRY_AFTER_SECONDS: integer(1, 3600, DEFAULT_SHED_RETRY_AFTER_SECONDS),
  WEBHOOK_SECRET_MAX_AGE_SECONDS: integer(0, 86400, DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS),
  LOG_LEVEL: optional.refine((v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v.toLowerCase()), `must be one of ${LOG_LEVELS.join(', ')}`),
  SHUTDOWN_DELAY_MS: integer(0, 600_000, 0),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000, 10_000),
  AWS_CALL_TIMEOUT_MS: integer(100, 60_000, 3000),
});

/**
 * Reads and validates the server's configuration. Throws one `ConfigError` listing every problem,
 * each starting with the variable's name.
 */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = schema.safeParse(env);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? '(environment)')}: ${issue.message}`);
  const text = (name: string): string | undefined => (env[name]?.trim() ? env[name]?.trim() : undefined);

  // Cross-variable rules read the raw values so they are reported together with the typed ones.
  let secret: SecretConfig | undefined;
  const plain = text('FIVETRAN_WEBHOOK_SECRET') ? (env.FIVETRAN_WEBHOOK_SECRET as string) : undefined;
  const secretId = text('WEBHOOK_SECRET_ARN');
  if (plain && secretId) {
    problems.push('FIVETRAN_WEBHOOK_SECRET and WEBHOOK_SECRET_ARN: set one, not both');
  } else if (plain) {
    const secrets = parseWebhookSecrets(plain);
    const previous = env.FIVETRAN_WEBHOOK_SECRET_PREVIOUS;
    if (previous?.trim()) secrets.push(previous);
    if (secrets.length === 0) problems.push('FIVETRAN_WEBHOOK_SECRET: holds no secret (a JSON value needs a non-empty "current")');
    else secret = { kind: 'environment', secrets };
  } else if (secretId) {
    const maxAgeSeconds = parsed.success ? parsed.data.WEBHOOK_SECRET_MAX_AGE_SECONDS : DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS;
    secret = { kind: 'secrets-manager', secretId, maxAgeSeconds };
  } else {
    problems.push('FIVETRAN_WEBHOOK_SECRET or WEBHOOK_SECRET_ARN: one is required (the secret the Fivetran webhook signs with)');
  }

  const runsTableName = text('RUNS_TABLE_NAME');
  if (!runsTableName) problems.push('RUNS_TABLE_NAME: required (the DynamoDB table of run records)');

  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const service of ['dynamodb', 'sfn', 'secretsManager'] as const) {
    try {
      const endpoint = endpointFor(service, env);
      if (endpoint) endpoints[service] = endpoint;
    } catch (error) {
      problems.push(messageOf(error));
    }
  }
  const allLocal =
    endpoints.dynamodb !== undefined && endpoints.sfn !== undefined && (secret?.kind !== 'secrets-manager' || endpoints.secretsManager !== undefined);
  const region = text('AWS_REGION') ?? text('AWS_DEFAULT_REGION') ?? (allLocal ? 'us-east-1' : undefined);
  if (!region) problems.push('AWS_REGION: required (the region of the run-records table and the state machine)');

  if (!parsed.success || problems.length > 0 || !secret || !runsTableName || !region) throw configError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    webhookPath: e.WEBHOOK_PATH ?? '/webhook',
    bodyLimitBytes: e.WEBHOOK_BODY_LIMIT_BYTES,
    maxInFlight: e.WEBHOOK_MAX_IN_FLIGHT,
    shedRetryAfterSeconds: e.WEBHOOK_SHED_RETRY_AFTER_SECONDS,
    secret,
    runsTableName,
    region,
    awsEnv: { ...awsVariables(env), AWS_REGION: region },
    logLevel: (e.LOG_LEVEL?.toLowerCase() as LogLevel | undefined) ?? 'info',
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    awsCallTimeoutMs: e.AWS_CALL_TIMEOUT_MS,
  };
}

/** The configuration without secrets, for the start-up log line. */
export function describeServerConfig(config: ServerConfig): Record<string, unknown> {
  const { secret, awsEnv, ...rest } = config;
  return {
    ...rest,
    endpoints: Object.fromEntries((['dynamodb', 'sfn', 'secretsManager'] as const).map((s) => [s, endpointFor(s, awsEnv)]).filter(([, v]) => v)),
    secretSource: secret.kind === 'environment' ? { kind: secret.kind, count: secret.secrets.length } : { kind: secret.kind, secretId: secret.secretId, maxAgeSeconds: secret.maxAgeSeconds },
  };
}

/** Only the variables the SDK clients read: the config object never carries the webhook secret. */
function awsVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('AWS_') || /^(DYNAMODB|SFN|SECRETS_MANAGER)_ENDPOINT$/.test(name)));
}

function configError(problems: readonly string[]): ConfigError {
  return new ConfigError(`Invalid receiver configuration (environment):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/**
 * One way to build the project's AWS SDK clients, for the Lambdas, the self-hosted server, the
 * run API and the Action alike. Region and credentials come from the SDK's standard chain; the
 * endpoint of each service may be overridden for local stand-ins (dynalite, the loopback Step
 * Functions endpoint) with the SDK's own variables, read from the `env` given (not only
 * `process.env`, so a test can build clients for two stacks in one process):
 *
 * - `AWS_ENDPOINT_URL_<SERVICE>` (e.g. `AWS_ENDPOINT_URL_SFN`, `AWS_ENDPOINT_URL_DYNAMODB`), then
 *   `AWS_ENDPOINT_URL` for every service;
 * - older names kept as aliases: `DYNAMODB_ENDPOINT`, `SFN_ENDPOINT`, `SECRETS_MANAGER_ENDPOINT`.
 *
 * With an overridden endpoint and no credentials configured, dummy credentials are used (local
 * stand-ins accept any) and the region defaults to `us-east-1`.
 */
import { clean } from '../core/env.js';
import { ConfigError } from '../core/errors.js';

/** The services the project calls, with the suffix of their `AWS_ENDPOINT_URL_<SERVICE>` variable. */
export const AwsServices = {
  dynamodb: { endpointVariable: 'AWS_ENDPOINT_URL_DYNAMODB', alias: 'DYNAMODB_ENDPOINT' },
  sfn: { endpointVariable: 'AWS_ENDPOINT_URL_SFN', alias: 'SFN_ENDPOINT' },
  secretsManager: { endpointVariable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER', alias: 'SECRETS_MANAGER_ENDPOINT' },
  ecs: { endpointVariable: 'AWS_ENDPOINT_URL_ECS', alias: undefined },
  s3: { endpointVariable: 'AWS_ENDPOINT_URL_S3', alias: undefined },
  cloudformation: { endpointVariable: 'AWS_ENDPOINT_URL_CLOUDFORMATION', alias: undefined },
  cloudwatchLogs: { endpointVariable: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', alias: undefined },
  sts: { endpointVariable: 'AWS_ENDPOINT_URL_STS', alias: undefined },
} as const;

export type AwsService = keyof typeof AwsServices;

/**
 * `cacheMiddleware` resolves a command's middleware stack once per command type instead of on every
 * call, about a tenth of each call's CPU. Safe here: no command instance carries middleware of its
 * own. Not for clients wrapped in `DynamoDBDocumentClient`, which refuses it.
 */
export const SDK_CLIENT_DEFAULTS = { cacheMiddleware: true } as const;

/** What `awsClientConfig` gives: the fields every SDK v3 client's constructor takes. */
export type AwsClientConfig = {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  forcePathStyle?: boolean;
  maxAttempts?: number;
};

const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];

/** The endpoint override for `service` in `env`, or undefined. Throws `ConfigError` naming the variable when it is not an http(s) URL. */
export function endpointFor(service: AwsService, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { endpointVariable, alias } = AwsServices[service];
  for (const name of [endpointVariable, 'AWS_ENDPOINT_URL', alias]) {
    if (!name) continue;
    const value = clean(env[name]);
    if (value === undefined) continue;
    if (!/^https?:\/\/[^\s/]+/.test(value)) throw new ConfigError(`${name} must be an http(s) URL such as http://127.0.0.1:8000 (got "${value}").`);
    return value;
  }
  return undefined;
}

/** Constructor settings for a client of `service` from `env` (see the module header). */
export function awsClientConfig(service: AwsService, env: NodeJS.ProcessEnv = process.env): AwsClientConfig {
  const config: AwsClientConfig = {};
  const region = clean(env.AWS_REGION) ?? clean(env.AWS_DEFAULT_REGION);
  if (region) config.region = region;
  const endpoint = endpointFor(service, env);
  if (endpoint) {
    config.endpoint = endpoint;
    config.region ??= 'us-east-1';
    if (service === 's3') config.forcePathStyle = true;
  }
  if (endpoint && !CREDENTIAL_VARIABLES.some((name) => clean(env[name]))) {
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  } else if (env !== process.env && clean(env.AWS_ACCESS_KEY_ID) && clean(env.AWS_SECRET_ACCESS_KEY)) {
    // An environment other than the process's (with or without an endpoint): its keys would not reach the SDK's default chain.
    config.credentials = {
      accessKeyId: clean(env.AWS_ACCESS_KEY_ID) as string,
      secretAccessKey: clean(env.AWS_SECRET_ACCESS_KEY) as string,
      ...(clean(env.AWS_SESSION_TOKEN) ? { sessionToken: clean(env.AWS_SESSION_TOKEN) } : {}),
    };
  }
  return config;
}

/**
 * A client of `service`: `createAwsClient(SFNClient, 'sfn', env, { maxAttempts: 5 })`. `extra`
 * wins over the environment (a test's credentials, a request timeout, a credentials provider).
 */
export function createAwsClient<C extends object, T extends object>(
  Client: new (...config: [] | [C]) => T,
  service: AwsService,
  env: NodeJS.ProcessEnv = process.env,
  extra: Partial<C> = {},
): T {
  const cache = service === 'dynamodb' ? {} : SDK_CLIENT_DEFAULTS;
  return new Client({ ...cache, ...awsClientConfig(service, env), ...extra } as C);
}

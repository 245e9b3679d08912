/**
 * The pipeline Lambdas' environment: names and ARNs only (secret values are read from Secrets
 * Manager at run time). The CDK construct sets these variables from the same constants, so the
 * stack and the handlers cannot drift apart. Each handler reads its part once per cold start.
 */
import { clean } from '../../core/env.js';
import { ConfigError } from '../../core/errors.js';
import {
  DEFAULT_FIVETRAN_SECRET_MAX_AGE_SECONDS,
  DEFAULT_METRIC_NAMESPACE,
  DEFAULT_RECONCILE_AFTER_SECONDS,
  DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS,
  LambdaEnv,
} from '../../core/stack-contract.js';


/** Everything a handler may read from its environment, parsed. */
export type PipelineLambdaConfig = {
  tableName: string;
  fivetranSecretArn: string;
  /** Undefined: the client's default (Fivetran's public API). */
  fivetranApiUrl: string | undefined;
  fivetranSecretMaxAgeSeconds: number;
  reconcileAfterSeconds: number;
  webhookSecretArn: string;
  webhookSecretMaxAgeSeconds: number;
  metricNamespace: string;
};

type Reader<T> = (env: NodeJS.ProcessEnv) => { value: T } | { problem: string };

function required(name: string, what: string): Reader<string> {
  return (env) => {
    const value = clean(env[name]);
    return value === undefined ? { problem: `${name} is required and not set (${what})` } : { value };
  };
}

function seconds(name: string, fallback: number, min: number): Reader<number> {
  return (env) => {
    const text = clean(env[name]);
    if (text === undefined) return { value: fallback };
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) return { problem: `${name} must be a whole number of seconds >= ${min}, got "${text}"` };
    return { value };
  };
}

const READERS: { [K in keyof PipelineLambdaConfig]: Reader<PipelineLambdaConfig[K]> } = {
  tableName: required(LambdaEnv.tableName, 'the DynamoDB table of run records'),
  fivetranSecretArn: required(LambdaEnv.fivetranSecretArn, 'the Secrets Manager secret with the Fivetran API key and secret'),
  fivetranApiUrl: (env) => ({ value: clean(env[LambdaEnv.fivetranApiUrl]) }),
  fivetranSecretMaxAgeSeconds: seconds(LambdaEnv.fivetranSecretMaxAgeSeconds, DEFAULT_FIVETRAN_SECRET_MAX_AGE_SECONDS, 0),
  reconcileAfterSeconds: seconds(LambdaEnv.reconcileAfterSeconds, DEFAULT_RECONCILE_AFTER_SECONDS, 0),
  webhookSecretArn: required(LambdaEnv.webhookSecretArn, 'the Secrets Manager secret holding the webhook secret'),
  webhookSecretMaxAgeSeconds: seconds(LambdaEnv.webhookSecretMaxAgeSeconds, DEFAULT_WEBHOOK_SECRET_MAX_AGE_SECONDS, 0),
  metricNamespace: (env) => ({ value: clean(env[LambdaEnv.metricNamespace]) ?? DEFAULT_METRIC_NAMESPACE }),
};

/**
 * Reads the settings `keys` from `env`. Throws one `ConfigError` naming every variable at fault,
 * so a misconfigured function says everything that is wrong on its first invocation.
 */
export function readLambdaConfig<K extends keyof PipelineLambdaConfig>(env: NodeJS.ProcessEnv, keys: readonly K[]): Pick<PipelineLambdaConfig, K> {
  const config: Partial<PipelineLambdaConfig> = {};
  const problems: string[] = [];
  for (const key of keys) {
    const result = READERS[key](env);
    if ('problem' in result) problems.push(result.problem);
    else (config as Record<string, unknown>)[key] = result.value;
  }
  if (problems.length > 0) throw new ConfigError(`This Lambda is misconfigured: ${problems.join('; ')}.`);
  return config as Pick<PipelineLambdaConfig, K>;
}

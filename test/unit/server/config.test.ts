/**
 * The receiver's configuration from the environment: defaults, the secret's two sources, local
 * endpoints, and one error that names every variable at fault.
 */
import { ConfigError } from '../../../src/core/errors.js';
import { awsClientConfig } from '../../../src/aws/clients.js';
import { describeServerConfig, loadServerConfig } from '../../../src/server/config.js';

const minimal = { FIVETRAN_WEBHOOK_SECRET: 's3cret', RUNS_TABLE_NAME: 'runs', AWS_REGION: 'eu-west-1' };

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadServerConfig', () => {
  it('fills the defaults around the three required settings', () => {
    expect(loadServerConfig(minimal)).toEqual({
      port: 8080,
      host: '0.0.0.0',
      webhookPath: '/webhook',
      bodyLimitBytes: 262144,
      maxInFlight: 256,
      shedRetryAfterSeconds: 5,
      secret: { kind: 'environment', secrets: ['s3cret'] },
      runsTableName: 'runs',
      region: 'eu-west-1',
      awsEnv: { AWS_REGION: 'eu-west-1' },
      logLevel: 'info',
      shutdownDelayMs: 0,
      shutdownTimeoutMs: 10000,
      awsCallTimeoutMs: 3000,
    });
  });

  it('reads every setting', () => {
    const config = loadServerConfig({
      ...minimal,
      PORT: '0',
      HOST: '127.0.0.1',
      WEBHOOK_PATH: '/hooks/fivetran',
      WEBHOOK_BODY_LIMIT_BYTES: '65536',
      FIVETRAN_WEBHOOK_SECRET_PREVIOUS: 'old',
      LOG_LEVEL: 'DEBUG',
      SHUTDOWN_DELAY_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '20000',
      AWS_CALL_TIMEOUT_MS: '2000',
      WEBHOOK_MAX_IN_FLIGHT: '32',
      WEBHOOK_SHED_RETRY_AFTER_SECONDS: '2',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      webhookPath: '/hooks/fivetran',
      bodyLimitBytes: 65536,
      secret: { kind: 'environment', secrets: ['s3cret', 'old'] },
      logLevel: 'debug',
      shutdownDelayMs: 5000,
      shutdownTimeoutMs: 20000,
      awsCallTimeoutMs: 2000,
      maxInFlight: 32,
      shedRetryAfterSeconds: 2,
    });
  });

  it('accepts the rotation form {"current", "previous"} in FIVETRAN_WEBHOOK_SECRET', () => {
    const config = loadServerConfig({ ...minimal, FIVETRAN_WEBHOOK_SECRET: '{"current":"new","previous":"old"}' });
    expect(config.secret).toEqual({ kind: 'environment', secrets: ['new', 'old'] });
  });

  it('reads the secret from Secrets Manager when given WEBHOOK_SECRET_ARN', () => {
    const config = loadServerConfig({ RUNS_TABLE_NAME: 'runs', AWS_REGION: 'us-east-2', WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:x', WEBHOOK_SECRET_MAX_AGE_SECONDS: '30' });
    expect(config.secret).toEqual({ kind: 'secrets-manager', secretId: 'arn:aws:secretsmanager:x', maxAgeSeconds: 30 });
  });

  it('uses local endpoints with dummy credentials and us-east-1 when none are configured', () => {
    const config = loadServerConfig({
      FIVETRAN_WEBHOOK_SECRET: 's',
      RUNS_TABLE_NAME: 'runs',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      SFN_ENDPOINT: 'http://127.0.0.1:8083',
    });
    expect(config.region).toBe('us-east-1');
    expect(describeServerConfig(config)).toMatchObject({ endpoints: { dynamodb: 'http://127.0.0.1:8000', sfn: 'http://127.0.0.1:8083' } });
    expect(awsClientConfig('dynamodb', config.awsEnv)).toMatchObject({ endpoint: 'http://127.0.0.1:8000', credentials: { accessKeyId: 'local' } });
    const withProfile = loadServerConfig({ ...minimal, AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000', AWS_PROFILE: 'dev' });
    expect(awsClientConfig('dynamodb', withProfile.awsEnv).credentials).toBeUndefined();
  });

  it('reports every problem at once, each naming its variable', () => {
    const error = errorOf({ PORT: 'eighty', LOG_LEVEL: 'loud', DYNAMODB_ENDPOINT: 'localhost:8000', WEBHOOK_PATH: 'webhook' });
    expect(error.message.split('\n')).toEqual([
      'Invalid receiver configuration (environment):',
      '  - PORT: must be a whole number from 0 to 65535, got "eighty"',
      '  - WEBHOOK_PATH: must be a path starting with "/"',
      '  - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
      '  - FIVETRAN_WEBHOOK_SECRET or WEBHOOK_SECRET_ARN: one is required (the secret the Fivetran webhook signs with)',
      '  - RUNS_TABLE_NAME: required (the DynamoDB table of run records)',
      '  - DYNAMODB_ENDPOINT must be an http(s) URL such as http://127.0.0.1:8000 (got "localhost:8000").',
      '  - AWS_REGION: required (the region of the run-records table and the state machine)',
    ]);
  });

  it('refuses two sources for the secret, and a JSON secret without a current value', () => {
    expect(errorOf({ ...minimal, WEBHOOK_SECRET_ARN: 'arn' }).message).toContain('FIVETRAN_WEBHOOK_SECRET and WEBHOOK_SECRET_ARN: set one, not both');
    expect(errorOf({ ...minimal, FIVETRAN_WEBHOOK_SECRET: '{"current":""}' }).message).toContain('FIVETRAN_WEBHOOK_SECRET: holds no secret');
  });

  it('refuses limits out of range', () => {
    expect(errorOf({ ...minimal, PORT: '70000' }).message).toContain('PORT: must be a whole number from 0 to 65535, got "70000"');
    expect(errorOf({ ...minimal, WEBHOOK_BODY_LIMIT_BYTES: '10' }).message).toContain('WEBHOOK_BODY_LIMIT_BYTES');
    expect(errorOf({ ...minimal, SHUTDOWN_TIMEOUT_MS: '-1' }).message).toContain('SHUTDOWN_TIMEOUT_MS');
    expect(errorOf({ ...minimal, WEBHOOK_MAX_IN_FLIGHT: '0' }).message).toContain('WEBHOOK_MAX_IN_FLIGHT: must be a whole number from 1 to 100000, got "0"');
    expect(errorOf({ ...minimal, WEBHOOK_SHED_RETRY_AFTER_SECONDS: 'soon' }).message).toContain('WEBHOOK_SHED_RETRY_AFTER_SECONDS');
  });
});

describe('describeServerConfig', () => {
  it('says where the secret comes from without the secret', () => {
    const described = describeServerConfig(loadServerConfig({ ...minimal, FIVETRAN_WEBHOOK_SECRET_PREVIOUS: 'old-s3cret' }));
    expect(described.secretSource).toEqual({ kind: 'environment', count: 2 });
    expect(JSON.stringify(described)).not.toMatch(/s3cret/);
  });
});

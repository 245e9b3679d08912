/**
 * The pipeline Lambdas' environment: parsed once, every problem named in one ConfigError.
 */
import { ConfigError } from '../../../../src/core/errors.js';
import { LambdaEnv } from '../../../../src/core/stack-contract.js';
import { readLambdaConfig } from '../../../../src/lambdas/shared/config.js';

const ALL = ['tableName', 'fivetranSecretArn', 'fivetranApiUrl', 'fivetranSecretMaxAgeSeconds', 'reconcileAfterSeconds'] as const;

describe('readLambdaConfig', () => {
  it('reads the variables, trimmed, with defaults for the optional ones', () => {
    expect(readLambdaConfig({ RUNS_TABLE_NAME: ' runs ', FIVETRAN_SECRET_ARN: 'arn:secret' }, ALL)).toEqual({
      tableName: 'runs',
      fivetranSecretArn: 'arn:secret',
      fivetranApiUrl: undefined,
      fivetranSecretMaxAgeSeconds: 300,
      reconcileAfterSeconds: 600,
    });
  });

  it('reads only what it is asked for', () => {
    expect(readLambdaConfig({ RUNS_TABLE_NAME: 'runs' }, ['tableName'])).toEqual({ tableName: 'runs' });
  });

  it('names every problem in one error', () => {
    const read = () => readLambdaConfig({ FIVETRAN_SECRET_MAX_AGE_SECONDS: '-1', RECONCILE_AFTER_SECONDS: '1.5' }, ALL);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      new RegExp(
        [LambdaEnv.tableName, LambdaEnv.fivetranSecretArn, LambdaEnv.fivetranSecretMaxAgeSeconds, LambdaEnv.reconcileAfterSeconds].join('.*'),
      ),
    );
  });
});

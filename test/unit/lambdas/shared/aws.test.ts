/**
 * The Lambdas' AWS dependencies are built from the environment they are given, not from
 * `process.env`: two stacks (two local AWS stand-ins) can run in one process.
 */
import { createFivetranSource, createSecretsClient } from '../../../../src/lambdas/shared/secrets.js';
import { createTaskCompleter } from '../../../../src/lambdas/shared/task-completer.js';
import { startAwsJsonStub, type AwsJsonStub } from '../../../support/aws-json-stub.js';

let stub: AwsJsonStub;
beforeAll(async () => {
  stub = await startAwsJsonStub();
});
afterAll(async () => stub.close());
beforeEach(() => {
  stub.calls.length = 0;
});

const envFor = (endpoint: string): NodeJS.ProcessEnv => ({
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_SFN: endpoint,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
});

describe('the Lambdas’ AWS clients', () => {
  it('complete tasks through the Step Functions endpoint of the given environment', async () => {
    const completer = createTaskCompleter(envFor(stub.endpoint));
    await expect(completer.heartbeat('token-1')).resolves.toBe('delivered');
    expect(stub.sfnCalls()).toEqual([{ action: 'SendTaskHeartbeat', input: { taskToken: 'token-1' } }]);
  });

  it('read the Fivetran secret through the Secrets Manager endpoint of the given environment', async () => {
    stub.secrets.set('arn:fivetran', JSON.stringify({ apiKey: 'k', apiSecret: 's' }));
    const source = createFivetranSource(
      { fivetranSecretArn: 'arn:fivetran', fivetranApiUrl: 'http://127.0.0.1:1/v1', fivetranSecretMaxAgeSeconds: 0 },
      {},
      envFor(stub.endpoint),
    );
    await expect(source()).resolves.toBeDefined();
    expect(stub.calls.map((c) => c.target)).toEqual(['secretsmanager.GetSecretValue']);
  });

  it('build a Secrets Manager client on the given endpoint', async () => {
    const client = createSecretsClient(envFor(stub.endpoint));
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.port).toBe(Number(new URL(stub.endpoint).port));
    client.destroy();
  });
});

/**
 * The deployed Lambdas' Fivetran client: credentials come from a Secrets Manager secret (stubbed
 * on the wire), are cached, follow a rotation, and never appear in an error message.
 */
import { ConfigError } from '../../../src/core/errors.js';
import { createFivetranClientSource, parseFivetranCredentials } from '../../../src/aws/fivetran-secret.js';
import { startAwsJsonStub, type AwsJsonStub } from '../../support/aws-json-stub.js';
import { startScriptedServer, type ScriptedServer } from '../core/fivetran/scripted-server.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:fivetran-api-AbCdEf';
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const emptyPage = { code: 'Success', data: { items: [] } };

let stub: AwsJsonStub;
let fivetran: ScriptedServer;
beforeAll(async () => {
  stub = await startAwsJsonStub();
  fivetran = await startScriptedServer();
  fivetran.fallback(() => ({ body: emptyPage }));
});
afterAll(async () => {
  await stub.close();
  await fivetran.close();
});
beforeEach(() => {
  stub.calls.length = 0;
  fivetran.requests.length = 0;
});

const getSecretCalls = () => stub.calls.filter((c) => c.target === 'secretsmanager.GetSecretValue');

describe('Fivetran client from a Secrets Manager secret', () => {
  it('authenticates with the secret, reading it once while cached', async () => {
    stub.secrets.set(ARN, JSON.stringify({ apiKey: 'key-1', apiSecret: 'secret-1' }));
    const source = createFivetranClientSource({ secretArn: ARN, baseUrl: fivetran.baseUrl, secretsClient: stub.secretsClient(), maxAgeSeconds: 300 });

    const [first, second] = await Promise.all([source(), source()]);
    await first.listGroupConnections('inappropriate_implode');
    expect(await source()).toBe(first);

    expect(second).toBe(first);
    expect(getSecretCalls()).toHaveLength(1);
    expect(getSecretCalls()[0]?.input).toMatchObject({ SecretId: ARN });
    expect(fivetran.requests[0]?.headers.authorization).toBe(basic('key-1', 'secret-1'));
  });

  it('follows a rotated secret once the cache expires', async () => {
    stub.secrets.set(ARN, JSON.stringify({ apiKey: 'key-1', apiSecret: 'secret-1' }));
    const source = createFivetranClientSource({ secretArn: ARN, baseUrl: fivetran.baseUrl, secretsClient: stub.secretsClient(), maxAgeSeconds: 0 });
    const before = await source();
    stub.secrets.set(ARN, JSON.stringify({ apiKey: 'key-2', apiSecret: 'secret-2' }));

    const after = await source();
    await after.listGroupConnections('g');

    expect(after).not.toBe(before);
    expect(fivetran.requests.at(-1)?.headers.authorization).toBe(basic('key-2', 'secret-2'));
  });

  it('says how to fill the placeholder secret the stack creates, without quoting any value', async () => {
    stub.secrets.set(ARN, JSON.stringify({ apiKey: '', apiSecret: 'not-shown-anywhere' }));
    const source = createFivetranClientSource({ secretArn: ARN, secretsClient: stub.secretsClient(), maxAgeSeconds: 0 });

    const failure = source();
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/has no apiKey: store \{"apiKey": "...", "apiSecret": "..."\}/);
    await expect(failure).rejects.not.toThrow(/not-shown-anywhere/);
  });

  it.each([
    ['not JSON', 'hunter2', /is not JSON/],
    ['a JSON string', '"hunter2"', /has no apiKey and no apiSecret/],
    ['blank fields', '{"apiKey":"  ","apiSecret":""}', /has no apiKey and no apiSecret/],
  ])('refuses a secret that is %s', (_, text, message) => {
    expect(() => parseFivetranCredentials(text, ARN)).toThrow(message);
    expect(() => parseFivetranCredentials(text, ARN)).not.toThrow(/hunter2/);
  });
});

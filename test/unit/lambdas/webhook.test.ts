/**
 * The webhook Lambda: the shared delivery table and the mutation property through API Gateway
 * events (HTTP API payload 2.0 as text and base64, REST API 1.0), with the real Step Functions and
 * Secrets Manager clients talking to a loopback stub; then the deployed `handler` built from its
 * environment against dynalite.
 */
import { jest } from '@jest/globals';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { SfnTaskCompleter } from '../../../src/aws/sfn-task-completer.js';
import { ConfigError } from '../../../src/core/errors.js';
import { DynamoRunStore } from '../../../src/aws/dynamodb-run-store.js';
import { bodyTooLargeMessage, createWebhookReceiver, DEFAULT_BODY_LIMIT_BYTES, type WebhookReceiver } from '../../../src/core/webhook/receiver.js';
import { createSecretsManagerSource } from '../../../src/aws/webhook-secret-source.js';
import type * as WebhookModuleTypes from '../../../src/lambdas/webhook.js';
import { startAwsJsonStub, type AwsJsonStub } from '../../support/aws-json-stub.js';
import { startDynalite, type DynaliteHandle } from '../../support/dynalite.js';
import {
  NOW,
  Payloads,
  PREVIOUS_SECRET,
  SECRET,
  SwitchableStore,
  TOKEN,
  WEBHOOK_CASES,
  assertMutationsAreSafe,
  prepareCase,
  runCase,
  signed,
  waitingRecord,
  type CaseWorld,
  type Delivery,
  type TransportReply,
  type WebhookTransport,
} from '../../support/webhook-cases.js';
import { reportingCompletedRuns } from '../../../src/lambdas/shared/store-hooks.js';
import { silentLogger } from './fixtures.js';

type WebhookModule = typeof WebhookModuleTypes;

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:fivetran-webhook-AbCdEf';

/** An HTTP API (payload 2.0) event: API Gateway lowercases header names. */
function v2Event(delivery: Delivery, options: { base64: boolean; method?: string }): APIGatewayProxyEventV2 {
  const headers = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    version: '2.0',
    routeKey: 'POST /webhook',
    rawPath: '/webhook',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: options.method ?? 'POST', path: '/webhook', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'Fivetran' },
      requestId: 'api-request-1',
      routeKey: 'POST /webhook',
      stage: '$default',
      time: '22/May/2026:00:06:09 +0000',
      timeEpoch: NOW,
    },
    body: options.base64 ? delivery.body.toString('base64') : delivery.body.toString('utf8'),
    isBase64Encoded: options.base64,
  };
}

/** A REST API (payload 1.0) event: header names keep the sender's case. */
function v1Event(delivery: Delivery, options: { base64: boolean }): APIGatewayProxyEvent {
  return {
    resource: '/webhook',
    path: '/webhook',
    httpMethod: 'POST',
    headers: { ...delivery.headers },
    multiValueHeaders: Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { requestId: 'rest-request-1', httpMethod: 'POST' } as APIGatewayProxyEvent['requestContext'],
    body: options.base64 ? delivery.body.toString('base64') : delivery.body.toString('utf8'),
    isBase64Encoded: options.base64,
  };
}

let mod: WebhookModule;
let stub: AwsJsonStub;
let world: CaseWorld;
let receiver: WebhookReceiver;

function lambdaTransport(name: string, toEvent: (delivery: Delivery) => APIGatewayProxyEventV2 | APIGatewayProxyEvent): WebhookTransport {
  const handler = mod.createWebhookHandler({ receiver, logger: silentLogger() });
  return {
    name,
    async deliver(delivery) {
      const result = await handler(toEvent(delivery));
      expect(result.headers['content-type']).toMatch(/^application\/json/);
      return { status: result.statusCode, body: JSON.parse(result.body) as TransportReply['body'] };
    },
  };
}

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  mod = await import('../../../src/lambdas/webhook.js');
  stub = await startAwsJsonStub();
  stub.secrets.set(SECRET_ARN, JSON.stringify({ current: SECRET, previous: PREVIOUS_SECRET }));
  world = { store: new SwitchableStore(), stub };
  receiver = createWebhookReceiver({
    secrets: createSecretsManagerSource({ secretId: SECRET_ARN, client: stub.secretsClient() }),
    store: world.store,
    completer: new SfnTaskCompleter({ client: stub.sfnClient() }),
    now: () => NOW,
  });
});

afterAll(async () => {
  await stub.close();
});

const transports: [string, (d: Delivery) => APIGatewayProxyEventV2 | APIGatewayProxyEvent][] = [
  ['HTTP API 2.0, text body', (d) => v2Event(d, { base64: false })],
  ['HTTP API 2.0, base64 body', (d) => v2Event(d, { base64: true })],
  ['REST API 1.0, header case kept', (d) => v1Event(d, { base64: false })],
];

describe.each(transports)('%s answers the shared delivery table', (name, toEvent) => {
  it.each(WEBHOOK_CASES)('$name', async (testCase) => {
    await runCase(lambdaTransport(name, toEvent), world, testCase);
  });
});

describe('mutated deliveries through API Gateway events', () => {
  it('1,000 mutations (payload 2.0, base64): only valid signatures change state; every answer is 200, 400 or 401', async () => {
    const tally = await assertMutationsAreSafe(lambdaTransport('v2', (d) => v2Event(d, { base64: true })), world, 1000);
    expect(tally.unsigned).toBeGreaterThan(300);
    expect(tally.signed).toBeGreaterThan(100);
  });

  it('1,000 mutations (payload 1.0, base64): the same', async () => {
    await assertMutationsAreSafe(lambdaTransport('v1', (d) => v1Event(d, { base64: true })), world, 1000);
  });
});

describe('the Lambda adapter', () => {
  it('turns base64 bodies back into the exact bytes that were signed', () => {
    const body = Buffer.from([0x7b, 0xff, 0x00, 0x7d]);
    const { request } = mod.toWebhookRequest(v2Event({ headers: {}, body }, { base64: true }));
    expect(Buffer.compare(request.rawBody as Buffer, body)).toBe(0);
  });

  it('reads a REST API event without headers or body as an empty delivery (401)', async () => {
    const handler = mod.createWebhookHandler({ receiver, logger: silentLogger() });
    const event = { ...v1Event({ headers: {}, body: Buffer.alloc(0) }, { base64: false }), headers: null, body: null } as unknown as APIGatewayProxyEvent;
    const result = await handler(event);
    expect(result.statusCode).toBe(401);
  });

  it('logs one info line per delivery with its outcome and the runs whose waits it completed', async () => {
    const logger = silentLogger();
    const info = jest.spyOn(logger, 'info');
    const reporting = createWebhookReceiver({
      secrets: [SECRET],
      store: reportingCompletedRuns(world.store, mod.noteCompletedRun),
      completer: new SfnTaskCompleter({ client: stub.sfnClient() }),
      now: () => NOW,
    });
    const handler = mod.createWebhookHandler({ receiver: reporting, logger });
    await prepareCase(world, { records: [{ taskToken: TOKEN }] });
    await handler(v2Event(signed(Payloads.success), { base64: false }));
    // The next delivery completes nothing: its line names no run, not the previous delivery's.
    await handler(v2Event(signed(Payloads.success), { base64: false }));
    expect(info.mock.calls).toEqual([
      ['delivery', { status: 200, event: 'sync_end', connectionId: 'assimilate_seem', outcome: 'completed', runIds: ['run-1'] }],
      ['delivery', { status: 200, event: 'sync_end', connectionId: 'assimilate_seem', outcome: 'unmatched', runIds: [] }],
    ]);
  });

  it('refuses a signed 3 MiB delivery with 413, as the self-hosted server does, and changes nothing', async () => {
    const handler = mod.createWebhookHandler({ receiver, logger: silentLogger() });
    await prepareCase(world, { records: [{ taskToken: TOKEN }] });
    const huge = Buffer.from(JSON.stringify({ ...JSON.parse(Payloads.success), padding: 'x'.repeat(3 * 1024 * 1024) }));
    const result = await handler(v2Event(signed(huge), { base64: true }));
    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ ok: false, message: bodyTooLargeMessage(DEFAULT_BODY_LIMIT_BYTES) });
    expect(stub.sfnCalls()).toEqual([]);
  });

  it('answers 405 with Allow: POST to other methods', async () => {
    const handler = mod.createWebhookHandler({ receiver, logger: silentLogger() });
    const result = await handler(v2Event(signed(Payloads.test), { base64: false, method: 'GET' }));
    expect(result.statusCode).toBe(405);
    expect(result.headers.allow).toBe('POST');
  });

  it('reads the secret from Secrets Manager once and reuses it across deliveries', async () => {
    const secrets = createSecretsManagerSource({ secretId: SECRET_ARN, client: stub.secretsClient(), maxAgeSeconds: 300 });
    const cached = createWebhookReceiver({ secrets, store: world.store, completer: new SfnTaskCompleter({ client: stub.sfnClient() }), now: () => NOW });
    const handler = mod.createWebhookHandler({ receiver: cached, logger: silentLogger() });
    await prepareCase(world, {});
    const results = await Promise.all(Array.from({ length: 20 }, () => handler(v2Event(signed(Payloads.test), { base64: false }))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(stub.calls.filter((c) => c.target === 'secretsmanager.GetSecretValue')).toEqual([
      { target: 'secretsmanager.GetSecretValue', input: { SecretId: SECRET_ARN } },
    ]);
  });

  it('answers 503 (Fivetran retries) while Secrets Manager cannot be read, without reading the body', async () => {
    const secrets = createSecretsManagerSource({ secretId: 'arn:missing', client: stub.secretsClient() });
    const broken = createWebhookReceiver({ secrets, store: world.store, completer: new SfnTaskCompleter({ client: stub.sfnClient() }) });
    const handler = mod.createWebhookHandler({ receiver: broken, logger: silentLogger() });
    const result = await handler(v2Event(signed(Payloads.success), { base64: false }));
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body)).toMatchObject({ ok: false, outcome: 'error', message: expect.stringMatching(/webhook secret/) });
  });

  it('answers 500 without details when its configuration is wrong, and tries again on the next event', async () => {
    let attempts = 0;
    const handler = mod.createWebhookHandler({
      receiver: () => {
        attempts += 1;
        throw new ConfigError('Environment variable required and not set: WEBHOOK_SECRET_ARN');
      },
      logger: silentLogger(),
    });
    const result = await handler(v2Event(signed(Payloads.test), { base64: false }));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('WEBHOOK_SECRET_ARN');
    await handler(v2Event(signed(Payloads.test), { base64: false }));
    expect(attempts).toBe(2);
  });

  it('names the variable at fault in its environment', () => {
    const logger = silentLogger();
    expect(() => mod.createReceiverFromEnv({ RUNS_TABLE_NAME: 't' }, logger)).toThrow(/WEBHOOK_SECRET_ARN/);
    expect(() => mod.createReceiverFromEnv({ WEBHOOK_SECRET_ARN: SECRET_ARN }, logger)).toThrow(/RUNS_TABLE_NAME/);
    expect(() => mod.createReceiverFromEnv({ WEBHOOK_SECRET_ARN: SECRET_ARN, RUNS_TABLE_NAME: 't', WEBHOOK_SECRET_MAX_AGE_SECONDS: 'soon' }, logger)).toThrow(
      /WEBHOOK_SECRET_MAX_AGE_SECONDS/,
    );
  });
});

describe('the deployed handler, from its environment', () => {
  let dynalite: DynaliteHandle;
  let store: DynamoRunStore;
  const saved = { ...process.env };

  beforeAll(async () => {
    dynalite = await startDynalite();
    const tableName = await dynalite.createTable();
    store = new DynamoRunStore({ tableName, client: dynalite.client });
    Object.assign(process.env, {
      WEBHOOK_SECRET_ARN: SECRET_ARN,
      RUNS_TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynalite.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SFN: stub.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: stub.endpoint,
    });
  });

  afterAll(async () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await dynalite.close();
  });

  it('completes a waiting task in DynamoDB with SendTaskSuccess, reading the secret from Secrets Manager', async () => {
    stub.setHandler(() => undefined);
    stub.calls.length = 0;
    // Records expire relative to the real clock here: the deployed handler has no injected time.
    const record = waitingRecord({ runId: 'run-env', expiresAt: Math.floor(Date.now() / 1000) + 3600 });
    await store.createRecords([record]);
    await store.attachTaskToken(record.runId, record.connectionId, TOKEN);

    const result = await mod.handler(v2Event(signed(Payloads.success), { base64: true }));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ ok: true, outcome: 'completed', connectionId: 'assimilate_seem' });
    expect(stub.calls.map((c) => c.target)).toEqual(['secretsmanager.GetSecretValue', 'AWSStepFunctions.SendTaskSuccess']);
    const after = await store.getRecord(record.runId, record.connectionId);
    expect(after).toMatchObject({ outcome: { status: 'SUCCESSFUL', source: 'webhook' }, completedAt: expect.any(String) });
  });

  it('refuses an unsigned event with 401 and leaves DynamoDB as it was', async () => {
    const record = waitingRecord({ runId: 'run-env-2', connectionId: 'unsigned_conn', expiresAt: Math.floor(Date.now() / 1000) + 3600 });
    await store.createRecords([record]);
    const before = await store.getRecord(record.runId, record.connectionId);
    const body = Payloads.success.replace('assimilate_seem', 'unsigned_conn');
    const result = await mod.handler(v1Event({ headers: { 'Content-Type': 'application/json' }, body: Buffer.from(body) }, { base64: false }));
    expect(result.statusCode).toBe(401);
    expect(await store.getRecord(record.runId, record.connectionId)).toEqual(before);
  });
});

/**
 * What only the DynamoDB store does: the item layout the table and its sparse indexes rely on,
 * pagination, SDK errors translated at the boundary, configuration from the environment, and
 * agreement with the memory store on random operation sequences. The shared semantics live in
 * store-contract.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { ConfigError, RecordNotFoundError, StoreError } from '../../../src/core/errors.js';
import { DynamoRunStore, dynamoRunStoreFromEnv } from '../../../src/aws/dynamodb-run-store.js';
import { MemoryRunStore } from '../../../src/core/runs/memory-store.js';
import { readOpenRecords, type NewSyncRecord, type RunStore, type SyncOutcome, type SyncRecord } from '../../../src/core/runs/records.js';
import { OPEN_SHARD_COUNT, RunTableAttributes, RunTableIndexes, openPartition } from '../../../src/core/runs/table.js';
import { createTableInput } from '../../../src/aws/dynamodb-run-store.js';
import { startDynalite, type DynaliteHandle } from '../../support/dynalite.js';
import { closedPort } from '../../support/ports.js';

const T0 = Date.parse('2026-05-22T00:00:00.000Z');
const OPEN_INDEX_ATTRIBUTES = ['openConnectionPk', 'openConnectionSk', 'openPk', 'openSk'];

let dynalite: DynaliteHandle;

beforeAll(async () => {
  dynalite = await startDynalite();
});

afterAll(async () => {
  await dynalite.close();
});

function newRecord(runId: string, connectionId: string, overrides: Partial<NewSyncRecord> = {}): NewSyncRecord {
  return {
    runId,
    connectionId,
    groupId: 'group_1',
    name: null,
    baseline: '2026-05-21T23:00:00.000Z',
    scheduleType: 'auto',
    createdAt: '2026-05-22T00:00:00.000Z',
    deadline: '2026-05-22T02:00:00.000Z',
    expiresAt: T0 / 1000 + 86_400,
    ...overrides,
  };
}

const success: SyncOutcome = { status: 'SUCCESSFUL', finishedAt: '2026-05-22T00:10:00.000Z', syncId: 'sync-1', reason: null, taskType: null, source: 'webhook' };

async function newStore(options: { now?: () => number; pageSize?: number; client?: DynamoDBClient } = {}): Promise<{ store: DynamoRunStore; tableName: string }> {
  const tableName = await dynalite.createTable();
  return { store: new DynamoRunStore({ tableName, client: options.client ?? dynalite.client, now: options.now ?? (() => T0), pageSize: options.pageSize }), tableName };
}

async function rawItem(tableName: string, runId: string, connectionId: string): Promise<Record<string, unknown>> {
  const { Item } = await DynamoDBDocumentClient.from(dynalite.client).send(
    new GetCommand({ TableName: tableName, Key: { pk: `RUN#${runId}`, sk: `CONN#${connectionId}` }, ConsistentRead: true }),
  );
  if (!Item) throw new Error(`no item for ${runId}/${connectionId}`);
  return Item;
}

/** A client on dynalite that counts the operations it sends. */
function countingClient(): { client: DynamoDBClient; sent: string[]; limits: Array<number | undefined> } {
  const sent: string[] = [];
  const limits: Array<number | undefined> = [];
  const client = new DynamoDBClient({ endpoint: dynalite.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      limits.push((args.input as { Limit?: number }).Limit);
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, sent, limits };
}

describe('the table definition', () => {
  it('keys records by run, with two sparse indexes projecting whole items', () => {
    const input = createTableInput('runs');
    expect(input).toMatchObject({
      TableName: 'runs',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
    expect(input.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema?.map((k) => k.AttributeName), i.Projection?.ProjectionType])).toEqual([
      [RunTableIndexes.openByConnection, ['openConnectionPk', 'openConnectionSk'], 'ALL'],
      [RunTableIndexes.open, ['openPk', 'openSk'], 'ALL'],
    ]);
    expect(input.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual(['openConnectionPk', 'openConnectionSk', 'openPk', 'openSk', 'pk', 'sk']);
    expect(RunTableAttributes.expiresAt).toBe('expiresAt');
  });
});

describe('DynamoRunStore item layout', () => {
  it('stores a new record under RUN#/CONN# keys with its open-index attributes and no null attributes', async () => {
    const { store, tableName } = await newStore();
    await store.createRecords([newRecord('run-1', 'conn_a')]);

    expect(await rawItem(tableName, 'run-1', 'conn_a')).toEqual({
      pk: 'RUN#run-1',
      sk: 'CONN#conn_a',
      openConnectionPk: 'CONN#conn_a',
      openConnectionSk: '2026-05-22T00:00:00.000Z#run-1',
      openPk: openPartition('run-1', 'conn_a'),
      openSk: '2026-05-22T00:00:00.000Z#run-1#conn_a',
      runId: 'run-1',
      connectionId: 'conn_a',
      groupId: 'group_1',
      baseline: '2026-05-21T23:00:00.000Z',
      scheduleType: 'auto',
      createdAt: '2026-05-22T00:00:00.000Z',
      deadline: '2026-05-22T02:00:00.000Z',
      expiresAt: T0 / 1000 + 86_400,
      retriggers: 0,
    });
  });

  it('stores the TTL as a number and the outcome as a map', async () => {
    const { store, tableName } = await newStore();
    await store.createRecords([newRecord('run-1', 'conn_a')]);
    await store.recordOutcome('run-1', 'conn_a', success);

    const { Item } = await dynalite.client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'RUN#run-1' }, sk: { S: 'CONN#conn_a' } } }));
    expect(Item?.expiresAt).toEqual({ N: String(T0 / 1000 + 86_400) });
    expect(Item?.outcome?.M?.status).toEqual({ S: 'SUCCESSFUL' });
    expect(Item?.outcome?.M?.reason).toEqual({ NULL: true });
  });

  it('removes the sparse index attributes when the record is completed', async () => {
    const { store, tableName } = await newStore();
    await store.createRecords([newRecord('run-1', 'conn_a')]);
    await store.markCompleted('run-1', 'conn_a', '2026-05-22T00:10:01.000Z');

    const item = await rawItem(tableName, 'run-1', 'conn_a');
    for (const name of OPEN_INDEX_ATTRIBUTES) expect(item).not.toHaveProperty(name);
    expect(item.completedAt).toBe('2026-05-22T00:10:01.000Z');
  });

  it('gives a record born completed (a skip) no sparse index attributes', async () => {
    const { store, tableName } = await newStore();
    await store.createRecords([newRecord('run-1', 'conn_a', { outcome: { ...success, status: 'SKIPPED', source: 'run' }, completedAt: '2026-05-22T00:00:00.000Z' })]);

    const item = await rawItem(tableName, 'run-1', 'conn_a');
    for (const name of OPEN_INDEX_ATTRIBUTES) expect(item).not.toHaveProperty(name);
  });
});

describe('DynamoRunStore queries', () => {
  it('follows LastEvaluatedKey through every page of a run', async () => {
    const { client, sent } = countingClient();
    const { store } = await newStore({ client, pageSize: 25 });
    await store.createRecords(Array.from({ length: 60 }, (_, i) => newRecord('run-1', `conn_${String(i).padStart(2, '0')}`)));
    sent.length = 0;

    expect(await store.listRunRecords('run-1')).toHaveLength(60);
    expect(sent).toEqual(['QueryCommand', 'QueryCommand', 'QueryCommand']);
    client.destroy();
  });

  it('lists open records with one query per open-index shard, none holding them all', async () => {
    const { client, sent } = countingClient();
    const { store } = await newStore({ client });
    await store.createRecords(Array.from({ length: 64 }, (_, i) => newRecord(`run-${i % 3}`, `conn_${i}`)));
    sent.length = 0;

    const pages = [];
    for await (const page of store.listOpenRecords()) pages.push(page.length);

    expect(pages.reduce((a, b) => a + b, 0)).toBe(64);
    expect(Math.max(...pages)).toBeLessThan(64 / 2);
    expect(sent).toEqual(Array.from({ length: OPEN_SHARD_COUNT }, () => 'QueryCommand'));
    client.destroy();
  });

  it('accepts a DocumentClient of the caller', async () => {
    const tableName = await dynalite.createTable();
    const store = new DynamoRunStore({ tableName, client: DynamoDBDocumentClient.from(dynalite.client), now: () => T0 });
    await store.createRecords([newRecord('run-1', 'conn_a')]);
    expect((await store.attachTaskToken('run-1', 'conn_a', 'token-1')).taskToken).toBe('token-1');
  });
});

describe('DynamoRunStore errors', () => {
  const missingTable = () => new DynamoRunStore({ tableName: 'no-such-table', client: dynalite.client, now: () => T0 });

  const operations: Array<[string, (store: RunStore) => Promise<unknown>]> = [
    ['createRecords', (s) => s.createRecords([newRecord('run-1', 'conn_a')])],
    ['attachTaskToken', (s) => s.attachTaskToken('run-1', 'conn_a', 'token-1')],
    ['recordOutcome', (s) => s.recordOutcome('run-1', 'conn_a', success)],
    ['markCompleted', (s) => s.markCompleted('run-1', 'conn_a', '2026-05-22T00:10:00.000Z')],
    ['getRecord', (s) => s.getRecord('run-1', 'conn_a')],
    ['listRunRecords', (s) => s.listRunRecords('run-1')],
    ['findOpenRecords', (s) => s.findOpenRecords('conn_a')],
    ['listOpenRecords', (s) => readOpenRecords(s)],
    ['ping', (s) => s.ping()],
  ];

  it.each(operations)('%s on a missing table is a StoreError (not RecordNotFoundError) naming the table, with the SDK error as cause', async (_op, run) => {
    const error = await run(missingTable()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error).not.toBeInstanceOf(RecordNotFoundError);
    expect((error as Error).message).toContain('"no-such-table"');
    expect((error as Error).message).toContain('RUNS_TABLE_NAME');
    expect(((error as Error).cause as Error).name).toBe('ResourceNotFoundException');
  });

  it('is a StoreError with the network error as cause when DynamoDB cannot be reached', async () => {
    const port = await closedPort();
    const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    const store = new DynamoRunStore({ tableName: 'runs', client });

    const error = await store.ping().then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/^DynamoDB ping on table "runs" failed: /);
    expect((error as Error).cause).toBeInstanceOf(Error);
    client.destroy();
  });
});

describe('dynamoRunStoreFromEnv', () => {
  it.each([[{}], [{ RUNS_TABLE_NAME: '  ' }]])('requires RUNS_TABLE_NAME (%j)', (env) => {
    expect(() => dynamoRunStoreFromEnv(env)).toThrow(ConfigError);
    expect(() => dynamoRunStoreFromEnv(env)).toThrow(/RUNS_TABLE_NAME/);
  });

  it('rejects a DYNAMODB_ENDPOINT that is not an http(s) URL, naming the variable', () => {
    expect(() => dynamoRunStoreFromEnv({ RUNS_TABLE_NAME: 'runs', DYNAMODB_ENDPOINT: 'localhost:8000' })).toThrow(/DYNAMODB_ENDPOINT/);
    expect(() => dynamoRunStoreFromEnv({ RUNS_TABLE_NAME: 'runs', DYNAMODB_ENDPOINT: 'not a url' })).toThrow(ConfigError);
  });

  it('talks to a local endpoint without AWS credentials', async () => {
    const tableName = await dynalite.createTable();
    const store = dynamoRunStoreFromEnv({ RUNS_TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynalite.endpoint }, { now: () => T0 });

    await store.ping();
    await store.createRecords([newRecord('run-1', 'conn_a')]);
    expect(store.tableName).toBe(tableName);
    expect(await store.findOpenRecords('conn_a')).toHaveLength(1);
  });
});

describe('DynamoRunStore agrees with MemoryRunStore', () => {
  const runs = ['run-1', 'run-2'];
  const connections = ['conn_a', 'conn_b'];
  const target = fc.record({ run: fc.integer({ min: 0, max: runs.length - 1 }), conn: fc.integer({ min: 0, max: connections.length - 1 }) });
  const operation = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('create' as const), t: target, ttl: fc.integer({ min: 1, max: 600 }), completed: fc.boolean() }), weight: 4 },
    fc.record({ op: fc.constant('markTriggered' as const), t: target }),
    fc.record({ op: fc.constant('attachTaskToken' as const), t: target, token: fc.constantFrom('token-1', 'token-2') }),
    fc.record({ op: fc.constant('recordOutcome' as const), t: target, status: fc.constantFrom('SUCCESSFUL', 'FAILURE') }),
    fc.record({ op: fc.constant('recordSyncStart' as const), t: target, syncId: fc.constantFrom('sync-1', null) }),
    fc.record({ op: fc.constant('markRescheduled' as const), t: target, cleared: fc.boolean() }),
    fc.record({ op: fc.constant('markCompleted' as const), t: target }),
    fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ op: fc.constant('getRecord' as const), t: target }),
    fc.record({ op: fc.constant('listRunRecords' as const), t: target }),
    fc.record({ op: fc.constant('findOpenRecords' as const), t: target }),
    fc.record({ op: fc.constant('listOpenRecords' as const) }),
  );
  type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

  /** Runs one operation; the observable result (errors by name, open records in a fixed order). */
  async function apply(store: RunStore, o: Operation, clock: { now: number }): Promise<unknown> {
    if (o.op === 'advance') {
      clock.now += o.seconds * 1000;
      return null;
    }
    if (o.op === 'listOpenRecords') return (await readOpenRecords(store)).sort((a, b) => `${a.runId}/${a.connectionId}`.localeCompare(`${b.runId}/${b.connectionId}`));
    const run = runs[o.t.run] as string;
    const conn = connections[o.t.conn] as string;
    const at = new Date(clock.now).toISOString();
    try {
      switch (o.op) {
        case 'create': {
          // Distinct creation times per key keep "oldest first" free of ties.
          const createdAt = new Date(T0 + (o.t.run * connections.length + o.t.conn) * 1000).toISOString();
          const done = o.completed ? { outcome: { ...success, status: 'SKIPPED', source: 'run' as const }, completedAt: at } : {};
          return await store.createRecords([newRecord(run, conn, { createdAt, expiresAt: Math.floor(clock.now / 1000) + o.ttl, ...done })]);
        }
        case 'markTriggered':
          return await store.markTriggered(run, conn, at);
        case 'attachTaskToken':
          return await store.attachTaskToken(run, conn, o.token);
        case 'recordOutcome':
          return await store.recordOutcome(run, conn, { ...success, status: o.status, finishedAt: at });
        case 'recordSyncStart':
          return await store.recordSyncStart(run, conn, o.syncId, at);
        case 'markRescheduled':
          return await store.markRescheduled(run, conn, o.cleared ? null : at);
        case 'markCompleted':
          return await store.markCompleted(run, conn, at);
        case 'getRecord':
          return await store.getRecord(run, conn);
        case 'listRunRecords':
          return await store.listRunRecords(run);
        case 'findOpenRecords':
          return (await store.findOpenRecords(conn)).sort((a: SyncRecord, b: SyncRecord) => a.runId.localeCompare(b.runId));
      }
    } catch (error) {
      return { error: (error as Error).name };
    }
  }

  it('returns the same results for random sequences of operations and time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 20 }), async (operations) => {
        const clock = { now: T0 };
        const memory = new MemoryRunStore({ now: () => clock.now });
        const dynamo = new DynamoRunStore({ tableName: await dynalite.createTable(), client: dynalite.client, now: () => clock.now, pageSize: 2 });
        for (const [i, o] of operations.entries()) {
          const before = clock.now;
          const expected = await apply(memory, o, clock);
          clock.now = before;
          const actual = await apply(dynamo, o, clock);
          expect({ step: i, op: o.op, result: actual }).toEqual({ step: i, op: o.op, result: expected });
        }
        // Then everything both stores can show, so a difference no step returned still surfaces.
        const everything = async (store: RunStore) => ({
          runs: await Promise.all(runs.map((run) => store.listRunRecords(run))),
          open: (await readOpenRecords(store)).sort((a, b) => `${a.runId}/${a.connectionId}`.localeCompare(`${b.runId}/${b.connectionId}`)),
        });
        expect(await everything(dynamo)).toEqual(await everything(memory));
      }),
      { numRuns: 30, seed: 17 },
    );
  });
});

/**
 * Run records in DynamoDB: the store shared by the Lambdas, the self-hosted receiver and anyone
 * who outgrows one process. Same semantics as `MemoryRunStore`, kept by conditional writes (one
 * item, atomic) instead of a lock; expiry is filtered in every read because TTL deletes late.
 * Absent attributes read as `null`: a record never stores a top-level null, so conditions can
 * say `attribute_not_exists(outcome)`.
 */
import { DescribeTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '../core/concurrency.js';
import { clean } from '../core/env.js';
import { ConfigError, OrchestratorError, StoreError, messageOf, recordNotFound } from '../core/errors.js';
import type { NewSyncRecord, OutcomeWrite, RunStore, SyncOutcome, SyncRecord } from '../core/runs/records.js';
import { OPEN_PARTITIONS, RUN_TABLE_SCHEMA, RunTableAttributes, RunTableIndexes, connectionPartition, openIndexAttributes, recordKey, runPartition } from '../core/runs/table.js';
import { createAwsClient } from './clients.js';

export type DynamoRunStoreOptions = {
  tableName: string;
  /** A plain client is wrapped in a DocumentClient (`removeUndefinedValues`). @default a new `DynamoDBClient` from the SDK's default chain */
  client?: DynamoDBClient | DynamoDBDocumentClient;
  /** Epoch milliseconds; records whose `expiresAt` (seconds) has passed are invisible. @default Date.now */
  now?: () => number;
  /** Items DynamoDB evaluates per Query page (`Limit`). @default none: DynamoDB's 1 MB pages */
  pageSize?: number;
};

/** BatchWriteItem requests in flight while `createRecords` runs. */
const WRITE_CONCURRENCY = 16;
/** DynamoDB's most items per BatchWriteItem. */
const BATCH_SIZE = 25;
/** Attempts at a batch while DynamoDB leaves some of it unprocessed (throttling), with back-off between. */
const BATCH_ATTEMPTS = 6;

const A = RunTableAttributes;
const OPEN_INDEX_ATTRIBUTES = [A.openConnectionPk, A.openConnectionSk, A.openPk, A.openSk] as const;
/** `markCompleted`'s names for the open-index attributes it removes, and the REMOVE clause. */
const OPEN_INDEX_NAMES: Record<string, string> = Object.fromEntries(OPEN_INDEX_ATTRIBUTES.map((name) => [`#${name}`, name]));
const REMOVE_OPEN_INDEX = `REMOVE ${Object.keys(OPEN_INDEX_NAMES).join(', ')}`;
/** The item exists and has not expired (`:now` is epoch seconds, fractional). */
const LIVE = `attribute_exists(#pk) AND #expiresAt > :now`;
const CONDITION_FAILED = Symbol('condition failed');

type Item = Record<string, unknown>;
type QueryInput = Omit<QueryCommandInput, 'TableName' | 'FilterExpression' | 'Limit' | 'ExclusiveStartKey'> & { openOnly?: boolean };

/** DynamoDB implementation of `RunStore`. Every SDK error leaves as a `StoreError` with the SDK error as `cause`. */
export class DynamoRunStore implements RunStore {
  /** The table the records live in (for logs and readiness reports). */
  readonly tableName: string;
  private readonly doc: DynamoDBDocumentClient;
  private readonly now: () => number;
  private readonly pageSize: number | undefined;

  constructor(options: DynamoRunStoreOptions) {
    if (!options.tableName) throw new ConfigError('DynamoRunStore needs a table name (RUNS_TABLE_NAME).');
    this.tableName = options.tableName;
    this.now = options.now ?? Date.now;
    this.pageSize = options.pageSize;
    const client = options.client ?? createAwsClient(DynamoDBClient, 'dynamodb');
    this.doc =
      client instanceof DynamoDBDocumentClient
        ? client
        : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /**
   * BatchWriteItem cannot condition on an item's absence, so the run's live records are read first
   * and only the missing ones are written, 25 a request (an expired record is missing, as if gone).
   * Calls for the same run must not overlap: StartSyncs, the only creator, runs one at a time.
   */
  async createRecords(records: readonly NewSyncRecord[]): Promise<void> {
    const key = (r: { runId: string; connectionId: string }) => `${r.runId}\n${r.connectionId}`;
    const existing = new Set<string>();
    for (const runId of new Set(records.map((r) => r.runId))) {
      for (const record of await this.listRunRecords(runId)) existing.add(key(record));
    }
    const missing = new Map<string, NewSyncRecord>();
    for (const record of records) if (!existing.has(key(record)) && !missing.has(key(record))) missing.set(key(record), record);
    const items = [...missing.values()].map(toItem);
    const batches = Array.from({ length: Math.ceil(items.length / BATCH_SIZE) }, (_, i) => items.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE));
    await forEachLimited(batches, WRITE_CONCURRENCY, (batch) => this.batchPut(batch));
  }

  async markTriggered(runId: string, connectionId: string, at: string): Promise<void> {
    await this.updateLive('markTriggered', runId, connectionId, 'SET #triggeredAt = :at', { '#triggeredAt': 'triggeredAt' }, { ':at': at });
  }

  async attachTaskToken(runId: string, connectionId: string, taskToken: string): Promise<SyncRecord> {
    return this.updateLive('attachTaskToken', runId, connectionId, 'SET #taskToken = :token', { '#taskToken': 'taskToken' }, { ':token': taskToken });
  }

  async recordOutcome(runId: string, connectionId: string, outcome: SyncOutcome): Promise<OutcomeWrite> {
    const result = await this.conditional('recordOutcome', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: recordKey(runId, connectionId),
          UpdateExpression: 'SET #outcome = :outcome',
          ConditionExpression: `${LIVE} AND attribute_not_exists(#outcome)`,
          ExpressionAttributeNames: { '#pk': A.pk, '#expiresAt': A.expiresAt, '#outcome': 'outcome' },
          ExpressionAttributeValues: { ':now': this.nowSeconds(), ':outcome': withoutUndefined(outcome) },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (result !== CONDITION_FAILED) return { stored: true, record: toRecord(result.Attributes ?? {}) };
    // Either another outcome won, or the record is gone: a consistent read tells which.
    const record = await this.getRecord(runId, connectionId);
    if (!record) throw recordNotFound(runId, connectionId);
    return { stored: false, record };
  }

  async recordSyncStart(runId: string, connectionId: string, syncId: string | null, at: string): Promise<void> {
    const names = { '#startedAt': 'startedAt', '#startedSyncId': 'startedSyncId' };
    if (syncId === null) {
      await this.updateLive('recordSyncStart', runId, connectionId, 'SET #startedAt = :at REMOVE #startedSyncId', names, { ':at': at });
    } else {
      await this.updateLive('recordSyncStart', runId, connectionId, 'SET #startedAt = :at, #startedSyncId = :syncId', names, { ':at': at, ':syncId': syncId });
    }
  }

  async markRescheduled(runId: string, connectionId: string, at: string | null): Promise<void> {
    if (at === null) {
      await this.updateLive('markRescheduled', runId, connectionId, 'ADD #retriggers :one REMOVE #rescheduledAt', { '#retriggers': 'retriggers', '#rescheduledAt': 'rescheduledAt' }, { ':one': 1 });
    } else {
      await this.updateLive('markRescheduled', runId, connectionId, 'SET #rescheduledAt = :at', { '#rescheduledAt': 'rescheduledAt' }, { ':at': at });
    }
  }

  async markCompleted(runId: string, connectionId: string, at: string): Promise<boolean> {
    const result = await this.conditional('markCompleted', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: recordKey(runId, connectionId),
          // Leaving the sparse indexes is what takes the record off webhook and reconciler lists.
          UpdateExpression: `SET #completedAt = :at ${REMOVE_OPEN_INDEX}`,
          ConditionExpression: `${LIVE} AND attribute_not_exists(#completedAt)`,
          ExpressionAttributeNames: { '#pk': A.pk, '#expiresAt': A.expiresAt, '#completedAt': 'completedAt', ...OPEN_INDEX_NAMES },
          ExpressionAttributeValues: { ':now': this.nowSeconds(), ':at': at },
        }),
      ),
    );
    if (result !== CONDITION_FAILED) return true;
    if (!(await this.getRecord(runId, connectionId))) throw recordNotFound(runId, connectionId);
    return false;
  }

  async getRecord(runId: string, connectionId: string): Promise<SyncRecord | null> {
    const result = await this.call('getRecord', () =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: recordKey(runId, connectionId), ConsistentRead: true })),
    );
    const item = result.Item;
    if (!item || !(typeof item[A.expiresAt] === 'number' && item[A.expiresAt] > this.nowSeconds())) return null;
    return toRecord(item);
  }

  async listRunRecords(runId: string): Promise<SyncRecord[]> {
    const records = await this.query('listRunRecords', {
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': A.pk },
      ExpressionAttributeValues: { ':pk': runPartition(runId) },
      ConsistentRead: true,
    });
    // The sort key (`CONN#<id>`) already orders by UTF-8 bytes, which is code-point order: the
    // memory store's order too, so both stores list a run alike whatever the ids' case.
    return records;
  }

  async findOpenRecords(connectionId: string): Promise<SyncRecord[]> {
    return this.query('findOpenRecords', {
      IndexName: RunTableIndexes.openByConnection,
      KeyConditionExpression: '#openConnectionPk = :p',
      ExpressionAttributeNames: { '#openConnectionPk': A.openConnectionPk },
      ExpressionAttributeValues: { ':p': connectionPartition(connectionId) },
      openOnly: true,
    });
  }

  async *listOpenRecords(): AsyncIterable<SyncRecord[]> {
    for (const partition of OPEN_PARTITIONS) {
      yield* this.queryPages('listOpenRecords', {
        IndexName: RunTableIndexes.open,
        KeyConditionExpression: '#openPk = :open',
        ExpressionAttributeNames: { '#openPk': A.openPk },
        ExpressionAttributeValues: { ':open': partition },
        ScanIndexForward: true,
        openOnly: true,
      });
    }
  }

  async ping(): Promise<void> {
    const result = await this.call('ping', () => this.doc.send(new DescribeTableCommand({ TableName: this.tableName })));
    const status = result.Table?.TableStatus;
    if (status !== 'ACTIVE' && status !== 'UPDATING') {
      throw new StoreError(`DynamoDB table "${this.tableName}" is not usable (status ${status ?? 'unknown'}).`);
    }
  }

  private nowSeconds(): number {
    return this.now() / 1000;
  }

  /** An update of a live record; a missing or expired record is `RecordNotFoundError`. Returns the record after the write. */
  private async updateLive(
    operation: string,
    runId: string,
    connectionId: string,
    updateExpression: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
  ): Promise<SyncRecord> {
    const result = await this.conditional(operation, () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: recordKey(runId, connectionId),
          UpdateExpression: updateExpression,
          ConditionExpression: LIVE,
          ExpressionAttributeNames: { '#pk': A.pk, '#expiresAt': A.expiresAt, ...names },
          ExpressionAttributeValues: { ':now': this.nowSeconds(), ...values },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (result === CONDITION_FAILED) throw recordNotFound(runId, connectionId);
    return toRecord(result.Attributes ?? {});
  }

  /** Every record a query returns, live records only. `openOnly` also drops completed ones (a lagging index). */
  private async query(operation: string, input: QueryInput): Promise<SyncRecord[]> {
    const out: SyncRecord[] = [];
    for await (const page of this.queryPages(operation, input)) out.push(...page);
    return out;
  }

  /** A query page by page (DynamoDB's pages), live records only. */
  private async *queryPages(operation: string, input: QueryInput): AsyncIterable<SyncRecord[]> {
    const { openOnly, ...rest } = input;
    let startKey: Item | undefined;
    do {
      const page = await this.call(operation, () =>
        this.doc.send(
          new QueryCommand({
            ...rest,
            TableName: this.tableName,
            FilterExpression: openOnly ? '#expiresAt > :now AND attribute_not_exists(#completedAt)' : '#expiresAt > :now',
            ExpressionAttributeNames: { ...rest.ExpressionAttributeNames, '#expiresAt': A.expiresAt, ...(openOnly ? { '#completedAt': 'completedAt' } : {}) },
            ExpressionAttributeValues: { ...rest.ExpressionAttributeValues, ':now': this.nowSeconds() },
            ...(this.pageSize ? { Limit: this.pageSize } : {}),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      const records = (page.Items ?? []).map(toRecord);
      if (records.length > 0) yield records;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /** Puts `items` with BatchWriteItem, again for what DynamoDB leaves unprocessed. */
  private async batchPut(items: Item[]): Promise<void> {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; requests.length > 0; attempt += 1) {
      if (attempt > BATCH_ATTEMPTS) {
        throw new StoreError(`DynamoDB createRecords on table "${this.tableName}" left ${requests.length} records unwritten after ${BATCH_ATTEMPTS} attempts (throttled): start the run again.`);
      }
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      const result = await this.call('createRecords', () => this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } })));
      requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
    }
  }

  /** Runs a conditional write; a failed condition returns `CONDITION_FAILED` for the caller to interpret. */
  private async conditional<T>(operation: string, send: () => Promise<T>): Promise<T | typeof CONDITION_FAILED> {
    try {
      return await send();
    } catch (error) {
      if (isConditionFailed(error)) return CONDITION_FAILED;
      throw this.translate(operation, error);
    }
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw this.translate(operation, error);
    }
  }

  private translate(operation: string, error: unknown): Error {
    if (error instanceof OrchestratorError) return error;
    if (error instanceof Error && error.name === 'ResourceNotFoundException') {
      return new StoreError(
        `DynamoDB table "${this.tableName}" (or its index) was not found in ${operation}: check RUNS_TABLE_NAME and the region, and that the stack is deployed.`,
        { cause: error },
      );
    }
    return new StoreError(`DynamoDB ${operation} on table "${this.tableName}" failed: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * A store configured from `RUNS_TABLE_NAME` (required) with a client from `createAwsClient`
 * (region, credentials and `AWS_ENDPOINT_URL_DYNAMODB` from `env`). `overrides` win over the
 * environment (a `client` given there is used as is). Throws `ConfigError` naming the variable at fault.
 */
export function dynamoRunStoreFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<DynamoRunStoreOptions> = {}): DynamoRunStore {
  const tableName = overrides.tableName ?? clean(env.RUNS_TABLE_NAME);
  if (!tableName) {
    throw new ConfigError('Environment variable required and not set: RUNS_TABLE_NAME (the DynamoDB table of run records).');
  }
  return new DynamoRunStore({ ...overrides, tableName, client: overrides.client ?? createAwsClient(DynamoDBClient, 'dynamodb', env) });
}

/**
 * A CreateTable input (on-demand) for tests and local use. TTL is a separate call
 * (`UpdateTimeToLive`, which dynalite does not implement); the CDK stack sets it from
 * `RUN_TABLE_SCHEMA.timeToLiveAttribute`.
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyNames = new Set<string>([RUN_TABLE_SCHEMA.partitionKey.name, RUN_TABLE_SCHEMA.sortKey.name]);
  for (const index of RUN_TABLE_SCHEMA.globalSecondaryIndexes) {
    keyNames.add(index.partitionKey.name);
    keyNames.add(index.sortKey.name);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: RUN_TABLE_SCHEMA.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: RUN_TABLE_SCHEMA.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: RUN_TABLE_SCHEMA.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}

function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The item for a new record: keys, the open-index attributes unless it is born completed, no top-level nulls. */
function toItem(record: NewSyncRecord): Item {
  const completedAt = record.completedAt ?? null;
  const fields: Item = {
    runId: record.runId,
    connectionId: record.connectionId,
    groupId: record.groupId,
    name: record.name,
    baseline: record.baseline,
    scheduleType: record.scheduleType,
    createdAt: record.createdAt,
    deadline: record.deadline,
    expiresAt: record.expiresAt,
    retriggers: 0,
    outcome: record.outcome ? withoutUndefined(record.outcome) : null,
    completedAt,
  };
  const item: Item = { ...recordKey(record.runId, record.connectionId), ...(completedAt === null ? openIndexAttributes(record) : {}) };
  for (const [name, value] of Object.entries(fields)) if (value !== null && value !== undefined) item[name] = value;
  return item;
}

function toRecord(item: Item): SyncRecord {
  const text = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : null);
  return {
    runId: item.runId as string,
    connectionId: item.connectionId as string,
    groupId: item.groupId as string,
    name: text('name'),
    baseline: text('baseline'),
    scheduleType: text('scheduleType'),
    createdAt: item.createdAt as string,
    triggeredAt: text('triggeredAt'),
    deadline: item.deadline as string,
    expiresAt: item.expiresAt as number,
    taskToken: text('taskToken'),
    startedSyncId: text('startedSyncId'),
    startedAt: text('startedAt'),
    rescheduledAt: text('rescheduledAt'),
    retriggers: typeof item.retriggers === 'number' ? item.retriggers : 0,
    outcome: (item.outcome as SyncOutcome | undefined) ?? null,
    completedAt: text('completedAt'),
  };
}

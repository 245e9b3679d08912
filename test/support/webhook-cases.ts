/**
 * One table of webhook deliveries and what must follow from each, run through every transport
 * (the Express app, the Lambda with payload 2.0 and 1.0) so the adapters cannot drift apart; plus
 * the property that no mutated, unsigned delivery changes state. Step Functions is the loopback
 * JSON stub, so completions are asserted as the wire calls the real SDK made.
 */
import fc from 'fast-check';
import { expect } from '@jest/globals';
import { StoreError } from '../../src/core/errors.js';
import { MemoryRunStore } from '../../src/core/runs/memory-store.js';
import type { NewSyncRecord, OutcomeWrite, RunStore, SyncOutcome, SyncRecord } from '../../src/core/runs/records.js';
import { getHeader, type WebhookResponseBody } from '../../src/core/webhook/receiver.js';
import { sign, verifySignature } from '../../src/core/webhook/signature.js';
import type { AwsJsonStub, AwsReply } from './aws-json-stub.js';

export const SECRET = 'current-webhook-secret';
export const PREVIOUS_SECRET = 'previous-webhook-secret';
export const OTHER_SECRET = 'someone-elses-secret';
/** The receivers' clock: a few minutes after the documented payloads were created. */
export const NOW = Date.parse('2026-05-22T00:10:00.000Z');

export const CONNECTION = 'assimilate_seem';
const GROUP = 'inappropriate_implode';
export const TOKEN = 'task-token-1';

/** The documented payloads, byte for byte as Fivetran sends them (no spaces). */
export const Payloads = {
  success:
    '{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_type":"google_cloud_postgresql","connector_id":"assimilate_seem","connector_name":"ftar_pg","sync_id":"b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21","destination_group_id":"inappropriate_implode","data":{"status":"SUCCESSFUL"}}',
  failure:
    '{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_type":"google_cloud_postgresql","connector_id":"assimilate_seem","connector_name":"ftar_pg","sync_id":"b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21","destination_group_id":"inappropriate_implode","data":{"status":"FAILURE_WITH_TASK","reason":"java.lang.RuntimeException: Cannot connect to the warehouse","taskType":"reconnect_warehouse"}}',
  legacyGroup:
    '{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_type":"google_cloud_postgresql","connector_id":"assimilate_seem","sync_id":"b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21","group_id":"inappropriate_implode","data":{"status":"SUCCESSFUL"}}',
  rescheduled:
    '{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_type":"google_cloud_postgresql","connector_id":"assimilate_seem","sync_id":"b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21","destination_group_id":"inappropriate_implode","data":{"status":"RESCHEDULED","reason":"Rate limited by the source"}}',
  startWithoutData:
    '{"event":"sync_start","created":"2026-05-22T00:02:00.000Z","connector_type":"google_cloud_postgresql","connector_id":"assimilate_seem","sync_id":"b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21","destination_group_id":"inappropriate_implode"}',
  beforeBaseline:
    '{"event":"sync_end","created":"2026-05-21T23:00:00.000Z","connector_type":"google_cloud_postgresql","connector_id":"assimilate_seem","sync_id":"older-sync","destination_group_id":"inappropriate_implode","data":{"status":"SUCCESSFUL"}}',
  otherConnection:
    '{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_type":"salesforce","connector_id":"nobody_waits","sync_id":"c1","destination_group_id":"inappropriate_implode","data":{"status":"SUCCESSFUL"}}',
  test: '{"event":"test","created":"2026-05-22T00:06:08.638Z","connector_type":"asana","connector_id":"mystery_bleach","destination_group_id":"deck_enjoy","data":{"status":"SUCCESSFUL"}}',
  otherEvent:
    '{"event":"pause_connector","created":"2026-05-22T00:06:08.638Z","connector_type":"asana","connector_id":"assimilate_seem","destination_group_id":"inappropriate_implode","data":{}}',
  noEvent: '{"created":"2026-05-22T00:06:08.638Z","connector_id":"assimilate_seem"}',
  noConnector: '{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","data":{"status":"SUCCESSFUL"}}',
  noStatus: '{"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_id":"assimilate_seem","data":{}}',
  notJson: 'event=sync_end&connector_id=assimilate_seem',
} as const;

/** A delivery as a transport sends it. Header names keep their case; transports may change it as theirs do. */
export type Delivery = { headers: Record<string, string>; body: Buffer };

/** Answers as the transports return them. */
export type TransportReply = { status: number; body: WebhookResponseBody };

/** One adapter under test: sends a delivery the way its world does (HTTP, an API Gateway event, ...). */
export type WebhookTransport = { name: string; deliver(delivery: Delivery): Promise<TransportReply> };

/** A delivery signed like Fivetran does (uppercase hex), or as `options` vary it. */
export function signed(
  body: string | Buffer,
  options: { secret?: string; lowercase?: boolean; headerName?: string; signBody?: string } = {},
): Delivery {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  let signature = sign(options.secret ?? SECRET, options.signBody ?? bytes);
  if (options.lowercase) signature = signature.toLowerCase();
  return {
    headers: { 'Content-Type': 'application/json', [options.headerName ?? 'X-Fivetran-Signature-256']: signature },
    body: bytes,
  };
}

/** Sends `delivery` as an HTTP POST to `${url}/webhook`, its headers and body as they are. */
export function postDelivery(url: string, delivery: Delivery): Promise<Response> {
  return fetch(`${url}/webhook`, { method: 'POST', headers: delivery.headers, body: delivery.body });
}

/** A delivery with the given headers and no signature unless given. */
export function unsigned(body: string, headers: Record<string, string> = {}): Delivery {
  return { headers: { 'Content-Type': 'application/json', ...headers }, body: Buffer.from(body, 'utf8') };
}

/** A run record waiting on `CONNECTION`, as the pipeline writes it before the trigger. */
export function waitingRecord(overrides: Partial<NewSyncRecord> = {}): NewSyncRecord {
  return {
    runId: 'run-1',
    connectionId: CONNECTION,
    groupId: GROUP,
    name: 'ftar_pg',
    baseline: '2026-05-22T00:00:00.000Z',
    scheduleType: 'manual',
    createdAt: '2026-05-22T00:01:00.000Z',
    deadline: '2026-05-22T06:00:00.000Z',
    expiresAt: Math.floor(NOW / 1000) + 7 * 86400,
    ...overrides,
  };
}

/** The RunStore methods a case can make fail. */
export type RunStoreMethod = keyof RunStore;

/** A `RunStore` whose backing memory store can be swapped between cases, and made to fail. */
export class SwitchableStore implements RunStore {
  current = new MemoryRunStore({ now: () => NOW });
  failing = new Set<RunStoreMethod>();

  reset(): MemoryRunStore {
    this.current = new MemoryRunStore({ now: () => NOW });
    this.failing.clear();
    return this.current;
  }

  private guard(method: RunStoreMethod): void {
    if (this.failing.has(method)) throw new StoreError(`${method} failed: the run store is unreachable (test)`);
  }

  async createRecords(records: readonly NewSyncRecord[]): Promise<void> {
    this.guard('createRecords');
    return this.current.createRecords(records);
  }
  async markTriggered(runId: string, connectionId: string, at: string): Promise<void> {
    this.guard('markTriggered');
    return this.current.markTriggered(runId, connectionId, at);
  }
  async attachTaskToken(runId: string, connectionId: string, taskToken: string): Promise<SyncRecord> {
    this.guard('attachTaskToken');
    return this.current.attachTaskToken(runId, connectionId, taskToken);
  }
  async recordOutcome(runId: string, connectionId: string, outcome: SyncOutcome): Promise<OutcomeWrite> {
    this.guard('recordOutcome');
    return this.current.recordOutcome(runId, connectionId, outcome);
  }
  async recordSyncStart(runId: string, connectionId: string, syncId: string | null, at: string): Promise<void> {
    this.guard('recordSyncStart');
    return this.current.recordSyncStart(runId, connectionId, syncId, at);
  }
  async markRescheduled(runId: string, connectionId: string, at: string | null): Promise<void> {
    this.guard('markRescheduled');
    return this.current.markRescheduled(runId, connectionId, at);
  }
  async markCompleted(runId: string, connectionId: string, at: string): Promise<boolean> {
    this.guard('markCompleted');
    return this.current.markCompleted(runId, connectionId, at);
  }
  async getRecord(runId: string, connectionId: string): Promise<SyncRecord | null> {
    this.guard('getRecord');
    return this.current.getRecord(runId, connectionId);
  }
  async listRunRecords(runId: string): Promise<SyncRecord[]> {
    this.guard('listRunRecords');
    return this.current.listRunRecords(runId);
  }
  async findOpenRecords(connectionId: string): Promise<SyncRecord[]> {
    this.guard('findOpenRecords');
    return this.current.findOpenRecords(connectionId);
  }
  listOpenRecords(): AsyncIterable<SyncRecord[]> {
    this.guard('listOpenRecords');
    return this.current.listOpenRecords();
  }
  async ping(): Promise<void> {
    this.guard('ping');
    return this.current.ping();
  }
}

/** How Step Functions answers one SendTask* call. */
export type SfnAnswer = 'ok' | 'TaskTimedOut' | 'TaskDoesNotExist' | 'InvalidToken' | 'ThrottlingException';

export type WebhookCase = {
  name: string;
  /** Records present before the first delivery; `taskToken` registers a waiter. */
  records?: (Partial<NewSyncRecord> & { taskToken?: string })[];
  /** Step Functions' answers to SendTask* calls, in order; later calls get `ok`. */
  sfn?: SfnAnswer[];
  /** Store methods that throw `StoreError`. */
  storeFails?: RunStoreMethod[];
  deliveries: Delivery[];
  /** One per delivery. */
  expected: { status: number; outcome: string; message?: RegExp }[];
  /** Every SendTask* call made, in order (inputs matched partially). */
  sfnCalls: { action: 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat'; input?: Record<string, unknown> }[];
  /** The first record afterwards: `unchanged`, or a partial match. */
  record?: 'unchanged' | Record<string, unknown>;
};

const waiting = [{ taskToken: TOKEN }];
const succeeded = { action: 'SendTaskSuccess', input: { taskToken: TOKEN } } as const;
const UNCHANGED = 'unchanged' as const;

/** The table. Every transport must give exactly these answers and effects. */
export const WEBHOOK_CASES: WebhookCase[] = [
  {
    name: 'sync_end SUCCESSFUL as documented, uppercase hex signature: the waiter succeeds',
    records: waiting,
    deliveries: [signed(Payloads.success)],
    expected: [{ status: 200, outcome: 'completed', message: /sync_end \(SUCCESSFUL\) for connection assimilate_seem: completed/ }],
    sfnCalls: [
      {
        action: 'SendTaskSuccess',
        input: { taskToken: TOKEN, output: JSON.stringify({ connectionId: CONNECTION, status: 'SUCCESSFUL', syncId: 'b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21' }) },
      },
    ],
    record: { outcome: { status: 'SUCCESSFUL', source: 'webhook' }, completedAt: new Date(NOW).toISOString() },
  },
  {
    name: 'sync_end FAILURE_WITH_TASK as documented: the waiter fails with error = status and cause = reason',
    records: waiting,
    deliveries: [signed(Payloads.failure)],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [
      {
        action: 'SendTaskFailure',
        input: {
          taskToken: TOKEN,
          error: 'FAILURE_WITH_TASK',
          cause: 'Connection assimilate_seem: FAILURE_WITH_TASK (reconnect_warehouse): java.lang.RuntimeException: Cannot connect to the warehouse',
        },
      },
    ],
    record: { outcome: { status: 'FAILURE_WITH_TASK', taskType: 'reconnect_warehouse' } },
  },
  {
    name: 'a lowercase-hex signature is accepted',
    records: waiting,
    deliveries: [signed(Payloads.success, { lowercase: true })],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [succeeded],
  },
  {
    name: 'the signature header name in any case is found',
    records: waiting,
    deliveries: [signed(Payloads.success, { headerName: 'X-FIVETRAN-SIGNATURE-256' })],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [succeeded],
  },
  {
    name: 'a body signed with the previous secret is accepted during a rotation',
    records: waiting,
    deliveries: [signed(Payloads.success, { secret: PREVIOUS_SECRET })],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [succeeded],
  },
  {
    name: 'legacy group_id instead of destination_group_id',
    records: waiting,
    deliveries: [signed(Payloads.legacyGroup)],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [succeeded],
  },
  {
    name: 'sync_start without data: recorded, and the waiter gets a heartbeat',
    records: waiting,
    deliveries: [signed(Payloads.startWithoutData)],
    expected: [{ status: 200, outcome: 'started' }],
    sfnCalls: [{ action: 'SendTaskHeartbeat', input: { taskToken: TOKEN } }],
    record: { startedSyncId: 'b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21', startedAt: '2026-05-22T00:02:00.000Z', outcome: null },
  },
  {
    name: 'sync_start before the waiter registered: recorded, no heartbeat',
    records: [{}],
    deliveries: [signed(Payloads.startWithoutData)],
    expected: [{ status: 200, outcome: 'started' }],
    sfnCalls: [],
    record: { startedAt: '2026-05-22T00:02:00.000Z' },
  },
  {
    name: 'sync_end before the waiter registered: recorded for the waiter to find',
    records: [{}],
    deliveries: [signed(Payloads.success)],
    expected: [{ status: 200, outcome: 'recorded' }],
    sfnCalls: [],
    record: { outcome: { status: 'SUCCESSFUL' }, completedAt: null },
  },
  {
    name: 'sync_end RESCHEDULED is not final: noted, and a heartbeat',
    records: waiting,
    deliveries: [signed(Payloads.rescheduled)],
    expected: [{ status: 200, outcome: 'rescheduled' }],
    sfnCalls: [{ action: 'SendTaskHeartbeat', input: { taskToken: TOKEN } }],
    record: { outcome: null, rescheduledAt: '2026-05-22T00:06:08.638Z' },
  },
  {
    name: 'a duplicate delivery completes the waiter once and is acknowledged',
    records: waiting,
    deliveries: [signed(Payloads.success), signed(Payloads.success)],
    expected: [
      { status: 200, outcome: 'completed' },
      { status: 200, outcome: 'unmatched' },
    ],
    sfnCalls: [succeeded],
  },
  {
    name: 'a sync that ended before the run\'s baseline is stale: acknowledged, nothing completes',
    records: waiting,
    deliveries: [signed(Payloads.beforeBaseline)],
    expected: [{ status: 200, outcome: 'stale' }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'the Fivetran test payload is acknowledged (webhook creation needs a 2xx)',
    records: waiting,
    deliveries: [signed(Payloads.test)],
    expected: [{ status: 200, outcome: 'ignored', message: /test payload/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'other events are acknowledged and ignored',
    records: waiting,
    deliveries: [signed(Payloads.otherEvent)],
    expected: [{ status: 200, outcome: 'ignored', message: /pause_connector/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'a connection nobody waits for is acknowledged and ignored',
    records: waiting,
    deliveries: [signed(Payloads.otherConnection)],
    expected: [{ status: 200, outcome: 'unmatched', message: /no open run waits/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'a task that already timed out counts as resolved (2xx, no retry)',
    records: waiting,
    sfn: ['TaskTimedOut'],
    deliveries: [signed(Payloads.success)],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [succeeded],
    record: { completedAt: new Date(NOW).toISOString() },
  },
  {
    name: 'TaskDoesNotExist counts as resolved',
    records: waiting,
    sfn: ['TaskDoesNotExist'],
    deliveries: [signed(Payloads.failure)],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [{ action: 'SendTaskFailure', input: { taskToken: TOKEN } }],
  },
  {
    name: 'InvalidToken counts as resolved',
    records: waiting,
    sfn: ['InvalidToken'],
    deliveries: [signed(Payloads.success)],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [succeeded],
  },
  {
    name: 'Step Functions throttled: 5xx so Fivetran retries, and the retry delivers the stored outcome',
    records: waiting,
    sfn: ['ThrottlingException'],
    deliveries: [signed(Payloads.success), signed(Payloads.success)],
    expected: [
      { status: 500, outcome: 'error', message: /Fivetran will retry/ },
      { status: 200, outcome: 'completed' },
    ],
    sfnCalls: [succeeded, succeeded],
    record: { outcome: { status: 'SUCCESSFUL' }, completedAt: new Date(NOW).toISOString() },
  },
  {
    name: 'the store cannot record the outcome: 503 so Fivetran retries',
    records: waiting,
    storeFails: ['recordOutcome'],
    deliveries: [signed(Payloads.success)],
    expected: [{ status: 503, outcome: 'error', message: /Could not record sync_end for connection assimilate_seem/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'the store cannot be read: 503',
    records: waiting,
    storeFails: ['findOpenRecords'],
    deliveries: [signed(Payloads.startWithoutData)],
    expected: [{ status: 503, outcome: 'error' }],
    sfnCalls: [],
  },
  {
    name: 'no signature header: 401 saying what is missing',
    records: waiting,
    deliveries: [unsigned(Payloads.success)],
    expected: [{ status: 401, outcome: 'unauthorized', message: /Missing X-Fivetran-Signature-256/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'signed with another secret: 401 asking about the raw body and the secret',
    records: waiting,
    deliveries: [signed(Payloads.success, { secret: OTHER_SECRET })],
    expected: [{ status: 401, outcome: 'unauthorized', message: /raw request body.*secret/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'a tampered body (signature of the original): 401',
    records: waiting,
    deliveries: [signed(Payloads.success.replace('SUCCESSFUL', 'FAILURE'), { signBody: Payloads.success })],
    expected: [{ status: 401, outcome: 'unauthorized' }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 're-serialised JSON (spaces added) no longer matches: 401',
    records: waiting,
    deliveries: [signed(JSON.stringify(JSON.parse(Payloads.success), null, 2), { signBody: Payloads.success })],
    expected: [{ status: 401, outcome: 'unauthorized' }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'a signature that is not 64 hex digits: 401 naming the header',
    records: waiting,
    deliveries: [unsigned(Payloads.success, { 'X-Fivetran-Signature-256': 'not-a-signature' })],
    expected: [{ status: 401, outcome: 'unauthorized', message: /not a hex HMAC-SHA256/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'an unsigned body that is not JSON is refused for the signature first (401, not 400)',
    deliveries: [unsigned(Payloads.notJson)],
    expected: [{ status: 401, outcome: 'unauthorized' }],
    sfnCalls: [],
  },
  {
    name: 'a signed body that is not JSON: 400',
    deliveries: [signed(Payloads.notJson)],
    expected: [{ status: 400, outcome: 'invalid', message: /not JSON/ }],
    sfnCalls: [],
  },
  {
    name: 'a signed body cut off half way: 400 asking whether it was truncated',
    records: waiting,
    deliveries: [signed(Payloads.success.slice(0, 80))],
    expected: [{ status: 400, outcome: 'invalid', message: /not JSON.*was it truncated/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'a signed form-encoded body (wrong content type and format): 400, not JSON',
    records: waiting,
    deliveries: [{ ...signed('event=sync_end&connector_id=assimilate_seem'), headers: { ...signed('event=sync_end&connector_id=assimilate_seem').headers, 'Content-Type': 'application/x-www-form-urlencoded' } }],
    expected: [{ status: 400, outcome: 'invalid', message: /not JSON/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'a signed event labelled text/plain: the signed bytes decide, not the content type (completed)',
    records: waiting,
    deliveries: [{ ...signed(Payloads.success), headers: { ...signed(Payloads.success).headers, 'Content-Type': 'text/plain' } }],
    expected: [{ status: 200, outcome: 'completed' }],
    sfnCalls: [succeeded],
  },
  {
    name: 'a signed empty body: 400',
    deliveries: [signed('')],
    expected: [{ status: 400, outcome: 'invalid', message: /not JSON/ }],
    sfnCalls: [],
  },
  {
    name: 'signed JSON without "event": 400',
    deliveries: [signed(Payloads.noEvent)],
    expected: [{ status: 400, outcome: 'invalid', message: /"event"/ }],
    sfnCalls: [],
  },
  {
    name: 'a signed sync_end without connector_id: 400 naming the field',
    records: waiting,
    deliveries: [signed(Payloads.noConnector)],
    expected: [{ status: 400, outcome: 'invalid', message: /connector_id/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
  {
    name: 'a signed sync_end without data.status: 400',
    records: waiting,
    deliveries: [signed(Payloads.noStatus)],
    expected: [{ status: 400, outcome: 'invalid', message: /data\.status/ }],
    sfnCalls: [],
    record: UNCHANGED,
  },
];

/** The state a case runs in: the store the transports read and the Step Functions stub. */
export type CaseWorld = { store: SwitchableStore; stub: AwsJsonStub };

function sfnReply(answer: SfnAnswer | undefined): AwsReply {
  if (answer === undefined || answer === 'ok') return { body: {} };
  return { error: answer, message: `${answer} (stub)` };
}

/** Puts `world` in the case's starting state. Returns the records as they were before any delivery. */
export async function prepareCase(world: CaseWorld, testCase: Pick<WebhookCase, 'records' | 'sfn' | 'storeFails'>): Promise<SyncRecord[]> {
  const store = world.store.reset();
  const records = (testCase.records ?? []).map(({ taskToken: _taskToken, ...r }) => waitingRecord(r));
  await store.createRecords(records);
  for (const [i, r] of (testCase.records ?? []).entries()) {
    const record = records[i] as NewSyncRecord;
    if (r.taskToken) await store.attachTaskToken(record.runId, record.connectionId, r.taskToken);
  }
  for (const method of testCase.storeFails ?? []) world.store.failing.add(method);
  world.stub.calls.length = 0;
  const answers = [...(testCase.sfn ?? [])];
  world.stub.setHandler((call) => {
    if (call.target.startsWith('AWSStepFunctions.')) return sfnReply(answers.shift());
    return undefined;
  });
  return snapshot(store, records);
}

async function snapshot(store: RunStore, records: readonly Pick<NewSyncRecord, 'runId' | 'connectionId'>[]): Promise<SyncRecord[]> {
  const out: SyncRecord[] = [];
  for (const r of records) {
    const record = await store.getRecord(r.runId, r.connectionId);
    if (record) out.push(record);
  }
  return out;
}

/** Runs one case through `transport` and asserts every answer and effect. */
export async function runCase(transport: WebhookTransport, world: CaseWorld, testCase: WebhookCase): Promise<void> {
  const before = await prepareCase(world, testCase);
  const replies: TransportReply[] = [];
  for (const delivery of testCase.deliveries) replies.push(await transport.deliver(delivery));

  expect(replies.map((r) => ({ status: r.status, outcome: r.body.outcome, ok: r.body.ok }))).toEqual(
    testCase.expected.map((e) => ({ status: e.status, outcome: e.outcome, ok: e.status < 400 })),
  );
  testCase.expected.forEach((e, i) => {
    const body = replies[i]?.body;
    expect(typeof body?.message).toBe('string');
    if (e.message) expect(body?.message).toMatch(e.message);
  });

  const calls = world.stub.sfnCalls();
  expect(calls.map((c) => c.action)).toEqual(testCase.sfnCalls.map((c) => c.action));
  testCase.sfnCalls.forEach((c, i) => {
    if (c.input) expect(calls[i]?.input).toMatchObject(c.input);
  });

  world.store.failing.clear();
  const after = await snapshot(world.store.current, before);
  if (testCase.record === 'unchanged') expect(after).toEqual(before);
  else if (testCase.record) expect(after[0]).toMatchObject(testCase.record);
}

type BodyMutation =
  | { kind: 'keep' }
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'reserialize'; indent: number }
  | { kind: 'replace'; text: string }
  | { kind: 'field'; value: string };

type HeaderMutation =
  | { kind: 'keep' }
  | { kind: 'drop' }
  | { kind: 'lowercase' }
  | { kind: 'upper-name' }
  | { kind: 'prefix' }
  | { kind: 'other-secret' }
  | { kind: 'random-hex'; hex: string }
  | { kind: 'garbage'; value: string }
  | { kind: 'truncate'; length: number }
  | { kind: 'sign-original' };

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });

const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  fc.constant<BodyMutation>({ kind: 'keep' }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('reserialize' as const), indent: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('replace' as const), text: fc.oneof(fc.json(), printable) }),
  fc.record({ kind: fc.constant('field' as const), value: printable }),
);

const headerMutation: fc.Arbitrary<HeaderMutation> = fc.oneof(
  fc.constant<HeaderMutation>({ kind: 'keep' }),
  fc.constant<HeaderMutation>({ kind: 'drop' }),
  fc.constant<HeaderMutation>({ kind: 'lowercase' }),
  fc.constant<HeaderMutation>({ kind: 'upper-name' }),
  fc.constant<HeaderMutation>({ kind: 'prefix' }),
  fc.constant<HeaderMutation>({ kind: 'other-secret' }),
  fc.constant<HeaderMutation>({ kind: 'sign-original' }),
  fc.record({ kind: fc.constant('random-hex' as const), hex: fc.stringMatching(/^[0-9A-F]{64}$/) }),
  fc.record({ kind: fc.constant('garbage' as const), value: printable }),
  fc.record({ kind: fc.constant('truncate' as const), length: fc.integer({ min: 0, max: 63 }) }),
);

function mutateBody(original: Buffer, m: BodyMutation): Buffer {
  const at = (n: number) => (original.length === 0 ? 0 : n % (original.length + 1));
  switch (m.kind) {
    case 'keep':
      return original;
    case 'flip': {
      if (original.length === 0) return Buffer.from([m.mask]);
      const copy = Buffer.from(original);
      const i = m.at % copy.length;
      copy[i] = (copy[i] as number) ^ m.mask;
      return copy;
    }
    case 'insert':
      return Buffer.concat([original.subarray(0, at(m.at)), Buffer.from(m.bytes), original.subarray(at(m.at))]);
    case 'delete':
      return Buffer.concat([original.subarray(0, at(m.at)), original.subarray(at(m.at) + m.length)]);
    case 'truncate':
      return original.subarray(0, at(m.at));
    case 'reserialize':
      return Buffer.from(JSON.stringify(JSON.parse(original.toString('utf8')), null, m.indent));
    case 'replace':
      return Buffer.from(m.text);
    case 'field':
      return Buffer.from(original.toString('utf8').replace(CONNECTION, m.value.replace(/["\\]/g, '')));
  }
}

function mutateHeaders(original: Buffer, body: Buffer, m: HeaderMutation): Record<string, string> {
  const name = 'X-Fivetran-Signature-256';
  const good = sign(SECRET, body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  switch (m.kind) {
    case 'keep':
      // Signed over the mutated body: a delivery that really is signed (its effects are allowed).
      headers[name] = good;
      break;
    case 'drop':
      break;
    case 'lowercase':
      headers[name] = good.toLowerCase();
      break;
    case 'upper-name':
      headers[name.toUpperCase()] = good;
      break;
    case 'prefix':
      headers[name] = `sha256=${good}`;
      break;
    case 'other-secret':
      headers[name] = sign(OTHER_SECRET, body);
      break;
    case 'sign-original':
      headers[name] = sign(SECRET, original);
      break;
    case 'random-hex':
      headers[name] = m.hex;
      break;
    case 'garbage':
      headers[name] = m.value;
      break;
    case 'truncate':
      headers[name] = good.slice(0, m.length);
      break;
  }
  return headers;
}

/** The seed of every mutation run (change it deliberately, and re-check the tallies the callers expect). */
const MUTATION_SEED = 20260522;

const BASES = [Payloads.success, Payloads.failure, Payloads.startWithoutData, Payloads.rescheduled, Payloads.test, Payloads.legacyGroup];

/**
 * At least `numRuns` mutated deliveries through `transport`: every answer is 200, 400 or 401 as
 * the signature and body decide; no delivery without a valid signature changes a record or calls
 * Step Functions; nothing crashes.
 */
export async function assertMutationsAreSafe(transport: WebhookTransport, world: CaseWorld, numRuns = 1000): Promise<{ signed: number; unsigned: number }> {
  const tally = { signed: 0, unsigned: 0 };
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...BASES), bodyMutation, headerMutation, async (base, bm, hm) => {
      const original = Buffer.from(base, 'utf8');
      const body = mutateBody(original, bm);
      const headers = mutateHeaders(original, body, hm);
      const before = await prepareCase(world, { records: [{ taskToken: TOKEN }] });
      const reply = await transport.deliver({ headers, body });
      const validlySigned = verifySignature([SECRET, PREVIOUS_SECRET], body, getHeader(headers, 'x-fivetran-signature-256'));

      expect(typeof reply.body.message).toBe('string');
      expect(reply.body.ok).toBe(reply.status < 400);
      if (!validlySigned) {
        tally.unsigned += 1;
        expect(reply.status).toBe(401);
        expect(world.stub.sfnCalls()).toEqual([]);
        expect(await snapshot(world.store.current, before)).toEqual(before);
      } else {
        tally.signed += 1;
        expect([200, 400]).toContain(reply.status);
      }
    }),
    // Seeded: the same mutations every run, so the callers' checks on the tally follow from the seed.
    { numRuns, seed: MUTATION_SEED },
  );
  return tally;
}

/**
 * The RunStore contract: one specification, run against every implementation (memory, and
 * DynamoDB on an in-process dynalite). A store that passes it can back the engines and the
 * receiver interchangeably.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordNotFoundError } from '../../../../src/core/errors.js';
import { DynamoRunStore } from '../../../../src/aws/dynamodb-run-store.js';
import { MemoryRunStore } from '../../../../src/core/runs/memory-store.js';
import { readOpenRecords, type NewSyncRecord, type RunStore, type SyncOutcome, type SyncRecord } from '../../../../src/core/runs/records.js';
import { startDynalite, type DynaliteHandle } from '../../../support/dynalite.js';

const T0 = Date.parse('2026-05-22T00:00:00.000Z');
const HOUR_S = 3600;

/** A store under test, reading the test's clock. */
type StoreFactory = (now: () => number) => Promise<RunStore>;

let dynalite: DynaliteHandle | undefined;

const implementations: Array<[string, StoreFactory]> = [
  ['MemoryRunStore', async (now) => new MemoryRunStore({ now })],
  [
    'DynamoRunStore',
    async (now) => {
      if (!dynalite) throw new Error('dynalite is not running');
      // A small page size makes every multi-record read span several Query pages.
      return new DynamoRunStore({ tableName: await dynalite.createTable(), client: dynalite.client, now, pageSize: 25 });
    },
  ],
];

beforeAll(async () => {
  dynalite = await startDynalite();
});

afterAll(async () => {
  await dynalite?.close();
});

function newRecord(runId: string, connectionId: string, overrides: Partial<NewSyncRecord> = {}): NewSyncRecord {
  return {
    runId,
    connectionId,
    groupId: 'group_1',
    name: `schema_${connectionId}`,
    baseline: '2026-05-21T23:00:00.000Z',
    scheduleType: 'manual',
    createdAt: new Date(T0).toISOString(),
    deadline: new Date(T0 + 2 * HOUR_S * 1000).toISOString(),
    expiresAt: T0 / 1000 + 24 * HOUR_S,
    ...overrides,
  };
}

function outcome(overrides: Partial<SyncOutcome> = {}): SyncOutcome {
  return {
    status: 'SUCCESSFUL',
    finishedAt: '2026-05-22T00:10:00.000Z',
    syncId: 'sync-1',
    reason: null,
    taskType: null,
    source: 'webhook',
    ...overrides,
  };
}

/** The record as `createRecords` leaves it. */
function created(record: NewSyncRecord): SyncRecord {
  return {
    ...record,
    triggeredAt: null,
    taskToken: null,
    startedSyncId: null,
    startedAt: null,
    rescheduledAt: null,
    retriggers: 0,
    outcome: record.outcome ?? null,
    completedAt: record.completedAt ?? null,
  };
}

const ids = (records: readonly SyncRecord[]) => records.map((r) => `${r.runId}/${r.connectionId}`);

describe.each(implementations)('%s', (_name, makeStore) => {
  let clock = T0;
  const now = () => clock;

  async function setup(records: NewSyncRecord[] = []): Promise<RunStore> {
    clock = T0;
    const store = await makeStore(now);
    await store.createRecords(records);
    return store;
  }

  describe('createRecords', () => {
    it('writes each record with nothing triggered, waited on or recorded yet', async () => {
      const record = newRecord('run-1', 'conn_a');
      const store = await setup([record]);
      await expect(store.getRecord('run-1', 'conn_a')).resolves.toEqual(created(record));
    });

    it('keeps null descriptive fields as null', async () => {
      const record = newRecord('run-1', 'conn_a', { name: null, baseline: null, scheduleType: null });
      const store = await setup([record]);
      await expect(store.getRecord('run-1', 'conn_a')).resolves.toEqual(created(record));
    });

    it('leaves an existing record untouched when the same run and connection is created again', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.markTriggered('run-1', 'conn_a', '2026-05-22T00:00:01.000Z');
      await store.attachTaskToken('run-1', 'conn_a', 'token-1');
      const before = await store.getRecord('run-1', 'conn_a');

      await store.createRecords([newRecord('run-1', 'conn_a', { groupId: 'other_group', name: 'other' }), newRecord('run-1', 'conn_b')]);

      await expect(store.getRecord('run-1', 'conn_a')).resolves.toEqual(before);
      await expect(store.getRecord('run-1', 'conn_b')).resolves.not.toBeNull();
    });

    it('replaces a record that has expired', async () => {
      const store = await setup([newRecord('run-1', 'conn_a', { expiresAt: T0 / 1000 + 60 })]);
      await store.attachTaskToken('run-1', 'conn_a', 'old-token');
      clock = T0 + 60_000;

      const fresh = newRecord('run-1', 'conn_a', { expiresAt: T0 / 1000 + HOUR_S });
      await store.createRecords([fresh]);

      await expect(store.getRecord('run-1', 'conn_a')).resolves.toEqual(created(fresh));
    });

    it('writes records born with an outcome and completed (skips) outside the open lists', async () => {
      const skipped = newRecord('run-1', 'conn_a', { outcome: outcome({ status: 'SKIPPED', source: 'run', syncId: null }), completedAt: new Date(T0).toISOString() });
      const store = await setup([skipped, newRecord('run-1', 'conn_b')]);

      await expect(store.getRecord('run-1', 'conn_a')).resolves.toEqual(created(skipped));
      expect(ids(await store.findOpenRecords('conn_a'))).toEqual([]);
      expect(ids(await readOpenRecords(store))).toEqual(['run-1/conn_b']);
    });

    it('accepts an empty list', async () => {
      const store = await setup();
      await expect(store.createRecords([])).resolves.toBeUndefined();
    });
  });

  describe('markTriggered', () => {
    it('notes when the trigger returned', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.markTriggered('run-1', 'conn_a', '2026-05-22T00:00:02.000Z');
      expect((await store.getRecord('run-1', 'conn_a'))?.triggeredAt).toBe('2026-05-22T00:00:02.000Z');
    });
  });

  describe('attachTaskToken', () => {
    it('stores the handle and returns the record after the write', async () => {
      const record = newRecord('run-1', 'conn_a');
      const store = await setup([record]);
      await expect(store.attachTaskToken('run-1', 'conn_a', 'token-1')).resolves.toEqual({ ...created(record), taskToken: 'token-1' });
    });

    it('returns an outcome recorded before the waiter arrived, so the waiter can complete at once', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      const early = outcome({ status: 'FAILURE_WITH_TASK', reason: 'java.lang.RuntimeException: boom', taskType: 'reconnect_warehouse' });
      await store.recordOutcome('run-1', 'conn_a', early);

      const record = await store.attachTaskToken('run-1', 'conn_a', 'token-1');

      expect(record.outcome).toEqual(early);
      expect(record.taskToken).toBe('token-1');
    });

    it('replaces an earlier handle (a retried or redriven wait brings a new token)', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.attachTaskToken('run-1', 'conn_a', 'token-1');
      const record = await store.attachTaskToken('run-1', 'conn_a', 'token-2');
      expect(record.taskToken).toBe('token-2');
      expect((await store.getRecord('run-1', 'conn_a'))?.taskToken).toBe('token-2');
    });

    it('keeps a token of the longest size Step Functions issues (2048 characters)', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      const token = 'T'.repeat(2048);
      expect((await store.attachTaskToken('run-1', 'conn_a', token)).taskToken).toBe(token);
    });
  });

  describe('recordOutcome', () => {
    it('stores the first outcome and returns the record with it', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.attachTaskToken('run-1', 'conn_a', 'token-1');
      const first = outcome();

      const write = await store.recordOutcome('run-1', 'conn_a', first);

      expect(write.stored).toBe(true);
      expect(write.record.outcome).toEqual(first);
      expect(write.record.taskToken).toBe('token-1');
    });

    it('keeps the first outcome: a second one is not stored and the first comes back', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      const first = outcome({ syncId: 'sync-1' });
      await store.recordOutcome('run-1', 'conn_a', first);

      const write = await store.recordOutcome('run-1', 'conn_a', outcome({ status: 'FAILURE', syncId: 'sync-2', source: 'poll' }));

      expect(write.stored).toBe(false);
      expect(write.record.outcome).toEqual(first);
      expect((await store.getRecord('run-1', 'conn_a'))?.outcome).toEqual(first);
    });

    it('stores exactly one of 10 concurrent outcomes, and every caller sees that one', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      const outcomes = Array.from({ length: 10 }, (_, i) => outcome({ syncId: `sync-${i}` }));

      const writes = await Promise.all(outcomes.map((o) => store.recordOutcome('run-1', 'conn_a', o)));

      const winners = writes.filter((w) => w.stored);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.record.outcome;
      expect(outcomes).toContainEqual(winner);
      for (const write of writes) expect(write.record.outcome).toEqual(winner);
    });
  });

  describe('recordSyncStart', () => {
    it('notes the sync Fivetran started and when', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.recordSyncStart('run-1', 'conn_a', 'sync-9', '2026-05-22T00:00:05.000Z');
      const record = await store.getRecord('run-1', 'conn_a');
      expect([record?.startedSyncId, record?.startedAt]).toEqual(['sync-9', '2026-05-22T00:00:05.000Z']);
    });

    it('accepts a start without a sync id, replacing an earlier one', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.recordSyncStart('run-1', 'conn_a', 'sync-9', '2026-05-22T00:00:05.000Z');
      await store.recordSyncStart('run-1', 'conn_a', null, '2026-05-22T00:00:06.000Z');
      const record = await store.getRecord('run-1', 'conn_a');
      expect([record?.startedSyncId, record?.startedAt]).toEqual([null, '2026-05-22T00:00:06.000Z']);
    });
  });

  describe('markRescheduled', () => {
    it('notes a rescheduled sync without counting a re-trigger', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.markRescheduled('run-1', 'conn_a', '2026-05-22T00:05:00.000Z');
      const record = await store.getRecord('run-1', 'conn_a');
      expect([record?.rescheduledAt, record?.retriggers]).toEqual(['2026-05-22T00:05:00.000Z', 0]);
    });

    it('clears it after a re-trigger and counts each re-trigger', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.markRescheduled('run-1', 'conn_a', '2026-05-22T00:05:00.000Z');
      await store.markRescheduled('run-1', 'conn_a', null);
      await store.markRescheduled('run-1', 'conn_a', '2026-05-22T00:15:00.000Z');
      await store.markRescheduled('run-1', 'conn_a', null);
      const record = await store.getRecord('run-1', 'conn_a');
      expect([record?.rescheduledAt, record?.retriggers]).toEqual([null, 2]);
    });
  });

  describe('markCompleted', () => {
    it('is true the first time, false after, and keeps the first completion time', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await expect(store.markCompleted('run-1', 'conn_a', '2026-05-22T00:10:01.000Z')).resolves.toBe(true);
      await expect(store.markCompleted('run-1', 'conn_a', '2026-05-22T00:10:02.000Z')).resolves.toBe(false);
      expect((await store.getRecord('run-1', 'conn_a'))?.completedAt).toBe('2026-05-22T00:10:01.000Z');
    });

    it('takes the record off the open lists but keeps it in the run', async () => {
      const store = await setup([newRecord('run-1', 'conn_a'), newRecord('run-1', 'conn_b')]);
      await store.recordOutcome('run-1', 'conn_a', outcome());
      await store.markCompleted('run-1', 'conn_a', '2026-05-22T00:10:01.000Z');

      expect(await store.findOpenRecords('conn_a')).toEqual([]);
      expect(ids(await readOpenRecords(store))).toEqual(['run-1/conn_b']);
      expect(ids(await store.listRunRecords('run-1'))).toEqual(['run-1/conn_a', 'run-1/conn_b']);
    });

    it('is true for exactly one of 10 concurrent calls', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.markCompleted('run-1', 'conn_a', `2026-05-22T00:10:0${i}.000Z`)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('expiry', () => {
    const expiresAt = T0 / 1000 + 60;

    async function expiredStore(): Promise<RunStore> {
      const store = await setup([newRecord('run-1', 'conn_a', { expiresAt })]);
      clock = expiresAt * 1000;
      return store;
    }

    it('keeps a record visible until the second it expires', async () => {
      const store = await setup([newRecord('run-1', 'conn_a', { expiresAt })]);
      clock = expiresAt * 1000 - 1;
      await expect(store.getRecord('run-1', 'conn_a')).resolves.not.toBeNull();
    });

    it('hides an expired record from every read', async () => {
      const store = await expiredStore();
      await expect(store.getRecord('run-1', 'conn_a')).resolves.toBeNull();
      await expect(store.listRunRecords('run-1')).resolves.toEqual([]);
      await expect(store.findOpenRecords('conn_a')).resolves.toEqual([]);
      await expect(readOpenRecords(store)).resolves.toEqual([]);
    });

    const updates: Array<[string, (store: RunStore) => Promise<unknown>]> = [
      ['markTriggered', (s) => s.markTriggered('run-1', 'conn_a', '2026-05-22T00:00:01.000Z')],
      ['attachTaskToken', (s) => s.attachTaskToken('run-1', 'conn_a', 'token-1')],
      ['recordOutcome', (s) => s.recordOutcome('run-1', 'conn_a', outcome())],
      ['recordSyncStart', (s) => s.recordSyncStart('run-1', 'conn_a', 'sync-1', '2026-05-22T00:00:01.000Z')],
      ['markRescheduled(at)', (s) => s.markRescheduled('run-1', 'conn_a', '2026-05-22T00:00:01.000Z')],
      ['markRescheduled(null)', (s) => s.markRescheduled('run-1', 'conn_a', null)],
      ['markCompleted', (s) => s.markCompleted('run-1', 'conn_a', '2026-05-22T00:00:01.000Z')],
    ];

    it.each(updates)('%s on an expired record throws RecordNotFoundError naming run and connection', async (_op, update) => {
      const store = await expiredStore();
      const error = await update(store).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RecordNotFoundError);
      expect((error as Error).message).toMatch(/run "run-1".*connection "conn_a"/);
    });

    it.each(updates)('%s on a record never written throws RecordNotFoundError', async (_op, update) => {
      const store = await setup([newRecord('run-1', 'conn_other')]);
      await expect(update(store)).rejects.toBeInstanceOf(RecordNotFoundError);
    });

    it('does not bring an expired record back through a failed update', async () => {
      const store = await expiredStore();
      await expect(store.recordOutcome('run-1', 'conn_a', outcome())).rejects.toBeInstanceOf(RecordNotFoundError);
      clock = T0;
      expect((await store.getRecord('run-1', 'conn_a'))?.outcome).toBeNull();
    });
  });

  describe('findOpenRecords', () => {
    it('finds the open records of a connection in every run, and nothing of other connections', async () => {
      const store = await setup([
        newRecord('run-1', 'conn_a', { createdAt: '2026-05-22T00:00:00.000Z' }),
        newRecord('run-2', 'conn_a', { createdAt: '2026-05-22T00:01:00.000Z' }),
        newRecord('run-2', 'conn_b', { createdAt: '2026-05-22T00:01:00.000Z' }),
        newRecord('run-3', 'conn_a', { createdAt: '2026-05-22T00:02:00.000Z' }),
      ]);
      await store.markCompleted('run-3', 'conn_a', '2026-05-22T00:03:00.000Z');

      const open = await store.findOpenRecords('conn_a');

      expect(ids(open).sort()).toEqual(['run-1/conn_a', 'run-2/conn_a']);
    });

    it('includes a record whose outcome is stored but not yet delivered', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await store.recordOutcome('run-1', 'conn_a', outcome());
      const open = await store.findOpenRecords('conn_a');
      expect(open.map((r) => r.outcome)).toEqual([outcome()]);
    });

    it('returns nothing for a connection no run waits on', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await expect(store.findOpenRecords('conn_unknown')).resolves.toEqual([]);
    });
  });

  describe('listRunRecords', () => {
    it('lists every record of the run, across pages, ordered by connection id', async () => {
      const connections = Array.from({ length: 250 }, (_, i) => `conn_${String(i).padStart(3, '0')}`);
      const shuffled = [...connections].sort((a, b) => (a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1));
      const store = await setup([...shuffled.map((c) => newRecord('run-1', c)), newRecord('run-2', 'conn_000')]);

      const records = await store.listRunRecords('run-1');

      expect(records.map((r) => r.connectionId)).toEqual(connections);
      expect(new Set(records.map((r) => r.runId))).toEqual(new Set(['run-1']));
    });

    it('orders mixed-case ids by code point, as DynamoDB sorts keys, the same in every store', async () => {
      const store = await setup(['b_orders', 'Zendesk', 'A_crm', 'a_crm', '_ads', 'Z9'].map((c) => newRecord('run-1', c)));

      const records = await store.listRunRecords('run-1');

      expect(records.map((r) => r.connectionId)).toEqual(['A_crm', 'Z9', 'Zendesk', '_ads', 'a_crm', 'b_orders']);
    });

    it('lists completed records too, with their state', async () => {
      const store = await setup([newRecord('run-1', 'conn_b'), newRecord('run-1', 'conn_a')]);
      await store.recordOutcome('run-1', 'conn_b', outcome());
      await store.markCompleted('run-1', 'conn_b', '2026-05-22T00:10:01.000Z');

      const [a, b] = await store.listRunRecords('run-1');

      expect([a?.connectionId, a?.completedAt]).toEqual(['conn_a', null]);
      expect([b?.connectionId, b?.completedAt, b?.outcome]).toEqual(['conn_b', '2026-05-22T00:10:01.000Z', outcome()]);
    });

    it('skips the expired records of a run', async () => {
      const store = await setup([newRecord('run-1', 'conn_a', { expiresAt: T0 / 1000 + 60 }), newRecord('run-1', 'conn_b')]);
      clock = T0 + 60_000;
      expect(ids(await store.listRunRecords('run-1'))).toEqual(['run-1/conn_b']);
    });

    it('returns an empty list for an unknown run', async () => {
      const store = await setup([newRecord('run-1', 'conn_a')]);
      await expect(store.listRunRecords('run-unknown')).resolves.toEqual([]);
    });
  });

  describe('listOpenRecords', () => {
    const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

    it('lists the open records of every run, each page oldest first', async () => {
      const store = await setup([
        newRecord('run-2', 'conn_a', { createdAt: at(2) }),
        newRecord('run-1', 'conn_b', { createdAt: at(1) }),
        newRecord('run-3', 'conn_c', { createdAt: at(3) }),
        newRecord('run-0', 'conn_d', { createdAt: at(0) }),
      ]);
      await store.markCompleted('run-1', 'conn_b', at(5));

      expect(ids(await readOpenRecords(store)).sort()).toEqual(['run-0/conn_d', 'run-2/conn_a', 'run-3/conn_c']);
      for await (const page of store.listOpenRecords()) expect(page.map((r) => r.createdAt)).toEqual(page.map((r) => r.createdAt).sort());
    });

    it('pages through every open record, however many (no limit), skipping expired ones', async () => {
      const records = Array.from({ length: 1200 }, (_, i) => newRecord(`run-${i % 3}`, `conn_${String(i).padStart(4, '0')}`, { createdAt: at(i % 60) }));
      // Ten expire.
      for (const record of records.slice(0, 10)) record.expiresAt = T0 / 1000 + 60;
      const store = await setup(records);
      clock = T0 + 60_000;

      const open = await readOpenRecords(store);

      expect(ids(open).sort()).toEqual(ids(records.slice(10) as unknown as SyncRecord[]).sort());
    });
  });

  describe('ping', () => {
    it('resolves when the store is reachable', async () => {
      const store = await setup();
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
});

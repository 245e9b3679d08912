/**
 * Reconciling open records by reading their connections: one list call per group, then per record
 * a completion, a deadline, a re-trigger of a rescheduled manual sync, a heartbeat or nothing.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { CompletionResult, SyncWaitOutput, TaskCompleter } from '../../../../src/core/completion/completer.js';
import { heartbeatWaiters, isDueForReconcile, outcomeFromConnection, reconcileRecords, type ReconcileDeps } from '../../../../src/core/completion/reconcile.js';
import type { FivetranClient } from '../../../../src/core/fivetran/client.js';
import type { Connection } from '../../../../src/core/fivetran/types.js';
import { MemoryRunStore } from '../../../../src/core/runs/memory-store.js';
import { readOpenRecords, type NewSyncRecord, type SyncOutcome, type SyncRecord } from '../../../../src/core/runs/records.js';

const NOW = Date.parse('2026-05-22T01:00:00.000Z');
const NOW_ISO = new Date(NOW).toISOString();
const BASELINE = '2026-05-22T00:00:00.000Z';
const RUN = 'run-1';

type Call = { kind: 'succeed' | 'fail' | 'heartbeat'; token: string; error?: string; cause?: string; output?: SyncWaitOutput };

class RecordingCompleter implements TaskCompleter {
  readonly calls: Call[] = [];
  /** Tokens whose task has ended (heartbeats answer already-resolved). */
  readonly ended = new Set<string>();
  async succeed(token: string, output: SyncWaitOutput): Promise<CompletionResult> {
    this.calls.push({ kind: 'succeed', token, output });
    return 'delivered';
  }
  async fail(token: string, error: string, cause: string): Promise<CompletionResult> {
    this.calls.push({ kind: 'fail', token, error, cause });
    return 'delivered';
  }
  async heartbeat(token: string): Promise<CompletionResult> {
    this.calls.push({ kind: 'heartbeat', token });
    return this.ended.has(token) ? 'already-resolved' : 'delivered';
  }
}

function connection(id: string, group = 'group_1', overrides: Partial<Connection> = {}, status: Partial<Connection['status']> = {}): Connection {
  return {
    id,
    group_id: group,
    schema: `schema_${id}`,
    paused: false,
    schedule_type: 'manual',
    succeeded_at: '2026-05-21T23:00:00.000Z',
    failed_at: null,
    ...overrides,
    status: { setup_state: 'connected', sync_state: 'syncing', tasks: [], warnings: [], ...status },
  };
}

function newRecord(connectionId: string, overrides: Partial<NewSyncRecord> = {}): NewSyncRecord {
  return {
    runId: RUN,
    connectionId,
    groupId: 'group_1',
    name: `schema_${connectionId}`,
    baseline: BASELINE,
    scheduleType: 'manual',
    createdAt: BASELINE,
    deadline: '2026-05-22T06:00:00.000Z',
    expiresAt: NOW / 1000 + 86_400,
    ...overrides,
  };
}

type FakeClient = Pick<FivetranClient, 'listGroupConnections' | 'triggerSync'> & { lists: string[]; triggers: { id: string; force: boolean | undefined }[] };

/** Serves groups from `groups`; a group mapped to an Error fails its list call. */
function fakeClient(groups: Record<string, Connection[] | Error>, onTrigger: (id: string) => void = () => {}): FakeClient {
  const client: FakeClient = {
    lists: [],
    triggers: [],
    async listGroupConnections(groupId) {
      client.lists.push(groupId);
      const group = groups[groupId];
      if (group instanceof Error) throw group;
      return group ?? [];
    },
    async triggerSync(id, options) {
      client.triggers.push({ id, force: options?.force });
      onTrigger(id);
    },
  };
  return client;
}

let store: MemoryRunStore;
let completer: RecordingCompleter;

beforeEach(() => {
  store = new MemoryRunStore({ now: () => NOW });
  completer = new RecordingCompleter();
});

const depsWith = (client: FakeClient, now = NOW): ReconcileDeps => ({ store, completer, fivetran: client as Pick<FivetranClient, 'listGroupConnections' | 'triggerSync'> as FivetranClient, now: () => now });

async function setUp(records: NewSyncRecord[], waiting: string[] = records.map((r) => r.connectionId)): Promise<SyncRecord[]> {
  await store.createRecords(records);
  for (const r of records) if (waiting.includes(r.connectionId)) await store.attachTaskToken(r.runId, r.connectionId, `token-${r.connectionId}`);
  return readOpenRecords(store);
}

const record = async (connectionId: string, runId = RUN) => store.getRecord(runId, connectionId);

describe('outcomeFromConnection', () => {
  const rec = { baseline: BASELINE } as SyncRecord;

  it('gives SUCCESSFUL when succeeded_at moved past the baseline', () => {
    expect(outcomeFromConnection(rec, connection('a', 'g', { succeeded_at: '2026-05-22T00:30:00.000Z' }))).toEqual({
      status: 'SUCCESSFUL',
      finishedAt: '2026-05-22T00:30:00.000Z',
      syncId: null,
      reason: null,
      taskType: null,
      source: 'poll',
    });
  });

  it('gives FAILURE_WITH_TASK (as its webhook would) with the first task as reason and task type when failed_at is the newer one', () => {
    const failed = connection('a', 'g', { succeeded_at: '2026-05-22T00:10:00.000Z', failed_at: '2026-05-22T00:30:00.000Z' }, {
      tasks: [
        { code: 'reconnect_warehouse', message: 'Cannot connect to the warehouse' },
        { code: 'other', message: 'second task' },
      ],
    });
    expect(outcomeFromConnection(rec, failed)).toEqual({
      status: 'FAILURE_WITH_TASK',
      finishedAt: '2026-05-22T00:30:00.000Z',
      syncId: null,
      reason: 'Cannot connect to the warehouse',
      taskType: 'reconnect_warehouse',
      source: 'poll',
    });
  });

  it('still gives a reason for a failure without tasks', () => {
    const failed = connection('a', 'g', { failed_at: '2026-05-22T00:30:00.000Z' }, { tasks: null });
    expect(outcomeFromConnection(rec, failed)).toMatchObject({ status: 'FAILURE', reason: 'failed_at moved past the baseline (no task message)', taskType: null });
  });

  it('gives null while neither timestamp moved past the baseline', () => {
    expect(outcomeFromConnection(rec, connection('a', 'g', { succeeded_at: BASELINE, failed_at: '2026-05-21T10:00:00.000Z' }))).toBeNull();
  });

  it('gives null for a connection that never synced, and the first result once it has', () => {
    const never = { baseline: null } as SyncRecord;
    expect(outcomeFromConnection(never, connection('a', 'g', { succeeded_at: null, failed_at: null }))).toBeNull();
    expect(outcomeFromConnection(never, connection('a', 'g', { succeeded_at: '2026-05-22T00:30:00.000Z' }))?.status).toBe('SUCCESSFUL');
  });
});

describe('reconcileRecords: reading Fivetran', () => {
  it('lists each group once for all the records in it, whatever the run', async () => {
    const records = await setUp([
      newRecord('a'),
      newRecord('b'),
      newRecord('a', { runId: 'run-2' }),
      newRecord('x', { groupId: 'group_2' }),
      newRecord('y', { groupId: 'group_2' }),
    ]);
    const client = fakeClient({ group_1: [connection('a'), connection('b')], group_2: [connection('x', 'group_2'), connection('y', 'group_2')] });
    const report = await reconcileRecords(depsWith(client), records);
    expect(client.lists.sort()).toEqual(['group_1', 'group_2']);
    expect(report).toEqual({
      actions: { 'run-1/a': 'pending', 'run-1/b': 'pending', 'run-2/a': 'pending', 'run-1/x': 'pending', 'run-1/y': 'pending' },
      errors: [],
    });
    expect(completer.calls).toEqual([]);
  });

  it('passes over completed records and reads nothing for them', async () => {
    await setUp([newRecord('a', { outcome: { status: 'SUCCESSFUL', finishedAt: NOW_ISO, syncId: null, reason: null, taskType: null, source: 'webhook' }, completedAt: NOW_ISO })]);
    const client = fakeClient({ group_1: [connection('a')] });
    const report = await reconcileRecords(depsWith(client), await store.listRunRecords(RUN));
    expect(report).toEqual({ actions: {}, errors: [] });
    expect(client.lists).toEqual([]);
  });

  it('delivers an outcome recorded earlier but never delivered, without reading its group', async () => {
    const outcome: SyncOutcome = { status: 'SUCCESSFUL', finishedAt: '2026-05-22T00:30:00.000Z', syncId: 's1', reason: null, taskType: null, source: 'webhook' };
    const records = await setUp([newRecord('a', { outcome })]);
    const client = fakeClient({});
    const report = await reconcileRecords(depsWith(client), records);
    expect(report.actions).toEqual({ 'run-1/a': 'completed' });
    expect(client.lists).toEqual([]);
    expect(completer.calls).toEqual([{ kind: 'succeed', token: 'token-a', output: { connectionId: 'a', status: 'SUCCESSFUL', syncId: 's1' } }]);
  });
});

describe('reconcileRecords: completing', () => {
  it('completes waiters whose sync finished after the baseline, from the connection list', async () => {
    const records = await setUp([newRecord('ok'), newRecord('bad'), newRecord('busy')]);
    const client = fakeClient({
      group_1: [
        connection('ok', 'group_1', { succeeded_at: '2026-05-22T00:30:00.000Z' }),
        connection('bad', 'group_1', { failed_at: '2026-05-22T00:40:00.000Z' }, { tasks: [{ code: 'resync', message: 'Schema changed' }] }),
        connection('busy'),
      ],
    });
    const report = await reconcileRecords(depsWith(client), records);
    expect(report.actions).toEqual({ 'run-1/ok': 'completed', 'run-1/bad': 'completed', 'run-1/busy': 'pending' });
    expect(completer.calls).toHaveLength(2);
    expect(completer.calls).toEqual(
      expect.arrayContaining([
        { kind: 'succeed', token: 'token-ok', output: { connectionId: 'ok', status: 'SUCCESSFUL', syncId: null } },
        { kind: 'fail', token: 'token-bad', error: 'FAILURE_WITH_TASK', cause: 'Connection bad: FAILURE_WITH_TASK (resync): Schema changed' },
      ]),
    );
    expect(await record('ok')).toMatchObject({ outcome: { source: 'poll', finishedAt: '2026-05-22T00:30:00.000Z' }, completedAt: NOW_ISO });
  });

  it('records the outcome for a waiter that has not registered yet', async () => {
    const records = await setUp([newRecord('a')], []);
    const client = fakeClient({ group_1: [connection('a', 'group_1', { succeeded_at: '2026-05-22T00:30:00.000Z' })] });
    expect((await reconcileRecords(depsWith(client), records)).actions).toEqual({ 'run-1/a': 'recorded' });
    expect((await record('a'))?.outcome?.status).toBe('SUCCESSFUL');
    expect(completer.calls).toEqual([]);
  });

  it('fails a waiter past its deadline with DEADLINE_EXCEEDED, without a sync result', async () => {
    const records = await setUp([newRecord('late', { deadline: NOW_ISO }), newRecord('fine')]);
    const client = fakeClient({ group_1: [connection('late'), connection('fine')] });
    const report = await reconcileRecords(depsWith(client), records);
    expect(report.actions).toEqual({ 'run-1/late': 'completed', 'run-1/fine': 'pending' });
    expect(completer.calls).toEqual([
      { kind: 'fail', token: 'token-late', error: 'DEADLINE_EXCEEDED', cause: `Connection late: DEADLINE_EXCEEDED: no sync result by the run's deadline ${NOW_ISO}` },
    ]);
    expect((await record('late'))?.outcome).toMatchObject({ status: 'DEADLINE_EXCEEDED', source: 'run', finishedAt: NOW_ISO });
  });

  it('prefers a finished sync over the deadline only while the deadline has not passed', async () => {
    const records = await setUp([newRecord('a', { deadline: '2026-05-22T00:59:59.000Z' })]);
    const client = fakeClient({ group_1: [connection('a', 'group_1', { succeeded_at: '2026-05-22T00:30:00.000Z' })] });
    await reconcileRecords(depsWith(client), records);
    expect(completer.calls.map((c) => c.error ?? c.kind)).toEqual(['DEADLINE_EXCEEDED']);
  });

  it('fails a waiter whose connection is no longer in the group with CONNECTION_NOT_FOUND', async () => {
    const records = await setUp([newRecord('gone')]);
    const client = fakeClient({ group_1: [connection('other')] });
    const report = await reconcileRecords(depsWith(client), records);
    expect(report.actions).toEqual({ 'run-1/gone': 'completed' });
    expect(completer.calls).toEqual([{ kind: 'fail', token: 'token-gone', error: 'CONNECTION_NOT_FOUND', cause: 'Connection gone: CONNECTION_NOT_FOUND: connection is no longer in group group_1' }]);
  });
});

describe('reconcileRecords: paused connections', () => {
  it('fails a waiter as PAUSED when its connection was paused after the trigger and no sync runs', async () => {
    const records = await setUp([newRecord('p'), newRecord('busy'), newRecord('untriggered')]);
    for (const id of ['p', 'busy']) await store.markTriggered(RUN, id, BASELINE);
    const client = fakeClient({
      group_1: [
        connection('p', 'group_1', { paused: true, rescheduled_for: '2026-05-22T00:50:00.000Z' }, { sync_state: 'paused' }),
        // A sync that runs while paused still ends and reports: keep waiting for it.
        connection('busy', 'group_1', { paused: true }, { sync_state: 'syncing' }),
        // Not triggered yet (a run that unpauses before triggering): not this run's pause.
        connection('untriggered', 'group_1', { paused: true }, { sync_state: 'paused' }),
      ],
    });
    const report = await reconcileRecords(depsWith(client), await readOpenRecords(store));
    expect(report.actions).toEqual({ 'run-1/p': 'completed', 'run-1/busy': 'pending', 'run-1/untriggered': 'pending' });
    expect(client.triggers).toEqual([]);
    expect(completer.calls).toEqual([{ kind: 'fail', token: 'token-p', error: 'PAUSED', cause: expect.stringContaining('paused during the run') }]);
    expect(records).toHaveLength(3);
  });

  it('prefers a sync that finished before the pause over PAUSED', async () => {
    await setUp([newRecord('p')]);
    await store.markTriggered(RUN, 'p', BASELINE);
    const client = fakeClient({ group_1: [connection('p', 'group_1', { paused: true, succeeded_at: '2026-05-22T00:30:00.000Z' }, { sync_state: 'paused' })] });
    await reconcileRecords(depsWith(client), await readOpenRecords(store));
    expect(completer.calls.map((c) => c.kind)).toEqual(['succeed']);
  });
});

describe('reconcileRecords: rescheduled syncs', () => {
  it('re-triggers a rescheduled sync on a manual schedule once rescheduled_for has passed', async () => {
    const records = await setUp([newRecord('r')]);
    await store.markRescheduled(RUN, 'r', '2026-05-22T00:20:00.000Z');
    const client = fakeClient({ group_1: [connection('r', 'group_1', { rescheduled_for: '2026-05-22T01:00:00.000Z' }, { sync_state: 'rescheduled' })] });
    const report = await reconcileRecords(depsWith(client), records);
    expect(report.actions).toEqual({ 'run-1/r': 'retriggered' });
    expect(client.triggers).toEqual([{ id: 'r', force: false }]);
    expect(await record('r')).toMatchObject({ retriggers: 1, rescheduledAt: null, completedAt: null });
    expect(completer.calls).toEqual([]);
  });

  it('re-triggers a rescheduled manual sync that has no rescheduled_for', async () => {
    const records = await setUp([newRecord('r')]);
    const client = fakeClient({ group_1: [connection('r', 'group_1', { rescheduled_for: null }, { sync_state: 'rescheduled' })] });
    expect((await reconcileRecords(depsWith(client), records)).actions).toEqual({ 'run-1/r': 'retriggered' });
  });

  it('waits for rescheduled_for, noting the reschedule on the record', async () => {
    const records = await setUp([newRecord('r')]);
    const client = fakeClient({ group_1: [connection('r', 'group_1', { rescheduled_for: '2026-05-22T01:00:01.000Z' }, { sync_state: 'rescheduled' })] });
    expect((await reconcileRecords(depsWith(client), records)).actions).toEqual({ 'run-1/r': 'pending' });
    expect(client.triggers).toEqual([]);
    expect((await record('r'))?.rescheduledAt).toBe(NOW_ISO);
  });

  it('never triggers a rescheduled sync on an auto schedule (Fivetran resumes it)', async () => {
    const records = await setUp([newRecord('r')]);
    const client = fakeClient({ group_1: [connection('r', 'group_1', { schedule_type: 'auto', rescheduled_for: '2026-05-22T00:00:00.000Z' }, { sync_state: 'rescheduled' })] });
    expect((await reconcileRecords(depsWith(client), records)).actions).toEqual({ 'run-1/r': 'pending' });
    expect(client.triggers).toEqual([]);
    expect((await record('r'))?.rescheduledAt).toBe(NOW_ISO);
  });

  it('keeps the first time a reschedule was noted', async () => {
    await setUp([newRecord('r')]);
    await store.markRescheduled(RUN, 'r', '2026-05-22T00:20:00.000Z');
    const client = fakeClient({ group_1: [connection('r', 'group_1', { schedule_type: 'auto' }, { sync_state: 'rescheduled' })] });
    await reconcileRecords(depsWith(client), await readOpenRecords(store));
    expect((await record('r'))?.rescheduledAt).toBe('2026-05-22T00:20:00.000Z');
  });
});

describe('reconcileRecords: errors and heartbeats', () => {
  it('reports a group that cannot be listed and leaves its records pending, but still enforces deadlines', async () => {
    const records = await setUp([newRecord('a'), newRecord('late', { deadline: '2026-05-22T00:59:00.000Z' }), newRecord('x', { groupId: 'group_2' })]);
    const client = fakeClient({ group_1: new Error('503 Service Unavailable'), group_2: [connection('x', 'group_2', { succeeded_at: '2026-05-22T00:30:00.000Z' })] });
    const report = await reconcileRecords(depsWith(client), records);
    expect(report.errors).toEqual(['group group_1: 503 Service Unavailable']);
    expect(report.actions).toEqual({ 'run-1/a': 'pending', 'run-1/late': 'completed', 'run-1/x': 'completed' });
    expect((await record('a'))?.outcome).toBeNull();
    expect(completer.calls.map((c) => `${c.token} ${c.error ?? c.kind}`).sort()).toEqual(['token-late DEADLINE_EXCEEDED', 'token-x succeed']);
  });

  it('reports an error on one record and goes on with the others', async () => {
    const records = await setUp([newRecord('r'), newRecord('ok')]);
    const client = fakeClient(
      { group_1: [connection('r', 'group_1', {}, { sync_state: 'rescheduled' }), connection('ok', 'group_1', { succeeded_at: '2026-05-22T00:30:00.000Z' })] },
      () => {
        throw new Error('429 Too Many Requests');
      },
    );
    const report = await reconcileRecords(depsWith(client), records);
    expect(report.actions).toEqual({ 'run-1/r': 'error', 'run-1/ok': 'completed' });
    expect(report.errors).toEqual(['run-1/r: 429 Too Many Requests']);
  });

  it('defers the groups past its listing budget, oldest groups first, to the next pass', async () => {
    const records = await setUp([
      newRecord('new', { groupId: 'group_new', createdAt: '2026-05-22T00:20:00.000Z' }),
      newRecord('old', { groupId: 'group_old', createdAt: '2026-05-22T00:10:00.000Z' }),
    ]);
    const client = fakeClient({ group_old: [connection('old', 'group_old')], group_new: [connection('new', 'group_new')] });
    const report = await reconcileRecords(depsWith(client), records, { maxGroupListings: 1 });
    expect(report.actions).toEqual({ 'run-1/new': 'deferred', 'run-1/old': 'pending' });
  });

  it('starts no record after stopAt, so a pass ends within its timeout', async () => {
    const records = await setUp([newRecord('a')]);
    const report = await reconcileRecords(depsWith(fakeClient({ group_1: [connection('a')] })), records, { stopAt: NOW });
    expect(report.actions).toEqual({ 'run-1/a': 'deferred' });
  });

  it('without Fivetran (its secret unreadable) still delivers recorded outcomes and enforces deadlines', async () => {
    const records = await setUp([newRecord('a'), newRecord('late', { deadline: '2026-05-22T00:59:00.000Z' })]);
    const report = await reconcileRecords({ ...depsWith(fakeClient({})), fivetran: null }, records);
    expect(report.actions).toEqual({ 'run-1/a': 'pending', 'run-1/late': 'completed' });
  });
});

describe('heartbeatWaiters', () => {
  it('heartbeats every waiter without an outcome, and needs no Fivetran', async () => {
    const records = await setUp([newRecord('a'), newRecord('b'), newRecord('unregistered')], ['a', 'b']);
    const report = await heartbeatWaiters({ store, completer, now: () => NOW }, records);
    expect(report).toMatchObject({ heartbeats: 2, cancelled: 0, errors: [] });
    expect(completer.calls.map((c) => `${c.kind} ${c.token}`).sort()).toEqual(['heartbeat token-a', 'heartbeat token-b']);
  });

  it('closes a record as CANCELLED when its task no longer exists (the execution was stopped)', async () => {
    const records = await setUp([newRecord('a')], ['a']);
    completer.ended.add('token-a');
    const report = await heartbeatWaiters({ store, completer, now: () => NOW }, records);
    expect(report).toMatchObject({ heartbeats: 0, cancelled: 1 });
    expect([...report.closed]).toEqual(['run-1/a']);
    expect((await record('a'))?.outcome).toMatchObject({ status: 'CANCELLED', source: 'run' });
    expect((await record('a'))?.completedAt).not.toBeNull();
  });

  it('takes an open, triggered record at exactly the reconcile threshold, or any open record at its deadline', () => {
    const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
    const at = { createdAt: minutesAgo(10), deadline: minutesAgo(-60), triggeredAt: minutesAgo(10), completedAt: null };
    expect(isDueForReconcile(at, NOW, 600)).toBe(true);
    expect(isDueForReconcile({ ...at, createdAt: minutesAgo(9) }, NOW, 600)).toBe(false);
    expect(isDueForReconcile({ ...at, triggeredAt: null }, NOW, 600)).toBe(false);
    expect(isDueForReconcile({ ...at, completedAt: minutesAgo(1) }, NOW, 600)).toBe(false);
    expect(isDueForReconcile({ ...at, createdAt: minutesAgo(1), deadline: minutesAgo(0), triggeredAt: null }, NOW, 600)).toBe(true);
  });

  it('sends no heartbeat by default', async () => {
    const records = await setUp([newRecord('a')]);
    const client = fakeClient({ group_1: [connection('a')] });
    expect((await reconcileRecords(depsWith(client), records)).actions).toEqual({ 'run-1/a': 'pending' });
    expect(completer.calls).toEqual([]);
  });
});

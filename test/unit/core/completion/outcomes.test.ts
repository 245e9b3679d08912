/**
 * The race table of completion: whichever of the outcome and the waiter arrives first, every
 * waiter completes exactly once; stale, duplicate and rescheduled events never complete one.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { CompletionResult, SyncWaitOutput, TaskCompleter } from '../../../../src/core/completion/completer.js';
import {
  RESCHEDULED,
  STALE_TOLERANCE_MS,
  applySyncEnd,
  applySyncStart,
  describeOutcome,
  isStale,
  registerWaiter,
  settleRecord,
  type CompletionDeps,
} from '../../../../src/core/completion/outcomes.js';
import { MemoryRunStore } from '../../../../src/core/runs/memory-store.js';
import type { NewSyncRecord, OutcomeWrite, SyncOutcome } from '../../../../src/core/runs/records.js';
import type { SyncEndEvent, SyncStartEvent } from '../../../../src/core/webhook/event.js';

const NOW = Date.parse('2026-05-22T00:10:00.000Z');
const RUN = 'run-1';
const CONNECTION = 'assimilate_seem';
const BASELINE = '2026-05-21T23:00:00.000Z';

type Call =
  | { kind: 'succeed'; token: string; output: SyncWaitOutput }
  | { kind: 'fail'; token: string; error: string; cause: string }
  | { kind: 'heartbeat'; token: string };

/** Records every call and, like Step Functions, answers `already-resolved` to a second completion of a token. */
class RecordingCompleter implements TaskCompleter {
  readonly calls: Call[] = [];
  private readonly closed = new Set<string>();

  async succeed(token: string, output: SyncWaitOutput): Promise<CompletionResult> {
    this.calls.push({ kind: 'succeed', token, output });
    return this.close(token);
  }

  async fail(token: string, error: string, cause: string): Promise<CompletionResult> {
    this.calls.push({ kind: 'fail', token, error, cause });
    return this.close(token);
  }

  async heartbeat(token: string): Promise<CompletionResult> {
    this.calls.push({ kind: 'heartbeat', token });
    return this.closed.has(token) ? 'already-resolved' : 'delivered';
  }

  completions(): Call[] {
    return this.calls.filter((c) => c.kind !== 'heartbeat');
  }

  private close(token: string): CompletionResult {
    if (this.closed.has(token)) return 'already-resolved';
    this.closed.add(token);
    return 'delivered';
  }
}

/** A memory store that can run a step between a caller's read and its outcome write (to stage races). */
class StagedStore extends MemoryRunStore {
  beforeRecordOutcome: (() => Promise<void>) | null = null;

  override async recordOutcome(runId: string, connectionId: string, outcome: SyncOutcome): Promise<OutcomeWrite> {
    const step = this.beforeRecordOutcome;
    this.beforeRecordOutcome = null;
    await step?.();
    return super.recordOutcome(runId, connectionId, outcome);
  }
}

function newRecord(overrides: Partial<NewSyncRecord> = {}): NewSyncRecord {
  return {
    runId: RUN,
    connectionId: CONNECTION,
    groupId: 'inappropriate_implode',
    name: 'ftar_pg',
    baseline: BASELINE,
    scheduleType: 'manual',
    createdAt: '2026-05-22T00:00:00.000Z',
    deadline: '2026-05-22T06:00:00.000Z',
    expiresAt: NOW / 1000 + 86_400,
    ...overrides,
  };
}

function syncEnd(overrides: Partial<SyncEndEvent> = {}): SyncEndEvent {
  return {
    type: 'sync_end',
    connectionId: CONNECTION,
    groupId: 'inappropriate_implode',
    syncId: 'sync-1',
    createdAt: '2026-05-22T00:06:08.638Z',
    status: 'SUCCESSFUL',
    reason: null,
    taskType: null,
    ...overrides,
  };
}

function syncStart(overrides: Partial<SyncStartEvent> = {}): SyncStartEvent {
  return { type: 'sync_start', connectionId: CONNECTION, groupId: 'inappropriate_implode', syncId: 'sync-1', createdAt: '2026-05-22T00:02:00.000Z', ...overrides };
}

const FAILURE = syncEnd({ status: 'FAILURE_WITH_TASK', reason: 'java.lang.RuntimeException: Cannot connect to the warehouse', taskType: 'reconnect_warehouse' });

let store: StagedStore;
let completer: RecordingCompleter;
let deps: CompletionDeps;

beforeEach(() => {
  store = new StagedStore({ now: () => NOW });
  completer = new RecordingCompleter();
  deps = { store, completer, now: () => NOW };
});

const wait = (token: string, runId = RUN, connectionId = CONNECTION) => registerWaiter(deps, { runId, connectionId, taskToken: token });
const stored = (runId = RUN, connectionId = CONNECTION) => store.getRecord(runId, connectionId);
const successTo = (token: string, syncId: string | null = 'sync-1'): Call => ({ kind: 'succeed', token, output: { connectionId: CONNECTION, status: 'SUCCESSFUL', syncId } });

describe('outcome and waiter, in either order', () => {
  it('stores an outcome that arrives first, and the waiter completes at once when it registers', async () => {
    await store.createRecords([newRecord()]);
    expect(await applySyncEnd(deps, syncEnd())).toEqual(['recorded']);
    expect(completer.calls).toEqual([]);
    expect((await stored())?.outcome).toEqual({ status: 'SUCCESSFUL', finishedAt: '2026-05-22T00:06:08.638Z', syncId: 'sync-1', reason: null, taskType: null, source: 'webhook' });

    expect(await wait('token-1')).toBe('completed');
    expect(completer.calls).toEqual([successTo('token-1')]);
    expect((await stored())?.completedAt).toBe(new Date(NOW).toISOString());
  });

  it('lets the webhook complete a waiter that registered first', async () => {
    await store.createRecords([newRecord()]);
    expect(await wait('token-1')).toBe('waiting');
    expect(completer.calls).toEqual([]);
    expect(await applySyncEnd(deps, syncEnd())).toEqual(['completed']);
    expect(completer.calls).toEqual([successTo('token-1')]);
    expect((await stored())?.completedAt).not.toBeNull();
  });

  it('delivers exactly once when the waiter registers between the webhook reading the record and writing the outcome', async () => {
    await store.createRecords([newRecord()]);
    store.beforeRecordOutcome = async () => {
      expect(await wait('token-1')).toBe('waiting');
    };
    expect(await applySyncEnd(deps, syncEnd())).toEqual(['completed']);
    expect(completer.completions()).toEqual([successTo('token-1')]);
  });

  it('delivers a failure as fail(token, status, cause naming the connection, task type and reason)', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    expect(await applySyncEnd(deps, FAILURE)).toEqual(['completed']);
    expect(completer.calls).toEqual([
      {
        kind: 'fail',
        token: 'token-1',
        error: 'FAILURE_WITH_TASK',
        cause: 'Connection assimilate_seem: FAILURE_WITH_TASK (reconnect_warehouse): java.lang.RuntimeException: Cannot connect to the warehouse',
      },
    ]);
  });

  it('delivers a failure stored before the waiter registered the same way', async () => {
    await store.createRecords([newRecord()]);
    await applySyncEnd(deps, syncEnd({ status: 'FAILURE', reason: null, taskType: null }));
    await wait('token-1');
    expect(completer.calls).toEqual([{ kind: 'fail', token: 'token-1', error: 'FAILURE', cause: 'Connection assimilate_seem: FAILURE' }]);
  });
});

describe('duplicates and events for other syncs', () => {
  it('acts on a duplicate sync_end after completion not at all (one delivery)', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    await applySyncEnd(deps, syncEnd());
    expect(await applySyncEnd(deps, syncEnd())).toEqual([]);
    expect(completer.calls).toHaveLength(1);
  });

  it('reports a duplicate sync_end before any waiter as a duplicate and keeps one outcome', async () => {
    await store.createRecords([newRecord()]);
    await applySyncEnd(deps, syncEnd());
    expect(await applySyncEnd(deps, syncEnd())).toEqual(['duplicate']);
    expect(completer.calls).toEqual([]);
  });

  it('ignores a sync_end of a different sync after an outcome: the first outcome wins', async () => {
    await store.createRecords([newRecord()]);
    await applySyncEnd(deps, syncEnd());
    expect(await applySyncEnd(deps, syncEnd({ syncId: 'sync-2', status: 'FAILURE', createdAt: '2026-05-22T00:08:00.000Z' }))).toEqual(['duplicate']);
    expect((await stored())?.outcome).toMatchObject({ status: 'SUCCESSFUL', syncId: 'sync-1' });
    await wait('token-1');
    expect(completer.calls).toEqual([successTo('token-1')]);
  });

  it('returns no results for a connection nobody waits for', async () => {
    await store.createRecords([newRecord()]);
    expect(await applySyncEnd(deps, syncEnd({ connectionId: 'nobody_waits' }))).toEqual([]);
    expect(await applySyncStart(deps, syncStart({ connectionId: 'nobody_waits' }))).toEqual([]);
  });
});

describe('stale events (a sync that ended before this run)', () => {
  it(`ignores a sync_end created at or before the baseline plus ${STALE_TOLERANCE_MS} ms`, async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    const atTolerance = new Date(Date.parse(BASELINE) + STALE_TOLERANCE_MS).toISOString();
    expect(await applySyncEnd(deps, syncEnd({ createdAt: '2026-05-21T22:00:00.000Z' }))).toEqual(['stale']);
    expect(await applySyncEnd(deps, syncEnd({ createdAt: BASELINE }))).toEqual(['stale']);
    expect(await applySyncEnd(deps, syncEnd({ createdAt: atTolerance }))).toEqual(['stale']);
    expect(completer.calls).toEqual([]);
    expect((await stored())?.outcome).toBeNull();
  });

  it('accepts a sync_end created just after the tolerance', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    const justAfter = new Date(Date.parse(BASELINE) + STALE_TOLERANCE_MS + 1).toISOString();
    expect(await applySyncEnd(deps, syncEnd({ createdAt: justAfter }))).toEqual(['completed']);
  });

  it('accepts any sync_end for a connection that never synced (baseline null)', async () => {
    await store.createRecords([newRecord({ baseline: null })]);
    await wait('token-1');
    expect(await applySyncEnd(deps, syncEnd({ createdAt: '2000-01-01T00:00:00.000Z' }))).toEqual(['completed']);
  });

  it('isStale compares against the baseline with the tolerance', () => {
    expect(isStale(null, '1970-01-01T00:00:00.000Z')).toBe(false);
    expect(isStale(BASELINE, '2026-05-21T23:00:01.000Z')).toBe(true);
    expect(isStale(BASELINE, '2026-05-21T23:00:01.001Z')).toBe(false);
  });

  it('never treats an outcome the run gives itself (a deadline, a skip) as stale', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    const timedOut: SyncOutcome = { status: 'DEADLINE_EXCEEDED', finishedAt: '2026-05-21T00:00:00.000Z', syncId: null, reason: 'deadline', taskType: null, source: 'run' };
    const record = await stored();
    expect(await settleRecord(deps, record!, timedOut)).toBe('completed');
    expect(completer.calls).toEqual([{ kind: 'fail', token: 'token-1', error: 'DEADLINE_EXCEEDED', cause: 'Connection assimilate_seem: DEADLINE_EXCEEDED: deadline' }]);
  });

  it('compares a read of the connection exactly: a sync that ended within the tolerance completes the run', async () => {
    // Two runs back to back: the second's baseline is the first's end, and its own short sync ended
    // 300 ms later. Read from succeeded_at (the baseline's own clock), it is not stale.
    await store.createRecords([newRecord()]);
    await wait('token-1');
    const read = (finishedAt: string): SyncOutcome => ({ status: 'SUCCESSFUL', finishedAt, syncId: null, reason: null, taskType: null, source: 'poll' });
    expect(await settleRecord(deps, (await stored())!, read(BASELINE))).toBe('stale');
    expect(await settleRecord(deps, (await stored())!, read('2026-05-21T23:00:00.300Z'))).toBe('completed');
    expect(completer.completions()).toEqual([successTo('token-1', null)]);
  });

  it('also ignores a stale RESCHEDULED and a stale sync_start', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    expect(await applySyncEnd(deps, syncEnd({ status: RESCHEDULED, createdAt: BASELINE }))).toEqual(['stale']);
    expect(await applySyncStart(deps, syncStart({ createdAt: BASELINE }))).toEqual(['stale']);
    expect(completer.calls).toEqual([]);
    expect(await stored()).toMatchObject({ rescheduledAt: null, startedAt: null });
  });
});

describe('RESCHEDULED and sync_start', () => {
  it('marks a RESCHEDULED sync and heartbeats the waiter, without completing it', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    expect(await applySyncEnd(deps, syncEnd({ status: RESCHEDULED, reason: 'Rate limited by the source' }))).toEqual(['rescheduled']);
    expect(completer.calls).toEqual([{ kind: 'heartbeat', token: 'token-1' }]);
    expect(await stored()).toMatchObject({ rescheduledAt: '2026-05-22T00:06:08.638Z', outcome: null, completedAt: null });
  });

  it('completes the waiter with the sync_end that follows a RESCHEDULED', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    await applySyncEnd(deps, syncEnd({ status: RESCHEDULED }));
    expect(await applySyncEnd(deps, syncEnd({ syncId: 'sync-2', createdAt: '2026-05-22T00:09:00.000Z' }))).toEqual(['completed']);
    expect(completer.completions()).toEqual([successTo('token-1', 'sync-2')]);
  });

  it('marks a RESCHEDULED sync with no heartbeat when no waiter is registered yet', async () => {
    await store.createRecords([newRecord()]);
    expect(await applySyncEnd(deps, syncEnd({ status: RESCHEDULED }))).toEqual(['rescheduled']);
    expect(completer.calls).toEqual([]);
    expect((await stored())?.rescheduledAt).toBe('2026-05-22T00:06:08.638Z');
  });

  it('records a sync_start and heartbeats the waiter', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    expect(await applySyncStart(deps, syncStart())).toEqual(['started']);
    expect(await stored()).toMatchObject({ startedSyncId: 'sync-1', startedAt: '2026-05-22T00:02:00.000Z', outcome: null });
    expect(completer.calls).toEqual([{ kind: 'heartbeat', token: 'token-1' }]);
  });

  it('records a sync_start before any waiter without a heartbeat', async () => {
    await store.createRecords([newRecord()]);
    expect(await applySyncStart(deps, syncStart({ syncId: null }))).toEqual(['started']);
    expect(await stored()).toMatchObject({ startedSyncId: null, startedAt: '2026-05-22T00:02:00.000Z' });
    expect(completer.calls).toEqual([]);
  });
});

describe('repair and redelivery', () => {
  it('delivers an outcome that was stored but never delivered (a crash in between) when the webhook is redelivered', async () => {
    const outcome: SyncOutcome = { status: 'SUCCESSFUL', finishedAt: '2026-05-22T00:06:08.638Z', syncId: 'sync-1', reason: null, taskType: null, source: 'webhook' };
    await store.createRecords([newRecord({ outcome })]);
    await store.attachTaskToken(RUN, CONNECTION, 'token-1'); // the store alone: the waiter's delivery was lost
    expect(completer.calls).toEqual([]);

    expect(await applySyncEnd(deps, syncEnd())).toEqual(['completed']);
    expect(completer.calls).toEqual([successTo('token-1')]);
    expect((await stored())?.completedAt).toBe(new Date(NOW).toISOString());
    expect(await applySyncEnd(deps, syncEnd())).toEqual([]);
  });

  it('completes every run waiting on the same connection', async () => {
    await store.createRecords([newRecord({ runId: 'run-a' }), newRecord({ runId: 'run-b', baseline: '2026-05-21T23:30:00.000Z' })]);
    await wait('token-a', 'run-a');
    await wait('token-b', 'run-b');
    expect(await applySyncEnd(deps, syncEnd())).toEqual(['completed', 'completed']);
    expect(completer.calls.map((c) => c.token).sort()).toEqual(['token-a', 'token-b']);
    expect((await stored('run-a'))?.completedAt).not.toBeNull();
    expect((await stored('run-b'))?.completedAt).not.toBeNull();
  });

  it('applies the baseline of each run separately', async () => {
    await store.createRecords([newRecord({ runId: 'old-run' }), newRecord({ runId: 'new-run', baseline: '2026-05-22T00:06:08.638Z' })]);
    await wait('token-old', 'old-run');
    await wait('token-new', 'new-run');
    expect((await applySyncEnd(deps, syncEnd())).sort()).toEqual(['completed', 'stale']);
    expect(completer.calls.map((c) => c.token)).toEqual(['token-old']);
  });

  it('delivers again to the new token when a waiter registers for a record completed before (a redriven wait)', async () => {
    await store.createRecords([newRecord()]);
    await wait('token-1');
    await applySyncEnd(deps, syncEnd());
    expect(await wait('token-2')).toBe('completed');
    expect(completer.calls).toEqual([successTo('token-1'), successTo('token-2')]);
    expect((await stored())?.taskToken).toBe('token-2');
  });

  it('settles a record whose outcome is already there without storing the new one', async () => {
    await store.createRecords([newRecord()]);
    await applySyncEnd(deps, syncEnd());
    const record = await stored();
    const other: SyncOutcome = { status: 'FAILURE', finishedAt: '2026-05-22T00:09:00.000Z', syncId: 'sync-2', reason: 'x', taskType: null, source: 'poll' };
    expect(await settleRecord(deps, record!, other)).toBe('duplicate');
    expect((await stored())?.outcome?.status).toBe('SUCCESSFUL');
  });
});

describe('describeOutcome', () => {
  const base: SyncOutcome = { status: 'FAILURE', finishedAt: '2026-05-22T00:06:08.638Z', syncId: null, reason: null, taskType: null, source: 'webhook' };

  it.each([
    [{}, 'FAILURE'],
    [{ reason: 'boom' }, 'FAILURE: boom'],
    [{ taskType: 'reconnect' }, 'FAILURE (reconnect)'],
    [{ status: 'FAILURE_WITH_TASK', taskType: 'reconnect_warehouse', reason: 'java.lang.RuntimeException: x' }, 'FAILURE_WITH_TASK (reconnect_warehouse): java.lang.RuntimeException: x'],
  ])('describes %p as %p', (overrides, text) => {
    expect(describeOutcome({ ...base, ...overrides })).toBe(text);
  });
});

/**
 * StartSyncs: choose the connections under the policies, write every run record, then trigger
 * every sync up front (paced), recording skips and trigger failures as completed outcomes.
 */
import { describe, expect, it } from '@jest/globals';
import { ConnectionsNotReadyError, RunTooLargeError } from '../../../../src/core/errors.js';
import { createFivetranClient, type FivetranClient } from '../../../../src/core/fivetran/client.js';
import type { Connection } from '../../../../src/core/fivetran/types.js';
import { MAX_CONNECTIONS_PER_RUN, prepareRun, type PreparedRun, type RunRequest } from '../../../../src/core/pipeline/run-request.js';
import { selectConnections, startSyncs, TRIGGER_WINDOW_MS, type StartSyncsInput } from '../../../../src/core/pipeline/start-syncs.js';
import { MemoryRunStore } from '../../../../src/core/runs/memory-store.js';
import { START_SYNCS_RESERVE_MS } from '../../../../src/lambdas/start-syncs.js';
import { PIPELINE_LAMBDAS } from '../../../../infra/lib/pipeline-construct.js';

const NOW = Date.parse('2026-05-22T00:00:00.000Z');
const GROUP = 'group_1';
const RUN_ID = 'run-20260522T000000-000001';

function connection(id: string, overrides: Partial<Connection> = {}, status: Partial<Connection['status']> = {}): Connection {
  return {
    id,
    group_id: GROUP,
    service: 'postgres',
    schema: `schema_${id}`,
    paused: false,
    schedule_type: 'manual',
    sync_frequency: 360,
    succeeded_at: '2026-05-21T20:00:00.000Z',
    failed_at: null,
    ...overrides,
    status: { setup_state: 'connected', sync_state: 'scheduled', tasks: [], warnings: [], ...status },
  };
}

const run = (request: Partial<RunRequest> = {}): PreparedRun => prepareRun({ groupId: GROUP, ...request }, RUN_ID);

type FakeClient = Pick<FivetranClient, 'listGroupConnections' | 'triggerSync' | 'updateConnection'> & {
  calls: string[];
  triggers: { connectionId: string; force: boolean | undefined }[];
};

/** A Fivetran client that serves `connections` and records calls; `onTrigger` may throw or wait. */
function fakeClient(connections: Connection[], onTrigger: (connectionId: string) => Promise<void> | void = () => {}): FakeClient {
  const client: FakeClient = {
    calls: [],
    triggers: [],
    async listGroupConnections(groupId) {
      client.calls.push(`list ${groupId}`);
      return connections.filter((c) => c.group_id === groupId);
    },
    async triggerSync(connectionId, options) {
      client.calls.push(`trigger ${connectionId}`);
      client.triggers.push({ connectionId, force: options?.force });
      await onTrigger(connectionId);
    },
    async updateConnection(connectionId, patch) {
      client.calls.push(`update ${connectionId} ${JSON.stringify(patch)}`);
      const c = connections.find((x) => x.id === connectionId);
      if (!c) throw new Error(`no connection ${connectionId}`);
      return { ...c, ...patch };
    },
  };
  return client;
}

function deps(client: FakeClient, store = new MemoryRunStore({ now: () => NOW }), extra: { triggerConcurrency?: number; retentionSeconds?: number } = {}) {
  return { fivetran: client as Pick<FivetranClient, 'listGroupConnections' | 'triggerSync' | 'updateConnection'> as FivetranClient, store, now: () => NOW, ...extra };
}

/** Lets other lanes run: an event-loop turn, not a timed wait. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('selectConnections', () => {
  const policies = (p: Partial<PreparedRun['policies']> = {}) => ({ ...run().policies, ...p });

  it('syncs every connected, active connection of the group when no subset is given', () => {
    const all = [connection('a'), connection('b')];
    expect(selectConnections({ groupId: GROUP, connectionIds: [], policies: policies() }, all)).toEqual({ sync: all, unpause: [], skip: [], problems: [] });
  });

  it('skips a paused connection by default', () => {
    const paused = connection('p', { paused: true });
    const result = selectConnections({ groupId: GROUP, connectionIds: [], policies: policies() }, [connection('a'), paused]);
    expect(result.sync.map((c) => c.id)).toEqual(['a']);
    expect(result.skip).toEqual([{ connection: paused, reason: 'paused' }]);
    expect(result.problems).toEqual([]);
  });

  it('reports a paused connection as a problem under paused=fail', () => {
    const result = selectConnections({ groupId: GROUP, connectionIds: [], policies: policies({ paused: 'fail' }) }, [connection('p', { paused: true })]);
    expect(result.problems).toEqual(['p (schema_p): paused (policy paused=fail)']);
    expect(result.sync).toEqual([]);
  });

  it('unpauses and syncs a paused connection under paused=unpause', () => {
    const paused = connection('p', { paused: true });
    const result = selectConnections({ groupId: GROUP, connectionIds: [], policies: policies({ paused: 'unpause' }) }, [paused]);
    expect(result.unpause).toEqual([paused]);
    expect(result.sync).toEqual([paused]);
    expect(result.skip).toEqual([]);
  });

  it.each(['incomplete', 'broken'])('reports a connection whose setup_state is %s as a problem by default', (setupState) => {
    const result = selectConnections({ groupId: GROUP, connectionIds: [], policies: policies() }, [connection('x', {}, { setup_state: setupState })]);
    expect(result.problems).toEqual([`x (schema_x): setup_state is "${setupState}"; finish or fix its setup in Fivetran`]);
  });

  it('omits the schema from a problem when the connection has none', () => {
    const result = selectConnections({ groupId: GROUP, connectionIds: [], policies: policies() }, [connection('x', { schema: null }, { setup_state: 'broken' })]);
    expect(result.problems).toEqual(['x: setup_state is "broken"; finish or fix its setup in Fivetran']);
  });

  it('skips a connection that is not connected under notConnected=skip, saying why', () => {
    const broken = connection('x', {}, { setup_state: 'broken' });
    const result = selectConnections({ groupId: GROUP, connectionIds: [], policies: policies({ notConnected: 'skip' }) }, [broken]);
    expect(result.skip).toEqual([{ connection: broken, reason: 'setup_state is "broken"; finish or fix its setup in Fivetran' }]);
    expect(result.problems).toEqual([]);
  });

  it('applies the not-connected policy before the paused policy', () => {
    const both = connection('x', { paused: true }, { setup_state: 'incomplete' });
    const result = selectConnections({ groupId: GROUP, connectionIds: [], policies: policies({ paused: 'unpause' }) }, [both]);
    expect(result.unpause).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });

  it('syncs only the chosen subset, in the order asked', () => {
    const all = [connection('a'), connection('b'), connection('c')];
    const result = selectConnections({ groupId: GROUP, connectionIds: ['c', 'a'], policies: policies() }, all);
    expect(result.sync.map((c) => c.id)).toEqual(['c', 'a']);
  });

  it('names every subset id the group does not have', () => {
    const result = selectConnections({ groupId: GROUP, connectionIds: ['a', 'x', 'y'], policies: policies() }, [connection('a')]);
    expect(result.problems).toEqual([`not in group ${GROUP}: x, y`]);
    expect(result.sync.map((c) => c.id)).toEqual(['a']);
  });

  it('applies the policies to the subset only', () => {
    const result = selectConnections({ groupId: GROUP, connectionIds: ['a'], policies: policies() }, [connection('a'), connection('broken', {}, { setup_state: 'broken' })]);
    expect(result.problems).toEqual([]);
  });
});

describe('startSyncs', () => {
  it('writes every record (synced and skipped) before the first trigger', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    const seenAtTrigger: string[][] = [];
    const client = fakeClient([connection('a'), connection('b'), connection('p', { paused: true }), connection('c')], async () => {
      seenAtTrigger.push((await store.listRunRecords(RUN_ID)).map((r) => r.connectionId));
    });
    await startSyncs(run(), deps(client, store));
    expect(seenAtTrigger).toHaveLength(3);
    for (const seen of seenAtTrigger) expect(seen).toEqual(['a', 'b', 'c', 'p']);
  });

  it('records what each waiter and report needs: baseline, schedule, name, deadline and expiry', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    const client = fakeClient([
      connection('both', { succeeded_at: '2026-05-21T20:00:00.000Z', failed_at: '2026-05-21T21:30:00.000Z' }),
      connection('ok', { succeeded_at: '2026-05-21T22:00:00.000Z', failed_at: '2026-05-21T21:00:00.000Z', schedule_type: 'auto' }),
      connection('never', { succeeded_at: null, failed_at: null, schema: null, schedule_type: null }),
    ]);
    await startSyncs(run({ syncTimeoutSeconds: 3600 }), deps(client, store, { retentionSeconds: 100 }));
    const records = await store.listRunRecords(RUN_ID);
    expect(records.map((r) => [r.connectionId, r.baseline, r.scheduleType, r.name])).toEqual([
      ['both', '2026-05-21T21:30:00.000Z', 'manual', 'schema_both'],
      ['never', null, null, null],
      ['ok', '2026-05-21T22:00:00.000Z', 'auto', 'schema_ok'],
    ]);
    for (const r of records) {
      expect(r).toMatchObject({
        runId: RUN_ID,
        groupId: GROUP,
        createdAt: '2026-05-22T00:00:00.000Z',
        triggeredAt: '2026-05-22T00:00:00.000Z',
        deadline: '2026-05-22T01:00:00.000Z',
        expiresAt: (NOW + 3600_000) / 1000 + 100,
        outcome: null,
        completedAt: null,
        taskToken: null,
      });
    }
  });

  it('keeps records 14 days past the deadline by default (the redrive window)', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    await startSyncs(run({ syncTimeoutSeconds: 60 }), deps(fakeClient([connection('a')]), store));
    expect((await store.getRecord(RUN_ID, 'a'))?.expiresAt).toBe((NOW + 60_000) / 1000 + 14 * 86_400);
  });

  it('reads the group once and triggers every chosen connection, returning them in connection order', async () => {
    const client = fakeClient([connection('a'), connection('b'), connection('c')]);
    const started = await startSyncs(run(), deps(client));
    expect(client.calls.filter((c) => c.startsWith('list'))).toEqual([`list ${GROUP}`]);
    expect(started).toEqual({ done: true, connectionIds: ['a', 'b', 'c'], skipped: 0, triggerFailed: 0 });
  });

  it('returns the triggered ids in connection order even when triggers finish out of order', async () => {
    const turns: Record<string, number> = { a: 5, b: 3, c: 0 };
    const client = fakeClient([connection('a'), connection('b'), connection('c')], async (id) => {
      for (let i = 0; i < (turns[id] ?? 0); i++) await yieldTurn();
    });
    expect((await startSyncs(run(), deps(client))).connectionIds).toEqual(['a', 'b', 'c']);
  });

  it('completes skipped connections at once with SKIPPED and the reason, and never triggers them', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    const client = fakeClient([connection('a'), connection('p', { paused: true }), connection('x', {}, { setup_state: 'broken' })]);
    const started = await startSyncs(run({ policies: { notConnected: 'skip' } }), deps(client, store));
    expect(started).toEqual({ done: true, connectionIds: ['a'], skipped: 2, triggerFailed: 0 });
    expect(client.triggers.map((t) => t.connectionId)).toEqual(['a']);
    const p = await store.getRecord(RUN_ID, 'p');
    expect(p).toMatchObject({
      outcome: { status: 'SKIPPED', finishedAt: '2026-05-22T00:00:00.000Z', syncId: null, reason: 'paused', taskType: null, source: 'run' },
      completedAt: '2026-05-22T00:00:00.000Z',
      triggeredAt: null,
    });
    expect((await store.getRecord(RUN_ID, 'x'))?.outcome?.reason).toMatch(/setup_state is "broken"/);
  });

  it('succeeds with nothing to wait for when every connection is skipped', async () => {
    const client = fakeClient([connection('p', { paused: true })]);
    expect(await startSyncs(run(), deps(client))).toEqual({ done: true, connectionIds: [], skipped: 1, triggerFailed: 0 });
  });

  it('records a failed trigger as TRIGGER_FAILED with the error, completed, and leaves it out of the wait', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    const client = fakeClient([connection('a'), connection('bad'), connection('c')], (id) => {
      if (id === 'bad') throw new Error('403 Forbidden: the API key cannot sync this connection');
    });
    const started = await startSyncs(run(), deps(client, store));
    expect(started).toEqual({ done: true, connectionIds: ['a', 'c'], skipped: 0, triggerFailed: 1 });
    expect(await store.getRecord(RUN_ID, 'bad')).toMatchObject({
      outcome: { status: 'TRIGGER_FAILED', reason: '403 Forbidden: the API key cannot sync this connection', source: 'run', syncId: null },
      completedAt: '2026-05-22T00:00:00.000Z',
      triggeredAt: null,
    });
  });

  it.each([
    ['a limit of 3', 3, 10, 3],
    ['the default of 32', undefined, 40, 32],
    ['a limit above the number of connections', 50, 4, 4],
  ])('keeps triggers in flight within %s', async (_label, limit, count, expected) => {
    let inFlight = 0;
    let maxInFlight = 0;
    const connections = Array.from({ length: count }, (_, i) => connection(`c${String(i).padStart(2, '0')}`));
    const client = fakeClient(connections, async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await yieldTurn();
      await yieldTurn();
      inFlight -= 1;
    });
    const started = await startSyncs(run(), deps(client, undefined, { triggerConcurrency: limit }));
    expect(started.connectionIds).toHaveLength(count);
    expect(maxInFlight).toBe(expected);
  });

  it.each([true, false])('passes force=%p through to every trigger', async (force) => {
    const client = fakeClient([connection('a'), connection('b')]);
    await startSyncs(run({ force }), deps(client));
    expect(client.triggers).toEqual([
      { connectionId: 'a', force },
      { connectionId: 'b', force },
    ]);
  });

  it('unpauses a paused connection before triggering it under paused=unpause', async () => {
    const client = fakeClient([connection('p', { paused: true })]);
    const started = await startSyncs(run({ policies: { paused: 'unpause' } }), deps(client));
    expect(client.calls).toEqual([`list ${GROUP}`, 'update p {"paused":false}', 'trigger p']);
    expect(started.connectionIds).toEqual(['p']);
  });

  it('refuses to start, listing every problem, and writes and triggers nothing', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    const client = fakeClient([connection('a'), connection('p', { paused: true }), connection('x', {}, { setup_state: 'broken' })]);
    const attempt = startSyncs(run({ connectionIds: ['a', 'p', 'x', 'gone'], policies: { paused: 'fail' } }), deps(client, store));
    await expect(attempt).rejects.toBeInstanceOf(ConnectionsNotReadyError);
    await expect(attempt).rejects.toThrow(
      `Cannot start the run for group ${GROUP}: not in group ${GROUP}: gone; p (schema_p): paused (policy paused=fail); x (schema_x): setup_state is "broken"; finish or fix its setup in Fivetran.`,
    );
    expect(await store.listRunRecords(RUN_ID)).toEqual([]);
    expect(client.triggers).toEqual([]);
  });

  it('refuses an empty group', async () => {
    await expect(startSyncs(run(), deps(fakeClient([])))).rejects.toThrow(new ConnectionsNotReadyError(`Group ${GROUP} has no connections to sync.`));
  });

  it('refuses a run without a group id', async () => {
    const dbtOnly = prepareRun({ skipSync: true }, RUN_ID);
    await expect(startSyncs(dbtOnly, deps(fakeClient([connection('a')])))).rejects.toBeInstanceOf(ConnectionsNotReadyError);
  });
});

describe('startSyncs: the history limit', () => {
  it(`leaves room in ${MAX_CONNECTIONS_PER_RUN} connections' history for every repeated StartSyncs call the trigger window allows`, () => {
    // Each call but the last uses the Lambda's timeout less the reserve; a repeat writes 7 events
    // (StartSyncs Entered, Scheduled, Started, Succeeded, Exited; AllSyncsStarted? Entered, Exited).
    const repeats = Math.ceil(TRIGGER_WINDOW_MS / (PIPELINE_LAMBDAS.startSyncs.timeoutSeconds * 1000 - START_SYNCS_RESERVE_MS));
    expect(repeats).toBe(10);
    // A run: 35 events plus 8 per connection (test/unit/bench/cost-model.test.ts counts them).
    expect(35 + 8 * MAX_CONNECTIONS_PER_RUN + 7 * repeats).toBeLessThanOrEqual(25_000);
  });

  it(`refuses a group of more than ${MAX_CONNECTIONS_PER_RUN} connections before writing or triggering anything`, async () => {
    const client = fakeClient(Array.from({ length: MAX_CONNECTIONS_PER_RUN + 1 }, (_, i) => connection(`conn_${i}`)));
    const store = new MemoryRunStore({ now: () => NOW });
    await expect(startSyncs(run(), deps(client, store))).rejects.toThrow(RunTooLargeError);
    await expect(startSyncs(run(), deps(client, store))).rejects.toThrow(/3001 connections to sync; one run syncs at most 3000/);
    expect(client.triggers).toEqual([]);
    expect(await store.listRunRecords(RUN_ID)).toEqual([]);
  });
});

describe('startSyncs: within a time limit, continued by a repeated call', () => {
  /**
   * The real Fivetran client over a scripted `fetch`: each connection's first trigger answers 429
   * with Retry-After 300 s, the next 200. Its waits move the injected clock instead of the time.
   */
  function throttlingFivetran(connections: Connection[], clock: { now: number }) {
    const posts: Record<string, number> = {};
    const accepted: string[] = [];
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
    const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const path = new URL(String(input)).pathname;
      if (init?.method === 'GET') return answer(200, { code: 'Success', data: { items: connections, next_cursor: null } });
      const id = path.split('/')[3] as string;
      posts[id] = (posts[id] ?? 0) + 1;
      if (posts[id] === 1) return answer(429, { code: 'TooManyRequests', message: 'Rate limit exceeded' }, { 'Retry-After': '300' });
      accepted.push(id);
      return answer(200, { code: 'Success' });
    };
    const client = createFivetranClient({
      apiKey: 'key',
      apiSecret: 'secret',
      baseUrl: 'https://api.fivetran.test/v1',
      fetch: fetch as typeof globalThis.fetch,
      now: () => clock.now,
      sleep: async (ms) => void (clock.now += ms),
    });
    return { client, posts, accepted };
  }

  /** A Lambda's budget: 840 s from `clock.now`, less the 60 s kept back. */
  const lambdaStopAt = (clock: { now: number }) => clock.now + 840_000 - 60_000;

  function world() {
    const clock = { now: NOW };
    const fivetran = throttlingFivetran(['a', 'b', 'c', 'd', 'e'].map((id) => connection(id)), clock);
    const store = new MemoryRunStore({ now: () => clock.now });
    const call = (input: StartSyncsInput) =>
      startSyncs(input, { fivetran: fivetran.client, store, now: () => clock.now, triggerConcurrency: 1, stopAt: lambdaStopAt(clock) });
    return { clock, fivetran, store, call };
  }

  it('stops before the time limit when Retry-After waits would cross it, and the next call triggers the rest, each once', async () => {
    const { clock, fivetran, store, call } = world();

    // a and b each wait 300 s (clock at 600 s); c's wait would end at 900 s, past 780 s: left for later.
    const first = await call(run());
    expect(first).toEqual({ done: false, connectionIds: ['a', 'b'], skipped: 0, triggerFailed: 0 });
    expect(clock.now - NOW).toBe(600_000);
    const records = await store.listRunRecords(RUN_ID);
    expect(records.map((r) => [r.connectionId, r.triggeredAt !== null, r.outcome])).toEqual([
      ['a', true, null],
      ['b', true, null],
      ['c', false, null],
      ['d', false, null],
      ['e', false, null],
    ]);

    // The state machine calls again with the same input and the answer as `started`.
    const second = await call({ ...run(), started: first });
    expect(second).toEqual({ done: true, connectionIds: ['a', 'b', 'c', 'd', 'e'], skipped: 0, triggerFailed: 0 });
    expect(fivetran.accepted).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect((await store.listRunRecords(RUN_ID)).every((r) => r.triggeredAt !== null)).toBe(true);
  });

  it('triggers nothing twice when the first call is retried after a partial trigger', async () => {
    const { fivetran, store, call } = world();
    await call(run());

    // A Lambda retry gets the first call's input again: it keeps the records and triggers what is left.
    const retried = await call(run());
    expect(retried).toEqual({ done: true, connectionIds: ['a', 'b', 'c', 'd', 'e'], skipped: 0, triggerFailed: 0 });
    expect(fivetran.accepted).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await store.listRunRecords(RUN_ID)).toHaveLength(5);
  });

  it('starts no trigger once the time limit has passed', async () => {
    const { clock, fivetran, store } = world();
    const started = await startSyncs(run(), { fivetran: fivetran.client, store, now: () => clock.now, stopAt: NOW });
    expect(started).toEqual({ done: false, connectionIds: [], skipped: 0, triggerFailed: 0 });
    expect(fivetran.posts).toEqual({});
  });

  it(`gives up a sync not triggered within ${TRIGGER_WINDOW_MS / 3600_000} hours of the run's start as TRIGGER_FAILED`, async () => {
    const { clock, fivetran, store, call } = world();
    const first = await call(run());
    clock.now = NOW + TRIGGER_WINDOW_MS;

    const last = await call({ ...run(), started: first });
    expect(last).toEqual({ done: true, connectionIds: ['a', 'b'], skipped: 0, triggerFailed: 3 });
    expect(fivetran.accepted).toEqual(['a', 'b']);
    expect((await store.getRecord(RUN_ID, 'c'))?.outcome).toMatchObject({ status: 'TRIGGER_FAILED', reason: expect.stringMatching(/^not triggered by 2026-05-22T02:00:00.000Z/) });
  });
});

describe('startSyncs: noting the triggers', () => {
  it('fails the call when a trigger cannot be noted on its record, after every lane is done', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    const markTriggered = store.markTriggered.bind(store);
    store.markTriggered = async (runId, connectionId, at) => {
      if (connectionId === 'b') throw new Error('DynamoDB is unavailable');
      await markTriggered(runId, connectionId, at);
    };
    const client = fakeClient([connection('a'), connection('b'), connection('c')]);
    await expect(startSyncs(run(), deps(client, store))).rejects.toThrow('DynamoDB is unavailable');
    expect(client.triggers.map((t) => t.connectionId)).toEqual(['a', 'b', 'c']);
    expect((await store.listRunRecords(RUN_ID)).map((r) => [r.connectionId, r.triggeredAt !== null])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
  });
});

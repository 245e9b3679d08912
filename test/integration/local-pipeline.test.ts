/**
 * The whole pipeline on one machine: the shared definition in the local engine, against the
 * Fivetran simulator over loopback, completed by signed webhooks or by reading connections.
 */
import { startSyncs, type StartSyncsInput } from '../../src/core/pipeline/start-syncs.js';
import { SyncStatus, type RunStore } from '../../src/core/runs/records.js';
import { sign } from '../../src/core/webhook/signature.js';
import { handler } from '../../src/engine/local/local-engine.js';
import { connections, GROUP, nextEvent, startHarness, WEBHOOK_SECRET, type Harness, type HarnessOptions } from '../support/pipeline-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setUp(options: HarnessOptions): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

const statuses = (report: { connections: { connectionId: string; status: string }[] }) =>
  Object.fromEntries(report.connections.map((c) => [c.connectionId, c.status]));

describe('a local run', () => {
  it('syncs every connection, then runs dbt, when all syncs succeed', async () => {
    const h = await setUp({ connections: connections(6) });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.counts).toEqual({ total: 6, succeeded: 6, failed: 0, skipped: 0 });
    expect(report.connections.every((c) => c.source === 'webhook')).toBe(true);
    expect(report.dbt?.exitCode).toBe(0);
    expect(report.dbt?.summary?.nodes).toBe(5);
    expect(h.tokens.size).toBe(0);
  });

  it('completes by reading the connections when no webhook is configured', async () => {
    const h = await setUp({ connections: connections(4), mode: 'poll' });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.connections.map((c) => c.source)).toEqual(['poll', 'poll', 'poll', 'poll']);
  });

  it('fails without running dbt when a sync fails under policy fail, naming the connection and the reason', async () => {
    const h = await setUp({
      connections: [...connections(3), { id: 'broken_sync', outcome: 'failure', taskType: 'reconnect_warehouse', failureReason: 'java.lang.RuntimeException: warehouse gone' }],
    });
    const { report } = await h.run();
    expect(report.status).toBe('FAILED');
    expect(report.error).toBe('SyncsFailed');
    expect(report.cause).toContain('broken_sync');
    expect(report.cause).toContain('java.lang.RuntimeException: warehouse gone');
    expect(report.dbt).toBeNull();
    expect(statuses(report).broken_sync).toBe('FAILURE_WITH_TASK');
  });

  it('runs dbt on stale data under policy continue and says which connections were stale', async () => {
    const h = await setUp({ connections: [...connections(2), { id: 'broken_sync', outcome: 'failure' }] });
    const { report } = await h.run({ policies: { syncFailure: 'continue' } });
    expect(report.status).toBe('SUCCEEDED');
    expect(report.dbt?.exitCode).toBe(0);
    expect(report.stale).toEqual(['broken_sync']);
  });

  it('skips a paused connection by default and never triggers it', async () => {
    const h = await setUp({ connections: [...connections(2), { id: 'paused_one', paused: true }] });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(statuses(report).paused_one).toBe(SyncStatus.skipped);
    expect(h.simulator.stats.triggers.paused_one).toBeUndefined();
  });

  it('fails early, before triggering anything, when a connection is broken', async () => {
    const h = await setUp({ connections: [...connections(2), { id: 'needs_setup', setupState: 'broken' }] });
    const { report } = await h.run();
    expect(report.status).toBe('FAILED');
    expect(report.error).toBe('ConnectionsNotReadyError');
    expect(report.cause).toContain('needs_setup');
    expect(report.cause).toContain('broken');
    expect(Object.keys(h.simulator.stats.triggers)).toEqual([]);
  });

  it('syncs 250 connections listed across 3 pages', async () => {
    const h = await setUp({ connections: connections(250), pageSize: 100 });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.counts.succeeded).toBe(250);
    expect(Object.keys(h.simulator.stats.triggers)).toHaveLength(250);
    const listCalls = Object.entries(h.simulator.stats.requestsByRoute).filter(([route]) => route.includes('connections') && route.startsWith('GET /groups'));
    expect(listCalls.map(([, n]) => n).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
  });

  it('waits out 429 responses for as long as Retry-After says', async () => {
    const h = await setUp({ connections: connections(3) });
    h.simulator.throttleNext(2, 1);
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(h.simulator.stats.throttled).toBe(2);
  });

  it('completes a wait whose sync_end arrived before the waiter registered', async () => {
    // The waiter registers only once the outcome is stored: an event, not a poll.
    const delayUntilOutcome = (store: RunStore): RunStore => {
      const stored = new Map<string, { promise: Promise<void>; resolve: () => void }>();
      const outcomeOf = (runId: string, connectionId: string) => {
        const key = `${runId}/${connectionId}`;
        if (!stored.has(key)) {
          let resolve!: () => void;
          stored.set(key, { promise: new Promise<void>((r) => (resolve = r)), resolve });
        }
        return stored.get(key)!;
      };
      return new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'recordOutcome') {
            return async (...args: Parameters<RunStore['recordOutcome']>) => {
              const write = await target.recordOutcome(...args);
              outcomeOf(args[0], args[1]).resolve();
              return write;
            };
          }
          if (property === 'attachTaskToken') {
            return async (runId: string, connectionId: string, token: string) => {
              await outcomeOf(runId, connectionId).promise;
              return target.attachTaskToken(runId, connectionId, token);
            };
          }
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    const h = await setUp({ connections: connections(3), wrapStore: delayUntilOutcome });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.connections.every((c) => c.source === 'webhook')).toBe(true);
  });

  it('acknowledges duplicate, reordered and unrelated deliveries and completes each wait once', async () => {
    const h = await setUp({ connections: connections(5), simulator: { webhooks: { duplicateRate: 1, reorder: true, unrelatedEvents: true } } });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.counts.succeeded).toBe(5);
    expect(h.simulator.stats.deliveriesFailed).toBe(0);
  });

  it('ignores a sync_end of a sync that finished before the run\'s baseline', async () => {
    const h = await setUp({ connections: [{ id: 'slow_one', syncDurationMs: 400 }] });
    const handle = await h.start();
    await nextEvent(h, 'the AwaitSyncs phase', (e) => e.type === 'phase' && e.phase === 'AwaitSyncs');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    const body = JSON.stringify({
      event: 'sync_end',
      created: twoHoursAgo,
      connector_type: 'postgres',
      connector_id: 'slow_one',
      sync_id: 'an-old-sync',
      destination_group_id: GROUP,
      data: { status: 'FAILURE_WITH_TASK', reason: 'an old failure' },
    });
    // Delivered here rather than through the simulator, to read the answer: 'stale', not 'duplicate' or 'completed'.
    const response = await fetch(h.listener!.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-fivetran-signature-256': sign(WEBHOOK_SECRET, body) }, body });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'stale', results: ['stale'] });
    const report = await handle.result;
    expect(report.status).toBe('SUCCEEDED');
    expect((await h.store.getRecord(handle.runId, 'slow_one'))?.outcome?.status).toBe('SUCCESSFUL');
  });

  it('completes waits whose webhooks were lost by reading the connections', async () => {
    const h = await setUp({ connections: connections(3), simulator: { webhooks: { dropRate: 1 } }, fallbackIntervalMs: 250 });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.connections.map((c) => c.source)).toEqual(['poll', 'poll', 'poll']);
  });

  it.each(['webhook', 'poll'] as const)('re-triggers a rescheduled sync on a manual schedule at rescheduled_for (%s)', async (mode) => {
    const h = await setUp({ mode, fallbackIntervalMs: 250, connections: [{ id: 'rescheduled_one', outcome: 'rescheduled', scheduleType: 'manual', rescheduleAfterMs: 150 }] });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.connections[0]).toMatchObject({ status: 'SUCCESSFUL', retriggers: 1 });
    expect(h.simulator.stats.triggers.rescheduled_one).toBe(2);
  });

  it('fails with a clear error when the syncs outlive the run\'s deadline', async () => {
    const h = await setUp({ connections: [{ id: 'endless', syncDurationMs: 60_000 }] });
    const { report } = await h.run({ syncTimeoutSeconds: 1 });
    expect(report.status).toBe('FAILED');
    expect(report.error).toBe('SyncsFailed');
    expect(report.cause).toMatch(/endless.*DEADLINE_EXCEEDED.*deadline/);
    expect(statuses(report).endless).toBe(SyncStatus.deadlineExceeded);
  });

  it('cancels cleanly: waits end, records say CANCELLED, dbt does not run', async () => {
    const h = await setUp({ connections: connections(3, { syncDurationMs: 60_000 }) });
    const handle = await h.start();
    await nextEvent(h, 'the AwaitSyncs phase', (e) => e.type === 'phase' && e.phase === 'AwaitSyncs');
    await handle.cancel('test over');
    const report = await handle.result;
    expect(report.status).toBe('CANCELLED');
    expect(report.cause).toContain('test over');
    expect(report.dbt).toBeNull();
    expect(report.connections.map((c) => c.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
  });

  it('fails with DbtFailed when dbt exits non-zero, keeping its results', async () => {
    const h = await setUp({ connections: connections(2), dbtEnv: { DEMO_DBT_FAIL: '1' } });
    const { report } = await h.run();
    expect(report.status).toBe('FAILED');
    expect(report.error).toBe('DbtFailed');
    expect(report.dbt?.exitCode).toBe(1);
    expect(report.dbt?.summary?.byStatus.fail).toBe(1);
  });

  it('runs only dbt with skipSync', async () => {
    const h = await setUp({ connections: connections(2) });
    const { report } = await h.run({ skipSync: true });
    expect(report.status).toBe('SUCCEEDED');
    expect(report.connections).toEqual([]);
    expect(Object.keys(h.simulator.stats.triggers)).toEqual([]);
  });

  it('runs StartSyncs again while it answers done=false, until every sync is triggered, each once', async () => {
    // StartSyncs with a time limit: a clock that moves a minute per trigger and 2.5 minutes per
    // call, so each call triggers 3 connections and leaves the rest to the definition's loop.
    const clock = { now: Date.now() };
    const inputs: StartSyncsInput[] = [];
    const h: Harness = await setUp({
      connections: connections(7),
      extraHandlers: () => ({
        StartSyncs: handler(async (input: { Payload: StartSyncsInput }) => {
          inputs.push(input.Payload);
          const fivetran = { ...h.fivetran, triggerSync: async (id: string, options?: { force?: boolean }) => {
            await h.fivetran.triggerSync(id, options);
            clock.now += 60_000;
          } };
          return { Payload: await startSyncs(input.Payload, { fivetran, store: h.store, now: () => clock.now, stopAt: clock.now + 150_000, triggerConcurrency: 1 }) };
        }),
      }),
    });

    const { report } = await h.run();

    expect(report.status).toBe('SUCCEEDED');
    expect(report.counts).toEqual({ total: 7, succeeded: 7, failed: 0, skipped: 0 });
    expect(inputs.map((i) => i.started ?? null)).toEqual([
      null,
      { done: false, connectionIds: ['c001', 'c002', 'c003'] },
      { done: false, connectionIds: ['c001', 'c002', 'c003', 'c004', 'c005', 'c006'] },
    ]);
    expect(h.simulator.stats.triggers).toEqual(Object.fromEntries(connections(7).map((c) => [c.id, 1])));
  });

  it('runs 1,000 connections to the end', async () => {
    const ids = connections(1000, { syncDurationMs: 10 }).map((c) => ({ ...c, id: `${c.id}_a_realistic_connection_id` }));
    const h = await setUp({ connections: ids, mode: 'poll' });
    const { report } = await h.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.counts.succeeded).toBe(1000);
  });

  it('rejects an invalid request before doing anything', async () => {
    const h = await setUp({ connections: connections(1) });
    await expect(h.run({ policies: { syncFailure: 'ignore' as 'fail' } })).rejects.toMatchObject({ name: 'InvalidRunRequestError', message: expect.stringContaining('policies.syncFailure') });
    expect(h.simulator.stats.triggers).toEqual({});
  });
});

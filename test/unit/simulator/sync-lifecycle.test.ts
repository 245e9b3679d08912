/**
 * Sync lifecycle in the simulator: trigger → syncing → sync_end, delivered as signed webhooks to a
 * real loopback receiver; failures, rescheduled syncs (manual and auto), force restarts.
 */
import { verifySignature } from '../../../src/core/webhook/signature.js';
import { parseEvent } from '../../../src/core/webhook/event.js';
import { startSimulator } from '../../../src/simulator/simulator.js';
import type { Simulator, SimulatorOptions } from '../../../src/simulator/simulator.js';
import { api, eventsOf, registerWebhook, startReceiver } from './loopback-receiver.js';
import type { Receiver } from './loopback-receiver.js';

type SyncEvent = { connectionId: string; syncId: string; status?: string };

/** Resolves with the next `event` the simulator emits for `connectionId` that satisfies `predicate`. */
const next = (sim: Simulator, event: 'sync_started' | 'sync_ended', connectionId: string, predicate: (e: SyncEvent) => boolean = () => true) =>
  new Promise<SyncEvent>((resolve) => {
    let done = false;
    sim.on(event, (e) => {
      if (!done && e.connectionId === connectionId && predicate(e)) {
        done = true;
        resolve(e);
      }
    });
  });

describe('simulated syncs', () => {
  let sim: Simulator;
  let receiver: Receiver;
  const start = async (options: SimulatorOptions): Promise<Simulator> => (sim = await startSimulator(options));
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await sim?.close();
    await receiver.close();
  });

  it('trigger → sync_start then sync_end, signed with uppercase hex HMAC of the exact body', async () => {
    await start({ groups: [{ id: 'grp', connections: [{ id: 'c1', name: 'pg_main', service: 'postgres', syncDurationMs: 30 }] }] });
    await registerWebhook(sim, 'grp', receiver, 'top-secret', ['sync_start', 'sync_end']);
    const before = sim.connection('c1').succeeded_at;

    const statesAtStart: string[] = [];
    sim.on('sync_started', (e) => statesAtStart.push(sim.connection(e.connectionId).status.sync_state));
    const started = next(sim, 'sync_started', 'c1');
    expect((await api(sim, 'POST', '/connections/c1/sync')).status).toBe(200);
    const { syncId } = await started;
    expect(statesAtStart).toEqual(['syncing']);

    const received = await receiver.waitFor((r) => eventsOf(r, 'sync_end').length === 1 && eventsOf(r, 'sync_start').length === 1);
    for (const delivery of received) {
      const signature = delivery.headers['x-fivetran-signature-256'] as string;
      expect(signature).toMatch(/^[0-9A-F]{64}$/);
      expect(verifySignature(['top-secret'], delivery.body, signature)).toBe(true);
      expect(delivery.headers['content-type']).toBe('application/json');
    }
    const [begin] = eventsOf(received, 'sync_start');
    const [end] = eventsOf(received, 'sync_end');
    expect(begin?.json).toEqual({
      event: 'sync_start',
      created: expect.any(String),
      connector_type: 'postgres',
      connector_id: 'c1',
      connector_name: 'pg_main',
      sync_id: syncId,
      destination_group_id: 'grp',
    });
    expect(end?.json).toMatchObject({ event: 'sync_end', connector_id: 'c1', sync_id: syncId, destination_group_id: 'grp', data: { status: 'SUCCESSFUL' } });
    expect(parseEvent(end!.body)).toMatchObject({ type: 'sync_end', connectionId: 'c1', status: 'SUCCESSFUL', syncId });

    const after = sim.connection('c1');
    expect(after.status.sync_state).toBe('scheduled');
    expect(after.succeeded_at).toBe(end?.json.created);
    expect(Date.parse(after.succeeded_at!)).toBeGreaterThan(Date.parse(before!));
  });

  it('a failure with a task type ends FAILURE_WITH_TASK with reason and taskType, and shows the task', async () => {
    await start({
      groups: [
        {
          id: 'grp',
          connections: [
            { id: 'bad', outcome: 'failure', failureReason: 'java.lang.RuntimeException: boom', taskType: 'reconnect_warehouse', syncDurationMs: 20 },
            { id: 'plain', outcome: 'failure', syncDurationMs: 20 },
          ],
        },
      ],
    });
    await registerWebhook(sim, 'grp', receiver, 'k', ['sync_end']);
    await api(sim, 'POST', '/connections/bad/sync');
    await api(sim, 'POST', '/connections/plain/sync');
    const ends = eventsOf(await receiver.waitFor((r) => eventsOf(r, 'sync_end').length === 2), 'sync_end');
    const byId = Object.fromEntries(ends.map((d) => [d.json.connector_id, d.json]));
    expect(byId.bad?.data).toEqual({ status: 'FAILURE_WITH_TASK', reason: 'java.lang.RuntimeException: boom', taskType: 'reconnect_warehouse' });
    expect(byId.plain?.data).toEqual({ status: 'FAILURE', reason: 'Simulated sync failure' });
    expect(eventsOf(receiver.received, 'sync_start')).toHaveLength(0);

    const bad = sim.connection('bad');
    expect(bad.failed_at).toBe(byId.bad?.created);
    expect(Date.parse(bad.failed_at!)).toBeGreaterThan(Date.parse(bad.succeeded_at!));
    expect(bad.status.tasks).toEqual([{ code: 'reconnect_warehouse', message: 'java.lang.RuntimeException: boom' }]);
    expect(bad.status.sync_state).toBe('scheduled');
  });

  it('rescheduled on manual: ends RESCHEDULED, a trigger before rescheduled_for starts nothing, one at/after it resumes', async () => {
    let clock = Date.parse('2026-05-22T00:00:00.000Z');
    await start({
      now: () => clock,
      groups: [{ id: 'grp', connections: [{ id: 'r1', outcome: 'rescheduled', rescheduleAfterMs: 60_000, syncDurationMs: 20 }] }],
    });
    await registerWebhook(sim, 'grp', receiver, 'k', ['sync_end']);
    const before = sim.connection('r1');

    const firstEnd = next(sim, 'sync_ended', 'r1');
    await api(sim, 'POST', '/connections/r1/sync');
    expect((await firstEnd).status).toBe('RESCHEDULED');
    const waiting = sim.connection('r1');
    expect(waiting.status.sync_state).toBe('rescheduled');
    expect(waiting.rescheduled_for).toBe('2026-05-22T00:01:00.000Z');
    expect([waiting.succeeded_at, waiting.failed_at]).toEqual([before.succeeded_at, before.failed_at]);

    clock += 59_999;
    expect((await api(sim, 'POST', '/connections/r1/sync')).status).toBe(200);
    await sim.idle(); // manual: nothing is due, so idle at once
    expect(sim.connection('r1').status.sync_state).toBe('rescheduled');

    clock += 1;
    const viewsAtStart: object[] = [];
    sim.on('sync_started', (e) => viewsAtStart.push(sim.connection(e.connectionId)));
    const resumedEnd = next(sim, 'sync_ended', 'r1');
    await api(sim, 'POST', '/connections/r1/sync');
    expect((await resumedEnd).status).toBe('SUCCESSFUL');
    expect(viewsAtStart).toHaveLength(1);
    expect(viewsAtStart[0]).toMatchObject({ status: { sync_state: 'syncing' } });
    expect(viewsAtStart[0]).not.toHaveProperty('rescheduled_for');

    const ends = eventsOf(await receiver.waitFor((r) => eventsOf(r, 'sync_end').length === 2), 'sync_end');
    expect(ends.map((d) => (d.json.data as { status: string }).status)).toEqual(['RESCHEDULED', 'SUCCESSFUL']);
    expect(ends[0]?.json.sync_id).not.toBe(ends[1]?.json.sync_id);
    expect(sim.connection('r1').succeeded_at).toBe(new Date(clock).toISOString());
    expect(sim.stats.triggers.r1).toBe(3);
  });

  it('rescheduled on auto: the simulator resumes the sync itself at rescheduled_for', async () => {
    await start({
      groups: [{ id: 'grp', connections: [{ id: 'r2', outcome: 'rescheduled', scheduleType: 'auto', rescheduleAfterMs: 30, syncDurationMs: 20 }] }],
    });
    const statuses: string[] = [];
    sim.on('sync_ended', (e) => statuses.push(e.status ?? ''));
    const resumed = next(sim, 'sync_ended', 'r2', (e) => e.status === 'SUCCESSFUL');
    await api(sim, 'POST', '/connections/r2/sync');
    await resumed;
    expect(statuses).toEqual(['RESCHEDULED', 'SUCCESSFUL']);
    expect(sim.stats.triggers.r2).toBe(1);
    expect(sim.connection('r2').status.sync_state).toBe('scheduled');
  });

  it('force=false while syncing answers 200 and starts nothing', async () => {
    // A long sync, finished by hand, so the second trigger surely lands while it runs.
    await start({ groups: [{ id: 'grp', connections: [{ id: 'c1', syncDurationMs: 60_000 }] }] });
    const starts: string[] = [];
    sim.on('sync_started', (e) => starts.push(e.syncId));
    await api(sim, 'POST', '/connections/c1/sync');
    expect((await api(sim, 'POST', '/connections/c1/sync', { force: false })).status).toBe(200);
    expect(sim.connection('c1').status.sync_state).toBe('syncing');
    sim.finishSync('c1');
    await sim.idle();
    expect(starts).toHaveLength(1);
  });

  it('force=true while syncing restarts the sync: a new sync id and no sync_end for the stopped one', async () => {
    await start({ groups: [{ id: 'grp', connections: [{ id: 'c1', syncDurationMs: 60_000 }] }] });
    await registerWebhook(sim, 'grp', receiver, 'k', ['sync_start', 'sync_end']);
    const firstStart = next(sim, 'sync_started', 'c1');
    await api(sim, 'POST', '/connections/c1/sync');
    const first = await firstStart;
    const secondStart = next(sim, 'sync_started', 'c1');
    await api(sim, 'POST', '/connections/c1/sync', { force: true });
    const second = await secondStart;
    expect(second.syncId).not.toBe(first.syncId);
    sim.finishSync('c1');
    await sim.idle();
    const ends = eventsOf(receiver.received, 'sync_end');
    expect(ends.map((d) => d.json.sync_id)).toEqual([second.syncId]);
    expect(eventsOf(receiver.received, 'sync_start').map((d) => d.json.sync_id).sort()).toEqual([first.syncId, second.syncId].sort());
  });

  it('finishSync ends a running sync now, or sends a stale sync_end without moving timestamps back', async () => {
    await start({ groups: [{ id: 'grp', connections: [{ id: 'c1', syncDurationMs: 60_000, succeededAt: '2026-05-01T00:00:00.000Z' }] }] });
    await registerWebhook(sim, 'grp', receiver, 'k', ['sync_end']);
    const started = next(sim, 'sync_started', 'c1');
    await api(sim, 'POST', '/connections/c1/sync');
    const { syncId } = await started;
    sim.finishSync('c1', undefined, 'FAILURE');
    expect(sim.connection('c1').status.sync_state).toBe('scheduled');
    await sim.idle();
    expect(eventsOf(receiver.received, 'sync_end')[0]?.json).toMatchObject({ sync_id: syncId, data: { status: 'FAILURE' } });

    const failedAt = sim.connection('c1').failed_at;
    sim.finishSync('c1', '2026-04-01T00:00:00.000Z');
    await sim.idle();
    const stale = eventsOf(receiver.received, 'sync_end')[1]?.json;
    expect(stale).toMatchObject({ created: '2026-04-01T00:00:00.000Z', data: { status: 'SUCCESSFUL' } });
    expect(stale?.sync_id).not.toBe(syncId);
    expect(sim.connection('c1')).toMatchObject({ succeeded_at: '2026-05-01T00:00:00.000Z', failed_at: failedAt });
  });

  it('a webhook of another group hears nothing; an account webhook hears every group', async () => {
    await start({
      groups: [
        { id: 'g1', connections: [{ id: 'a', syncDurationMs: 10 }] },
        { id: 'g2', connections: [{ id: 'b', syncDurationMs: 10 }] },
      ],
    });
    const other = await startReceiver();
    try {
      await registerWebhook(sim, 'g2', other, 'k', ['sync_end']);
      const account = await api(sim, 'POST', '/webhooks/account', { url: receiver.url, events: ['sync_end'], active: true, secret: 'k' });
      expect(account.json.data).toMatchObject({ type: 'account', active: true, secret: '******' });
      await api(sim, 'POST', '/connections/a/sync');
      await sim.idle();
      expect(eventsOf(other.received, 'sync_end')).toHaveLength(0);
      expect(eventsOf(receiver.received, 'sync_end').map((d) => d.json.connector_id)).toEqual(['a']);
    } finally {
      await other.close();
    }
  });

  it('sync ids are uuids drawn from the seed: same seed, same ids', async () => {
    const idsFor = async (seed: number): Promise<string[]> => {
      const s = await startSimulator({ seed, groups: [{ id: 'g', connections: [{ id: 'x', syncDurationMs: 5 }, { id: 'y', syncDurationMs: 5 }] }] });
      const ids: string[] = [];
      s.on('sync_started', (e) => ids.push(`${e.connectionId}:${e.syncId}`));
      await api(s, 'POST', '/connections/x/sync');
      await api(s, 'POST', '/connections/y/sync');
      await s.idle();
      await api(s, 'POST', '/connections/x/sync');
      await s.idle();
      await s.close();
      return ids;
    };
    sim = await startSimulator({ groups: [] });
    const first = await idsFor(42);
    expect(first).toHaveLength(3);
    expect(first[0]).toMatch(/^x:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await idsFor(42)).toEqual(first);
    expect(await idsFor(43)).not.toEqual(first);
  });
});

/**
 * The chaos suite: seeded scenarios of lost, repeated, late and reordered webhooks, a flaky
 * Fivetran API, a receiver killed mid-run, DynamoDB throttling, overlapping runs, rescheduled and
 * paused connections, run on the local engine and on the local AWS (real Lambda handlers). After
 * each run it checks every connection's outcome, that every waiter completed exactly once, that
 * no unsigned request changed anything, that dbt ran exactly when the policy says, and that the
 * run ended within the time a lost delivery takes to repair (one reconcile interval; on aws also
 * the passes around it) + a margin after its last connection was ready (sync ended, waiter
 * registered). The table of the last
 * run is written to test/chaos/last-run.md (and printed with CHAOS_REPORT=1: `npm run chaos`).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunReport } from '../../src/core/report/run-report.js';
import type { SimulatedConnection } from '../../src/simulator/simulator.js';
import { createRandom } from '../../src/simulator/random.js';
import { startWorld, type ChaosWorld, type EngineKind, type WaiterCounts } from './chaos-world.js';

/** Per scenario, world start and close included. */
const SCENARIO_TIMEOUT_MS = 120_000;

/** Time a run may take after its slowest sync, beyond one reconcile interval: dbt, a Retry-After of 1 s, the summary. */
const MARGIN_MS = 4000;
/** No run may take longer than this in all: it then fails naming what it waited for. */
const RUN_DEADLINE_MS = 60_000;

/**
 * Connections in the two large scenarios, per engine. On aws every call goes through real SDK
 * clients, loopback HTTP, the local Step Functions and dynalite in this one process: about 10 ms of
 * CPU per call and some 15 calls per connection, against well under 1 ms in the local engine. The
 * aws half runs a quarter of the connections with the same fault rates; scale is the local
 * half's business (the completion logic is the same code).
 */
const SIZES: Record<EngineKind, { lossy: number; restart: number }> = { local: { lossy: 200, restart: 60 }, aws: { lossy: 50, restart: 30 } };

/**
 * Sync durations of the overlapping-runs scenario: the second run's triggers must reach Fivetran
 * while the first run's syncs still run. On aws the second run's StartSyncs comes after
 * StartExecution, PrepareRun and a listing, seconds on a busy machine.
 */
const OVERLAP_SYNC_MS: Record<EngineKind, [number, number]> = { local: [1500, 2500], aws: [6000, 8000] };

type Row = {
  scenario: string;
  engine: EngineKind;
  faults: string;
  runs: number;
  runsCorrect: number;
  lost: number;
  waiters: WaiterCounts;
  overshootMs: number;
  boundMs: number;
  wallMs: number;
};
const rows: Row[] = [];

/** Connection ids `prefix001..` with seeded durations in [min, max] ms. */
function connections(n: number, seed: number, [min, max]: [number, number], overrides: Partial<SimulatedConnection> = {}, prefix = 'c'): SimulatedConnection[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i + 1).padStart(3, '0')}`, syncDurationMs: random.int(min, max), ...overrides }));
}

/** When each connection's latest sync ended (wall clock), from the simulator. */
function watchSyncEnds(world: ChaosWorld): Map<string, number> {
  const ends = new Map<string, number>();
  world.simulator.on('sync_ended', (e) => ends.set(e.connectionId, Date.now()));
  return ends;
}

/** Resolves once `count` syncs have ended (counted from now), or fails naming it after `ms`. */
function afterSyncsEnded(world: ChaosWorld, count: number, ms = 30_000): Promise<void> {
  let seen = 0;
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${seen} of ${count} syncs ended within ${ms} ms`)), ms);
    world.simulator.on('sync_ended', () => {
      seen += 1;
      if (seen === count) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
  });
}

/** The run's report, or a failure naming the run and what it still waited for. */
async function finish(world: ChaosWorld, handle: { runId: string; result: Promise<RunReport>; records(): Promise<{ connectionId: string; outcome: unknown }[]> }): Promise<{ report: RunReport; endedAt: number }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void handle.records().then(
        (records) => reject(new Error(`run ${handle.runId} on ${world.kind} did not end within ${RUN_DEADLINE_MS} ms; still open: ${records.filter((r) => !r.outcome).map((r) => r.connectionId).join(', ') || '(none: it hung after the waits)'}`)),
        (error: unknown) => reject(new Error(`run ${handle.runId} on ${world.kind} did not end within ${RUN_DEADLINE_MS} ms (${String(error)})`)),
      );
    }, RUN_DEADLINE_MS);
  });
  try {
    const report = await Promise.race([handle.result, deadline]);
    return { report, endedAt: Date.now() };
  } finally {
    clearTimeout(timer);
  }
}

/** Sends unsigned and badly signed deliveries that would fail `connectionIds` if they were believed; each must be refused with 401. */
async function sendForgeries(world: ChaosWorld, connectionIds: string[]): Promise<number> {
  let sent = 0;
  for (const [i, id] of connectionIds.entries()) {
    const body = {
      event: 'sync_end',
      created: new Date().toISOString(),
      connector_type: 'postgres',
      connector_id: id,
      sync_id: `forged-${i}`,
      destination_group_id: 'chaos_group',
      data: { status: 'FAILURE', reason: 'forged' },
    };
    const status = await world.simulator.sendWebhook(body, i % 2 === 0 ? { url: world.receiverUrl(), secret: '' } : { url: world.receiverUrl(), signature: 'ab'.repeat(32) });
    if (status !== 401) throw new Error(`an unsigned or badly signed delivery for ${id} was answered ${status}, not 401`);
    sent += 1;
  }
  return sent;
}

type Expectation = { statuses: Record<string, string>; runStatus: string; dbt: boolean };

/** Checks one run; returns the problems found (empty: correct). */
function check(report: RunReport, expected: Expectation): string[] {
  const problems: string[] = [];
  const actual = Object.fromEntries(report.connections.map((c) => [c.connectionId, c.status]));
  for (const [id, status] of Object.entries(expected.statuses)) {
    if (actual[id] !== status) problems.push(`${id}: ${actual[id] ?? 'missing'} (${report.connections.find((c) => c.connectionId === id)?.reason ?? ''}), expected ${status}`);
  }
  if (report.status !== expected.runStatus) problems.push(`run ${report.status} (${report.error}: ${report.cause}), expected ${expected.runStatus}`);
  if ((report.dbt !== null) !== expected.dbt) problems.push(`dbt ${report.dbt ? 'ran' : 'did not run'}, expected it ${expected.dbt ? 'to run' : 'not to run'}`);
  return problems;
}

/** When the run ended after its last connection was ready: that connection's sync ended and its waiter registered. */
function overshoot(report: RunReport, endedAt: number, ends: Map<string, number>, registered: Map<string, number>): number {
  const ready = Math.max(...report.connections.map((c) => Math.max(ends.get(c.connectionId) ?? 0, registered.get(c.connectionId) ?? 0)));
  return endedAt - ready;
}

const all = (ids: Iterable<string>, status: string) => Object.fromEntries([...ids].map((id) => [id, status]));

let world: ChaosWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

afterAll(() => {
  const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
  const lines = [
    '| scenario | engine | faults injected | runs correct | deliveries lost | waiters (completed once / never / twice) | redundant completion calls | longest overshoot (bound) | wall time |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.engine} | ${r.faults} | ${r.runsCorrect}/${r.runs} | ${r.lost} | ${r.waiters.completedOnce} / ${r.waiters.neverCompleted} / ${r.waiters.doubleCompleted} | ${r.waiters.redundantCalls} | ${ms(r.overshootMs)} (${ms(r.boundMs)}) | ${ms(r.wallMs)} |`,
    ),
  ];
  const table = `${lines.join('\n')}\n`;
  writeFileSync(resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'last-run.md'), table);
  if (process.env.CHAOS_REPORT === '1') process.stdout.write(`\nChaos suite (overshoot: run end minus when its last connection was ready; bound: repair time + ${MARGIN_MS} ms)\n${table}`);
});

/** Records the row and asserts the checks common to every scenario. */
function conclude(kind: EngineKind, scenario: string, faults: string, results: { report: RunReport; endedAt: number; expected: Expectation }[], ends: Map<string, number>, started: number): void {
  const w = world as ChaosWorld;
  const problems = results.map((r) => check(r.report, r.expected));
  const waiters = w.waiters();
  const registered = w.waitersRegisteredAt();
  const longest = Math.max(...results.map((r) => overshoot(r.report, r.endedAt, ends, registered)));
  const boundMs = w.repairBoundMs() + MARGIN_MS;
  const stats = w.simulator.stats;
  rows.push({
    scenario,
    engine: kind,
    faults,
    runs: results.length,
    runsCorrect: problems.filter((p) => p.length === 0).length,
    lost: stats.webhooksDropped + stats.deliveriesFailed,
    waiters,
    overshootMs: longest,
    boundMs,
    wallMs: Date.now() - started,
  });
  expect(problems).toEqual(results.map(() => []));
  expect({ neverCompleted: waiters.neverCompleted, doubleCompleted: waiters.doubleCompleted }).toEqual({ neverCompleted: 0, doubleCompleted: 0 });
  expect(longest).toBeLessThanOrEqual(boundMs);
}

describe.each<EngineKind>(['local', 'aws'])('chaos on the %s engine', (kind) => {
  it(`${SIZES[kind].lossy} connections: 20% of sync_end dropped, 30% delivered 2-5 times, delayed and reordered, unrelated and unsigned requests, 10% 429 and 10% 5xx`, async () => {
    const started = Date.now();
    const fast = connections(5, 11, [1, 1], {}, 'early');
    const rest = connections(SIZES[kind].lossy - fast.length, 12, [30, 300]);
    world = await startWorld(kind, {
      seed: 101,
      connections: [...fast, ...rest],
      simulator: {
        webhooks: { dropRate: 0.2, duplicateRate: 0.3, maxCopies: 5, delayMs: [0, 200], reorder: true, unrelatedEvents: true },
        apiFaults: { throttleRate: 0.1, errorRate: 0.1, retryAfterSeconds: 1 },
      },
    });
    const ends = watchSyncEnds(world);
    const handle = await world.start('chaos-lossy');
    const forged = await sendForgeries(world, rest.slice(0, 20).map((c) => c.id));
    const { report, endedAt } = await finish(world, handle);
    const stats = world.simulator.stats;
    conclude(kind, `${SIZES[kind].lossy} connections, lossy webhooks, flaky API`, `${stats.webhooksDropped} sync_end dropped, ${stats.throttled} × 429, ${stats.serverErrors} × 5xx, ${forged} unsigned/bad signature`, [
      { report, endedAt, expected: { statuses: all([...fast, ...rest].map((c) => c.id), 'SUCCESSFUL'), runStatus: 'SUCCEEDED', dbt: true } },
    ], ends, started);
    expect(stats.webhooksDropped).toBeGreaterThan(0);
    expect(stats.throttled + stats.serverErrors).toBeGreaterThan(0);
  }, SCENARIO_TIMEOUT_MS);

  it('the receiver killed and restarted mid-run while DynamoDB throttles', async () => {
    const started = Date.now();
    const size = SIZES[kind].restart;
    const conns = connections(size, 21, [100, 900]);
    world = await startWorld(kind, {
      seed: 202,
      connections: conns,
      restartableReceiver: true,
      simulator: { webhooks: { dropRate: 0.1, duplicateRate: 0.2, delayMs: [0, 100], retryDelaysMs: [100, 300, 1000, 2000, 4000] } },
    });
    const ends = watchSyncEnds(world);
    const third = afterSyncsEnded(world, size / 3);
    const twoThirds = afterSyncsEnded(world, (2 * size) / 3);
    const handle = await world.start('chaos-restart');
    await third;
    await world.killReceiver();
    world.throttleStore(0.3);
    await twoThirds;
    world.throttleStore(0);
    await world.restartReceiver();
    const { report, endedAt } = await finish(world, handle);
    conclude(kind, 'receiver restart, DynamoDB throttled', `receiver down for ${size / 3} of ${size} syncs, ${world.throttledStoreCalls()} DynamoDB calls throttled, ${world.simulator.stats.webhooksDropped} sync_end dropped`, [
      { report, endedAt, expected: { statuses: all(conns.map((c) => c.id), 'SUCCESSFUL'), runStatus: 'SUCCEEDED', dbt: true } },
    ], ends, started);
    expect(world.throttledStoreCalls()).toBeGreaterThan(0);
  }, SCENARIO_TIMEOUT_MS);

  it('two overlapping runs share the running syncs; a later run ignores a replayed sync_end from before its baseline', async () => {
    const started = Date.now();
    const conns = connections(20, 31, OVERLAP_SYNC_MS[kind]);
    world = await startWorld(kind, { seed: 303, connections: conns, simulator: { webhooks: { duplicateRate: 0.3, delayMs: [0, 100] } } });
    const ends = watchSyncEnds(world);
    let syncsStarted = 0;
    const syncIds = new Map<string, string>();
    world.simulator.on('sync_started', (e) => {
      syncsStarted += 1;
      syncIds.set(e.connectionId, e.syncId);
    });
    const allStarted = new Promise<void>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${syncsStarted} of 20 syncs started within 20 s`)), 20_000);
      world!.simulator.on('sync_started', () => {
        if (syncsStarted === conns.length) {
          clearTimeout(timer);
          resolvePromise();
        }
      });
    });
    const first = await world.start('chaos-overlap-a');
    await allStarted;
    const second = await world.start('chaos-overlap-b');
    const [a, b] = await Promise.all([finish(world, first), finish(world, second)]);
    // One sync per connection satisfied both runs: the second run's triggers joined the running syncs.
    expect(syncsStarted).toBe(conns.length);

    const oldEnd = a.report.finishedAt;
    const third = await world.start('chaos-overlap-c');
    // A signed sync_end of a sync that ended before the third run's baseline, redelivered late: stale.
    const replayed = await world.simulator.sendWebhook({
      event: 'sync_end',
      created: new Date(Date.parse(oldEnd) - 5000).toISOString(),
      connector_type: 'postgres',
      connector_id: conns[0]!.id,
      sync_id: 'replayed-old-sync',
      destination_group_id: 'chaos_group',
      data: { status: 'FAILURE', reason: 'an old failure' },
    });
    expect(replayed).toBe(200);
    const c = await finish(world, third);
    expect(syncsStarted).toBe(2 * conns.length);
    const expected = { statuses: all(conns.map((x) => x.id), 'SUCCESSFUL'), runStatus: 'SUCCEEDED', dbt: true };
    conclude(kind, 'overlapping runs, replayed old sync_end', '2 runs on one group at once, then a third with a replayed pre-baseline sync_end', [
      { ...a, expected },
      { ...b, expected },
      { ...c, expected },
    ], ends, started);
  }, SCENARIO_TIMEOUT_MS);

  it('rescheduled syncs on a manual schedule, a connection paused mid-run, a failure: dbt does not run', async () => {
    const started = Date.now();
    const conns: SimulatedConnection[] = [
      ...connections(4, 41, [100, 300]),
      { id: 'resched_1', syncDurationMs: 150, outcome: 'rescheduled', scheduleType: 'manual', rescheduleAfterMs: 200 },
      { id: 'resched_2', syncDurationMs: 250, outcome: 'rescheduled', scheduleType: 'manual', rescheduleAfterMs: 400 },
      { id: 'paused_rescheduled', syncDurationMs: 150, outcome: 'rescheduled', scheduleType: 'manual', rescheduleAfterMs: 60_000 },
      { id: 'paused_syncing', syncDurationMs: 600 },
      { id: 'failing', syncDurationMs: 200, outcome: 'failure', taskType: 'reconnect_warehouse', failureReason: 'Cannot connect' },
    ];
    world = await startWorld(kind, { seed: 404, connections: conns, simulator: { webhooks: { dropRate: 0.2, duplicateRate: 0.3, delayMs: [0, 100] } } });
    const ends = watchSyncEnds(world);
    const w = world;
    const pauses: Promise<unknown>[] = [];
    w.simulator.on('sync_started', (e) => {
      if (e.connectionId === 'paused_syncing') pauses.push(w.fivetran.updateConnection('paused_syncing', { paused: true }));
    });
    w.simulator.on('sync_ended', (e) => {
      if (e.connectionId === 'paused_rescheduled' && e.status === 'RESCHEDULED') pauses.push(w.fivetran.updateConnection('paused_rescheduled', { paused: true }));
    });
    const handle = await world.start('chaos-resched');
    const { report, endedAt } = await finish(world, handle);
    await Promise.all(pauses);
    // A paused connection's end is when it was paused: nothing else will end.
    const expected: Expectation = {
      statuses: { ...all(['c001', 'c002', 'c003', 'c004', 'resched_1', 'resched_2', 'paused_syncing'], 'SUCCESSFUL'), paused_rescheduled: 'PAUSED', failing: 'FAILURE_WITH_TASK' },
      runStatus: 'FAILED',
      dbt: false,
    };
    conclude(kind, 'rescheduled, paused, failed', '2 rescheduled (manual), 1 paused while rescheduled, 1 paused while syncing, 1 failure, 20% dropped', [{ report, endedAt, expected }], ends, started);
    expect(report.error).toBe('SyncsFailed');
    expect(report.connections.filter((c) => c.connectionId.startsWith('resched_')).every((c) => c.retriggers >= 1)).toBe(true);
  }, SCENARIO_TIMEOUT_MS);
});

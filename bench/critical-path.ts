/**
 * One measured run, in this process, against the Fivetran fake in its own process: N simulated
 * connections with syncs of random length (seeded), completed by webhooks. Prints one JSON line
 * with the wall time, (slowest sync + dbt), every connection's trigger, sync end and waiter
 * completion times (epoch ms), the fake's API request counts and this process's peak RSS.
 * bench/run-all.ts runs one of these per (engine, design, N), each in its own process.
 *
 *   npx tsx bench/critical-path.ts --connections 200 [--engine local|aws] [--design up-front|in-iteration]
 *     [--trigger-concurrency 8] [--drop 0.2 --fallback-ms 1000] [--min 1000 --max 5000]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { createFivetranClient, type FivetranClient } from '../src/core/fivetran/client.js';
import { MemoryRunStore } from '../src/core/runs/memory-store.js';
import type { SyncRecord } from '../src/core/runs/records.js';
import { MAX_CONNECTIONS_PER_RUN } from '../src/core/pipeline/run-request.js';
import type { RunReport } from '../src/core/report/run-report.js';
import { DEMO_DBT_SCRIPT } from '../src/demo/demo.js';
import { createLocalEngine, handler, type LocalHandlers } from '../src/engine/local/local-engine.js';
import { LocalTaskTokens } from '../src/engine/local/local-task-tokens.js';
import { listenForWebhooks } from '../src/engine/local/webhook-listener.js';
import { createRandom } from '../src/simulator/random.js';
import type { SimulatedConnection } from '../src/simulator/simulator.js';
import { startFivetranFake, type FakeReport } from './fivetran-fake.js';
import { inIterationDefinition } from './local-pipeline.js';

const GROUP = 'bench';
const SECRET = 'bench-secret';

export type ConnectionTimes = { id: string; triggeredAt: number; endedAt: number; completedAt: number; source: string };
export type RunFigures = {
  engine: 'local' | 'aws';
  design: 'up-front' | 'in-iteration';
  connections: number;
  triggerConcurrency: number | null;
  wallMs: number;
  slowestSyncMs: number;
  dbtMs: number;
  overheadMs: number;
  succeeded: number;
  times: ConnectionTimes[];
  apiRequests: number;
  requestsByRoute: Record<string, number>;
  webhooksDropped: number;
  peakRssMb: number;
  /** CPU time of the Fivetran fake's process (its own process, on the same machine), setup included. */
  fakeCpuMs: number;
  /** Runs started at once: more than one past MAX_CONNECTIONS_PER_RUN (3,000), each with a share of the connections. */
  runs: number;
  /** CPU time (user + system) this process spent, setup included; the Fivetran fake's is not in it. */
  cpuMs: number;
  /** When each phase began, ms after the run's start (`setup`: how long the engine, the webhook receiver and the webhook registration took before it). */
  phases: Record<string, number>;
  startedAtMs: number;
  /** aws only: what the execution wrote and what it invoked. */
  aws?: { historyEvents: number; stateEntered: number; lambdaInvocations: Record<string, number> };
};

/** The seeded workload: `n` connections, syncs uniformly `minMs`..`maxMs`. */
export function workload(n: number, minMs: number, maxMs: number): SimulatedConnection[] {
  const random = createRandom(42);
  return Array.from({ length: n }, (_, i) => ({ id: `conn_${String(i).padStart(4, '0')}`, syncDurationMs: random.int(minMs, maxMs) }));
}

function connectionTimes(records: readonly SyncRecord[], syncs: FakeReport['syncs']): ConnectionTimes[] {
  return records.flatMap((r) => {
    const sync = syncs[r.connectionId];
    if (!sync || sync.endedAt === null || r.completedAt === null || r.triggeredAt === null) return [];
    return [{ id: r.connectionId, triggeredAt: Date.parse(r.triggeredAt), endedAt: sync.endedAt, completedAt: Date.parse(r.completedAt), source: r.outcome?.source ?? '' }];
  });
}

/** When each phase began, ms after `started`. */
type Phases = Record<string, number>;

async function runLocal(o: Options, fivetran: FivetranClient, phases: Phases, clock: { start: number }): Promise<{ report: RunReport; records: SyncRecord[]; runs?: number }> {
  const store = new MemoryRunStore();
  const tokens = new LocalTaskTokens();
  const listener = await listenForWebhooks({ secrets: [SECRET], store, completer: tokens });
  await fivetran.createGroupWebhook(GROUP, { url: listener.url, events: ['sync_start', 'sync_end'], secret: SECRET });
  const cwd = await mkdtemp(join(tmpdir(), 'bench-'));
  const inIteration = o.design === 'in-iteration';
  const extraHandlers = (): LocalHandlers => ({
    TriggerSync: handler(async (input: { Payload: { connectionId: string } }) => {
      await fivetran.triggerSync(input.Payload.connectionId);
      return { Payload: null };
    }),
  });
  const engine = createLocalEngine({
    // In the original design StartSyncs only lists and records; each iteration triggers its own sync.
    fivetran: inIteration ? { ...fivetran, triggerSync: async () => undefined } : fivetran,
    store,
    tokens,
    completion: { mode: 'webhook', ...(o.fallbackMs ? { fallbackIntervalMs: o.fallbackMs } : {}) },
    dbt: { command: process.execPath, commandPrefixArgs: [DEMO_DBT_SCRIPT], cwd },
    ...(o.triggerConcurrency ? { triggerConcurrency: o.triggerConcurrency } : {}),
    ...(inIteration ? { definition: inIterationDefinition(), extraHandlers } : {}),
  });
  try {
    phases.setup = performance.now() - clock.start;
    clock.start = performance.now();
    const onEvent = (e: { type: string; phase?: string }) => void (e.type === 'phase' && e.phase && (phases[e.phase] ??= performance.now() - clock.start));
    if (o.connections <= MAX_CONNECTIONS_PER_RUN) {
      const handle = await engine.start({ groupId: GROUP }, { onEvent });
      const report = await handle.result;
      return { report, records: await store.listRunRecords(handle.runId) };
    }
    // One run syncs at most MAX_CONNECTIONS_PER_RUN connections: as the error tells a user, start
    // several runs at once, each with a share of the connections (phases: the first run's to reach each).
    const ids = workload(o.connections, 0, 0).map((c) => c.id);
    const parts = Math.ceil(ids.length / MAX_CONNECTIONS_PER_RUN);
    const size = Math.ceil(ids.length / parts);
    const handles = await Promise.all(Array.from({ length: parts }, (_, i) => engine.start({ groupId: GROUP, connectionIds: ids.slice(i * size, (i + 1) * size) }, { onEvent })));
    const reports = await Promise.all(handles.map((h) => h.result));
    const failed = reports.find((r) => r.status !== 'SUCCEEDED');
    const slowestDbt = reports.reduce((a, b) => ((a.dbt?.durationSeconds ?? 0) >= (b.dbt?.durationSeconds ?? 0) ? a : b));
    const records = (await Promise.all(handles.map((h) => store.listRunRecords(h.runId)))).flat();
    return { report: failed ?? slowestDbt, records, runs: parts };
  } finally {
    await listener.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

async function historyOf(env: Record<string, string>, executionArn: string): Promise<HistoryEvent[]> {
  const { GetExecutionHistoryCommand, SFNClient } = await import('@aws-sdk/client-sfn');
  const client = new SFNClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_SFN, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  client.destroy();
  return events;
}

type Options = { connections: number; engine: 'local' | 'aws'; design: 'up-front' | 'in-iteration'; triggerConcurrency: number | null; drop: number; fallbackMs: number | null; minMs: number; maxMs: number };

export async function measureRun(o: Options): Promise<RunFigures> {
  const connections = workload(o.connections, o.minMs, o.maxMs);
  const fake = await startFivetranFake({ groupId: GROUP, connections, dropRate: o.drop });
  const fivetran = createFivetranClient({ apiKey: fake.apiKey, apiSecret: fake.apiSecret, baseUrl: fake.url });
  try {
    let report: RunReport;
    let records: SyncRecord[];
    let runs = 1;
    let aws: RunFigures['aws'];
    const before = (await fake.report()).stats.requests;
    const clock = { start: performance.now() };
    const phases: Phases = {};
    if (o.engine === 'local') {
      let parts: number | undefined;
      ({ report, records, runs: parts } = await runLocal(o, fivetran, phases, clock));
      runs = parts ?? 1;
    } else {
      // Imported here: a local run's process does not load the AWS SDK and the local AWS.
      const [{ startLocalAws }, { createSfnEngine }] = await Promise.all([import('../src/simulator/aws/local-aws.js'), import('../src/engine/aws/sfn-engine.js')]);
      const localAws = await startLocalAws({ fivetran: { url: fake.url, apiKey: fake.apiKey, apiSecret: fake.apiSecret }, webhookSecret: SECRET, reconcileIntervalMs: o.fallbackMs });
      try {
        await fivetran.createGroupWebhook(GROUP, { url: localAws.webhookUrl, events: ['sync_start', 'sync_end'], secret: SECRET });
        const engine = createSfnEngine({ stackName: localAws.stackName, env: localAws.env, poll: { initialMs: 20, maxMs: 100 } });
        phases.setup = performance.now() - clock.start;
        clock.start = performance.now();
        const handle = await engine.start({ groupId: GROUP }, { onEvent: (e) => void (e.type === 'phase' && (phases[e.phase] = performance.now() - clock.start)) });
        report = await handle.result;
        records = await handle.records();
        await engine.close();
        const history = await historyOf(localAws.env, handle.executionArn as string);
        const lambdaInvocations: Record<string, number> = {};
        for (const call of localAws.calls) {
          if (call.service !== 'lambda') continue;
          // By function, the stack's name without its prefix and suffix (e.g. StartSyncs).
          const name = String((call.input as { FunctionName?: unknown }).FunctionName ?? call.action).replace(/^.*?(PrepareRun|StartSyncs|RegisterWaiter|SummarizeSyncs|Reconcile|Webhook).*$/i, '$1');
          lambdaInvocations[name] = (lambdaInvocations[name] ?? 0) + 1;
        }
        aws = { historyEvents: history.length, stateEntered: history.filter((e) => e.type?.endsWith('StateEntered')).length, lambdaInvocations };
      } finally {
        await localAws.close();
      }
    }
    const wallMs = performance.now() - clock.start;
    if (report.status !== 'SUCCEEDED') throw new Error(`run ${report.status}: ${report.cause}`);
    const seen = await fake.report();
    const slowestSyncMs = Math.max(...connections.map((c) => c.syncDurationMs ?? 0));
    const dbtMs = (report.dbt?.durationSeconds ?? 0) * 1000;
    return {
      engine: o.engine,
      design: o.design,
      connections: o.connections,
      triggerConcurrency: o.triggerConcurrency,
      wallMs,
      slowestSyncMs,
      dbtMs,
      overheadMs: wallMs - slowestSyncMs - dbtMs,
      succeeded: records.filter((r) => r.outcome?.status === 'SUCCESSFUL').length,
      times: connectionTimes(records, seen.syncs),
      apiRequests: seen.stats.requests - before,
      requestsByRoute: seen.stats.requestsByRoute,
      webhooksDropped: seen.stats.webhooksDropped,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      runs,
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      fakeCpuMs: seen.cpuMicros / 1000,
      phases,
      startedAtMs: performance.timeOrigin + clock.start,
      ...(aws ? { aws } : {}),
    };
  } finally {
    await fake.close();
  }
}

// Run as a script (through tsx, or bundled by bench/bundle.ts), not when the bundle forks itself as the Fivetran fake.
if (process.argv[1] && process.argv[2] !== '--fake' && /critical-path\.(ts|mjs)$/.test(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '200' },
      engine: { type: 'string', default: 'local' },
      design: { type: 'string', default: 'up-front' },
      'trigger-concurrency': { type: 'string' },
      drop: { type: 'string', default: '0' },
      'fallback-ms': { type: 'string' },
      min: { type: 'string', default: '1000' },
      max: { type: 'string', default: '5000' },
    },
  });
  const figures = await measureRun({
    connections: Number(values.connections),
    engine: values.engine as 'local' | 'aws',
    design: values.design as 'up-front' | 'in-iteration',
    triggerConcurrency: values['trigger-concurrency'] ? Number(values['trigger-concurrency']) : null,
    drop: Number(values.drop),
    fallbackMs: values['fallback-ms'] ? Number(values['fallback-ms']) : null,
    minMs: Number(values.min),
    maxMs: Number(values.max),
  });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

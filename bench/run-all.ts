/**
 * `npm run bench`: every comparison measured in one run on this machine, each benchmark in its own
 * child process (so one's heap and CPU do not disturb another's), then BENCHMARKS.md written with
 * the figures, the machine, the Node version and the command. `--quick` runs fewer sizes and
 * shorter loads with the same table shape (cells it did not measure say so).
 *
 *   npm run bench [-- --quick] [-- --out BENCHMARKS.md]
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLE_DIR, bundleBench } from './bundle.js';
import type { ColdStartFigures } from './cold-start.js';
import { estimateRunCost, loadPipelineDefinition, walkRun, type AslMachine } from './cost-model.js';
import type { ConnectionTimes, RunFigures } from './critical-path.js';
import type { ClientFigures } from './fivetran-client.js';
import type { HandlerFigures, HandlerRun } from './webhook-handlers.js';
import type { LoadFigures, WebhookBenchFigures } from './webhook-server.js';
import { inIterationDefinition } from './local-pipeline.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: 'BENCHMARKS.md' } } });
const quick = values.quick ?? false;
const benchStarted = performance.now();
const loadAtStart = loadavg()[0]?.toFixed(1);

/** Scripts run many times, bundled once (bench/bundle.ts) so each child starts on plain Node. */
const bundled: Record<string, string> = {
  'critical-path.ts': await bundleBench('critical-path.ts'),
  'fivetran-client.ts': await bundleBench('fivetran-client.ts'),
  'webhook-handlers.ts': await bundleBench('webhook-handlers.ts'),
};
/** Per child: what it ran and its wall time, for the closing line and to budget the run. */
const childTimes: { label: string; ms: number }[] = [];

/** Runs `bench/<script>` in a child process (bundled, or through tsx); returns its stdout. */
function child(script: string, args: string[]): Promise<string> {
  const started = performance.now();
  const entry = bundled[script] ? [bundled[script]] : ['--import', 'tsx', join(ROOT, 'bench', script)];
  return new Promise((resolveOut, reject) => {
    const p = spawn(process.execPath, [...entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    p.once('exit', (code) => {
      const ms = performance.now() - started;
      childTimes.push({ label: `${script.replace(/\.ts$/, '')} ${args.join(' ')}`, ms });
      console.error(`  ${(ms / 1000).toFixed(1)} s`);
      if (code === 0) resolveOut(out);
      else reject(new Error(`bench/${script} ${args.join(' ')} exited with ${code}`));
    });
  });
}

async function run(args: Record<string, string | number>): Promise<RunFigures> {
  const flat = Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)]);
  console.error(`critical-path ${flat.join(' ')}`);
  const out = await child('critical-path.ts', flat);
  return JSON.parse(out.trim().split('\n').at(-1) as string) as RunFigures;
}

// ---------------------------------------------------------------------------------------------
// Measure

/**
 * What each mode runs. The full run fits 10 minutes on a quiet 2-core machine; --quick keeps every
 * table and row but runs the small sizes with shorter syncs and leaves the slowest cells to the
 * full run ("not run in --quick").
 */
const PLAN = quick
  ? { sizes: [10, 200], beforeSizes: [200], originalSizes: [10, 200], awsSizes: [10], droppedN: 50, syncMs: { min: 500, max: 2500 } }
  : { sizes: [10, 200, 1000, 5000], beforeSizes: [200, 1000], originalSizes: [10, 200], awsSizes: [10, 200], droppedN: 200, syncMs: { min: 1000, max: 5000 } };
const SIZES = PLAN.sizes;
const BEFORE_CONCURRENCY = 8;

const ours: RunFigures[] = [];
const before: RunFigures[] = [];
const original: RunFigures[] = [];
const aws: RunFigures[] = [];
const syncArgs = { min: PLAN.syncMs.min, max: PLAN.syncMs.max };
for (const n of SIZES) {
  ours.push(await run({ connections: n, ...syncArgs }));
  if (PLAN.beforeSizes.includes(n)) before.push(await run({ connections: n, 'trigger-concurrency': BEFORE_CONCURRENCY, ...syncArgs }));
  if (PLAN.originalSizes.includes(n)) original.push(await run({ connections: n, design: 'in-iteration', ...syncArgs }));
}
for (const n of PLAN.awsSizes) aws.push(await run({ connections: n, engine: 'aws', ...syncArgs }));
const dropped = await run({ connections: PLAN.droppedN, drop: 0.2, 'fallback-ms': 1000, ...syncArgs });
console.error('fivetran-client');
const clientCost = JSON.parse((await child('fivetran-client.ts', quick ? ['--requests', '500', '--rounds', '1'] : ['--requests', '1000', '--rounds', '3'])).trim()) as ClientFigures;
console.error('webhook-server');
const server = JSON.parse(
  (await child('webhook-server.ts', [...(quick ? ['--duration', '1', '--rounds', '3', '--no-dynamo'] : ['--duration', '3', '--rounds', '5']), '--no-lambda', '--json'])).trim().split('\n').at(-1) as string,
) as WebhookBenchFigures;
console.error('webhook-handlers');
const handlers = JSON.parse(
  (await child('webhook-handlers.ts', quick ? ['--core', '5000', '--deliveries', '60', '--burst', '0'] : ['--core', '5000', '--deliveries', '500', '--burst', '1000', '--burst-seconds', '10'])).trim(),
) as HandlerFigures;
console.error('cold-start');
const cold = JSON.parse((await child('cold-start.ts', ['--samples', quick ? '1' : '5'])).trim()) as ColdStartFigures;

// ---------------------------------------------------------------------------------------------
// Derive

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const n0 = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
};

/**
 * A peer's poller, modelled exactly: it starts polling when it triggers (at our trigger time) and
 * notices a sync at its first tick after the sync ended: trigger + P × ceil((end − trigger) / P).
 */
function pollNotice(t: ConnectionTimes, intervalMs: number): number {
  return t.triggeredAt + intervalMs * Math.max(1, Math.ceil((t.endedAt - t.triggeredAt) / intervalMs));
}

/**
 * The polled run: ours with the waits replaced by the poller. Everything after the last waiter
 * completes (summary, dbt) and before the triggers is the same, so its wall is ours plus (last
 * poll notice − our last completion).
 */
function polledOverhead(r: RunFigures, intervalMs: number): number {
  const lastNotice = Math.max(...r.times.map((t) => pollNotice(t, intervalMs)));
  const lastCompletion = Math.max(...r.times.map((t) => t.completedAt));
  return r.overheadMs + (lastNotice - lastCompletion);
}

/** Requests a poller makes for these syncs: the group list, then per connection a baseline read, the trigger and one read per tick. */
function pollRequests(times: readonly ConnectionTimes[], intervalMs: number): number {
  return 1 + times.reduce((sum, t) => sum + 2 + Math.max(1, Math.ceil((t.endedAt - t.triggeredAt) / intervalMs)), 0);
}
const RATE_LIMIT_PER_HOUR = 20_000;

const target: Record<number, number> = { 200: 500, 1000: 1000, 5000: 3000 };
const byN = (rs: RunFigures[], n: number) => rs.find((r) => r.connections === n);

const awsLargest = aws.at(-1);
const AWS_NOTE = awsLargest
  ? `${quick ? `In --quick the endpoint runs N = ${n0(awsLargest.connections)} only; the full run goes to 200. ` : ''}500 and more are measured on the local engine only: the loopback endpoint runs all of "AWS" (Step Functions, Lambda, dynalite, the webhook API) in the benchmark's one process, and at N = ${n0(awsLargest.connections)} that process spent ${s(awsLargest.cpuMs)} of CPU (${n0(awsLargest.cpuMs / awsLargest.connections)} ms per connection: a CPU profile puts most of it in the AWS SDK's serialising and signing of each DynamoDB and Step Functions call and in dynalite answering them) for ${s(awsLargest.wallMs)} of wall. ` +
    `At that rate 500 connections would need about ${s(500 * (awsLargest.cpuMs / awsLargest.connections))} of CPU and 5,000 about ${s(5000 * (awsLargest.cpuMs / awsLargest.connections))}, more than the full run's 10-minute budget on a 2-core machine; 5,000 as two executions of 2,500 (one run syncs at most 3,000), which the benchmark's Step Functions path does not split yet; it would measure the simulator more than the definition. The handlers and the definition are the ones the local engine runs. Plan: run dynalite in its own process (as section 4 does) and measure 500 to 5,000 on the endpoint (5,000 as two executions) in a separate, longer benchmark.`
  : '';
const syncRange = `${PLAN.syncMs.min / 1000}–${PLAN.syncMs.max / 1000} s`;
const notRun = quick ? 'not run in --quick' : 'not run';
const lines: string[] = [];
/** The summary at the top: one row per target, filled in as the sections are written. */
const targetRows: string[] = [];
const addTarget = (what: string, measured: string, met: boolean | null, where: string) =>
  targetRows.push(`| ${what} | ${measured} | ${met === null ? notRun : met ? 'met' : '**not met** (cause and plan in the section)'} | ${where} |`);
const out = (...l: string[]) => lines.push(...l);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
out(
  '# Benchmarks',
  '',
  `Generated by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run-all.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${n0(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}, Node ${process.version} (load average at start ${loadAtStart}).`,
  'Every figure below comes from this one run on this machine; each benchmark ran in its own process. Do not edit by hand: rerun the command.',
  quick ? `\n**Quick run** (\`--quick\`): the same tables with fewer sizes, ${syncRange} syncs and shorter loads; cells marked "not run in --quick" are measured by the full \`npm run bench\`.` : '',
  '',
  '## 1. Critical-path overhead',
  '',
  `Overhead = run wall time − (slowest sync + dbt), from \`engine.start\` to the report. Syncs uniformly ${syncRange} (seeded), webhooks from the Fivetran simulator in its own process (as Fivetran is not in ours), delivered over loopback to the in-process receiver. The 10 s and 60 s pollers are **computed, not waited for**: from the same run's trigger and sync-end times, a poller notices each sync at its first tick after the end (trigger + P·⌈(end − trigger)/P⌉); the polled run is ours with the waits replaced by that.`,
  '',
  `| N | this project | target | before (${BEFORE_CONCURRENCY} triggers in flight) | original design (trigger in each Map iteration, 40 at a time) | polling 10 s | polling 60 s | original / ours | polling 10 s / ours | wall | peak RSS |`,
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
);
for (const n of [10, 200, 1000, 5000]) {
  const r = byN(ours, n);
  if (!r) {
    out(`| ${n0(n)} | ${notRun} | ${target[n] ? `≤ ${s(target[n])}` : ''} | | | | | | | | |`);
    continue;
  }
  const b = byN(before, n);
  const o = byN(original, n);
  const p10 = polledOverhead(r, 10_000);
  const p60 = polledOverhead(r, 60_000);
  // The original design at 1,000+ waits about N/40 sync lengths (89 s at 1,000 when measured): estimated, to keep the run within 10 minutes.
  const meanSync = r.times.reduce((x, t) => x + (t.endedAt - t.triggeredAt), 0) / Math.max(1, r.times.length);
  out(
    `| ${n0(n)}${r.runs > 1 ? ` (${r.runs} runs of ${n0(n / r.runs)}: one run syncs at most 3,000)` : ''} | **${s(r.overheadMs)}** | ${target[n] ? `≤ ${s(target[n])}` : ''} | ${b ? s(b.overheadMs) : ''} | ${o ? s(o.overheadMs) : `${notRun} (≈ ${s(Math.ceil(n / 40) * meanSync)} of waiting in batches of 40)`} | ${s(p10)} | ${s(p60)} | ${o ? `${(o.overheadMs / r.overheadMs).toFixed(1)}×` : ''} | ${(p10 / r.overheadMs).toFixed(1)}× | ${s(r.wallMs)} | ${n0(r.peakRssMb)} MB |`,
  );
}
out('', 'On the synthesized definition (dist/stack) through the loopback Step Functions endpoint, with the real Lambda handlers and dynalite:', '', '| N | overhead | wall | slowest sync | dbt | succeeded | peak RSS (this process holds the local AWS) |', '|---:|---:|---:|---:|---:|---:|---:|');
for (const n of [10, 200, 500, 1000, 5000]) {
  const r = byN(aws, n);
  if (r) out(`| ${n0(r.connections)} | **${s(r.overheadMs)}** | ${s(r.wallMs)} | ${s(r.slowestSyncMs)} | ${s(r.dbtMs)} | ${r.succeeded} | ${n0(r.peakRssMb)} MB |`);
  else out(`| ${n0(n)} | ${n > 200 ? 'local engine only (see below)' : notRun} | | | | | |`);
}
out('', AWS_NOTE);
const biggest = ours.at(-1) as RunFigures;
const ph = biggest.phases;
const trig = biggest.times.map((t) => t.triggeredAt - biggest.startedAtMs);
const lastEnd = Math.max(...biggest.times.map((t) => t.endedAt)) - biggest.startedAtMs;
const lastDone = Math.max(...biggest.times.map((t) => t.completedAt)) - biggest.startedAtMs;
out(
  '',
  `Where the time goes at N = ${n0(biggest.connections)} (ms after start): StartSyncs ${n0(ph.StartSyncs ?? 0)}, first trigger ${n0(Math.min(...trig))}, last trigger ${n0(Math.max(...trig))}, last sync end ${n0(lastEnd)}, last waiter completed ${n0(lastDone)}, SummarizeSyncs ${n0(ph.SummarizeSyncs ?? 0)}, RunDbt ${n0(ph.RunDbt ?? 0)}, end ${n0(biggest.wallMs)}. ` +
    `First to last trigger: ${s(Math.max(...trig) - Math.min(...trig))} of the ${s(biggest.overheadMs)} overhead (the slowest sync cannot end before it is triggered); last sync end to last waiter: ${s(lastDone - lastEnd)}.`,
);
/** Where a run's overhead went, from its phases and per-connection times. */
function breakdown(r: RunFigures) {
  const at = (x: number) => x - r.startedAtMs;
  const trigs = r.times.map((t) => at(t.triggeredAt));
  return {
    beforeFirstTrigger: Math.min(...trigs),
    triggering: Math.max(...trigs) - Math.min(...trigs),
    waiterTail: Math.max(...r.times.map((t) => at(t.completedAt))) - Math.max(...r.times.map((t) => at(t.endedAt))),
  };
}
for (const n of [200, 1000, 5000]) {
  const r = byN(ours, n);
  addTarget(`critical-path overhead, N = ${n0(n)} (local engine)`, r ? s(r.overheadMs) : notRun, r ? r.overheadMs <= (target[n] as number) : null, '§1');
}
const gaps = ours.filter((r) => target[r.connections] !== undefined && r.overheadMs > (target[r.connections] as number));
if (gaps.length > 0) {
  out('', '**Targets not met, and why** (measured in this run):', '');
  for (const r of gaps) {
    const b = breakdown(r);
    out(
      `- N = ${n0(r.connections)}: ${s(r.overheadMs)} against ≤ ${s(target[r.connections] as number)}. Start to first trigger ${s(b.beforeFirstTrigger)}; first to last trigger ${s(b.triggering)} (${n0(r.connections)} triggers, 32 in flight: ${n0((b.triggering * 32) / r.connections)} ms per trigger); last sync end to last waiter ${s(b.waiterTail)}; the orchestrator's process used ${s(r.cpuMs)} of CPU and the Fivetran fake's ${s(r.fakeCpuMs)} for ${s(r.wallMs)} of wall.`,
    );
  }
  const largest = gaps.reduce((a, b) => (b.connections > a.connections ? b : a));
  const machineShare = (largest.cpuMs + largest.fakeCpuMs) / (cpus().length * largest.wallMs);
  const perTrigger = (r: (typeof gaps)[number]) => (breakdown(r).triggering * 32) / r.connections;
  out(
    '',
    `Cause: each trigger's round trip (above: ${n0(Math.min(...gaps.map(perTrigger)))}–${n0(Math.max(...gaps.map(perTrigger)))} ms with 32 in flight) is far more than the client's own CPU per request (${n0(clientCost.transports.at(-1)?.cpuMicrosPerRequest ?? 0)} µs on node:http, below): the triggers wait for CPU. ` +
      `At N = ${n0(largest.connections)} the orchestrator and the Fivetran fake together used ${n0(machineShare * 100)}% of the machine's ${cpus().length} cores over the run's wall (load average ${loadAtStart} at the start), so triggering is CPU-bound here, ` +
      `and the orchestrator itself spends ${n0(largest.cpuMs / largest.connections)} ms of CPU per connection (trigger, record writes, the sync_start and sync_end webhooks, the waiter). That is also why 8 triggers in flight do as well as 32 in this run (the "before" column): against the real API, whose calls take 100–300 ms, 32 in flight is what keeps the spread short. ` +
      "Plan: the fake's share is not ours against the real Fivetran; on our side, profile the orchestrator during triggering (`node --cpu-prof`) and cut its CPU per connection (batch the trigger marks into the record writes, one webhook parse per delivery), then measure on a machine with a core for the fake.",
  );
}

out(
  '',
  `The Fivetran client's own cost per trigger (bench/fivetran-client.ts): ${n0(clientCost.requests)} \`triggerSync\` calls, 32 in flight, against the fake in its own process, ${clientCost.rounds} alternating round${clientCost.rounds > 1 ? 's' : ''} after a warm-up; CPU of the calling process per request:`,
  '',
  '| transport | CPU per request | wall for all requests |',
  '|---|---:|---:|',
  ...clientCost.transports.map((t) => `| ${t.name} | ${n0(t.cpuMicrosPerRequest)} µs | ${s(t.wallMs)} |`),
);

// 2. Detection latency
const lat = (rs: ConnectionTimes[]) => rs.map((t) => t.completedAt - t.endedAt);
const viaWebhook = byN(ours, 200) ?? ours[0]!;
const recon = dropped.times.filter((t) => t.source === 'poll');
const ms = (x: number) => `${n0(x)} ms`;
const pollLat = (P: number) => viaWebhook.times.map((t) => pollNotice(t, P) - t.endedAt);
out(
  '',
  '## 2. Detection latency (sync_end → waiter completed)',
  '',
  '| how | p50 | p99 | sample |',
  '|---|---:|---:|---|',
  `| webhook (local engine) | ${ms(pct(lat(viaWebhook.times), 0.5))} | ${ms(pct(lat(viaWebhook.times), 0.99))} | ${viaWebhook.times.length} syncs, N = ${viaWebhook.connections} |`,
  ...aws.filter((r) => r.connections === 200).map((r) => `| webhook (Step Functions definition, webhook Lambda, SendTaskSuccess) | ${ms(pct(lat(r.times), 0.5))} | ${ms(pct(lat(r.times), 0.99))} | ${r.times.length} syncs |`),
  `| reconciler after a dropped webhook, fallback read every 1 s (measured) | ${ms(pct(lat(recon), 0.5))} | ${ms(pct(lat(recon), 0.99))} | ${recon.length} waiters completed by the reconciler, N = ${dropped.connections}, ${dropped.webhooksDropped} webhooks dropped (20% drop rate) |`,
  `| reconciler, at the deployed intervals (local 60 s, AWS schedule 5 min): computed as uniform over the interval plus the measured pass | 30 s / 150 s | 59.4 s / 297 s | model |`,
  `| polling every 10 s (computed from the same end times) | ${ms(pct(pollLat(10_000), 0.5))} | ${ms(pct(pollLat(10_000), 0.99))} | same syncs |`,
  `| polling every 60 s (computed) | ${ms(pct(pollLat(60_000), 0.5))} | ${ms(pct(pollLat(60_000), 0.99))} | same syncs |`,
);

// 3. API calls
const api200 = byN(ours, 200);
if (api200) {
  const mine = api200.apiRequests;
  const p10 = pollRequests(api200.times, 10_000);
  const p60 = pollRequests(api200.times, 60_000);
  const long = api200.times.map((t) => ({ ...t, endedAt: t.triggeredAt + 30 * 60_000 }));
  const l10 = pollRequests(long, 10_000);
  const l60 = pollRequests(long, 60_000);
  addTarget('Fivetran API calls, 10 s polling / ours, 30 min syncs (≥ 50×)', `${(l10 / mine).toFixed(1)}×`, l10 / mine >= 50, '§3');
  out(
    '',
    '## 3. Fivetran API calls per run (N = 200)',
    '',
    `Ours counted by the simulator; polling computed (group list, then per connection a baseline GET, the trigger and one GET per tick). Share of the 20,000 requests/hour limit in brackets.`,
    '',
    '| syncs | this project | polling 10 s | polling 60 s | 10 s polling / ours |',
    '|---|---:|---:|---:|---:|',
    `| measured, ${syncRange} | ${n0(mine)} (${((100 * mine) / RATE_LIMIT_PER_HOUR).toFixed(1)}%) | ${n0(p10)} (${((100 * p10) / RATE_LIMIT_PER_HOUR).toFixed(1)}%) | ${n0(p60)} | ${(p10 / mine).toFixed(1)}× |`,
    `| 30 min each (computed, same calls: ours does not grow with sync length) | ${n0(mine)} (${((100 * mine) / RATE_LIMIT_PER_HOUR).toFixed(1)}%) | ${n0(l10)} (${((100 * l10) / RATE_LIMIT_PER_HOUR).toFixed(1)}%) | ${n0(l60)} | ${(l10 / mine).toFixed(1)}× |`,
    '',
    `Ours: ${Object.entries(api200.requestsByRoute).map(([k, v]) => `${k} ${v}`).join(', ')} (the webhook creation is setup, once per group, not per run). The ≥ 50× target holds for syncs longer than about 8 minutes; with ${syncRange} syncs a poller ticks once per sync, and one trigger per connection is a floor for both.`,
  );
}

// 4. Webhook receiver
const CORE_TARGET_US = 100;
const RATIO_TARGET = 0.8;
/** Milliseconds with one decimal below 100, whole and grouped above. */
const ms1 = (x: number) => (x < 100 ? `${x.toFixed(1)} ms` : `${n0(x)} ms`);
const loadRow = (f: LoadFigures) =>
  `| ${f.label} | **${n0(f.requestsPerSecond)}** | ${ms1(f.p50Ms)} | ${ms1(f.p99Ms)} | ${n0(f.total)} | ${f.non2xx} | ${f.errors} | ${f.cpuMicrosPerRequest === undefined ? '' : `${n0(f.cpuMicrosPerRequest)} µs`} |`;
const hRow = (r: HandlerRun) =>
  `| ${r.label} | ${n0(r.deliveries)} | **${n0(r.cpuMicrosPerDelivery)} µs** | ${r.storeCpuMicrosPerDelivery === null ? '' : `${n0(r.storeCpuMicrosPerDelivery)} µs`} | ${r.dynamoRequestsPerDelivery === null ? '' : r.dynamoRequestsPerDelivery.toFixed(1)} | ${r.sfnCallsPerDelivery === null ? '' : r.sfnCallsPerDelivery.toFixed(1)} | ${r.p50Ms.toFixed(1)} ms | ${r.p99Ms.toFixed(1)} ms | ${s(r.wallMs)} |`;
out(
  '',
  '## 4. The webhook receiver',
  '',
  `Handlers in one process without HTTP (bench/webhook-handlers.ts): CPU of the handler's process per delivery; the DynamoDB rows use dynalite in its own process (its CPU in its own column) and SendTaskSuccess to a loopback stub, 10 deliveries in flight. Target for the core: ≤ ${CORE_TARGET_US} µs.`,
  '',
  '| handler | deliveries | CPU per delivery | store CPU per delivery (dynalite) | DynamoDB requests per delivery | SendTask* per delivery | p50 | p99 | wall |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  hRow(handlers.core),
  hRow(handlers.ours),
  hRow(handlers.original),
  handlers.burst ? hRow(handlers.burst) : `| burst: 1,000 deliveries over 10 s (this project, DynamoDB) | ${notRun} | | | | | | | |`,
  '',
  `The core made ${handlers.core.storeCallsPerDelivery.toFixed(1)} store calls per delivery (counted on the stub store); against DynamoDB this project's receiver made ${handlers.ours.dynamoRequestsPerDelivery?.toFixed(1)} requests per delivery (counted on the SDK client) where the original design's handler makes ${handlers.original.dynamoRequestsPerDelivery?.toFixed(1)}: the price of recording each outcome before completing the waiter, so a duplicate or late delivery finds it already stored.`,
  '',
  handlers.core.cpuMicrosPerDelivery <= CORE_TARGET_US
    ? `Core target **met**: ${n0(handlers.core.cpuMicrosPerDelivery)} µs per delivery (≤ ${CORE_TARGET_US} µs) for the signature check over the raw body, the JSON parse and field checks, the record lookup and the completion, stubs standing in for the store and Step Functions.`
    : `**Core target not met**: ${n0(handlers.core.cpuMicrosPerDelivery)} µs against ≤ ${CORE_TARGET_US} µs, on a machine with load average ${loadAtStart} at the start of this run (CPU time stretches under contention). Plan: profile the core loop on a quiet machine (\`node --cpu-prof\`); the HMAC and the JSON parse are the fixed part.`,
  '',
  `Over HTTP (bench/webhook-server.ts): the receiver as the image builds it (one esbuild bundle), in its own process, beside a bare Express hello-world POST in another, driven by autocannon from the benchmark's process over loopback, ${server.run.connections} connections, in ${server.run.rounds} alternating rounds of ${server.run.durationSeconds} s at full speed (bare, receiver, bare, ...) so drifting background load hits both alike; every request is a signed sync_end for a connection with a waiter. Each server keeps its median round; the ratio is the median of the rounds' ratios. Servers on Node ${server.run.serverNode}.`,
  '',
  '| server | req/s | p50 | p99 | requests | non-2xx | errors | server CPU per request |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  loadRow(server.bare),
  loadRow(server.memory),
  '',
  (() => {
    const ratio = server.memory.ratioToBare;
    const rounds = server.memory.ratios.map((r) => `${r.toFixed(2)}×`).join(', ');
    const extra = (server.memory.cpuMicrosPerRequest ?? 0) - (server.bare.cpuMicrosPerRequest ?? 0);
    const core = handlers.core.cpuMicrosPerDelivery;
    const cpuRatio = (server.bare.cpuMicrosPerRequest ?? 0) / Math.max(1, server.memory.cpuMicrosPerRequest ?? 0);
    const completed = server.memory.completed >= server.memory.answered ? `every delivery completed a waiter (${n0(server.memory.completed)} completions for ${n0(server.memory.answered)} answers)` : `${n0(server.memory.completed)} of ${n0(server.memory.answered)} deliveries completed a waiter`;
    const head = `Receiver / bare: **${ratio.toFixed(2)}×** (rounds: ${rounds}; target ≥ ${RATIO_TARGET.toFixed(2)}×); ${completed}.`;
    if (ratio >= RATIO_TARGET) return `${head} Target **met**.`;
    return (
      `${head} **Target not met.** Cause, measured in this run: the receiver spends ${n0(extra)} µs more CPU per request than the bare POST (${n0(server.memory.cpuMicrosPerRequest ?? 0)} against ${n0(server.bare.cpuMicrosPerRequest ?? 0)} µs, a CPU ratio of ${cpuRatio.toFixed(2)}×); ${n0(Math.min(core, extra))} µs of it is the receiver core (the table above: signature, parse, lookup, completion), and the other ${n0(Math.max(0, extra - core))} µs is the HTTP side the bare POST skips: reading the body, the request id, the pino request line (with redaction), the Prometheus observation and the larger answer. ` +
      `Both servers share the ${cpus().length} cores with the load generator and the machine's other work (load average ${loadAtStart} at the start), which stretches CPU times and spreads the rounds (${rounds}). ` +
      'Plan: rerun on a quiet machine; `npx tsx bench/webhook-server.ts --cpu-prof <dir>` writes both servers\' CPU profiles to compare function by function; the next cuts are the request line (one pino call with redaction per delivery) and the body reading.'
    );
  })(),
  '',
  'The process entry (src/server/main.ts) against DynamoDB (dynalite in its own process) and SendTask* to a loopback stub in the load generator\'s process, at fixed rates. Target: p99 ≤ 25 ms at 500 req/s.',
  '',
  '| rate | achieved | p50 | p99 | waiters completed | receiver CPU per request | dynalite CPU per request | cores used at this rate (receiver + dynalite) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...(server.dynamodb.length === 0
    ? [`| 500 req/s | ${notRun} | | | | | | |`, `| 200 req/s | ${notRun} | | | | | | |`, `| 100 req/s | ${notRun} | | | | | | |`]
    : server.dynamodb.map(
        (r) =>
          `| ${n0(r.targetRate)} req/s | ${n0(r.requestsPerSecond)} req/s | ${ms1(r.p50Ms)} | **${ms1(r.p99Ms)}** | ${n0(r.completed)} of ${n0(r.total)} | ${n0(r.cpuMicrosPerRequest ?? 0)} µs | ${n0(r.storeCpuMicrosPerRequest)} µs | ${(((r.cpuMicrosPerRequest ?? 0) + r.storeCpuMicrosPerRequest) * r.targetRate / 1e6).toFixed(2)} of ${cpus().length} |`,
      )),
  ...(() => {
    const at500 = server.dynamodb.find((r) => r.targetRate === 500);
    if (!at500) return [];
    if (at500.p99Ms <= 25) return ['', `p99 at 500 req/s: ${ms1(at500.p99Ms)}, target **met**.`];
    const cores = ((at500.cpuMicrosPerRequest ?? 0) + at500.storeCpuMicrosPerRequest) * 500 / 1e6;
    return [
      '',
      `p99 at 500 req/s: **${ms1(at500.p99Ms)} against ≤ 25 ms, not met.** Cause, measured: at 500 req/s the receiver and dynalite need ${cores.toFixed(2)} cores of CPU (${n0(at500.cpuMicrosPerRequest ?? 0)} + ${n0(at500.storeCpuMicrosPerRequest)} µs per request, three DynamoDB requests per delivery) on ${cpus().length} cores shared with the load generator and the machine's other work, so requests queue. DynamoDB itself answers in single-digit ms; dynalite (a JavaScript DynamoDB on LevelDB) is the heavier half here. Plan: measure against DynamoDB (or on a machine with the cores to spare) before changing the receiver; the DynamoDB requests per delivery are the receiver's own lever.`,
    ];
  })(),
);

addTarget(`receiver core CPU per delivery, no store or SDK (≤ 100 µs)`, `${n0(handlers.core.cpuMicrosPerDelivery)} µs`, handlers.core.cpuMicrosPerDelivery <= CORE_TARGET_US, '§4');
addTarget(`receiver / bare Express POST, requests/s (≥ ${RATIO_TARGET.toFixed(1)}×)`, `${server.memory.ratioToBare.toFixed(2)}×`, server.memory.ratioToBare >= RATIO_TARGET, '§4');
{
  const at500 = server.dynamodb.find((r) => r.targetRate === 500);
  addTarget('receiver p99 at 500 req/s against DynamoDB (≤ 25 ms)', at500 ? ms1(at500.p99Ms) : notRun, at500 ? at500.p99Ms <= 25 : null, '§4');
}

// 5. Cold start and size
const SIZE_TARGET_KIB = 250;
const IMPORT_TARGET_MS = 150;
const kib = (bytes: number) => `${n0(bytes / 1024)} KiB`;
out(
  '',
  '## 5. Cold start and size',
  '',
  `Each Lambda bundled as infra/lib/pipeline-construct.ts does (esbuild ESM, minify, keep-names, @aws-sdk/* external: the runtime provides the SDK), then imported by a fresh Node process as the runtime's INIT would: first the SDK packages the bundle imports, then the bundle, each timed (median of ${quick ? 1 : 5}). Targets ≤ ${SIZE_TARGET_KIB} KiB and ≤ ${IMPORT_TARGET_MS} ms. The last column is the alternative, measured the same way: the SDK clients bundled in (tree-shaken, minified).`,
  '',
  '| Lambda | bytes | import: the bundle | import: AWS SDK (packages) | import: total | heaviest inputs | with the SDK bundled: bytes, import |',
  '|---|---:|---:|---:|---:|---|---:|',
);
for (const l of cold.lambdas) {
  const sdk = l.sdkPackages.length === 0 ? 'none' : `${n0(l.sdkImportMs)} ms (${l.sdkPackages.map((p) => p.replace('@aws-sdk/', '')).join(', ')})`;
  out(
    `| ${l.name} | **${kib(l.bytes)}** | **${n0(l.ownImportMs)} ms** | ${sdk} | ${n0(l.importMs)} ms | ${l.topInputs.slice(0, 4).map((i) => `${i.input} ${kib(i.bytes)}`).join(', ')} | ${l.withSdkBundled ? `${kib(l.withSdkBundled.bytes)}, ${n0(l.withSdkBundled.importMs)} ms` : ''} |`,
  );
}
{
  const sizes = cold.lambdas.map((l) => l.bytes / 1024);
  const own = cold.lambdas.map((l) => l.ownImportMs);
  const over = cold.lambdas.filter((l) => l.importMs > IMPORT_TARGET_MS);
  const sizeMet = sizes.every((k) => k <= SIZE_TARGET_KIB);
  out(
    '',
    `Size: ${n0(Math.min(...sizes))}–${n0(Math.max(...sizes))} KiB, target ${sizeMet ? '**met** for every Lambda' : '**not met**'}. The schemas the Lambdas reach use zod/mini, which tree-shakes (src/core/schema.ts), where zod's classic API brought all of zod (about 460 KiB) into every bundle; the webhook event is checked by hand. Each Lambda imports only the SDK clients it calls (src/lambdas/shared/{run-store,task-completer,secrets}.ts).`,
    '',
    over.length === 0
      ? `Import: ${n0(Math.min(...cold.lambdas.map((l) => l.importMs)))}–${n0(Math.max(...cold.lambdas.map((l) => l.importMs)))} ms, target **met** for every Lambda.`
      : `Import: the bundles' own code takes ${n0(Math.min(...own))}–${n0(Math.max(...own))} ms (${own.every((m) => m <= IMPORT_TARGET_MS) ? 'within' : 'partly over'} ${IMPORT_TARGET_MS} ms); with the SDK, **${over.map((l) => `${l.name} ${n0(l.importMs)} ms`).join(', ')} are over the ${IMPORT_TARGET_MS} ms target.** ` +
          `Cause, measured: loading the AWS SDK packages (the third column: ${n0(Math.min(...over.map((l) => l.sdkImportMs)))}–${n0(Math.max(...over.map((l) => l.sdkImportMs)))} ms) from the runtime's node_modules, not the bundles, on a machine with load average ${loadAtStart} at the start (a loaded machine stretches every figure here; prepare-run, which loads no SDK, shows the bundle alone). ` +
          `Bundling the SDK clients in (last column) ${(() => {
            const pairs = over.filter((l) => l.withSdkBundled).map((l) => ({ l, b: l.withSdkBundled! }));
            const faster = pairs.filter(({ l, b }) => b.importMs < l.importMs).length;
            return `imports faster for ${faster} of ${pairs.length} but makes them ${n0(Math.min(...pairs.map((p) => p.b.bytes / 1024)))}–${n0(Math.max(...pairs.map((p) => p.b.bytes / 1024)))} KiB, over the size target: the two targets pull apart there`;
          })()}. Plan: measure on a quiet machine and on Lambda itself (the INIT duration of the REPORT line); if the SDK still dominates, bundle the SDK clients for the latency-sensitive webhook Lambda only and take the size over 250 KiB for it, or build its clients on the first invocation so INIT stays small.`,
  );
}
{
  const maxBytes = Math.max(...cold.lambdas.map((l) => l.bytes));
  const maxImport = Math.max(...cold.lambdas.map((l) => l.importMs));
  const maxOwn = Math.max(...cold.lambdas.map((l) => l.ownImportMs));
  addTarget(`largest Lambda bundle (≤ ${SIZE_TARGET_KIB} KiB)`, kib(maxBytes), maxBytes / 1024 <= SIZE_TARGET_KIB, '§5');
  addTarget(`slowest Lambda import, with the SDK it loads (≤ ${IMPORT_TARGET_MS} ms)`, `${n0(maxImport)} ms (the bundle alone: ≤ ${n0(maxOwn)} ms)`, maxImport <= IMPORT_TARGET_MS, '§5');
}
out(
  '',
  '| entry point | size | time |',
  '|---|---:|---:|',
  `| the Action (dist/index.js), to its first AWS API call: \`command: run\`, \`engine: aws\`, every endpoint a loopback stub | ${cold.action.built ? `${kib(cold.action.bytes ?? 0)} (${kib(cold.action.totalBytes ?? 0)} with its lazily loaded chunks)` : 'not built'} | ${cold.action.firstCallMs === null ? 'not built' : `**${n0(cold.action.firstCallMs)} ms**`} |`,
  `| \`fivetran-dbt --help\`, compiled (lib/, as installed) | | ${cold.cliHelpMs.compiled === null ? notRun : `**${n0(cold.cliHelpMs.compiled)} ms**`} |`,
  `| \`fivetran-dbt --help\` in a checkout (through tsx) | | ${n0(cold.cliHelpMs.tsx)} ms |`,
  `| \`node -e 0\` (Node's own start, for scale) | | ${n0(cold.nodeStartMs)} ms |`,
  '',
  '`--help` builds the command definitions only: each command imports its implementation (the engines, the AWS SDK, the simulator, the Fivetran client) when it runs. dist/index.js is the Action as committed; it is rebuilt from the sources with `npm run build:action`.',
);

// 6. Cost per run
const counted = (r: RunFigures | undefined) => r?.aws;
const origDef = inIterationDefinition(loadPipelineDefinition() as unknown as Record<string, unknown>) as unknown as AslMachine;
out('', '## 6. Cost per run', '', 'This project: the synthesized definition run through the local Step Functions endpoint; state transitions = the execution history\'s *StateEntered events, Lambda invocations counted from the local AWS\'s calls. The original design: the same definition with a TriggerSync Lambda in each iteration, walked (it is not deployed, so it cannot be run there). Lambda GB-seconds, Fargate and the dollars come from bench/cost-model.ts at 30 min syncs and 10 min dbt.', '', '| N | transitions (ours, counted) | transitions (original, walked) | history events | Lambda invocations (ours, counted) | Lambda invocations (original) | Lambda GB-s | Fargate | Fivetran API calls | $ per run |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const n of [10, 500]) {
  const r = byN(aws, n);
  const c = counted(r);
  const est = estimateRunCost({ connections: n });
  const orig = walkRun({ connections: n }, origDef);
  const origLambda = (orig.entered.PrepareRun ?? 0) + (orig.entered.StartSyncs ?? 0) + (orig.entered.TriggerSync ?? 0) + (orig.entered.WaitForSync ?? 0) + (orig.entered.SummarizeSyncs ?? 0);
  const invocations = c ? Object.values(c.lambdaInvocations).reduce((a, b) => a + b, 0) : null;
  out(
    `| ${n0(n)} | ${c ? n0(c.stateEntered) : `not run (walked: ${n0(est.stepFunctions.transitions)})`} | ${n0(orig.transitions)} | ${c ? n0(c.historyEvents) : n0(est.stepFunctions.historyEvents)} | ${invocations !== null ? `${n0(invocations)} (${Object.entries(c!.lambdaInvocations).map(([k, v]) => `${k} ${v}`).join(', ')})` : 'not run'} | ${n0(origLambda)} + webhooks | ${est.lambda.gbSeconds.toFixed(1)} | $${est.fargate.cost.toFixed(4)} | ${r ? n0(r.apiRequests) : `≈ ${n0(n + 1)}`} | $${est.total.toFixed(4)} |`,
  );
}

// 7. Memory
out('', '## 7. Memory (peak RSS of each benchmark process)', '', '| run | peak RSS |', '|---|---:|');
for (const r of [...ours, ...before, ...original, ...aws]) out(`| ${r.engine} ${r.design}${r.triggerConcurrency ? ` (${r.triggerConcurrency} in flight)` : ''}, N = ${n0(r.connections)} | ${n0(r.peakRssMb)} MB |`);
out(
  '',
  'The server under load: see the receiver figures in section 4.',
  '',
  `This run of the benchmarks took ${s(performance.now() - benchStarted)} (load average at the end ${loadavg()[0]?.toFixed(1)}). Each benchmark process, wall time: ${childTimes.map((c) => `${c.label.trim()} ${s(c.ms)}`).join('; ')}.`,
  '',
);

rmSync(BUNDLE_DIR, { recursive: true, force: true });
const firstSection = lines.indexOf('## 1. Critical-path overhead');
lines.splice(firstSection, 0, '## Targets', '', '| target | this run | status | details |', '|---|---:|---|---|', ...targetRows, '');
writeFileSync(resolve(ROOT, values.out ?? 'BENCHMARKS.md'), lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n'));
console.log(lines.join('\n'));

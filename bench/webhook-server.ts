/**
 * Benchmark: the self-hosted webhook receiver verifying signatures and completing waiters, beside a
 * bare Express hello-world POST measured in the same run, plus the webhook Lambda's bundle size and
 * module import time. Servers run in child processes, built with esbuild as the Dockerfile builds
 * the receiver, and autocannon drives them over loopback from this process, every request signed
 * and aimed at a connection with a waiter. Besides req/s and latency, each run reports the server
 * process's CPU time per request, which a busy or throttled machine disturbs less.
 *
 * - bare: `app.post('/webhook', (req, res) => res.json(...))`, as fast as it goes;
 * - memory: createApp + the receiver core + MemoryRunStore + an in-process completer (the local
 *   engine's wiring), logging as in production (JSON lines to stdout), as fast as it goes;
 * - dynamodb: the receiver's process entry (`src/server/main.ts`) against dynalite (its own
 *   process) and a Step Functions stub (in this one), at fixed rates (500, 200 and 100 requests/s).
 *
 * `--node <path>` runs the servers on another Node binary, e.g. the version the image ships.
 *
 *   npx tsx bench/webhook-server.ts [--duration 4] [--rounds 3] [--connections 10] [--rate 500 --rate 100] [--node /path/to/node] [--cpu-prof dir]
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import express from 'express';
import type { CompletionResult, TaskCompleter } from '../src/core/completion/completer.js';
import { DynamoRunStore } from '../src/aws/dynamodb-run-store.js';
import { MemoryRunStore } from '../src/core/runs/memory-store.js';
import type { NewSyncRecord, OutcomeWrite, RunStore, SyncOutcome, SyncRecord } from '../src/core/runs/records.js';
import { createWebhookReceiver } from '../src/core/webhook/receiver.js';
import { sign } from '../src/core/webhook/signature.js';
import { createApp } from '../src/server/app.js';
import { createServerLogger } from '../src/server/main.js';
import { createServerMetrics } from '../src/server/metrics.js';
import { startAwsJsonStub } from '../test/support/aws-json-stub.js';
import { startDynalite } from '../test/support/dynalite.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-webhook-secret';
/** Connections with a waiter in the memory run; each request goes to the next one, round robin. */
const MEMORY_CONNECTIONS = 4096;
const FAR_FUTURE = Math.floor(Date.now() / 1000) + 7 * 86400;
/** The kernel's clock tick (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS_PER_SECOND = 100;

type Latency = { p50: number; p99: number; average: number; max: number };
type CannonResult = {
  requests: { average: number; total: number };
  latency: Latency;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
};
type CannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer };
type CannonOptions = {
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  requests?: { method: string; path: string; setupRequest: (request: CannonRequest) => CannonRequest }[];
};
// autocannon ships no type declarations: load it through require, typed above.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: CannonOptions) => Promise<CannonResult>;

export type LoadFigures = {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  /** The server process's CPU time per answered request, when measured. */
  cpuMicrosPerRequest?: number;
};

export type WebhookBenchFigures = {
  bare: LoadFigures;
  /** `ratioToBare`: the median of the rounds' ratios (`ratios`); `answered`: deliveries answered in the rounds. */
  memory: LoadFigures & { ratioToBare: number; ratios: number[]; completed: number; answered: number };
  run: { rounds: number; durationSeconds: number; connections: number; serverNode: string };
  dynamodb: (LoadFigures & { targetRate: number; completed: number; storeCpuMicrosPerRequest: number })[];
  lambda: { bytes: number; gzipBytes: number; bytesWithSdk: number; importMs: number } | null;
};

function syncEnd(connectionId: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      event: 'sync_end',
      created: new Date().toISOString(),
      connector_type: 'google_cloud_postgresql',
      connector_id: connectionId,
      sync_id: `sync-${connectionId}`,
      destination_group_id: 'bench_group',
      data: { status: 'SUCCESSFUL' },
    }),
  );
}

/**
 * Requests that deliver a signed sync_end for `connectionFor(i)` on the i-th request. Bodies are
 * signed ahead (`pool` of them, reused round robin) so the load generator spends no time on HMACs.
 */
function signedRequests(connectionFor: (i: number) => string, pool: number): CannonOptions['requests'] {
  const prepared = Array.from({ length: pool }, (_, i) => {
    const body = syncEnd(connectionFor(i));
    return { body, headers: { 'content-type': 'application/json', 'x-fivetran-signature-256': sign(SECRET, body) } };
  });
  let i = 0;
  return [
    {
      method: 'POST',
      path: '/webhook',
      setupRequest: (request) => ({ ...request, ...(prepared[i++ % pool] as (typeof prepared)[number]) }),
    },
  ];
}

async function load(label: string, options: CannonOptions): Promise<LoadFigures> {
  const result = await autocannon(options);
  return {
    label,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function record(runId: string, connectionId: string): NewSyncRecord {
  const now = new Date().toISOString();
  return { runId, connectionId, groupId: 'bench_group', name: null, baseline: null, scheduleType: 'manual', createdAt: now, deadline: now, expiresAt: FAR_FUTURE };
}

/**
 * A memory store that gives a connection a fresh waiting run as soon as its waiter completes, so
 * an unbounded stream of deliveries keeps completing waiters while each lookup stays small and the
 * heap stays the size of a real receiver's. The fresh run is made on the spot (a record and its
 * waiter, as the pipeline would have made them), and its cost is counted against the receiver.
 */
class RecyclingStore implements RunStore {
  private readonly current = new Map<string, MemoryRunStore>();
  private runs = 0;

  /** Gives the connection a waiting run. */
  async prepare(connectionId: string): Promise<void> {
    const store = new MemoryRunStore();
    const runId = `run-${++this.runs}`;
    await store.createRecords([record(runId, connectionId)]);
    await store.attachTaskToken(runId, connectionId, `token-${runId}`);
    this.current.set(connectionId, store);
  }
  private of(connectionId: string): MemoryRunStore {
    const store = this.current.get(connectionId);
    if (!store) throw new Error(`no bench store for ${connectionId}`);
    return store;
  }
  async findOpenRecords(connectionId: string): Promise<SyncRecord[]> {
    return this.current.get(connectionId)?.findOpenRecords(connectionId) ?? [];
  }
  async recordOutcome(runId: string, connectionId: string, outcome: SyncOutcome): Promise<OutcomeWrite> {
    return this.of(connectionId).recordOutcome(runId, connectionId, outcome);
  }
  async markCompleted(runId: string, connectionId: string, at: string): Promise<boolean> {
    const first = await this.of(connectionId).markCompleted(runId, connectionId, at);
    await this.prepare(connectionId);
    return first;
  }
  async recordSyncStart(runId: string, connectionId: string, syncId: string | null, at: string): Promise<void> {
    return this.of(connectionId).recordSyncStart(runId, connectionId, syncId, at);
  }
  async markRescheduled(runId: string, connectionId: string, at: string | null): Promise<void> {
    return this.of(connectionId).markRescheduled(runId, connectionId, at);
  }
  async createRecords(records: readonly NewSyncRecord[]): Promise<void> {
    for (const r of records) await this.prepare(r.connectionId);
  }
  async markTriggered(runId: string, connectionId: string, at: string): Promise<void> {
    return this.of(connectionId).markTriggered(runId, connectionId, at);
  }
  async attachTaskToken(runId: string, connectionId: string, taskToken: string): Promise<SyncRecord> {
    return this.of(connectionId).attachTaskToken(runId, connectionId, taskToken);
  }
  async getRecord(runId: string, connectionId: string): Promise<SyncRecord | null> {
    return this.current.get(connectionId)?.getRecord(runId, connectionId) ?? null;
  }
  async listRunRecords(): Promise<SyncRecord[]> {
    return [];
  }
  async *listOpenRecords(): AsyncIterable<SyncRecord[]> {}
  async ping(): Promise<void> {}
}

type ChildMode = 'bare' | 'memory' | 'dynalite';

/**
 * The child process side: serves `mode` on 127.0.0.1:0 and reports its URL over IPC. `dynalite`
 * is the DynamoDB stand-in, in a process of its own so that its work neither runs on the load
 * generator's event loop (where it would inflate the latencies measured) nor on the receiver's.
 */
async function serveChild(mode: ChildMode): Promise<void> {
  // The parent asks for this process's CPU time around each run: CPU per request is steadier than req/s on a busy machine.
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  if (mode === 'dynalite') {
    const dynalite = await startDynalite();
    const tableName = await dynalite.createTable();
    process.send?.({ url: dynalite.endpoint, tableName });
    process.on('SIGTERM', () => void dynalite.close().finally(() => process.exit(0)));
    return;
  }
  let app: express.Express;
  if (mode === 'bare') {
    app = express();
    app.post('/webhook', (_req, res) => {
      res.json({ ok: true, message: 'hello' });
    });
  } else {
    const store = new RecyclingStore();
    for (let i = 0; i < MEMORY_CONNECTIONS; i++) await store.prepare(`conn-${i}`);
    const completer: TaskCompleter = {
      succeed: async (): Promise<CompletionResult> => 'delivered',
      fail: async (): Promise<CompletionResult> => 'delivered',
      heartbeat: async (): Promise<CompletionResult> => 'delivered',
    };
    const logger = createServerLogger('info');
    const metrics = createServerMetrics();
    // One secret, as between rotations (during one, each delivery costs a second HMAC).
    const receiver = createWebhookReceiver({ secrets: [SECRET], store, completer, metrics });
    app = createApp({ receiver, store, logger, metrics });
  }
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.send?.({ url: `http://127.0.0.1:${port}` });
  });
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

type Child = { url: string; tableName?: string; stop(): Promise<void>; cpuMicros(): Promise<number> };

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
}

async function startChild(bundles: Bundles, mode: ChildMode): Promise<Child> {
  const execArgv = bundles.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', bundles.cpuProfileDir, '--cpu-prof-name', `${mode}.cpuprofile`] : [];
  const child = fork(bundles.child, ['--child', mode], { execPath: bundles.node, execArgv, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  child.stdout?.resume(); // the receiver's JSON logs, read and dropped like a log shipper would
  const { url, tableName } = await new Promise<{ url: string; tableName?: string }>((resolveUrl, reject) => {
    child.once('message', (m) => resolveUrl(m as { url: string; tableName?: string }));
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
  });
  const cpuMicros = () =>
    new Promise<number>((resolveCpu) => {
      child.once('message', (m) => {
        const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
        resolveCpu(user + system);
      });
      child.send('cpu');
    });
  return { url, ...(tableName ? { tableName } : {}), stop: stopper(child), cpuMicros };
}

/** Starts the receiver's process entry from its bundle, the way the image runs it. */
async function startReceiverProcess(bundles: Bundles, env: Record<string, string>): Promise<Child> {
  const child = spawn(bundles.node, [bundles.server], {
    cwd: dirname(bundles.server),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    lines.on('line', (text) => {
      if (!text.includes('receiver listening')) return;
      resolveUrl((JSON.parse(text) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  const pid = child.pid as number;
  return { url, stop: stopper(child), cpuMicros: async () => processCpuMicros(pid) };
}

/** CPU time (user + system) of another process, from /proc (Linux), in microseconds. */
async function processCpuMicros(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

async function completedCount(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /fivetran_webhook_deliveries_total\{event="sync_end",outcome="completed"\} (\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * Bare and memory servers side by side, measured in alternating rounds (bare, memory, bare, ...)
 * so drifting background load hits both alike; each keeps its median round, the ratio is the median
 * of the rounds' ratios.
 */
async function measureFullSpeed(bundles: Bundles, duration: number, connections: number, rounds: number) {
  const bareChild = await startChild(bundles, 'bare');
  const memoryChild = await startChild(bundles, 'memory');
  try {
    const requests = signedRequests((i) => `conn-${i}`, MEMORY_CONNECTIONS);
    await load('warm-up', { url: bareChild.url, connections, duration: 1, requests });
    await load('warm-up', { url: memoryChild.url, connections, duration: 1, requests });
    const before = await completedCount(memoryChild.url);
    const bareRuns: LoadFigures[] = [];
    const memoryRuns: LoadFigures[] = [];
    for (let round = 0; round < rounds; round++) {
      bareRuns.push(await loadChild(bareChild, 'bare Express hello-world POST', { url: bareChild.url, connections, duration, requests }));
      memoryRuns.push(await loadChild(memoryChild, 'receiver + memory store (verify, complete)', { url: memoryChild.url, connections, duration, requests }));
    }
    const completed = (await completedCount(memoryChild.url)) - before;
    const ratios = memoryRuns.map((m, i) => m.requestsPerSecond / (bareRuns[i] as LoadFigures).requestsPerSecond);
    const memoryTotal = memoryRuns.reduce((n, r) => n + r.total, 0);
    return { bare: medianBy(bareRuns, byRate), memory: medianBy(memoryRuns, byRate), ratio: medianBy(ratios, byValue), ratios, completed, memoryTotal };
  } finally {
    await bareChild.stop();
    await memoryChild.stop();
  }
}

async function loadChild(child: Child, label: string, options: CannonOptions): Promise<LoadFigures> {
  const before = await child.cpuMicros();
  const figures = await load(label, options);
  const after = await child.cpuMicros();
  return { ...figures, cpuMicrosPerRequest: figures.total > 0 ? (after - before) / figures.total : 0 };
}

/** The middle item of `items` ranked by `key` (the upper one of an even count). */
function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  const sorted = [...items].sort((x, y) => key(x) - key(y));
  return sorted[Math.floor(sorted.length / 2)] as T;
}

const byValue = (n: number) => n;
const byRate = (f: LoadFigures) => f.requestsPerSecond;

/**
 * The real process entry (`src/server/main.ts`) against dynalite (in its own process) and a Step
 * Functions stub, at each fixed rate in `rates`. Every request completes a different waiter,
 * created beforehand. Besides latency, each run reports the CPU time per delivery of the receiver
 * and of dynalite, which tells what a rate costs this machine.
 */
async function measureDynamo(bundles: Bundles, rates: readonly number[], duration: number): Promise<WebhookBenchFigures['dynamodb']> {
  const dynalite = await startChild(bundles, 'dynalite');
  const sfn = await startAwsJsonStub();
  const client = new DynamoDBClient({
    endpoint: dynalite.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let receiver: Child | null = null;
  try {
    const tableName = dynalite.tableName as string;
    const store = new DynamoRunStore({ tableName, client });
    // Enough waiters for every request any run can send (autocannon may send a little over rate x duration).
    const needed = rates.reduce((n, rate) => n + Math.ceil(rate * (duration + 1.5)), 0);
    const connections: string[] = Array.from({ length: needed }, (_, i) => `dyn-${i}`);
    for (let i = 0; i < connections.length; i += 200) {
      const batch = connections.slice(i, i + 200);
      await store.createRecords(batch.map((c) => record(`run-${c}`, c)));
      await Promise.all(batch.map((c) => store.attachTaskToken(`run-${c}`, c, `token-${c}`)));
    }
    receiver = await startReceiverProcess(bundles, {
      PORT: '0',
      HOST: '127.0.0.1',
      FIVETRAN_WEBHOOK_SECRET: SECRET,
      RUNS_TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynalite.url,
      SFN_ENDPOINT: sfn.endpoint,
      AWS_CALL_TIMEOUT_MS: '10000',
    });
    const requests = signedRequests((i) => connections[i] as string, connections.length);
    const out: WebhookBenchFigures['dynamodb'] = [];
    for (const rate of rates) {
      await load('warm-up', { url: receiver.url, connections: 8, duration: 0.5, overallRate: rate, requests });
      const before = await completedCount(receiver.url);
      const cpuBefore = { receiver: await receiver.cpuMicros(), store: await dynalite.cpuMicros() };
      const figures = await load(`receiver + DynamoDB store @ ${rate} req/s`, {
        url: receiver.url,
        connections: Math.max(8, Math.ceil(rate / 10)),
        duration,
        overallRate: rate,
        requests,
      });
      const perRequest = (after: number, was: number) => (figures.total > 0 ? (after - was) / figures.total : 0);
      out.push({
        ...figures,
        cpuMicrosPerRequest: perRequest(await receiver.cpuMicros(), cpuBefore.receiver),
        storeCpuMicrosPerRequest: perRequest(await dynalite.cpuMicros(), cpuBefore.store),
        targetRate: rate,
        completed: (await completedCount(receiver.url)) - before,
      });
    }
    return out;
  } finally {
    await receiver?.stop();
    client.destroy();
    await sfn.close();
    await dynalite.stop();
  }
}

/** Where the servers under test are built, as the image builds the receiver (one esbuild ESM bundle each), and the Node that runs them. */
type Bundles = { child: string; server: string; node: string; cpuProfileDir?: string };

const ESM_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Builds the servers under test like the Dockerfile builds the receiver (esbuild, ESM, no
 * keep-names), rather than running them through tsx, whose keep-names helper taxes every closure.
 * Inside node_modules/.cache so anything left external resolves from node_modules.
 */
async function buildBundles(dir: string, node: string): Promise<Bundles> {
  const common = { bundle: true, platform: 'node' as const, target: 'node22', format: 'esm' as const, banner: { js: ESM_BANNER }, logLevel: 'silent' as const };
  const bundles = { child: join(dir, 'bench-child.mjs'), server: join(dir, 'server', 'main.mjs'), node };
  await build({ ...common, entryPoints: [fileURLToPath(import.meta.url)], outfile: bundles.child, external: ['esbuild', 'autocannon', 'dynalite'] });
  await build({ ...common, entryPoints: [join(ROOT, 'src/server/main.ts')], outfile: bundles.server });
  return bundles;
}

/** The webhook Lambda as deployed (SDK v3 external: the runtime provides it), plus import time of a fresh process. */
async function measureLambda(): Promise<NonNullable<WebhookBenchFigures['lambda']>> {
  // Inside the repo so the external @aws-sdk packages resolve from node_modules, as in the runtime.
  const dir = join(ROOT, 'node_modules', '.cache', 'bench-webhook-lambda');
  await mkdir(dir, { recursive: true });
  const common = {
    entryPoints: [join(ROOT, 'src/lambdas/webhook.ts')],
    bundle: true,
    platform: 'node' as const,
    target: 'node22',
    format: 'esm' as const,
    minify: true,
    legalComments: 'none' as const,
    banner: { js: ESM_BANNER },
    logLevel: 'silent' as const,
  };
  const deployed = join(dir, 'webhook.mjs');
  const full = join(dir, 'webhook-with-sdk.mjs');
  try {
    await build({ ...common, outfile: deployed, external: ['@aws-sdk/*'] });
    await build({ ...common, outfile: full });
    const bytes = (await stat(deployed)).size;
    const gzipBytes = gzipSync(readFileSync(deployed)).length;
    const bytesWithSdk = (await stat(full)).size;
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) samples.push(await importMs(deployed));
    return { bytes, gzipBytes, bytesWithSdk, importMs: medianBy(samples, byValue) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function importMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const child = spawn(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`importing the Lambda bundle failed (exit ${code})`);
  return Number(out);
}

/** The version of the Node binary at `path`. */
function nodeVersion(path: string): string {
  return path === process.execPath ? process.version : execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const line = (f: LoadFigures) =>
  `${f.label.padEnd(44)} ${fmt(f.requestsPerSecond).padStart(7)} req/s   p50 ${fmt(f.p50Ms, 1).padStart(5)} ms   p99 ${fmt(f.p99Ms, 1).padStart(5)} ms   ` +
  `(${fmt(f.total)} requests, ${f.non2xx} non-2xx, ${f.errors} errors${f.cpuMicrosPerRequest ? `, server CPU ${fmt(f.cpuMicrosPerRequest)} us/request` : ''})`;

/** Runs every measurement and prints the figures. Bounded: about 3 x duration + 15 s. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<WebhookBenchFigures> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true, // bench/run-all.ts passes benchmark names through
    options: {
      duration: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      rate: { type: 'string', multiple: true, default: ['500', '200', '100'] },
      node: { type: 'string' },
      // Writes <dir>/bare.cpuprofile and <dir>/memory.cpuprofile (node --cpu-prof) of the full-speed servers.
      'cpu-prof': { type: 'string' },
      // bench/run-all.ts measures every Lambda bundle in bench/cold-start.ts.
      'no-lambda': { type: 'boolean', default: false },
      // --quick: bench/webhook-handlers.ts measures the DynamoDB path; skip the fixed-rate runs here.
      'no-dynamo': { type: 'boolean', default: false },
      // Prints the figures as one JSON line on stdout, the text on stderr (bench/run-all.ts).
      json: { type: 'boolean', default: false },
    },
  });
  const duration = Number(values.duration);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const rates = (values.rate ?? []).map(Number);
  const node = values.node ?? process.execPath;
  const print = values.json ? (text: string) => console.error(text) : (text: string) => console.log(text);
  print(
    `webhook receiver on loopback: servers on Node ${nodeVersion(node)}, load from Node ${process.version}, ${cpus().length} CPUs (load average ${loadavg()[0]?.toFixed(1)}), ` +
      `servers in child processes, ${rounds} alternating rounds of ${duration} s at full speed with ${connections} connections`,
  );

  const buildDir = join(ROOT, 'node_modules', '.cache', 'bench-webhook-server');
  const bundles = { ...(await buildBundles(buildDir, node)), ...(values['cpu-prof'] ? { cpuProfileDir: resolve(values['cpu-prof']) } : {}) };
  try {
  const full = await measureFullSpeed(bundles, duration, connections, rounds);
  const bare = full.bare;
  const memory = { ...full.memory, ratioToBare: full.ratio, ratios: full.ratios, completed: full.completed, answered: full.memoryTotal };
  const run = { rounds, durationSeconds: duration, connections, serverNode: nodeVersion(node) };
  print(line(bare));
  print(line(memory));
  print(
    `${''.padEnd(44)} ${fmt(full.ratio, 2)}x bare (rounds: ${full.ratios.map((r) => fmt(r, 2)).join(', ')}; target >= 0.80); ` +
      (full.completed >= full.memoryTotal
        ? `every delivery completed a waiter (${fmt(full.completed)} completions, ${fmt(full.memoryTotal)} answers counted)`
        : `${fmt(full.completed)} of ${fmt(full.memoryTotal)} deliveries completed a waiter`),
  );
  const dynamodb = values['no-dynamo'] ? [] : await measureDynamo(bundles, rates, duration);
  for (const run of dynamodb) {
    const cores = (micros: number) => fmt((micros * run.targetRate) / 1e6, 2);
    print(
      `${line(run)}\n${''.padEnd(44)} achieved ${fmt(run.requestsPerSecond)} of ${run.targetRate} req/s; ${fmt(run.completed)} waiters completed; ` +
        `dynalite CPU ${fmt(run.storeCpuMicrosPerRequest)} us/request (at ${run.targetRate} req/s: receiver ${cores(run.cpuMicrosPerRequest ?? 0)} + dynalite ${cores(run.storeCpuMicrosPerRequest)} of ${cpus().length} cores)`,
    );
  }
  print(`${''.padEnd(44)} (DynamoDB = dynalite in its own process, SendTask* = loopback stub in the load generator's; p99 target <= 25 ms at 500 req/s)`);
  if (values['no-lambda']) {
    const figures = { bare, memory, run, dynamodb, lambda: null };
    if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
    return figures;
  }
  const lambda = await measureLambda();
  print(
    `webhook Lambda bundle (esbuild, minified, @aws-sdk external): ${fmt(lambda.bytes / 1024)} KiB (${fmt(lambda.gzipBytes / 1024)} KiB gzip); ` +
      `${fmt(lambda.bytesWithSdk / 1024)} KiB with the SDK bundled; module import ${fmt(lambda.importMs, 1)} ms (median of 7 fresh processes)`,
  );
  const figures = { bare, memory, run, dynamodb, lambda };
  if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  return figures;
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

const isChild = process.argv[2] === '--child';
if (isChild) {
  await serveChild(process.argv[3] as ChildMode);
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

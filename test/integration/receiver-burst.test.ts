/**
 * A burst at the self-hosted receiver: a 1,000-connection group finishing together. The receiver
 * runs as a real process (bundled as the Dockerfile bundles it) against dynalite in a process of
 * its own and a Step Functions stub here; a load generator here delivers one signed `sync_end` per
 * connection, spread over 10 s, and behaves as Fivetran does: it honours `Retry-After` on 503/429
 * and retries timeouts, connection errors and other 5xx with back-off until it gets a 2xx.
 *
 * Asserted: every waiter completed exactly once (one SendTaskSuccess per token), no answer but 2xx
 * and the receiver's own shed 503s, every acknowledged delivery's outcome stored. Not asserted:
 * timings (this machine may be shared); `RECEIVER_BURST_REPORT=<file>` writes the figures there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { DynamoRunStore } from '../../src/aws/dynamodb-run-store.js';
import { startAwsJsonStub, type AwsJsonStub, type AwsReplyHandler } from '../support/aws-json-stub.js';
import { startDynaliteProcess, type DynaliteProcess } from '../support/dynalite-process.js';
import { SECRET, signed, waitingRecord, type Delivery } from '../support/webhook-cases.js';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const GROUP = 'burst_group';

let workdir: string;
let bundle: string;
let dynalite: DynaliteProcess;
let stub: AwsJsonStub;
let store: DynamoRunStore;
let client: DynamoDBClient;
const receivers: ChildProcess[] = [];

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'receiver-burst-'));
  // The process-entry check wants the bundle at `server/main.mjs`, as in the image.
  bundle = join(workdir, 'server', 'main.mjs');
  // As the Dockerfile bundles it (test/integration/server-process.test.ts checks that line itself).
  await build({
    entryPoints: [join(ROOT, 'src/server/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    legalComments: 'none',
    outfile: bundle,
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  [dynalite, stub] = await Promise.all([startDynaliteProcess(), startAwsJsonStub()]);
  client = new DynamoDBClient({ endpoint: dynalite.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  store = new DynamoRunStore({ tableName: dynalite.tableName, client });
}, 120_000);

afterAll(async () => {
  for (const child of receivers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  client?.destroy();
  await stub?.close();
  await dynalite?.close();
  if (workdir) await rm(workdir, { recursive: true, force: true });
});

/** Starts the receiver process; resolves with its URL once it logs that it listens. */
async function startReceiver(env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      FIVETRAN_WEBHOOK_SECRET: SECRET,
      RUNS_TABLE_NAME: dynalite.tableName,
      DYNAMODB_ENDPOINT: dynalite.endpoint,
      SFN_ENDPOINT: stub.endpoint,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  receivers.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const listening = new Promise<string>((resolveUrl) =>
    lines.on('line', (text) => {
      try {
        const line = JSON.parse(text) as { msg?: string; url?: string };
        if (line.msg === 'receiver listening' && line.url) resolveUrl(line.url);
      } catch {
        // not a log line
      }
    }),
  );
  const url = await Promise.race([listening, once(child, 'exit').then(([code]) => Promise.reject(new Error(`receiver exited (${String(code)}):\n${stderr}`)))]);
  return { url, child };
}

async function stopReceiver(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** One waiting record (with a task token) per connection of a run, as the pipeline leaves them. */
async function openRun(runId: string, count: number): Promise<string[]> {
  const connections = Array.from({ length: count }, (_, i) => `${runId}_conn_${String(i).padStart(4, '0')}`);
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const baseline = new Date(Date.now() - 60_000).toISOString();
  await store.createRecords(connections.map((connectionId) => waitingRecord({ runId, connectionId, groupId: GROUP, baseline, expiresAt })));
  const queue = [...connections];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let c = queue.shift(); c !== undefined; c = queue.shift()) await store.attachTaskToken(runId, c, tokenOf(c));
    }),
  );
  return connections;
}

const tokenOf = (connectionId: string) => `token-${connectionId}`;

function syncEnd(connectionId: string): Delivery {
  return signed(
    JSON.stringify({
      event: 'sync_end',
      created: new Date().toISOString(),
      connector_type: 'google_cloud_postgresql',
      connector_id: connectionId,
      connector_name: connectionId,
      sync_id: `sync-${connectionId}`,
      destination_group_id: GROUP,
      data: { status: 'SUCCESSFUL' },
    }),
  );
}

/** One HTTP attempt as the load generator saw it. */
type Attempt = { connectionId: string; status: number | 'timeout' | 'error'; ms: number; retryAfter: string | null; outcome?: string; message?: string };

type LoadOptions = {
  url: string;
  connections: readonly string[];
  /** First attempts are spread evenly over this window. */
  spreadMs: number;
  /** Fivetran's own timeout is about 10 s. */
  timeoutMs?: number;
  /** Seeded jitter so that retries do not all arrive in the same millisecond. */
  seed?: number;
  /** Gives up (and fails the test) after this many attempts of one delivery. */
  maxAttempts?: number;
  /** Called with each attempt as it is answered. */
  onAttempt?: (attempt: Attempt) => void;
};

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Delivers one sync_end per connection as Fivetran would, retrying until each is acknowledged.
 * Resolves with every attempt, in order of answer, and the wall time from first send to last 2xx.
 */
async function deliverLikeFivetran(options: LoadOptions): Promise<{ attempts: Attempt[]; elapsedMs: number }> {
  const random = prng(options.seed ?? 11);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 50;
  const attempts: Attempt[] = [];
  const started = performance.now();
  const step = options.spreadMs / Math.max(1, options.connections.length);

  async function deliver(connectionId: string, index: number): Promise<void> {
    await sleep(index * step);
    const delivery = syncEnd(connectionId);
    for (let attempt = 1; ; attempt++) {
      const sent = performance.now();
      let record: Attempt;
      try {
        const response = await fetch(`${options.url}/webhook`, { method: 'POST', headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(timeoutMs) });
        const body = (await response.json()) as { outcome?: string; message?: string };
        record = { connectionId, status: response.status, ms: performance.now() - sent, retryAfter: response.headers.get('retry-after'), outcome: body.outcome, message: body.message };
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        record = { connectionId, status: timedOut ? 'timeout' : 'error', ms: performance.now() - sent, retryAfter: null, message: error instanceof Error ? error.message : String(error) };
      }
      attempts.push(record);
      options.onAttempt?.(record);
      if (typeof record.status === 'number' && record.status >= 200 && record.status < 300) return;
      if (typeof record.status === 'number' && record.status >= 400 && record.status < 500 && record.status !== 429) return; // not retried: the assertions report it
      if (attempt >= maxAttempts) throw new Error(`delivery for ${connectionId} not acknowledged after ${attempt} attempts; last: ${JSON.stringify(record)}`);
      const retryAfterSeconds = Number(record.retryAfter);
      const wait =
        (record.status === 503 || record.status === 429) && Number.isFinite(retryAfterSeconds) && record.retryAfter !== null
          ? retryAfterSeconds * 1000 * (1 + random()) // honoured, plus jitter
          : Math.min(30_000, 250 * 2 ** (attempt - 1)) * (0.5 + random()); // growing back-off
      await sleep(wait);
    }
  }

  await Promise.all(options.connections.map((c, i) => deliver(c, i)));
  return { attempts, elapsedMs: performance.now() - started };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** What must hold after any burst, however fast or slow the machine was. */
async function expectEveryWaiterCompletedOnce(runId: string, connections: readonly string[], attempts: readonly Attempt[]): Promise<void> {
  // Every delivery was acknowledged, and nothing but 2xx and shed 503s was answered.
  const acknowledged = new Set(attempts.filter((a) => typeof a.status === 'number' && a.status < 300).map((a) => a.connectionId));
  expect(connections.filter((c) => !acknowledged.has(c))).toEqual([]);
  const unexpected = attempts.filter((a) => typeof a.status === 'number' && a.status >= 300 && !(a.status === 503 && a.retryAfter !== null && /^Over capacity/.test(a.message ?? '')));
  expect(unexpected).toEqual([]);
  // A retry of a delivery whose earlier attempt timed out may find the waiter completed by that attempt.
  const retriedAfterTimeout = new Set(attempts.filter((a) => a.status === 'timeout' || a.status === 'error').map((a) => a.connectionId));
  const oddOutcomes = attempts.filter(
    (a) => a.status === 200 && !(a.outcome === 'completed' || a.outcome === 'duplicate' || (a.outcome === 'unmatched' && retriedAfterTimeout.has(a.connectionId))),
  );
  expect(oddOutcomes).toEqual([]);

  // Every token completed, each accepted once. A second SendTaskSuccess happens only when Fivetran
  // retried a delivery that timed out while its first attempt was still completing; Step Functions
  // answers it TaskTimedOut (the task is closed), which the receiver takes as already resolved.
  const successes = stub.sfnCalls().filter((c) => c.action === 'SendTaskSuccess').map((c) => String(c.input.taskToken));
  const mine = successes.filter((t) => t.startsWith(`token-${runId}_`));
  expect(new Set(mine)).toEqual(new Set(connections.map(tokenOf)));
  const sentAgain = [...new Set(mine.filter((t, i) => mine.indexOf(t) !== i))];
  expect(sentAgain.filter((t) => !retriedAfterTimeout.has(t.slice('token-'.length)))).toEqual([]);
  expect(stub.sfnCalls().filter((c) => c.action !== 'SendTaskSuccess')).toEqual([]);

  // Every acknowledged delivery's record holds its outcome and is completed.
  const records = await store.listRunRecords(runId);
  expect(records).toHaveLength(connections.length);
  const notStored = records.filter((r) => r.outcome?.status !== 'SUCCESSFUL' || !r.completedAt).map((r) => r.connectionId);
  expect(notStored).toEqual([]);
}

function figures(attempts: readonly Attempt[], elapsedMs: number, deliveries: number) {
  const answered = attempts.filter((a) => typeof a.status === 'number').map((a) => a.ms).sort((x, y) => x - y);
  const acknowledged = attempts.filter((a) => typeof a.status === 'number' && a.status < 300).map((a) => a.ms).sort((x, y) => x - y);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    deliveries,
    attempts: attempts.length,
    shed: attempts.filter((a) => a.status === 503).length,
    timeouts: attempts.filter((a) => a.status === 'timeout').length,
    connectionErrors: attempts.filter((a) => a.status === 'error').length,
    p50Ms: round(percentile(acknowledged, 50)),
    p99Ms: round(percentile(acknowledged, 99)),
    maxMs: round(acknowledged.at(-1) ?? NaN),
    answeredP99Ms: round(percentile(answered, 99)),
    elapsedMs: Math.round(elapsedMs),
    acknowledgedPerSecond: round((deliveries / elapsedMs) * 1000),
  };
}

async function report(name: string, values: Record<string, unknown>): Promise<void> {
  const file = process.env.RECEIVER_BURST_REPORT;
  if (!file) return;
  await writeFile(file, `${JSON.stringify({ test: name, ...values, cpus: (await import('node:os')).cpus().length })}\n`, { flag: 'a' });
}

/** Step Functions' answers to SendTaskSuccess: the first call closes the task, a later one fails with TaskTimedOut. */
function closingTasks(): AwsReplyHandler {
  const closed = new Set<string>();
  return (call) => {
    if (!call.target.endsWith('.SendTaskSuccess')) return undefined;
    const token = String(call.input.taskToken);
    if (closed.has(token)) return { error: 'TaskTimedOut', message: 'Task Timed Out', status: 400 };
    closed.add(token);
    return undefined;
  };
}

describe('the receiver process under a burst (dynalite in its own process)', () => {
  beforeEach(() => stub.setHandler(closingTasks()));
  afterEach(() => stub.setHandler(() => undefined));

  it('1,000 signed sync_end deliveries over 10 s: each waiter completed exactly once, nothing lost, no 5xx but shed 503s', async () => {
    const runId = 'burst';
    const connections = await openRun(runId, 1000);
    const { url, child } = await startReceiver();
    try {
      const { attempts, elapsedMs } = await deliverLikeFivetran({ url, connections, spreadMs: 10_000, seed: 1 });
      await report('burst 1000 over 10 s', figures(attempts, elapsedMs, connections.length));
      await expectEveryWaiterCompletedOnce(runId, connections, attempts);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const shedCounted = Number(/^fivetran_webhook_shed_total (\d+)$/m.exec(metrics)?.[1] ?? NaN);
      expect(shedCounted).toBe(attempts.filter((a) => a.status === 503).length);
    } finally {
      await stopReceiver(child);
    }
  }, 300_000);

  it('over capacity (WEBHOOK_MAX_IN_FLIGHT=4): sheds with 503 and Retry-After, and every delivery still completes', async () => {
    const runId = 'shed';
    const connections = await openRun(runId, 100);
    // The first deliveries admitted are held in SendTaskSuccess until one has been shed, so the
    // over-capacity answer does not depend on how fast this machine is.
    let sawShed!: () => void;
    const shedSeen = new Promise<void>((r) => (sawShed = r));
    const hold: AwsReplyHandler = async () => {
      await shedSeen;
      return undefined;
    };
    stub.setHandler(hold);
    const { url, child } = await startReceiver({ WEBHOOK_MAX_IN_FLIGHT: '4', WEBHOOK_SHED_RETRY_AFTER_SECONDS: '1' });
    try {
      const { attempts, elapsedMs } = await deliverLikeFivetran({
        url,
        connections,
        spreadMs: 0,
        seed: 2,
        maxAttempts: 200,
        onAttempt: (attempt) => {
          if (attempt.status === 503) sawShed();
        },
      });
      await report('over capacity, 100 at once, limit 4', figures(attempts, elapsedMs, connections.length));
      const shed = attempts.filter((a) => a.status === 503);
      expect(shed.length).toBeGreaterThan(0);
      expect(shed[0]).toMatchObject({ retryAfter: '1', message: expect.stringMatching(/^Over capacity \(4 deliveries in flight\)/) });
      await expectEveryWaiterCompletedOnce(runId, connections, attempts);
    } finally {
      sawShed();
      await stopReceiver(child);
    }
  }, 300_000);
});

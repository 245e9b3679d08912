/**
 * The two worlds the chaos suite runs its scenarios in, behind one shape: the Fivetran simulator
 * with its faults, run records (local: in memory behind a throttling wrapper; aws: DynamoDB on
 * dynalite behind a throttling interceptor), a receiver
 * that can be killed and restarted, and an engine. `local`: the local engine with its in-process
 * listener (closed and re-opened on the same port to restart it). `aws`: the local AWS running the
 * synthesized state machine with the real Lambda handlers, followed by the Step Functions engine;
 * its receiver is the webhook Lambda, or the self-hosted server as a child process when a scenario
 * restarts it (kill -9, then a new process on the same port).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CompletionResult, SyncWaitOutput } from '../../src/core/completion/completer.js';
import { createFivetranClient, type FivetranClient } from '../../src/core/fivetran/client.js';
import type { RunRequest } from '../../src/core/pipeline/run-request.js';
import { MemoryRunStore } from '../../src/core/runs/memory-store.js';
import type { RunStore } from '../../src/core/runs/records.js';
import { StackOutputs } from '../../src/core/stack-contract.js';
import { DEMO_DBT_SCRIPT } from '../../src/demo/demo.js';
import { createSfnEngine } from '../../src/engine/aws/sfn-engine.js';
import { createLocalEngine } from '../../src/engine/local/local-engine.js';
import { LocalTaskTokens } from '../../src/engine/local/local-task-tokens.js';
import { listenForWebhooks, type WebhookListener } from '../../src/engine/local/webhook-listener.js';
import type { RunEngine, RunHandle } from '../../src/engine/run-api.js';
import { startLocalAws, type LocalAws } from '../../src/simulator/aws/local-aws.js';
import { createRandom } from '../../src/simulator/random.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator.js';
import { closedPort } from '../support/ports.js';

export const GROUP = 'chaos_group';
const WEBHOOK_SECRET = 'chaos-webhook-secret';
const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');

export type EngineKind = 'local' | 'aws';

/** How each waiter was completed: `created` waits, and per wait the completions accepted and the redundant ones answered "already resolved". */
export type WaiterCounts = { waiters: number; completedOnce: number; neverCompleted: number; doubleCompleted: number; redundantCalls: number };

export type ChaosWorld = {
  kind: EngineKind;
  simulator: Simulator;
  fivetran: FivetranClient;
  /** The URL Fivetran delivers to (for unsigned requests). */
  receiverUrl(): string;
  start(runId: string, request?: Partial<RunRequest>): Promise<RunHandle>;
  /** Kills the receiver (kill -9 for a process, close for the listener); deliveries fail until `restartReceiver`. */
  killReceiver(): Promise<void>;
  restartReceiver(): Promise<void>;
  /** Throttles this share of DynamoDB calls from now on (0 stops). */
  throttleStore(rate: number): void;
  throttledStoreCalls(): number;
  waiters(): WaiterCounts;
  /**
   * How long after a connection is ready (its sync ended and its waiter registered) a lost
   * delivery may take to be repaired: the pass that may have just read it as still running, the
   * interval, and the next pass, i.e. interval + 2 × the longest pass so far (local: the fallback
   * read's listing, with its waits for 429s; aws: the reconciler's passes, one at a time). Passes
   * are slow on a busy machine: measured, not assumed.
   */
  repairBoundMs(): number;
  /** When each connection's waiter last registered (aws: the RegisterWaiter invocations); local: empty, it registers at the trigger. */
  waitersRegisteredAt(): Map<string, number>;
  close(): Promise<void>;
};

export type WorldOptions = {
  seed: number;
  connections: SimulatorOptions['groups'][number]['connections'];
  simulator?: Omit<SimulatorOptions, 'groups' | 'seed'>;
  /** The receiver can be restarted: on aws, the self-hosted server as a process instead of the webhook Lambda. */
  restartableReceiver?: boolean;
};

/** The interval of reconciling passes in both worlds. */
const RECONCILE_INTERVAL_MS = 300;

/** A seeded DynamoDB throttle: `rate` of calls answered ProvisionedThroughputExceededException while it is above 0. */
function storeThrottle(seed: number) {
  const random = createRandom(seed);
  let rate = 0;
  let throttled = 0;
  return {
    fault: () => {
      if (rate <= 0 || !random.chance(rate)) return false;
      throttled += 1;
      return true;
    },
    set: (r: number) => (rate = r),
    count: () => throttled,
  };
}

/** Local task tokens that count what each token was completed with. */
class CountingTokens extends LocalTaskTokens {
  readonly created = new Set<string>();
  readonly accepted = new Map<string, number>();
  redundant = 0;

  override create(): { token: string; promise: Promise<SyncWaitOutput> } {
    const made = super.create();
    this.created.add(made.token);
    return made;
  }

  override async succeed(token: string, output: SyncWaitOutput): Promise<CompletionResult> {
    return this.count(token, await super.succeed(token, output));
  }

  override async fail(token: string, error: string, cause: string): Promise<CompletionResult> {
    return this.count(token, await super.fail(token, error, cause));
  }

  private count(token: string, result: CompletionResult): CompletionResult {
    if (result === 'delivered') this.accepted.set(token, (this.accepted.get(token) ?? 0) + 1);
    else this.redundant += 1;
    return result;
  }
}

function tally(tokens: Iterable<string>, accepted: (token: string) => number, redundantCalls: number): WaiterCounts {
  const counts: WaiterCounts = { waiters: 0, completedOnce: 0, neverCompleted: 0, doubleCompleted: 0, redundantCalls };
  for (const token of tokens) {
    counts.waiters += 1;
    const n = accepted(token);
    if (n === 0) counts.neverCompleted += 1;
    else if (n === 1) counts.completedOnce += 1;
    else counts.doubleCompleted += 1;
  }
  return counts;
}

async function startFivetran(options: WorldOptions): Promise<{ simulator: Simulator; fivetran: FivetranClient }> {
  const simulator = await startSimulator({ groups: [{ id: GROUP, connections: options.connections }], seed: options.seed, ...options.simulator });
  const fivetran = createFivetranClient({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
  return { simulator, fivetran };
}

export async function startWorld(kind: EngineKind, options: WorldOptions): Promise<ChaosWorld> {
  return kind === 'local' ? startLocalWorld(options) : startAwsWorld(options);
}

/**
 * The memory store with DynamoDB throttling as the SDK lets a caller see it: a throttled call is
 * retried after a back-off (50-200 ms) and then answers. (Run against dynalite, 200 connections
 * with every fault stalled dynalite itself on this machine; see RELIABILITY.md.)
 */
function throttledStore(store: RunStore, throttle: { fault: () => boolean }): RunStore {
  const random = createRandom(7);
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        while (throttle.fault()) await new Promise((r) => setTimeout(r, random.int(50, 200)));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** `fivetran` timing its group listings (the fallback read's one request, with its waits for 429s and 5xx). */
function timedListings(fivetran: FivetranClient): { client: FivetranClient; longestMs: () => number } {
  let longest = 0;
  const client: FivetranClient = {
    ...fivetran,
    async listGroupConnections(...args) {
      const started = Date.now();
      try {
        return await fivetran.listGroupConnections(...args);
      } finally {
        longest = Math.max(longest, Date.now() - started);
      }
    },
  };
  return { client, longestMs: () => longest };
}

async function startLocalWorld(options: WorldOptions): Promise<ChaosWorld> {
  const { simulator, fivetran } = await startFivetran(options);
  const throttle = storeThrottle(options.seed + 1);
  const store = throttledStore(new MemoryRunStore(), throttle);
  const tokens = new CountingTokens();
  const port = await closedPort();
  const listen = () => listenForWebhooks({ secrets: [WEBHOOK_SECRET], store, completer: tokens, port });
  let listener: WebhookListener | null = await listen();
  const url = listener.url;
  await fivetran.createGroupWebhook(GROUP, { url, events: ['sync_start', 'sync_end'], secret: WEBHOOK_SECRET, active: true });
  const cwd = await mkdtemp(join(tmpdir(), 'chaos-dbt-'));
  const listings = timedListings(fivetran);
  const engine: RunEngine = createLocalEngine({
    fivetran: listings.client,
    store,
    tokens,
    completion: { mode: 'webhook', fallbackIntervalMs: RECONCILE_INTERVAL_MS },
    dbt: { command: process.execPath, commandPrefixArgs: [DEMO_DBT_SCRIPT], cwd },
    progressIntervalMs: 1000,
  });
  return {
    kind: 'local',
    simulator,
    fivetran,
    receiverUrl: () => url,
    repairBoundMs: () => RECONCILE_INTERVAL_MS + 2 * listings.longestMs(),
    waitersRegisteredAt: () => new Map(),
    start: (runId, request = {}) => engine.start({ groupId: GROUP, ...request }, { runId }),
    async killReceiver() {
      await listener?.close();
      listener = null;
    },
    async restartReceiver() {
      listener ??= await listen();
    },
    throttleStore: throttle.set,
    throttledStoreCalls: throttle.count,
    waiters: () => tally(tokens.created, (t) => tokens.accepted.get(t) ?? 0, tokens.redundant),
    async close() {
      await engine.close();
      await listener?.close();
      await simulator.close();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/** The self-hosted receiver as a child process (`node --import tsx src/server/main.ts`). */
class ServerProcess {
  private child: ChildProcess | null = null;

  constructor(private readonly env: Record<string, string>) {}

  /** Starts the process and resolves once it logs that it listens; rejects, naming why, if it exits first or takes over 20 s. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await new Promise<void>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`the receiver process did not log "receiver listening" within 20 s:\n${stderr}`)), 20_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.includes('receiver listening')) {
          clearTimeout(timer);
          resolvePromise();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the receiver process exited (${code ?? signal}) before listening:\n${stderr}`));
      });
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

async function startAwsWorld(options: WorldOptions): Promise<ChaosWorld> {
  const { simulator, fivetran } = await startFivetran(options);
  const throttle = storeThrottle(options.seed + 1);
  const aws: LocalAws = await startLocalAws({
    fivetran: simulator,
    webhookSecret: WEBHOOK_SECRET,
    reconcileIntervalMs: RECONCILE_INTERVAL_MS,
    reconcileAfterSeconds: 0,
    dynamoDbFault: throttle.fault,
  });
  let url = aws.webhookUrl;
  let server: ServerProcess | null = null;
  if (options.restartableReceiver) {
    const port = await closedPort();
    server = new ServerProcess({
      ...aws.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      RUNS_TABLE_NAME: aws.outputs[StackOutputs.tableName] as string,
      FIVETRAN_WEBHOOK_SECRET: WEBHOOK_SECRET,
      LOG_LEVEL: 'info',
    });
    await server.start();
    url = `http://127.0.0.1:${port}/webhook`;
  }
  await fivetran.createGroupWebhook(GROUP, { url, events: ['sync_start', 'sync_end'], secret: WEBHOOK_SECRET, active: true });
  const engine = createSfnEngine({ stackName: aws.stackName, env: aws.env, poll: { initialMs: 50, maxMs: 200 } });
  const sendTaskCalls = () => aws.calls.filter((c) => c.service === 'sfn' && (c.action === 'SendTaskSuccess' || c.action === 'SendTaskFailure'));
  const tokenOf = (input: unknown) => (input as { taskToken?: string; Payload?: { taskToken?: string } }).taskToken ?? (input as { Payload?: { taskToken?: string } }).Payload?.taskToken;
  return {
    kind: 'aws',
    simulator,
    fivetran,
    receiverUrl: () => url,
    repairBoundMs() {
      const longest = Math.max(0, ...aws.reconcilePasses.map((p) => (p.endedAt ?? Date.now()) - p.startedAt));
      return RECONCILE_INTERVAL_MS + 2 * longest;
    },
    waitersRegisteredAt() {
      const at = new Map<string, number>();
      for (const call of aws.calls) {
        const payload = (call.input as { Payload?: { connectionId?: string; taskToken?: string } }).Payload;
        if (call.service === 'lambda' && payload?.taskToken && payload.connectionId) at.set(payload.connectionId, call.at);
      }
      return at;
    },
    start: (runId, request = {}) => engine.start({ groupId: GROUP, ...request }, { runId }),
    async killReceiver() {
      if (!server) throw new Error('this world was started without a restartable receiver');
      await server.kill();
    },
    async restartReceiver() {
      await server?.start();
    },
    throttleStore: throttle.set,
    throttledStoreCalls: throttle.count,
    waiters() {
      const waits = new Set(aws.calls.filter((c) => c.service === 'lambda' && tokenOf(c.input)).map((c) => tokenOf(c.input) as string));
      const accepted = new Map<string, number>();
      let redundant = 0;
      for (const call of sendTaskCalls()) {
        const token = tokenOf(call.input) as string;
        if (call.error) redundant += 1;
        else accepted.set(token, (accepted.get(token) ?? 0) + 1);
      }
      return tally(waits, (t) => accepted.get(t) ?? 0, redundant);
    },
    async close() {
      await engine.close();
      await server?.kill();
      await aws.close();
      await simulator.close();
    },
  };
}

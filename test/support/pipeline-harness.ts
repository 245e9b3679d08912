/**
 * A whole local pipeline on loopback for integration tests: the Fivetran simulator, the real
 * client, the in-process webhook receiver registered as a group webhook, the local engine and the
 * demo's stand-in dbt. Everything is real except Fivetran itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFivetranClient, type FivetranClient } from '../../src/core/fivetran/client.js';
import type { RunRequest } from '../../src/core/pipeline/run-request.js';
import type { RunReport } from '../../src/core/report/run-report.js';
import { MemoryRunStore } from '../../src/core/runs/memory-store.js';
import type { RunStore } from '../../src/core/runs/records.js';
import { DEMO_DBT_SCRIPT } from '../../src/demo/demo.js';
import { listenForWebhooks, type WebhookListener } from '../../src/engine/local/webhook-listener.js';
import type { RunEvent, RunHandle } from '../../src/engine/run-api.js';
import { createLocalEngine, type LocalEngine, type LocalEngineOptions } from '../../src/engine/local/local-engine.js';
import { LocalTaskTokens } from '../../src/engine/local/local-task-tokens.js';
import { startSimulator, type Simulator, type SimulatedConnection, type SimulatorOptions } from '../../src/simulator/simulator.js';

export const GROUP = 'group_under_test';
/** The secret of the harness's group webhook, for tests that deliver webhooks themselves. */
export const WEBHOOK_SECRET = 'harness-webhook-secret';

export type Harness = {
  simulator: Simulator;
  fivetran: FivetranClient;
  store: RunStore;
  tokens: LocalTaskTokens;
  engine: LocalEngine;
  listener: WebhookListener | null;
  /** Every event of every run started through the harness, in order. */
  events: RunEvent[];
  /** Calls `listener` with each event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: RunEvent) => void): () => void;
  /** Starts a run of the group and returns its handle. */
  start(request?: Partial<RunRequest>): Promise<RunHandle>;
  /** Runs to the end and returns the report. */
  run(request?: Partial<RunRequest>): Promise<{ report: RunReport }>;
  close(): Promise<void>;
};

export type HarnessOptions = {
  connections: SimulatedConnection[];
  mode?: 'webhook' | 'poll';
  simulator?: Omit<SimulatorOptions, 'groups'>;
  /** Wraps the store (e.g. to delay a method). */
  wrapStore?: (store: RunStore) => RunStore;
  pageSize?: number;
  dbtEnv?: Record<string, string>;
  definition?: Record<string, unknown>;
  /** Handlers that replace the engine's, by state name. */
  extraHandlers?: LocalEngineOptions['extraHandlers'];
  /** How often a webhook run reads connections as a fallback. @default 60000 */
  fallbackIntervalMs?: number;
};

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const simulator = await startSimulator({ groups: [{ id: GROUP, connections: options.connections }], ...options.simulator });
  const base = new MemoryRunStore();
  const store = options.wrapStore ? options.wrapStore(base) : base;
  const tokens = new LocalTaskTokens();
  const mode = options.mode ?? 'webhook';
  const fivetran = createFivetranClient({
    apiKey: simulator.apiKey,
    apiSecret: simulator.apiSecret,
    baseUrl: simulator.url,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  let listener: WebhookListener | null = null;
  if (mode === 'webhook') {
    listener = await listenForWebhooks({ secrets: [WEBHOOK_SECRET], store, completer: tokens });
    await fivetran.createGroupWebhook(GROUP, { url: listener.url, events: ['sync_start', 'sync_end'], secret: WEBHOOK_SECRET, active: true });
  }
  const cwd = await mkdtemp(join(tmpdir(), 'pipeline-harness-'));
  const events: RunEvent[] = [];
  const listeners = new Set<(event: RunEvent) => void>();
  const engine = createLocalEngine({
    fivetran,
    store,
    tokens,
    // Webhook runs read connections only as the production fallback (60 s) unless a test asks for
    // sooner: otherwise a loaded machine lets the fallback read win the race with the webhook.
    completion: { mode, pollIntervalMs: 50, fallbackIntervalMs: options.fallbackIntervalMs ?? 60_000 },
    dbt: { command: process.execPath, commandPrefixArgs: [DEMO_DBT_SCRIPT], cwd, env: options.dbtEnv },
    ...(options.definition ? { definition: options.definition } : {}),
    ...(options.extraHandlers ? { extraHandlers: options.extraHandlers } : {}),
    progressIntervalMs: 20,
  });
  const start = (request: Partial<RunRequest> = {}) => engine.start({ groupId: GROUP, ...request }, {
      onEvent: (e) => {
        events.push(e);
        for (const listener of [...listeners]) listener(e);
      },
    });
  return {
    simulator,
    fivetran,
    store,
    tokens,
    engine,
    listener,
    events,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    run: async (request) => ({ report: await (await start(request)).result }),
    close: async () => {
      await listener?.close();
      await simulator.close();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/** `n` connections named c001.. with the given sync duration. */
export function connections(n: number, overrides: Partial<SimulatedConnection> = {}): SimulatedConnection[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${String(i + 1).padStart(3, '0')}`, syncDurationMs: 30, ...overrides }));
}

/**
 * Resolves with the first engine event (already seen or to come) for which `predicate` holds: a
 * subscription, not a poll. `description` names the event in the error if none arrives before the
 * deadline, which only bounds a broken run.
 */
export function nextEvent(harness: Harness, description: string, predicate: (e: RunEvent) => boolean, timeoutMs = 30_000): Promise<RunEvent> {
  const seen = harness.events.find(predicate);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Waited ${timeoutMs} ms for ${description}; events so far: ${harness.events.map((e) => e.type + ('phase' in e ? `:${String(e.phase)}` : '')).join(', ') || 'none'}`));
    }, timeoutMs);
    const unsubscribe = harness.subscribe((event) => {
      if (!predicate(event)) return;
      clearTimeout(deadline);
      unsubscribe();
      resolve(event);
    });
  });
}

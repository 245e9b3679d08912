/**
 * `fivetran-dbt run`: one pipeline run on the local engine. With FIVETRAN_API_KEY/SECRET and
 * --group it drives real Fivetran; without credentials it runs the embedded demo and says so.
 * Exit codes: 0 succeeded, 1 the run failed, 2 usage or configuration error, 130 cancelled.
 */
import { ConfigError, messageOf } from '../core/errors.js';
import { fivetranClientFromEnv, type FivetranClient } from '../core/fivetran/client.js';
import { FivetranApiError } from '../core/fivetran/errors.js';
import { NotConnectedPolicy, PausedPolicy, prepareRun, SyncFailurePolicy, type RunRequest } from '../core/pipeline/run-request.js';
import { buildRunReport, type RunReport } from '../core/report/run-report.js';
import { MemoryRunStore } from '../core/runs/memory-store.js';
import type { RunStore } from '../core/runs/records.js';
import { parseWebhookSecrets } from '../core/webhook/receiver.js';
import { createLocalEngine, type CompletionMode } from '../engine/local/local-engine.js';
import { LocalTaskTokens } from '../engine/local/local-task-tokens.js';
import { startDemo } from '../demo/demo.js';
import { parseChoice, parseDuration, parseEnvPairs, parseList, parsePort } from '../core/options.js';
import { formatReport, ProgressRenderer } from './render.js';
import { listenForWebhooks, type WebhookListener } from '../engine/local/webhook-listener.js';

export type CliIO = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Where SIGINT/SIGTERM arrive (the process, or an emitter in tests). */
  signals?: { on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown; off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  cwd: string;
};

export type RunCommandOptions = {
  group?: string;
  connection?: string[];
  skipSync?: boolean;
  force?: boolean;
  onPaused: string;
  onNotConnected: string;
  onSyncFailure: string;
  syncTimeout?: string;
  dbt?: string;
  dbtDir?: string;
  dbtEnv?: string[];
  completion: string;
  pollInterval?: string;
  webhookPort?: string;
  webhookHost?: string;
  json?: boolean;
  progress: boolean;
  demo?: boolean;
  demoConnections?: string;
};

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** The values of `--completion`. */
export const COMPLETION_CHOICES = ['auto', 'webhook', 'poll'] as const;

type Environment = {
  fivetran: FivetranClient;
  groupId: string | undefined;
  store: RunStore;
  tokens: LocalTaskTokens;
  mode: CompletionMode;
  dbt: { command: string; commandPrefixArgs?: string[]; cwd: string };
  close(): Promise<void>;
};

function buildRequest(options: RunCommandOptions, groupId: string | undefined, dbtArgs: string[], env: NodeJS.ProcessEnv): RunRequest {
  return {
    groupId,
    connectionIds: parseList(options.connection),
    skipSync: options.skipSync ?? false,
    force: options.force ?? false,
    policies: {
      paused: parseChoice('--on-paused', options.onPaused, Object.values(PausedPolicy)),
      notConnected: parseChoice('--on-not-connected', options.onNotConnected, Object.values(NotConnectedPolicy)),
      syncFailure: parseChoice('--on-sync-failure', options.onSyncFailure, Object.values(SyncFailurePolicy)),
    },
    ...(options.syncTimeout ? { syncTimeoutSeconds: Math.ceil(parseDuration('--sync-timeout', options.syncTimeout)) } : {}),
    dbt: { args: dbtArgs.length > 0 ? dbtArgs : ['build'], env: parseEnvPairs('--dbt-env', options.dbtEnv ?? []) },
    trigger: { source: 'cli', ...(env.USER ? { actor: env.USER } : {}) },
  };
}

async function realEnvironment(options: RunCommandOptions, io: CliIO): Promise<Environment> {
  const fivetran = fivetranClientFromEnv(io.env);
  if (!options.group && !options.skipSync) throw new ConfigError('--group is required: the Fivetran group (destination) whose connections to sync.');
  const store = new MemoryRunStore();
  const tokens = new LocalTaskTokens();
  const mode = parseChoice('--completion', options.completion, COMPLETION_CHOICES);
  let listener: WebhookListener | null = null;
  if (mode === 'webhook' || (mode === 'auto' && options.webhookPort !== undefined)) {
    if (options.webhookPort === undefined) throw new ConfigError('--completion webhook needs --webhook-port (where Fivetran\'s deliveries reach this machine).');
    const secrets = parseWebhookSecrets(io.env.FIVETRAN_WEBHOOK_SECRET ?? '');
    if (secrets.length === 0) throw new ConfigError('FIVETRAN_WEBHOOK_SECRET is required with --webhook-port: the secret of the Fivetran webhook that delivers to it.');
    listener = await listenForWebhooks({ secrets, store, completer: tokens, port: parsePort('--webhook-port', options.webhookPort), host: options.webhookHost ?? '0.0.0.0' });
    io.stderr.write(`Receiving Fivetran webhooks at ${listener.url} (put an HTTPS endpoint in front and register it with \`fivetran-dbt webhook register\`).\n`);
  }
  return {
    fivetran,
    groupId: options.group,
    store,
    tokens,
    mode: listener ? 'webhook' : 'poll',
    dbt: { command: options.dbt ?? io.env.DBT_COMMAND ?? 'dbt', cwd: options.dbtDir ?? io.cwd },
    close: async () => listener?.close(),
  };
}

async function demoEnvironment(options: RunCommandOptions, io: CliIO): Promise<Environment> {
  const connections = options.demoConnections ? Number(options.demoConnections) : 8;
  if (!Number.isInteger(connections) || connections < 1 || connections > 5000) throw new ConfigError('--demo-connections must be an integer from 1 to 5000.');
  const demo = await startDemo({ connections });
  io.stderr.write(
    `Demo run: FIVETRAN_API_KEY and FIVETRAN_API_SECRET are not set, so this uses the bundled Fivetran simulator (${connections} connections in group ${demo.groupId}, webhooks signed and delivered on loopback) and a stand-in dbt. Set them and pass --group <id> to sync real connections.\n`,
  );
  return {
    fivetran: demo.fivetran,
    groupId: demo.groupId,
    store: demo.store,
    tokens: demo.tokens,
    mode: 'webhook',
    dbt: options.dbt ? { command: options.dbt, cwd: options.dbtDir ?? io.cwd } : demo.dbt,
    close: () => demo.close(),
  };
}

/** Fails fast, before anything is triggered, on credentials, an unknown group or an unreachable API. */
async function preflight(env: Environment, io: CliIO, demo: boolean): Promise<void> {
  if (demo || !env.groupId) return;
  const client = fivetranClientFromEnv(io.env, { maxRetries: 2 });
  await client.getGroup(env.groupId);
}

export async function runCommand(options: RunCommandOptions, dbtArgs: string[], io: CliIO): Promise<number> {
  const demo = options.demo === true || (!io.env.FIVETRAN_API_KEY && !io.env.FIVETRAN_API_SECRET);
  let env: Environment | null = null;
  try {
    env = demo ? await demoEnvironment(options, io) : await realEnvironment(options, io);
    const request = buildRequest(options, env.groupId, dbtArgs, io.env);
    prepareRun(request, 'validation');
    await preflight(env, io, demo);
    return await execute(env, request, options, io);
  } catch (error) {
    // A ConfigError goes on to main(), which prints it and exits with EXIT.usage.
    if (error instanceof FivetranApiError) {
      io.stderr.write(`error: ${error.message}\n`);
      return error.status >= 400 && error.status < 500 ? EXIT.usage : EXIT.failed;
    }
    throw error;
  } finally {
    await env?.close();
  }
}

async function execute(env: Environment, request: RunRequest, options: RunCommandOptions, io: CliIO): Promise<number> {
  const tty = io.stderr.isTTY === true;
  const renderer = options.progress ? new ProgressRenderer({ write: (t) => io.stderr.write(t) }, tty) : null;
  let printing: Promise<void> = Promise.resolve();
  const engine = createLocalEngine({
    fivetran: env.fivetran,
    store: env.store,
    tokens: env.tokens,
    completion: {
      mode: env.mode,
      ...(options.pollInterval ? { pollIntervalMs: parseDuration('--poll-interval', options.pollInterval) * 1000 } : {}),
    },
    dbt: env.dbt,
    onEvent: (event) => {
      if (!renderer) return;
      // In order, and with the records as they are when a state starts, so every connection's
      // last change is printed before the next phase (and dbt's output) begins.
      printing = printing.then(async () => {
        if (event.type === 'state') {
          renderer.update(await env.store.listRunRecords(event.runId));
          renderer.setPhase(event.state);
        } else if (event.type === 'dbt-line') renderer.line(`dbt | ${event.line}`);
        else if (event.type === 'watch-error') renderer.line(`warning: ${event.message}`);
      });
    },
  });
  const handle = await engine.start(request);
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.cancelled);
    io.stderr.write('\nCancelling the run (press Ctrl-C again to quit at once)...\n');
    void handle.cancel('interrupted by the user');
  };
  io.signals?.on('SIGINT', onSignal);
  io.signals?.on('SIGTERM', onSignal);
  let timer: NodeJS.Timeout | undefined;
  if (renderer) {
    const refresh = async () => renderer.update(await env.store.listRunRecords(handle.runId));
    timer = setInterval(() => void refresh().catch(() => undefined), tty ? 200 : 500);
  }
  try {
    const outcome = await handle.result;
    clearInterval(timer);
    await printing;
    const records = await env.store.listRunRecords(handle.runId);
    if (renderer) {
      renderer.update(records);
      renderer.clear();
    }
    const report: RunReport = buildRunReport({
      ...outcome,
      records,
      dbt: outcome.dbt ? { exitCode: outcome.dbt.exitCode, durationSeconds: Math.round(outcome.dbt.durationMs / 100) / 10, summary: outcome.dbt.runResults } : null,
    });
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    if (outcome.state === 'SUCCEEDED') return EXIT.ok;
    return outcome.state === 'CANCELLED' ? EXIT.cancelled : EXIT.failed;
  } catch (error) {
    io.stderr.write(`error: ${messageOf(error)}\n`);
    return EXIT.failed;
  } finally {
    clearInterval(timer);
    io.signals?.off('SIGINT', onSignal);
    io.signals?.off('SIGTERM', onSignal);
  }
}

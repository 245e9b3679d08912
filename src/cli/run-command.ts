/**
 * `fivetran-dbt run`, `status` and `cancel`: one pipeline run through `runPipeline`, on the local
 * engine (the default; the demo without Fivetran credentials) or on a deployed stack (`--engine
 * aws`). The same live progress, report, `--json` and exit codes either way.
 * Exit codes: 0 succeeded, 1 the run failed, 2 usage or configuration error, 130 cancelled.
 */
import { ConfigError, messageOf } from '../core/errors.js';
import { fivetranClientFromEnv } from '../core/fivetran/client.js';
import { FivetranApiError } from '../core/fivetran/errors.js';
import { parseChoice, parseDuration, parseEnvPairs, parseList, parsePort } from '../core/options.js';
import { NotConnectedPolicy, PausedPolicy, SyncFailurePolicy, type RunRequest } from '../core/pipeline/run-request.js';
import type { RunReport } from '../core/report/run-report.js';
import { RunKinds } from '../core/stack-contract.js';
import { parseWebhookSecrets } from '../core/webhook/receiver.js';
import { prepareLocalRun, type LocalSetup } from '../engine/local/local-setup.js';
import type { RunEngine, RunEvent, RunHandle } from '../engine/run-api.js';
import { createEngine, runPipeline } from '../engine/run-pipeline.js';
import { COMPLETION_CHOICES, ENGINE_CHOICES, EXIT, type CliIO } from './cli-io.js';
import { formatReport, ProgressRenderer } from './render.js';

/** Where a run goes: the local engine, or a deployed stack (and which of its state machines, by `kind`). */
export type EngineFlags = { engine: string; stack?: string; stateMachineArn?: string; kind?: string };

export type RunCommandOptions = EngineFlags & {
  group?: string;
  connection?: string[];
  skipSync?: boolean;
  skipDbt?: boolean;
  dryRun?: boolean;
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
  runId?: string;
  json?: boolean;
  progress: boolean;
  demo?: boolean;
  demoConnections?: string;
};

/** The run request the flags describe. */
export function buildRequest(options: RunCommandOptions, groupId: string | undefined, dbtArgs: string[], env: NodeJS.ProcessEnv): RunRequest {
  return {
    groupId,
    connectionIds: parseList(options.connection),
    skipSync: options.skipSync ?? false,
    skipDbt: options.skipDbt ?? false,
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

/** The aws engine for `--stack`/`--state-machine-arn`, configured from the environment. */
async function awsEngine(flags: EngineFlags, io: CliIO): Promise<RunEngine> {
  if (!flags.stack && !flags.stateMachineArn) throw new ConfigError('--engine aws needs --stack <name> or --state-machine-arn <arn> (the deployed pipeline).');
  const runKind = parseChoice('--kind', flags.kind ?? 'production', RunKinds);
  return createEngine({ kind: 'aws', options: { stackName: flags.stack, stateMachineArn: flags.stateMachineArn, runKind, env: io.env } });
}

/** The local engine: real Fivetran with credentials, or the demo. */
async function localSetup(options: RunCommandOptions, io: CliIO, demo: boolean): Promise<LocalSetup> {
  const pollIntervalMs = options.pollInterval ? parseDuration('--poll-interval', options.pollInterval) * 1000 : undefined;
  if (demo) {
    const connections = options.demoConnections ? Number(options.demoConnections) : 8;
    if (!Number.isInteger(connections) || connections < 1 || connections > 5000) throw new ConfigError('--demo-connections must be an integer from 1 to 5000.');
    const setup = await prepareLocalRun({
      demoConnections: connections,
      ...(pollIntervalMs ? { pollIntervalMs } : {}),
      ...(options.dbt ? { dbt: { command: options.dbt, cwd: options.dbtDir ?? io.cwd } } : {}),
    });
    io.stderr.write(
      `Demo run: FIVETRAN_API_KEY and FIVETRAN_API_SECRET are not set, so this uses the bundled Fivetran simulator (${connections} connections in group ${setup.demoGroupId}, webhooks signed and delivered on loopback) and a stand-in dbt. Set them and pass --group <id> to sync real connections.\n`,
    );
    return setup;
  }
  const fivetran = fivetranClientFromEnv(io.env);
  if (!options.group && !options.skipSync) throw new ConfigError('--group is required: the Fivetran group (destination) whose connections to sync.');
  const mode = parseChoice('--completion', options.completion, COMPLETION_CHOICES);
  let webhook: { port: number; host?: string; secrets: string[] } | undefined;
  if (mode === 'webhook' || (mode === 'auto' && options.webhookPort !== undefined)) {
    if (options.webhookPort === undefined) throw new ConfigError('--completion webhook needs --webhook-port (where Fivetran\'s deliveries reach this machine).');
    const secrets = parseWebhookSecrets(io.env.FIVETRAN_WEBHOOK_SECRET ?? '');
    if (secrets.length === 0) throw new ConfigError('FIVETRAN_WEBHOOK_SECRET is required with --webhook-port: the secret of the Fivetran webhook that delivers to it.');
    webhook = { port: parsePort('--webhook-port', options.webhookPort), secrets, ...(options.webhookHost ? { host: options.webhookHost } : {}) };
  }
  // Fails fast, before anything is triggered, on credentials, an unknown group or an unreachable API.
  if (options.group) await fivetranClientFromEnv(io.env, { maxRetries: 2 }).getGroup(options.group);
  const setup = await prepareLocalRun({ fivetran, ...(webhook ? { webhook } : {}), ...(pollIntervalMs ? { pollIntervalMs } : {}), dbt: { command: options.dbt ?? io.env.DBT_COMMAND ?? 'dbt', cwd: options.dbtDir ?? io.cwd } });
  if (setup.webhookUrl) io.stderr.write(`Receiving Fivetran webhooks at ${setup.webhookUrl} (put an HTTPS endpoint in front and register it with \`fivetran-dbt webhook register\`).\n`);
  return setup;
}

export async function runCommand(options: RunCommandOptions, dbtArgs: string[], io: CliIO): Promise<number> {
  const engineKind = parseChoice('--engine', options.engine, ENGINE_CHOICES);
  const demo = engineKind === 'local' && (options.demo === true || (!io.env.FIVETRAN_API_KEY && !io.env.FIVETRAN_API_SECRET));
  let setup: LocalSetup | null = null;
  let engine: RunEngine | null = null;
  try {
    if (engineKind === 'aws') {
      if (!options.group && !options.skipSync) throw new ConfigError('--group is required: the Fivetran group (destination) whose connections to sync.');
      engine = await awsEngine(options, io);
    } else {
      setup = await localSetup(options, io, demo);
      engine = await createEngine({ kind: 'local', options: setup.engineOptions });
    }
    const request = buildRequest(options, options.group ?? setup?.demoGroupId ?? undefined, dbtArgs, io.env);
    return await follow(engine, { request, ...(options.runId ? { runId: options.runId } : {}) }, options, io);
  } catch (error) {
    // A ConfigError goes on to main(), which prints it and exits with EXIT.usage.
    if (error instanceof FivetranApiError) {
      io.stderr.write(`error: ${error.message}\n`);
      return error.status >= 400 && error.status < 500 ? EXIT.usage : EXIT.failed;
    }
    throw error;
  } finally {
    await engine?.close();
    await setup?.close();
  }
}

/** `status <run-id>`: follows a run on a deployed stack to its end (or prints where it stands with --no-wait). */
export async function statusCommand(runId: string, options: EngineFlags & { json?: boolean; progress: boolean; wait: boolean }, io: CliIO): Promise<number> {
  const engine = await awsEngine(options, io);
  try {
    return await follow(engine, { attachTo: runId }, { ...options, detachAtOnce: !options.wait }, io);
  } finally {
    await engine.close();
  }
}

/** `cancel <run-id>`: stops a run on a deployed stack and prints its report. */
export async function cancelCommand(runId: string, options: EngineFlags & { json?: boolean; reason?: string }, io: CliIO): Promise<number> {
  const engine = await awsEngine(options, io);
  try {
    const handle = await engine.attach(runId);
    await handle.cancel(options.reason ?? 'cancelled from the command line');
    return printReport(await handle.result, options, io);
  } finally {
    await engine.close();
  }
}

function printReport(report: RunReport, options: { json?: boolean }, io: CliIO): number {
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  if (report.status === 'SUCCEEDED') return EXIT.ok;
  if (report.status === 'RUNNING') return EXIT.ok;
  return report.status === 'CANCELLED' ? EXIT.cancelled : EXIT.failed;
}

/** Runs or follows one run with live progress on stderr; Ctrl-C (or SIGTERM) cancels it. */
async function follow(
  engine: RunEngine,
  target: { request: RunRequest; runId?: string } | { attachTo: string },
  options: { json?: boolean; progress: boolean; detachAtOnce?: boolean },
  io: CliIO,
): Promise<number> {
  const tty = io.stderr.isTTY === true;
  const renderer = options.progress ? new ProgressRenderer({ write: (t) => io.stderr.write(t) }, tty, { columns: () => io.stderr.columns ?? 80 }) : null;
  const cancel = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.cancelled);
    io.stderr.write(`\nCancelling the run (press Ctrl-C again to quit at once)...\n`);
    cancel.abort('interrupted by the user');
  };
  io.signals?.on('SIGINT', onSignal);
  io.signals?.on('SIGTERM', onSignal);
  const onEvent = (event: RunEvent) => {
    if (event.type === 'started' && event.consoleUrl) io.stderr.write(`${event.attached ? 'Following' : 'Started'} ${event.executionArn}\n  ${event.consoleUrl}\n`);
    if (!renderer) return;
    if (event.type === 'connections') renderer.update(event.records);
    else if (event.type === 'phase') renderer.setPhase(event.phase);
    else if (event.type === 'dbt-line') renderer.line(`dbt | ${event.line}`);
    else if (event.type === 'warning') renderer.line(`warning: ${event.message}`);
  };
  try {
    const { report } = await runPipeline({
      engine,
      ...target,
      signal: cancel.signal,
      onEvent,
      onHandle: (handle: RunHandle) => {
        if (options.detachAtOnce) handle.detach();
      },
    });
    renderer?.clear();
    return printReport(report, options, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof FivetranApiError) throw error;
    io.stderr.write(`error: ${messageOf(error)}\n`);
    return EXIT.failed;
  } finally {
    io.signals?.off('SIGINT', onSignal);
    io.signals?.off('SIGTERM', onSignal);
  }
}

#!/usr/bin/env node
/**
 * The `fivetran-dbt` command line: `run` (the local engine, the demo without credentials, or a
 * deployed stack with `--engine aws`; `--dry-run` shows the plan), `status` and `cancel` (runs on
 * a deployed stack), `groups` and `connections` (what a run would work on), `simulate` (the
 * bundled Fivetran simulator), `serve` (the self-hosted webhook receiver), `webhook` (register,
 * list, test and delete Fivetran webhooks) and `deploy` (the prebuilt stack).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, messageOf } from '../core/errors.js';
import { NotConnectedPolicy, PausedPolicy, SyncFailurePolicy } from '../core/pipeline/policies.js';
import { RunKinds } from '../core/stack-contract.js';
import { COMPLETION_CHOICES, ENGINE_CHOICES, EXIT, type CliIO } from './cli-io.js';
import { dryRunCommand, inspectCommands } from './inspect-command.js';
import type { RunCommandOptions } from './run-command.js';
import type { SimulateOptions } from './simulate-command.js';
import { deployCommand } from './deploy-command.js';
import { webhookCommands } from './webhook-command.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('fivetran-dbt')
    .description('Sync a Fivetran group\'s connections, wait for every sync, then run dbt.')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  program
    .command('run')
    .description('Run the pipeline: on this machine (the local engine; without FIVETRAN_API_KEY/FIVETRAN_API_SECRET a demo against the bundled simulator), or on a deployed stack with --engine aws.')
    .argument('[dbt-args...]', 'arguments for dbt after "--" (default: build)')
    .addOption(new Option('--engine <engine>', 'where the run executes: local (this machine) or aws (a deployed stack)').choices(ENGINE_CHOICES).default('local'))
    .option('--stack <name>', 'aws: the deployed stack (its outputs name the state machine)')
    .option('--state-machine-arn <arn>', 'aws: the state machine, instead of --stack')
    .addOption(new Option('--kind <kind>', 'aws with --stack: production runs, or pull-request (CI) runs on the CI state machine, with the CI warehouse credentials').choices(RunKinds).default('production'))
    .option('--run-id <id>', 'the run\'s id (an execution name; a run with this id that is going is followed instead of started twice)')
    .option('-g, --group <id>', 'Fivetran group (destination) id whose connections to sync')
    .option('-c, --connection <ids>', 'only these connections (repeat or comma-separate)', collect)
    .option('--skip-sync', 'run dbt only')
    .option('--skip-dbt', 'sync and wait only, no dbt (--on-sync-failure still decides whether a failed sync fails the run)')
    .option('--dry-run', 'print what the run would do (policies, syncs to trigger or skip, the dbt command) and trigger nothing')
    .option('--force', 'restart syncs that are already running')
    .addOption(new Option('--on-paused <policy>', 'paused connections').choices(Object.values(PausedPolicy)).default('skip'))
    .addOption(new Option('--on-not-connected <policy>', 'connections whose setup is broken or incomplete').choices(Object.values(NotConnectedPolicy)).default('fail'))
    .addOption(new Option('--on-sync-failure <policy>', 'when a sync fails: no dbt and a failed run, or dbt on stale data').choices(Object.values(SyncFailurePolicy)).default('fail'))
    .option('--sync-timeout <duration>', 'give up waiting for syncs after this long, e.g. 90m (default 6h)')
    .option('--dbt <command>', 'the dbt executable (default: $DBT_COMMAND or dbt)')
    .option('--dbt-dir <path>', 'the dbt project directory (default: the current directory)')
    .option('--dbt-env <KEY=VALUE>', 'extra environment for dbt (repeat)', collect)
    .addOption(new Option('--completion <mode>', 'how sync ends are noticed: webhook (needs --webhook-port), poll, or auto').choices(COMPLETION_CHOICES).default('auto'))
    .option('--poll-interval <duration>', 'how often connections are read when polling (default 10s)')
    .option('--webhook-port <port>', 'receive Fivetran webhooks on this port (needs FIVETRAN_WEBHOOK_SECRET)')
    .option('--webhook-host <host>', 'the address to listen on (default 0.0.0.0)')
    .option('--json', 'print the run report as JSON on stdout')
    .option('--no-progress', 'do not print progress on stderr')
    .option('--demo', 'run the demo even when Fivetran credentials are set')
    .option('--demo-connections <n>', 'connections in the demo group (default 8)')
    .action(async (dbtArgs: string[], options: RunCommandOptions) => {
      if (options.dryRun) return setExit(await dryRun(options, dbtArgs, io));
      const { runCommand } = await import('./run-command.js');
      setExit(await runCommand(options, dbtArgs, io));
    });

  const awsFlags = (command: Command) =>
    command
      .option('--stack <name>', 'the deployed stack (its outputs name the state machine)')
      .option('--state-machine-arn <arn>', 'the state machine, instead of --stack')
      .addOption(new Option('--kind <kind>', 'with --stack: the run is on the production or the CI state machine').choices(RunKinds).default('production'))
      .option('--json', 'print the run report as JSON on stdout');

  awsFlags(
    program
      .command('status')
      .description('Follow a run on a deployed stack until it ends and print its report (--no-wait: print where it stands now).')
      .argument('<run-id>', 'the run id (execution name) or the execution ARN')
      .option('--no-wait', 'print the report as it stands now, without waiting for the end')
      .option('--no-progress', 'do not print progress on stderr'),
  ).action(async (runId: string, options: { stack?: string; stateMachineArn?: string; kind: string; json?: boolean; progress: boolean; wait: boolean }) => {
    const { statusCommand } = await import('./run-command.js');
    setExit(await statusCommand(runId, { ...options, engine: 'aws' }, io));
  });

  awsFlags(
    program
      .command('cancel')
      .description('Stop a run on a deployed stack (StopExecution: waits end, the dbt task is stopped, syncs already triggered run on at Fivetran) and print its report.')
      .argument('<run-id>', 'the run id (execution name) or the execution ARN')
      .option('--reason <text>', 'why, recorded as the execution\'s cause'),
  ).action(async (runId: string, options: { stack?: string; stateMachineArn?: string; kind: string; json?: boolean; reason?: string }) => {
    const { cancelCommand } = await import('./run-command.js');
    setExit(await cancelCommand(runId, { ...options, engine: 'aws' }, io));
  });

  program
    .command('simulate')
    .description('Serve the Fivetran API simulator on loopback until interrupted (for trying the CLI or your own tooling).')
    .option('-p, --port <port>', 'port (default: any free port)', '0')
    .option('--connections <n>', 'connections in the simulated group', '8')
    .option('--group <id>', 'the simulated group id', 'demo_group')
    .option('--seed <n>', 'seed for everything random', '1')
    .option('--failures <n>', 'connections whose sync fails', '0')
    .option('--min-sync <duration>', 'shortest sync', '1s')
    .option('--max-sync <duration>', 'longest sync', '5s')
    .action(async (options: SimulateOptions) => {
      const { simulateCommand } = await import('./simulate-command.js');
      setExit(await simulateCommand(options, io));
    });

  program
    .command('serve')
    .description('Run the self-hosted webhook receiver (configured from the environment, see docs/self-hosted-receiver.md).')
    .option('-p, --port <port>', 'port (overrides PORT)')
    .action(async (options: { port?: string }) => {
      const { runServerProcess } = await import('../server/main.js');
      await runServerProcess({ ...io.env, ...(options.port ? { PORT: options.port } : {}) });
    });

  for (const command of inspectCommands(io, setExit)) program.addCommand(command);
  program.addCommand(webhookCommands(io, setExit));
  program.addCommand(deployCommand(io, setExit));
  return program;
}

/** `run --dry-run`: the demo without credentials, as `run` itself decides. */
async function dryRun(options: RunCommandOptions, dbtArgs: string[], io: CliIO): Promise<number> {
  const local = options.engine !== 'aws';
  const demo = local && (options.demo === true || (!io.env.FIVETRAN_API_KEY && !io.env.FIVETRAN_API_SECRET));
  const demoConnections = options.demoConnections ? Number(options.demoConnections) : 8;
  if (!Number.isInteger(demoConnections) || demoConnections < 1 || demoConnections > 5000) throw new ConfigError('--demo-connections must be an integer from 1 to 5000.');
  if (!demo && !options.group && !options.skipSync) throw new ConfigError('--group is required: the Fivetran group (destination) whose connections to sync.');
  const dbt = local ? { command: options.dbt ?? io.env.DBT_COMMAND ?? 'dbt', cwd: options.dbtDir ?? io.cwd } : null;
  const { buildRequest } = await import('./run-command.js');
  return dryRunCommand(buildRequest(options, options.group, dbtArgs, io.env), { demo, demoConnections, dbt }, options, io);
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`error: ${messageOf(error)}\n`);
    return EXIT.failed;
  }
}

function isEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs the CLI as this process: real streams, signals and exit code. */
export function runCli(): void {
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: process, cwd: process.cwd() };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${messageOf(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}

if (isEntry()) runCli();

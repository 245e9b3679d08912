/**
 * Finding things and trying safely: `groups` and `connections` list what a run would work on, with
 * the state that decides it (paused, setup state, schedule, last success); `run --dry-run` shows
 * what a run would do (the policies applied, what it would trigger or skip, the dbt command)
 * through the same `selectConnections` the StartSyncs state uses, and triggers nothing.
 */
import { Command } from 'commander';
import { ConfigError } from '../core/errors.js';
import type { FivetranClient } from '../core/fivetran/client.js';
import type { Connection } from '../core/fivetran/types.js';
import type { PreparedRun, RunRequest } from '../core/pipeline/run-request.js';
import { table } from './render.js';
import { EXIT, type CliIO } from './cli-io.js';

/** One connection as `connections` lists it. */
export type ConnectionRow = {
  id: string;
  schema: string | null;
  service: string | null;
  paused: boolean;
  setupState: string;
  syncState: string;
  scheduleType: string | null;
  syncFrequencyMinutes: number | null;
  succeededAt: string | null;
  failedAt: string | null;
};

const row = (c: Connection): ConnectionRow => ({
  id: c.id,
  schema: c.schema ?? null,
  service: c.service ?? null,
  paused: c.paused,
  setupState: c.status.setup_state,
  syncState: c.status.sync_state,
  scheduleType: c.schedule_type ?? null,
  syncFrequencyMinutes: c.sync_frequency ?? null,
  succeededAt: c.succeeded_at ?? null,
  failedAt: c.failed_at ?? null,
});

function connectionTable(rows: ConnectionRow[]): string {
  const header = ['CONNECTION', 'SCHEMA', 'SERVICE', 'PAUSED', 'SETUP', 'SYNC STATE', 'SCHEDULE', 'LAST SUCCESS', 'LAST FAILURE'];
  const cells = rows.map((c) => [
    c.id,
    c.schema ?? '',
    c.service ?? '',
    c.paused ? 'yes' : 'no',
    c.setupState,
    c.syncState,
    c.scheduleType === 'manual' ? 'manual' : `${c.scheduleType ?? '?'}${c.syncFrequencyMinutes ? ` ${c.syncFrequencyMinutes}m` : ''}`,
    c.succeededAt ?? '-',
    c.failedAt ?? '-',
  ]);
  return table([header, ...cells], [28, 24, 20, 6, 10, 11, 12, 24, 24]);
}

/**
 * The Fivetran client from the environment. The client, the run request and the pipeline's
 * selection are loaded when a command runs, not when the program is built: `--help` stays fast.
 */
async function fivetranFrom(env: NodeJS.ProcessEnv): Promise<FivetranClient> {
  const { fivetranClientFromEnv } = await import('../core/fivetran/client.js');
  return fivetranClientFromEnv(env);
}

export function inspectCommands(io: CliIO, setExit: (code: number) => void): Command[] {
  const client = () => fivetranFrom(io.env);

  const groups = new Command('groups')
    .description('List the account\'s groups (destinations): the ids --group takes. Uses FIVETRAN_API_KEY/FIVETRAN_API_SECRET.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await (await client()).listGroups();
      if (options.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else io.stdout.write(`${table([['GROUP', 'NAME'], ...list.map((g) => [g.id, g.name ?? ''])], [40, 60])}\n`);
      setExit(EXIT.ok);
    });

  const connections = new Command('connections')
    .description('List a group\'s connections with what decides a run: paused, setup state, sync state, schedule, last success and failure.')
    .requiredOption('-g, --group <id>', 'the Fivetran group (destination) id (see `fivetran-dbt groups`)')
    .option('--json', 'print JSON')
    .action(async (options: { group: string; json?: boolean }) => {
      const rows = (await (await client()).listGroupConnections(options.group)).map(row);
      if (options.json) io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else io.stdout.write(`${rows.length === 0 ? `Group ${options.group} has no connections.` : connectionTable(rows)}\n`);
      setExit(EXIT.ok);
    });

  return [groups, connections];
}

/** What `run --dry-run` prints with `--json`. */
export type RunPlan = {
  dryRun: true;
  groupId: string | null;
  skipSync: boolean;
  skipDbt: boolean;
  force: boolean;
  policies: PreparedRun['policies'];
  syncTimeoutSeconds: number;
  /** Connections whose sync the run would trigger (`unpause`: paused, and unpaused first by policy). */
  trigger: (ConnectionRow & { unpause: boolean })[];
  skip: (ConnectionRow & { reason: string })[];
  /** Why the run would stop before triggering anything; empty when it would start. */
  problems: string[];
  /** The dbt step, or null when it would not run. */
  dbt: { command: string; args: string[]; cwd: string | null; env: Record<string, string> } | null;
};

export type DryRunContext = {
  /** Run against the demo simulator (no credentials). */
  demo: boolean;
  demoConnections: number;
  /** The dbt executable and project directory as the run would use them (null: the stack's ECS task). */
  dbt: { command: string; cwd: string } | null;
};

/** Builds the plan of `request` without triggering anything: reads the group's connections only. */
export async function planRun(request: RunRequest, context: DryRunContext, env: NodeJS.ProcessEnv): Promise<RunPlan> {
  let fivetran: FivetranClient;
  let groupId = request.groupId;
  let dbt = context.dbt;
  let close = async () => undefined as void;
  if (context.demo) {
    const { startDemo } = await import('../demo/demo.js');
    const demo = await startDemo({ connections: context.demoConnections });
    fivetran = demo.fivetran;
    groupId ??= demo.groupId;
    dbt = { command: [demo.dbt.command, ...demo.dbt.commandPrefixArgs].join(' '), cwd: demo.dbt.cwd };
    close = () => demo.close();
  } else {
    fivetran = await fivetranFrom(env);
  }
  try {
    const [{ prepareRun }, { selectConnections }] = await Promise.all([import('../core/pipeline/run-request.js'), import('../core/pipeline/start-syncs.js')]);
    const run = prepareRun({ ...request, groupId }, 'dry-run');
    const plan: RunPlan = {
      dryRun: true,
      groupId: run.groupId,
      skipSync: run.skipSync,
      skipDbt: run.skipDbt,
      force: run.force,
      policies: run.policies,
      syncTimeoutSeconds: run.syncTimeoutSeconds,
      trigger: [],
      skip: [],
      problems: [],
      dbt: run.skipDbt
        ? null
        : {
            command: dbt?.command ?? 'the stack\'s ECS task (the image\'s entrypoint)',
            args: run.dbt.args,
            cwd: dbt?.cwd ?? null,
            env: Object.fromEntries(run.dbt.environment.filter((e) => e.Name !== 'ORCHESTRATOR_RUN_ID').map((e) => [e.Name, e.Value])),
          },
    };
    if (run.skipSync || !run.groupId) return plan;
    const selected = selectConnections(run, await fivetran.listGroupConnections(run.groupId));
    const unpausing = new Set(selected.unpause.map((c) => c.id));
    plan.trigger = selected.sync.map((c) => ({ ...row(c), unpause: unpausing.has(c.id) }));
    plan.skip = selected.skip.map(({ connection, reason }) => ({ ...row(connection), reason }));
    plan.problems = selected.problems;
    if (plan.trigger.length === 0 && plan.skip.length === 0 && plan.problems.length === 0) plan.problems.push(`group ${run.groupId} has no connections to sync`);
    if (plan.problems.length > 0) plan.dbt = null;
    return plan;
  } finally {
    await close();
  }
}

/** The plan for people. */
export function formatPlan(plan: RunPlan): string {
  const lines = ['Dry run: nothing was triggered, paused or changed.'];
  const p = plan.policies;
  lines.push(`Policies: paused=${p.paused}, not-connected=${p.notConnected}, sync-failure=${p.syncFailure}; force=${plan.force}; sync timeout ${plan.syncTimeoutSeconds}s.`);
  if (plan.skipSync) lines.push('Syncs: none (--skip-sync).');
  else {
    lines.push('', `Would trigger ${plan.trigger.length} sync${plan.trigger.length === 1 ? '' : 's'} in group ${plan.groupId}:`);
    if (plan.trigger.length > 0) {
      const rows = plan.trigger.map((c) => [c.id, c.schema ?? '', c.scheduleType ?? '', c.unpause ? 'unpause first (policy unpause)' : '']);
      lines.push(indent(table([['CONNECTION', 'SCHEMA', 'SCHEDULE', 'NOTE'], ...rows], [28, 24, 10, 40])));
    }
    if (plan.skip.length > 0) {
      lines.push('', `Would skip ${plan.skip.length}:`);
      lines.push(indent(table([['CONNECTION', 'SCHEMA', 'REASON'], ...plan.skip.map((c) => [c.id, c.schema ?? '', c.reason])], [28, 24, 90])));
    }
    if (plan.problems.length > 0) {
      lines.push('', 'The run would stop before triggering anything:');
      for (const problem of plan.problems) lines.push(`  ${problem}`);
    }
  }
  lines.push('');
  if (plan.dbt) lines.push(`dbt: ${plan.dbt.command} ${plan.dbt.args.join(' ')}${plan.dbt.cwd ? ` (in ${plan.dbt.cwd})` : ''}${plan.skipSync ? '' : ', once the syncs have finished'}.`);
  else lines.push(plan.skipDbt ? 'dbt: not run (--skip-dbt).' : 'dbt: not run.');
  return lines.join('\n');
}

const indent = (text: string) => text.split('\n').map((l) => `  ${l}`).join('\n');

/** `run --dry-run`: prints the plan; exits 1 when the run would stop before triggering anything. */
export async function dryRunCommand(request: RunRequest, context: DryRunContext, options: { json?: boolean }, io: CliIO): Promise<number> {
  if (request.skipSync && request.skipDbt) throw new ConfigError('--skip-sync and --skip-dbt together leave nothing to run.');
  const plan = await planRun(request, context, io.env);
  io.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : `${formatPlan(plan)}\n`);
  return plan.problems.length > 0 ? EXIT.failed : EXIT.ok;
}

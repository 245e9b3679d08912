/**
 * What a run takes (from the CLI, the Action or an execution's input) and the normalised form
 * every state of the pipeline reads. One schema, so all entry points accept and reject the same.
 */
import * as z from '../schema.js';
import { InvalidRunRequestError, RunTooLargeError } from '../errors.js';
import { NotConnectedPolicy, PausedPolicy, SyncFailurePolicy } from './policies.js';

export { NotConnectedPolicy, PausedPolicy, SyncFailurePolicy } from './policies.js';

/** The hard ceiling of a wait in the state machine (WaitForSync.TimeoutSeconds) less a margin. */
export const MAX_SYNC_TIMEOUT_SECONDS = 86_400 - 600;
export const DEFAULT_SYNC_TIMEOUT_SECONDS = 6 * 3600;

const id = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The most connections one run syncs. A Standard execution's history holds 25,000 events and the
 * pipeline spends about 33 + 8 per connection (each wait: iteration, task scheduled/started/
 * submitted/succeeded, Lambda events), so about 3,120 fit; 3,000 leaves room for retries.
 */
export const MAX_CONNECTIONS_PER_RUN = 3000;

/** The error for a run over `MAX_CONNECTIONS_PER_RUN`, naming the limit and the way around it. */
export function runTooLarge(count: number): RunTooLargeError {
  return new RunTooLargeError(
    `The run has ${count} connections to sync; one run syncs at most ${MAX_CONNECTIONS_PER_RUN} (Step Functions keeps 25,000 events ` +
      `per execution, about 8 per connection). Split it: start several runs, each with a subset in connectionIds.`,
  );
}

/** The dbt commands a run may start (`dbt <command> ...`); `run-operation` only with an allowed macro. */
export const ALLOWED_DBT_COMMANDS = ['build', 'run', 'test', 'seed', 'snapshot', 'source freshness', 'run-operation'] as const;

/**
 * Environment a run may not set: what the pipeline sets, AWS and ECS settings, and anything
 * that looks like a credential (those come from the task definition's secrets, never the input).
 */
const RESERVED_ENV = /^(ARTIFACTS_BUCKET|ORCHESTRATOR_RUN_ID|METRIC_NAMESPACE|DBT_PROFILES_DIR|DBT_ENV_SECRET_.*|AWS_.*|ECS_.*)$|PASSWORD|SECRET|TOKEN|PRIVATE_KEY|CREDENTIAL/i;

export type RunRequestRules = {
  /** Macros `run-operation` may call. @default none: run-operation is refused */
  allowedMacros?: readonly string[];
  /** Further environment names a run may not set, e.g. the warehouse credential variables. @default none */
  reservedEnv?: readonly string[];
};

/** Problems with `dbt.args` and `dbt.env` under `rules` (empty when allowed). */
function dbtProblems(args: readonly string[], env: Record<string, string>, rules: RunRequestRules): string[] {
  const problems: string[] = [];
  const command = args[0] === 'source' ? `source ${args[1] ?? ''}`.trim() : (args[0] ?? '');
  if (!(ALLOWED_DBT_COMMANDS as readonly string[]).includes(command)) {
    problems.push(`dbt.args must start with one of ${ALLOWED_DBT_COMMANDS.map((c) => `"${c}"`).join(', ')}, got "${command}"`);
  } else if (command === 'run-operation' && !(rules.allowedMacros ?? []).includes(args[1] ?? '')) {
    problems.push(`dbt run-operation may call only ${rules.allowedMacros?.length ? rules.allowedMacros.join(', ') : 'configured macros (none are)'}, got "${args[1] ?? ''}"`);
  }
  for (const name of Object.keys(env)) {
    if (RESERVED_ENV.test(name) || rules.reservedEnv?.includes(name)) {
      problems.push(`dbt.env.${name} is reserved: credentials and pipeline settings come from the task definition, not the run input`);
    }
  }
  return problems;
}

const policiesShape = {
  paused: z._default(z.enum(PausedPolicy), 'skip'),
  notConnected: z._default(z.enum(NotConnectedPolicy), 'fail'),
  syncFailure: z._default(z.enum(SyncFailurePolicy), 'fail'),
};

const dbtShape = {
  /** Arguments after `dbt`, e.g. ["build", "--target", "prod"]. */
  args: z._default(z.array(z.string()).check(z.minLength(1)), ['build']),
  /** Non-secret environment for dbt (secrets belong in the task definition or the local environment). */
  env: z._default(
    z.record(z.string(), z.string()).check(
      z.superRefine((env, ctx) => {
        for (const name of Object.keys(env)) {
          if (!ENV_NAME.test(name)) ctx.issues.push({ code: 'custom', path: [name], message: 'must be a valid environment variable name', input: name });
        }
      }),
    ),
    {},
  ),
};

/** Who or what started the run, for reports. */
const triggerShape = {
  source: z.optional(z.string().check(z.maxLength(100))),
  actor: z.optional(z.string().check(z.maxLength(200))),
  sha: z.optional(z.string().check(z.maxLength(100))),
  ref: z.optional(z.string().check(z.maxLength(300))),
  pullRequest: z.optional(z.int().check(z.positive())),
  url: z.optional(z.string().check(z.maxLength(2000))),
};

const requestShape = {
  groupId: z.optional(id),
  /** A subset of the group's connections; all of them when absent or empty. */
  connectionIds: z.optional(z.array(id)),
  /** Run dbt only (PR builds usually need no fresh data). */
  skipSync: z._default(z.boolean(), false),
  /** Sync and wait, but run no dbt; the failure policy still decides whether a failed sync fails the run. */
  skipDbt: z._default(z.boolean(), false),
  /** Restart syncs that are already running (Fivetran's `force`). */
  force: z._default(z.boolean(), false),
  policies: z.prefault(z.strictObject(policiesShape), {}),
  syncTimeoutSeconds: z._default(z.int().check(z.minimum(1), z.maximum(MAX_SYNC_TIMEOUT_SECONDS)), DEFAULT_SYNC_TIMEOUT_SECONDS),
  dbt: z.prefault(z.strictObject(dbtShape), {}),
  trigger: z.prefault(z.strictObject(triggerShape), {}),
};

/** Strict at every level: a misspelt or unsupported field is refused rather than silently ignored. */
export const RunRequestSchema = z.strictObject(requestShape);

/** The fields each object of a request takes, by path, to name them when one is unknown. */
const FIELDS: Record<string, readonly string[]> = {
  '': Object.keys(requestShape),
  policies: Object.keys(policiesShape),
  dbt: Object.keys(dbtShape),
  trigger: Object.keys(triggerShape),
};

/** One problem of a failed parse, as `<path> <what is wrong>`; unknown fields are named with the ones allowed. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((k) => `"${k}"`).join(', ');
    const known = FIELDS[path] ?? [];
    return (
      `${path || 'request'} has unknown field${issue.keys.length > 1 ? 's' : ''} ${names}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or fix the spelling ` +
      `(${path || 'a run request'} takes ${known.join(', ')})`
    );
  }
  return `${path || 'request'} ${issue.message}`;
}

export type RunRequest = z.input<typeof RunRequestSchema>;

/** The normalised run every state reads (the output of PrepareRun). */
export type PreparedRun = {
  runId: string;
  groupId: string | null;
  connectionIds: string[];
  skipSync: boolean;
  skipDbt: boolean;
  force: boolean;
  policies: { paused: PausedPolicy; notConnected: NotConnectedPolicy; syncFailure: SyncFailurePolicy };
  syncTimeoutSeconds: number;
  dbt: { args: string[]; environment: { Name: string; Value: string }[] };
  trigger: z.output<typeof RunRequestSchema>['trigger'];
};

/**
 * Validates a request and applies defaults; throws `InvalidRunRequestError` naming every problem
 * (with `rules`: dbt commands outside `ALLOWED_DBT_COMMANDS` and reserved environment names), or
 * `RunTooLargeError` for more than `MAX_CONNECTIONS_PER_RUN` connection ids.
 * `runId` is the execution's name (the engine names runs, see `newRunId`).
 */
export function prepareRun(request: unknown, runId: string, rules?: RunRequestRules): PreparedRun {
  const parsed = RunRequestSchema.safeParse(request ?? {});
  const problems = parsed.success ? [] : parsed.error.issues.map(describeIssue);
  // Rules for runs that use the deployed credentials (PrepareRun on AWS); a local run's dbt is the caller's own.
  if (parsed.success && rules) problems.push(...dbtProblems(parsed.data.dbt.args, parsed.data.dbt.env, rules));
  // Checked here rather than in a refinement so it is reported alongside every other problem.
  const raw = (typeof request === 'object' && request !== null ? request : {}) as { skipSync?: unknown; skipDbt?: unknown; groupId?: unknown };
  if (raw.skipSync === true && raw.skipDbt === true) problems.push('skipSync and skipDbt together leave nothing to run');
  if (raw.skipSync !== true && (typeof raw.groupId !== 'string' || raw.groupId.trim() === '')) {
    if (!problems.some((p) => p.startsWith('groupId '))) problems.push('groupId is required unless skipSync is true');
  }
  if (!parsed.success || problems.length > 0) {
    throw new InvalidRunRequestError(`Invalid run request: ${problems.join('; ')}.`);
  }
  const r = parsed.data;
  if ((r.connectionIds?.length ?? 0) > MAX_CONNECTIONS_PER_RUN) throw runTooLarge(new Set(r.connectionIds).size);
  return {
    runId,
    groupId: r.groupId ?? null,
    connectionIds: [...new Set(r.connectionIds ?? [])],
    skipSync: r.skipSync,
    skipDbt: r.skipDbt,
    force: r.force,
    policies: r.policies,
    syncTimeoutSeconds: r.syncTimeoutSeconds,
    dbt: {
      args: r.dbt.args,
      environment: [
        ...Object.entries(r.dbt.env).map(([Name, Value]) => ({ Name, Value })),
        { Name: 'ORCHESTRATOR_RUN_ID', Value: runId },
      ],
    },
    trigger: r.trigger,
  };
}

/** A fresh run id: sortable by time, unique enough to name an execution. */
export function newRunId(now: Date = new Date(), random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `run-${stamp}-${suffix}`;
}

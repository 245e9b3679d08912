/**
 * What a run takes (from the CLI, the Action or an execution's input) and the normalised form
 * every state of the pipeline reads. One schema, so all entry points accept and reject the same.
 */
import { z } from 'zod';
import { InvalidRunRequestError } from '../errors.js';

export const PausedPolicy = { skip: 'skip', fail: 'fail', unpause: 'unpause' } as const;
export const NotConnectedPolicy = { fail: 'fail', skip: 'skip' } as const;
export const SyncFailurePolicy = { fail: 'fail', continue: 'continue' } as const;
export type PausedPolicy = (typeof PausedPolicy)[keyof typeof PausedPolicy];
export type NotConnectedPolicy = (typeof NotConnectedPolicy)[keyof typeof NotConnectedPolicy];
export type SyncFailurePolicy = (typeof SyncFailurePolicy)[keyof typeof SyncFailurePolicy];

/** The hard ceiling of a wait in the state machine (WaitForSync.TimeoutSeconds) less a margin. */
export const MAX_SYNC_TIMEOUT_SECONDS = 86_400 - 600;
export const DEFAULT_SYNC_TIMEOUT_SECONDS = 6 * 3600;

const id = z.string().trim().min(1).max(200);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const RunRequestSchema = z
  .object({
    groupId: id.optional(),
    /** A subset of the group's connections; all of them when absent or empty. */
    connectionIds: z.array(id).optional(),
    /** Run dbt only (PR builds usually need no fresh data). */
    skipSync: z.boolean().default(false),
    /** Sync and wait, but run no dbt; the failure policy still decides whether a failed sync fails the run. */
    skipDbt: z.boolean().default(false),
    /** Restart syncs that are already running (Fivetran's `force`). */
    force: z.boolean().default(false),
    policies: z
      .object({
        paused: z.enum(PausedPolicy).default('skip'),
        notConnected: z.enum(NotConnectedPolicy).default('fail'),
        syncFailure: z.enum(SyncFailurePolicy).default('fail'),
      })
      .prefault({}),
    syncTimeoutSeconds: z.number().int().min(1).max(MAX_SYNC_TIMEOUT_SECONDS).default(DEFAULT_SYNC_TIMEOUT_SECONDS),
    dbt: z
      .object({
        /** Arguments after `dbt`, e.g. ["build", "--target", "prod"]. */
        args: z.array(z.string()).min(1).default(['build']),
        /** Non-secret environment for dbt (secrets belong in the task definition or the local environment). */
        env: z
          .record(z.string(), z.string())
          .superRefine((env, ctx) => {
            for (const name of Object.keys(env)) {
              if (!ENV_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'must be a valid environment variable name' });
            }
          })
          .default({}),
      })
      .prefault({}),
    /** Who or what started the run, for reports. */
    trigger: z
      .object({
        source: z.string().max(100).optional(),
        actor: z.string().max(200).optional(),
        sha: z.string().max(100).optional(),
        ref: z.string().max(300).optional(),
        pullRequest: z.number().int().positive().optional(),
        url: z.string().max(2000).optional(),
      })
      .prefault({}),
  });

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
  trigger: z.infer<typeof RunRequestSchema>['trigger'];
};

/**
 * Validates a request and applies defaults; throws `InvalidRunRequestError` naming every problem.
 * `runId` is the execution's name (the engine names runs, see `newRunId`).
 */
export function prepareRun(request: unknown, runId: string): PreparedRun {
  const parsed = RunRequestSchema.safeParse(request ?? {});
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'request'} ${i.message}`);
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

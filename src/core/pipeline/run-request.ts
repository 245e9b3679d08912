/**
 * What a run takes (from the CLI, the Action or an execution's input) and the normalised form
 * every state of the pipeline reads. One schema, so all entry points accept and reject the same.
 */
import { z } from 'zod';
import { InvalidRunRequestError } from '../errors.js';

export const PausedPolicy = { skip: 'skip', fail: 'fail', unpause: 'unpause' } as const;
export const NotConnectedPolicy = { fail: 'fail', skip: 'skip' } as const;
export const SyncFailurePolicy = { fail: 'fail', continue: 'continue' } as const;

/** The hard ceiling of a wait in the state machine (WaitForSync.TimeoutSeconds) less a margin. */
export const MAX_SYNC_TIMEOUT_SECONDS = 86_400 - 600;
export const DEFAULT_SYNC_TIMEOUT_SECONDS = 6 * 3600;

const id = z.string().trim().min(1).max(200);
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a valid environment variable name');

export const RunRequestSchema = z
  .object({
    groupId: id.optional(),
    /** A subset of the group's connections; all of them when absent or empty. */
    connectionIds: z.array(id).optional(),
    /** Run dbt only (PR builds usually need no fresh data). */
    skipSync: z.boolean().default(false),
    /** Restart syncs that are already running (Fivetran's `force`). */
    force: z.boolean().default(false),
    policies: z
      .object({
        paused: z.enum(['skip', 'fail', 'unpause']).default('skip'),
        notConnected: z.enum(['fail', 'skip']).default('fail'),
        syncFailure: z.enum(['fail', 'continue']).default('fail'),
      })
      .prefault({}),
    syncTimeoutSeconds: z.number().int().min(1).max(MAX_SYNC_TIMEOUT_SECONDS).default(DEFAULT_SYNC_TIMEOUT_SECONDS),
    dbt: z
      .object({
        /** Arguments after `dbt`, e.g. ["build", "--target", "prod"]. */
        args: z.array(z.string()).min(1).default(['build']),
        /** Non-secret environment for dbt (secrets belong in the task definition or the local environment). */
        env: z.record(envName, z.string()).default({}),
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
  })
  .superRefine((request, ctx) => {
    if (!request.skipSync && !request.groupId) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'is required unless skipSync is true' });
    }
  });

export type RunRequest = z.input<typeof RunRequestSchema>;

/** The normalised run every state reads (the output of PrepareRun). */
export type PreparedRun = {
  runId: string;
  groupId: string | null;
  connectionIds: string[];
  skipSync: boolean;
  force: boolean;
  policies: { paused: keyof typeof PausedPolicy; notConnected: keyof typeof NotConnectedPolicy; syncFailure: keyof typeof SyncFailurePolicy };
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
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'} ${i.message}`);
    throw new InvalidRunRequestError(`Invalid run request: ${problems.join('; ')}.`);
  }
  const r = parsed.data;
  return {
    runId,
    groupId: r.groupId ?? null,
    connectionIds: [...new Set(r.connectionIds ?? [])],
    skipSync: r.skipSync,
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

/**
 * The run request an Action step sends: the inputs, the trigger (event, commit, ref, pull
 * request, actor) and, on pull requests, the slim-CI build: no syncs, `dbt build --select
 * state:modified+ --defer --state <production manifest>` on the CI target in a per-PR schema.
 * Also the guard that keeps production's target and manifest to the default branch.
 */
import { ConfigError } from '../core/errors.js';
import type { RunRequest } from '../core/pipeline/run-request.js';
import { onDefaultBranch, type GitHubContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';

/** Where the dbt entrypoint puts the production manifest it fetches (its PRODUCTION_STATE_DIR default). */
export const PRODUCTION_STATE_DIR = 'prod-state';

export type SlimCi = {
  /** The PR's schema, e.g. dbt_pr_42. */
  schema: string;
  /** True when the build defers to production's manifest; false: a full build (no manifest yet, or the local engine). */
  deferred: boolean;
  /** Why it builds what it builds, for the log, the summary and the comment. */
  note: string;
};

export type BuiltRequest = { request: RunRequest; slimCi: SlimCi | null };

/** The target named in dbt's arguments (`--target x`, `-t x`, `--target=x`; the last wins), else DBT_TARGET. */
export function targetOf(args: readonly string[], env: Record<string, string>): string | undefined {
  let target = env.DBT_TARGET;
  args.forEach((arg, i) => {
    if ((arg === '--target' || arg === '-t') && args[i + 1] !== undefined) target = args[i + 1];
    else if (arg.startsWith('--target=')) target = arg.slice('--target='.length);
  });
  return target;
}

/** The PR's schema: `prefix` + number, lower case, only characters every warehouse accepts unquoted. */
export function prSchemaName(prefix: string, number: number): string {
  return `${prefix}${number}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/**
 * Refuses production's target and manifest outside the default branch or a protected ref, naming
 * the input and saying why: a pull request's code must not write production's tables or the
 * manifest every later PR build defers to.
 */
export function guardProduction(inputs: ActionInputs, context: GitHubContext, args: readonly string[], env: Record<string, string>): void {
  const trusted = context.pullRequest === undefined && (onDefaultBranch(context) || context.refProtected);
  if (trusted) return;
  const where =
    context.pullRequest !== undefined
      ? `pull request #${context.pullRequest}`
      : `${context.ref ?? 'an unknown ref'}, which is not the default branch${context.defaultBranch ? ` (${context.defaultBranch})` : ''} nor a protected branch`;
  if (inputs.publishManifest) {
    throw new ConfigError(`Input publish-manifest is refused on ${where}: only the default branch or a protected branch may publish the production manifest that pull-request builds defer to.`);
  }
  if (targetOf(args, env) === inputs.productionTarget) {
    throw new ConfigError(
      `Input dbt-args (or DBT_TARGET in dbt-env) names the production target "${inputs.productionTarget}" on ${where}: production's target runs only from the default branch or a protected branch. Use the CI target (input ci-target).`,
    );
  }
}

/** The request for `command: run` (and deploy-and-run). `productionManifest`: whether latest/manifest.json exists (null: unknown, the local engine). */
export function buildRunRequest(inputs: ActionInputs, context: GitHubContext, options: { groupId?: string; productionManifest: boolean | null }): BuiltRequest {
  const pr = context.pullRequest;
  const env: Record<string, string> = { ...inputs.dbtEnv };
  let args = inputs.dbtArgs;
  let slimCi: SlimCi | null = null;
  if (pr !== undefined) {
    const schema = prSchemaName(inputs.prSchemaPrefix, pr);
    env.DBT_SCHEMA ??= schema;
    let deferred = false;
    let note: string;
    if (args) {
      note = `dbt-args given: \`dbt ${args.join(' ')}\` in schema ${env.DBT_SCHEMA}.`;
    } else if (options.productionManifest === true) {
      deferred = true;
      env.FETCH_PRODUCTION_MANIFEST = 'true';
      args = ['build', '--select', 'state:modified+', '--defer', '--state', PRODUCTION_STATE_DIR, '--target', inputs.ciTarget];
      note = `Slim CI: only models changed by this pull request and their children are built, deferring to production's manifest; schema ${env.DBT_SCHEMA}.`;
    } else {
      args = ['build', '--target', inputs.ciTarget];
      note =
        options.productionManifest === false
          ? `Full build: there is no production manifest yet (latest/manifest.json), so nothing to compare with; schema ${env.DBT_SCHEMA}. Publish it from the default branch with publish-manifest: true.`
          : `Full build: the local engine has no production manifest to defer to; schema ${env.DBT_SCHEMA}.`;
    }
    if (targetOf(args, env) === undefined) args = [...args, '--target', inputs.ciTarget];
    slimCi = { schema: env.DBT_SCHEMA, deferred, note };
  }
  args ??= ['build'];
  guardProduction(inputs, context, args, env);
  if (inputs.publishManifest) {
    env.PUBLISH_MANIFEST = 'true';
    env.PUBLISH_MANIFEST_TARGET = inputs.productionTarget;
  }
  const skipSync = inputs.skipSync ?? pr !== undefined;
  const groupId = options.groupId ?? inputs.groupId;
  if (!skipSync && !groupId) throw new ConfigError('Input group-id is required unless skip-sync is true: the Fivetran group whose connections to sync.');
  const request: RunRequest = {
    ...(groupId ? { groupId } : {}),
    connectionIds: inputs.connections,
    skipSync,
    force: inputs.force,
    policies: { paused: inputs.onPaused, notConnected: inputs.onNotConnected, syncFailure: inputs.onSyncFailure },
    ...(inputs.syncTimeoutSeconds ? { syncTimeoutSeconds: inputs.syncTimeoutSeconds } : {}),
    dbt: { args, env },
    trigger: {
      source: `github:${context.eventName}`,
      ...(context.actor ? { actor: context.actor } : {}),
      ...((context.headSha ?? context.sha) ? { sha: context.headSha ?? context.sha } : {}),
      ...(context.ref ? { ref: context.ref } : {}),
      ...(pr !== undefined ? { pullRequest: pr } : {}),
      ...(context.runUrl ? { url: context.runUrl } : {}),
    },
  };
  return { request, slimCi };
}

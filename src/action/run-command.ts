/**
 * `command: run`, `status` and `cleanup-pr`: start (or attach to, or follow) a run, follow it,
 * and report it where people look: step outputs, the job summary, annotations and, on a pull
 * request, one comment kept up to date.
 */
import * as core from '@actions/core';
import { messageOf } from '../core/errors.js';
import type { RunRequest } from '../core/pipeline/run-request.js';
import { CI_RUN_ID_PREFIX, type RunKind } from '../core/stack-contract.js';
import type { SyncRecord } from '../core/runs/records.js';
import { annotationsOf } from './annotations.js';
import { buildRunRequest, prSchemaName, type SlimCi } from './build-request.js';
import { awsCredentials, openEngine, type EngineSetup } from './engine-setup.js';
import { actionRunId, type GitHubContext } from './github-context.js';
import { followRun, type FollowResult } from './follow-run.js';
import { type ActionInputs, runKindOf } from './inputs.js';
import { upsertPullRequestComment } from './pr-comment.js';
import { productionManifestExists, stopOlderPullRequestRuns } from './pull-request-runs.js';
import { readableCause, renderComment, renderSummary, type ReportView } from './report-markdown.js';
import { reportOutputs } from './report-outputs.js';
import { StepState } from './step-state.js';

type Target = { request: RunRequest; runId: string } | { attachTo: string };

/** The run's kind (which state machine), said in the log when it is the CI one. */
function announceRunKind(inputs: ActionInputs, context: GitHubContext): RunKind {
  const kind = runKindOf(inputs, context.eventName);
  if (kind === 'ci' && (inputs.engine === 'aws' || inputs.command !== 'run') && !inputs.stateMachineArn) {
    core.info(`Run kind ci${inputs.runKind === 'auto' ? ` (a ${context.eventName} event)` : ''}: the stack's CI state machine, with the CI warehouse credentials.`);
  }
  return kind;
}

function followHint(inputs: ActionInputs, stackName: string | undefined, engine: EngineSetup, runId: string): string {
  if (!engine.sfn) return 'A local run lives in this step only.';
  const where = stackName ? `--stack ${stackName}` : `--state-machine-arn ${inputs.stateMachineArn ?? '<arn>'}`;
  return `Follow it with this Action (command: status, run-id: ${runId}) or \`npx fivetran-dbt status ${runId} --engine aws ${where}\`.`;
}

/** Follows `target` on `setup`'s engine and reports it. `stop`: a cancelled workflow stops the run (false: status follows only). */
async function followAndReport(inputs: ActionInputs, context: GitHubContext, setup: EngineSetup, target: Target, options: { slimCi: SlimCi | null; stackName?: string; owned: boolean; comment: boolean }): Promise<void> {
  const result = await followRun({
    engine: setup.engine,
    target,
    wait: inputs.wait,
    timeoutMs: inputs.timeoutMinutes * 60_000,
    onCancel: options.owned ? inputs.onCancel : 'detach',
    onTimeout: options.owned ? inputs.onTimeout : 'detach',
    followHint: (runId) => followHint(inputs, options.stackName ?? inputs.stackName, setup, runId),
    onHandle: (handle) => {
      core.saveState(StepState.runId, handle.runId);
      if (options.owned && handle.executionArn) core.saveState(StepState.executionArn, handle.executionArn);
      core.setOutput('run-id', handle.runId);
      core.setOutput('execution-arn', handle.executionArn ?? '');
      core.setOutput('console-url', handle.consoleUrl ?? '');
    },
  });
  core.saveState(StepState.outcome, result.ending === 'detached' ? 'detached' : 'ended');
  const records = await result.handle.records().catch(() => [] as SyncRecord[]);
  await report(inputs, context, result, records, options);
}

async function report(inputs: ActionInputs, context: GitHubContext, result: FollowResult, records: SyncRecord[], options: { slimCi: SlimCi | null; stackName?: string; comment: boolean }): Promise<void> {
  const { report: runReport, ending } = result;
  const status = ending === 'timed-out' ? 'TIMED_OUT' : runReport.status;
  const minutes = inputs.timeoutMinutes;
  const note =
    ending === 'timed-out'
      ? `The run was stopped: timeout-minutes (${minutes}) passed.`
      : ending === 'cancelled'
        ? 'The run was stopped: the workflow was cancelled.'
        : ending === 'detached' && runReport.status === 'RUNNING'
          ? `The run goes on without this step. ${inputs.stackName ? `Follow it with command: status, run-id: ${runReport.runId}.` : ''}`.trim()
          : null;
  for (const [name, value] of Object.entries(reportOutputs(runReport, status))) core.setOutput(name, value);
  const view: ReportView = { report: runReport, records, slimCi: options.slimCi, note, runUrl: context.runUrl, sha: context.headSha ?? context.sha, status };
  if (process.env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(renderSummary(view), true).write();
    } catch (error) {
      core.warning(`Could not write the job summary: ${messageOf(error)}`);
    }
  }
  for (const annotation of annotationsOf(runReport, result.warnings)) {
    if (annotation.level === 'error') core.error(annotation.message, { title: annotation.title });
    else core.warning(annotation.message, { title: annotation.title });
  }
  if (options.comment && context.pullRequest !== undefined && inputs.commentOnPr) {
    if (!inputs.githubToken || !context.repository) core.info('comment-on-pr: no github-token or repository; the pull request is not commented.');
    else {
      try {
        const done = await upsertPullRequestComment({ token: inputs.githubToken, repository: context.repository, pullRequest: context.pullRequest }, renderComment(view));
        core.info(`Pull request #${context.pullRequest}: comment ${done.id} ${done.action}.`);
      } catch (error) {
        core.warning(`Could not comment on pull request #${context.pullRequest} (${messageOf(error)}); a fork's token is read-only: use pull_request_target or give the job pull-requests: write.`);
      }
    }
  }
  if (status === 'SUCCEEDED' || status === 'RUNNING') return;
  const cause = readableCause(runReport.cause) ?? (runReport.dbt?.stoppedReason ? `dbt exit code ${runReport.dbt.exitCode ?? 'unknown'}, ${runReport.dbt.stoppedReason}` : null);
  const why = runReport.error ? `${runReport.error}${cause ? `: ${cause}` : ''}` : '';
  core.setFailed(`Run ${runReport.runId} ${status}${note ? `. ${note}` : ''}${why ? ` (${why.slice(0, 1000)})` : ''}`);
}

/** `command: run` (and the run of deploy-and-run, on `stackName`). */
export async function runCommand(inputs: ActionInputs, context: GitHubContext, env: NodeJS.ProcessEnv, stackName?: string): Promise<void> {
  const runKind = announceRunKind(inputs, context);
  const runId = inputs.runId ?? actionRunId(context, runKind);
  const aws = { env, credentials: awsCredentials(inputs, env, `fivetran-dbt-${runId}`) };
  const setup = await openEngine(inputs, { ...(stackName ? { stackName } : {}), runKind, ...aws });
  try {
    let productionManifest: boolean | null = null;
    const resources = setup.sfn ? await setup.sfn.resources((m) => core.warning(m)) : null;
    if (resources && context.pullRequest !== undefined && !inputs.dbtArgs) productionManifest = await productionManifestExists(resources, aws, (m) => core.warning(m));
    if (setup.demoGroupId && inputs.groupId) core.info(`Demo run: group-id ${inputs.groupId} is replaced by the demo group ${setup.demoGroupId}.`);
    const { request, slimCi } = buildRunRequest(inputs, context, { ...(setup.demoGroupId ? { groupId: setup.demoGroupId } : {}), productionManifest });
    if (slimCi) core.info(slimCi.note);
    if (resources && context.pullRequest !== undefined) {
      const stopped = await stopOlderPullRequestRuns(resources.stateMachineArn, runKind, context.pullRequest, runId, `Superseded by run ${runId} (commit ${context.headSha ?? context.sha ?? 'unknown'}).`, aws);
      if (stopped.length > 0) core.info(`Stopped older runs of pull request #${context.pullRequest}: ${stopped.join(', ')}`);
    }
    await followAndReport(inputs, context, setup, { request, runId }, { slimCi, ...(stackName ? { stackName } : {}), owned: true, comment: true });
  } finally {
    await setup.close();
  }
}

/** `command: status`: follows `run-id` (to its end, or where it stands with wait: false); cancelling the workflow leaves it running. */
export async function statusCommand(inputs: ActionInputs, context: GitHubContext, env: NodeJS.ProcessEnv): Promise<void> {
  const setup = await openEngine(inputs, { env, runKind: announceRunKind(inputs, context), credentials: awsCredentials(inputs, env, `fivetran-dbt-status`) });
  try {
    await followAndReport(inputs, context, setup, { attachTo: inputs.runId as string }, { slimCi: null, owned: false, comment: false });
  } finally {
    await setup.close();
  }
}

/** `command: cleanup-pr` (on a closed PR): stops the PR's runs, then drops its schema with the configured dbt operation. */
export async function cleanupPrCommand(inputs: ActionInputs, context: GitHubContext, env: NodeJS.ProcessEnv): Promise<void> {
  const pr = context.pullRequest;
  if (pr === undefined) throw new Error('Input command cleanup-pr runs on pull_request events (types: [closed]): this event has no pull request.');
  const schema = inputs.dbtEnv.DBT_SCHEMA ?? prSchemaName(inputs.prSchemaPrefix, pr);
  const runKind = announceRunKind(inputs, context);
  const runId = (inputs.runId ?? `${runKind === 'ci' ? CI_RUN_ID_PREFIX : ''}cleanup-${actionRunId(context, 'production')}`).slice(0, 80);
  const aws = { env, credentials: awsCredentials(inputs, env, `fivetran-dbt-${runId}`) };
  const setup = await openEngine(inputs, { ...aws, runKind });
  try {
    if (setup.sfn) {
      const resources = await setup.sfn.resources((m) => core.warning(m));
      const stopped = await stopOlderPullRequestRuns(resources.stateMachineArn, runKind, pr, runId, `Pull request #${pr} was closed.`, aws);
      if (stopped.length > 0) core.info(`Stopped the runs of pull request #${pr}: ${stopped.join(', ')}`);
    }
    const args = inputs.dbtArgs ?? ['run-operation', inputs.cleanupOperation, '--args', JSON.stringify({ schema }), '--target', inputs.ciTarget];
    core.info(`Dropping schema ${schema}: dbt ${args.join(' ')}`);
    const request: RunRequest = {
      skipSync: true,
      dbt: { args, env: { ...inputs.dbtEnv, DBT_SCHEMA: schema } },
      trigger: { source: `github:${context.eventName}`, pullRequest: pr, ...(context.actor ? { actor: context.actor } : {}), ...(context.runUrl ? { url: context.runUrl } : {}) },
    };
    await followAndReport(inputs, context, setup, { request, runId }, { slimCi: null, owned: true, comment: false });
  } finally {
    await setup.close();
  }
}

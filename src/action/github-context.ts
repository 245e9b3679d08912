/**
 * What the runner tells a step about its workflow run, read from the environment and the event
 * payload (`GITHUB_EVENT_PATH`) the way the runner sets them, so tests drive it the same way.
 */
import { readFileSync } from 'node:fs';
import { clean } from '../core/env.js';
import { CI_RUN_ID_PREFIX, type RunKind } from '../core/stack-contract.js';

export type GitHubContext = {
  eventName: string;
  sha: string | undefined;
  ref: string | undefined;
  actor: string | undefined;
  /** `owner/name`. */
  repository: string | undefined;
  runId: string;
  runAttempt: string;
  job: string;
  /** The pull request's number on pull_request(_target) events. */
  pullRequest: number | undefined;
  /** The head commit of the pull request (the merge commit is `sha`). */
  headSha: string | undefined;
  defaultBranch: string | undefined;
  /** True when branch protection or rulesets apply to `ref`. */
  refProtected: boolean;
  /** This workflow run's page. */
  runUrl: string | undefined;
};

type EventPayload = {
  number?: number;
  pull_request?: { number?: number; head?: { sha?: string } };
  repository?: { default_branch?: string };
};

function readPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return {};
  }
}

export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const payload = readPayload(clean(env.GITHUB_EVENT_PATH));
  const eventName = clean(env.GITHUB_EVENT_NAME) ?? 'workflow_dispatch';
  const pr = payload.pull_request?.number ?? (eventName.startsWith('pull_request') ? payload.number : undefined);
  const server = clean(env.GITHUB_SERVER_URL) ?? 'https://github.com';
  const repository = clean(env.GITHUB_REPOSITORY);
  const runId = clean(env.GITHUB_RUN_ID) ?? 'local';
  return {
    eventName,
    sha: clean(env.GITHUB_SHA),
    ref: clean(env.GITHUB_REF),
    actor: clean(env.GITHUB_ACTOR),
    repository,
    runId,
    runAttempt: clean(env.GITHUB_RUN_ATTEMPT) ?? '1',
    job: clean(env.GITHUB_JOB) ?? 'job',
    pullRequest: typeof pr === 'number' && pr > 0 ? pr : undefined,
    headSha: payload.pull_request?.head?.sha,
    defaultBranch: payload.repository?.default_branch,
    refProtected: clean(env.GITHUB_REF_PROTECTED) === 'true',
    runUrl: repository && runId !== 'local' ? `${server}/${repository}/actions/runs/${runId}` : undefined,
  };
}

/** True on a push (or schedule, dispatch) of the repository's default branch. */
export function onDefaultBranch(context: GitHubContext): boolean {
  return context.defaultBranch !== undefined && context.ref === `refs/heads/${context.defaultBranch}`;
}

const MAX_RUN_ID = 80;

/** The prefix of every run id of pull request `number` on `kind`'s state machine: a newer commit finds the older runs by it. */
export function pullRequestRunPrefix(number: number, kind: RunKind): string {
  return `${kindPrefix(kind)}pr-${number}-`;
}

/** CI run ids carry the CI prefix (PrepareRun refuses any other on the CI state machine). */
function kindPrefix(kind: RunKind): string {
  return kind === 'ci' ? CI_RUN_ID_PREFIX : '';
}

/**
 * The run's id (the execution's name), from the workflow run, its attempt and the job: the same
 * attempt of the same job always gets the same id, so a step that runs again attaches to its run
 * instead of starting a second one. Pull-request runs start with `pr-<number>-`, and CI runs with `ci-`.
 */
export function actionRunId(context: GitHubContext, kind: RunKind): string {
  const job = context.job.replace(/[^A-Za-z0-9_-]+/g, '-');
  const prefix = context.pullRequest !== undefined ? pullRequestRunPrefix(context.pullRequest, kind) : `${kindPrefix(kind)}gh-`;
  return `${prefix}${context.runId}-${context.runAttempt}-${job}`.slice(0, MAX_RUN_ID).replace(/-+$/, '');
}

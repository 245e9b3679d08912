/** The run request a step sends, the run id, the production guard, OIDC credentials and the image build. */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createOidcCredentials } from '../../../src/action/aws-credentials.js';
import { buildRunRequest, targetOf } from '../../../src/action/build-request.js';
import { prepareRun } from '../../../src/core/pipeline/run-request.js';
import { buildAndPushImage } from '../../../src/action/docker-image.js';
import { actionRunId, type GitHubContext } from '../../../src/action/github-context.js';
import { runKindOf, splitWords, type ActionInputs } from '../../../src/action/inputs.js';

const inputs = (overrides: Partial<ActionInputs> = {}): ActionInputs => ({
  command: 'run', engine: 'aws', stackName: 's', stateMachineArn: undefined, runKind: 'auto', awsRegion: undefined, groupId: 'g', connections: [], skipSync: undefined, force: false,
  onPaused: 'skip', onNotConnected: 'fail', onSyncFailure: 'fail', syncTimeoutSeconds: undefined, dbtArgs: undefined, dbtEnv: {}, dbtProjectDir: '.', dbtCommand: 'dbt',
  ciTarget: 'ci', productionTarget: 'prod', publishManifest: false, prSchemaPrefix: 'dbt_pr_', cleanupOperation: 'drop_pr_schema', wait: true, timeoutMinutes: 340,
  onCancel: 'stop', onTimeout: 'stop', commentOnPr: true, githubToken: undefined, fivetranApiKey: undefined, fivetranApiSecret: undefined, roleToAssume: undefined,
  roleDurationSeconds: 3600, runId: undefined, dbtImageContext: undefined, dbtImageTag: undefined, stackParameters: {}, recreateFailedStack: false, registerWebhook: true, pollIntervalMs: undefined,
  ...overrides,
});

const push: GitHubContext = { eventName: 'schedule', sha: 'abc', ref: 'refs/heads/main', actor: 'octocat', repository: 'a/b', runId: '99', runAttempt: '2', job: 'nightly run', pullRequest: undefined, headSha: undefined, defaultBranch: 'main', refProtected: false, runUrl: 'https://github.com/a/b/actions/runs/99' };
const pr: GitHubContext = { ...push, eventName: 'pull_request', ref: 'refs/pull/12/merge', pullRequest: 12, headSha: 'head12' };

describe('actionRunId', () => {
  it('comes from the run, the attempt and the job; PR runs carry the PR number', () => {
    expect(actionRunId(push, 'production')).toBe('gh-99-2-nightly-run');
    expect(actionRunId(pr, 'production')).toBe('pr-12-99-2-nightly-run');
    expect(actionRunId({ ...push, job: 'x'.repeat(200) }, 'production')).toHaveLength(80);
  });

  it('starts with ci- on the CI state machine, which refuses any other id', () => {
    expect(actionRunId(pr, 'ci')).toBe('ci-pr-12-99-2-nightly-run');
    expect(actionRunId(push, 'ci')).toBe('ci-gh-99-2-nightly-run');
    expect(actionRunId({ ...pr, job: 'x'.repeat(200) }, 'ci')).toHaveLength(80);
  });
});

describe('runKindOf', () => {
  it.each([
    ['pull_request', 'ci'],
    ['pull_request_target', 'ci'],
    ['push', 'production'],
    ['schedule', 'production'],
    ['workflow_dispatch', 'production'],
  ] as const)('auto on %s: %s', (eventName, kind) => {
    expect(runKindOf({ runKind: 'auto' }, eventName)).toBe(kind);
  });

  it('follows run-kind when it is given, whatever the event', () => {
    expect(runKindOf({ runKind: 'production' }, 'pull_request')).toBe('production');
    expect(runKindOf({ runKind: 'ci' }, 'push')).toBe('ci');
  });
});

describe('buildRunRequest', () => {
  it('syncs the group and builds on a schedule, with the trigger', () => {
    const { request, slimCi } = buildRunRequest(inputs(), push, { productionManifest: null });
    expect(slimCi).toBeNull();
    expect(request).toMatchObject({ groupId: 'g', skipSync: false, dbt: { args: ['build'], env: {} }, trigger: { source: 'github:schedule', actor: 'octocat', sha: 'abc', ref: 'refs/heads/main', url: 'https://github.com/a/b/actions/runs/99' } });
  });

  it('on a pull request: no syncs, slim CI on the CI target in the PR schema', () => {
    const { request, slimCi } = buildRunRequest(inputs(), pr, { productionManifest: true });
    expect(request).toMatchObject({ skipSync: true, dbt: { args: ['build', '--select', 'state:modified+', '--defer', '--state', 'prod-state', '--target', 'ci'], env: { DBT_SCHEMA: 'dbt_pr_12', FETCH_PRODUCTION_MANIFEST: 'true' } }, trigger: { pullRequest: 12, sha: 'head12' } });
    expect(slimCi).toMatchObject({ schema: 'dbt_pr_12', deferred: true });
    expect(buildRunRequest(inputs(), pr, { productionManifest: false }).request.dbt?.args).toEqual(['build', '--target', 'ci']);
  });

  it('refuses production\'s target and manifest outside the default branch, naming the input', () => {
    expect(() => buildRunRequest(inputs({ dbtArgs: ['build', '-t', 'prod'] }), pr, { productionManifest: null })).toThrow(/^Input dbt-args .* names the production target "prod" on pull request #12/);
    expect(() => buildRunRequest(inputs({ publishManifest: true }), { ...push, ref: 'refs/heads/feature' }, { productionManifest: null })).toThrow(/^Input publish-manifest is refused on refs\/heads\/feature, which is not the default branch \(main\)/);
    expect(buildRunRequest(inputs({ publishManifest: true, dbtArgs: ['build', '--target', 'prod'] }), push, { productionManifest: null }).request.dbt?.env).toEqual({ PUBLISH_MANIFEST: 'true', PUBLISH_MANIFEST_TARGET: 'prod' });
    expect(buildRunRequest(inputs({ dbtArgs: ['build', '--target=prod'] }), { ...push, ref: 'refs/heads/release', refProtected: true }, { productionManifest: null }).request.dbt?.args).toEqual(['build', '--target=prod']);
  });

  it('sends only fields the strict request schema takes, with every input set', () => {
    const all = inputs({ connections: ['a', 'b'], skipSync: false, force: true, onPaused: 'unpause', syncTimeoutSeconds: 600, dbtEnv: { DBT_PROFILE: 'x' }, publishManifest: true, dbtArgs: ['build', '--target', 'prod'] });
    expect(() => prepareRun(buildRunRequest(all, push, { productionManifest: null }).request, 'run-1')).not.toThrow();
    expect(() => prepareRun(buildRunRequest(inputs({ groupId: undefined }), pr, { productionManifest: true }).request, 'run-1')).not.toThrow();
  });

  it('reads targets and quoted words as dbt does', () => {
    expect(targetOf(['run', '--target', 'a', '-t', 'b'], {})).toBe('b');
    expect(targetOf(['run'], { DBT_TARGET: 'prod' })).toBe('prod');
    expect(splitWords(`run-operation drop --args '{schema: "x y"}'`)).toEqual(['run-operation', 'drop', '--args', '{schema: "x y"}']);
  });
});

describe('createOidcCredentials', () => {
  it('assumes the role once per lifetime, and again with a fresh token 5 minutes before it ends', async () => {
    let now = 0;
    const tokens: string[] = [];
    let issued = 0;
    const provider = createOidcCredentials({
      roleArn: 'arn:aws:iam::1:role/r', durationSeconds: 3600, sessionName: 'fivetran-dbt run', env: {},
      getIdToken: async (audience) => `token-${audience}-${++issued}`,
      assume: async (token) => (tokens.push(token), { accessKeyId: `k${tokens.length}`, secretAccessKey: 's', expiration: new Date(now + 3_600_000) }),
      now: () => now,
    });
    expect((await provider()).accessKeyId).toBe('k1');
    now = 54 * 60_000;
    expect((await provider()).accessKeyId).toBe('k1');
    now = 56 * 60_000;
    expect((await provider()).accessKeyId).toBe('k2');
    expect(tokens).toEqual(['token-sts.amazonaws.com-1', 'token-sts.amazonaws.com-2']);
  });
});

describe('buildAndPushImage', () => {
  it('runs docker buildx build --push with a fake docker, and names the input when it fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-docker-'));
    const docker = join(dir, 'docker');
    writeFileSync(docker, `#!/bin/sh\necho "$@" > ${dir}/args\n[ "$FAIL" = 1 ] && { echo "ERROR: failed to solve" >&2; exit 1; }\necho pushed\n`);
    chmodSync(docker, 0o755);
    const lines: string[] = [];
    await buildAndPushImage({ context: 'dbt', image: 'repo:v1', docker, onLine: (l) => lines.push(l) });
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('buildx build --platform linux/amd64 --tag repo:v1 --push dbt');
    expect(lines).toEqual(['pushed']);
    await expect(buildAndPushImage({ context: 'dbt', image: 'repo:v1', docker, env: { ...process.env, FAIL: '1' } })).rejects.toThrow('Input dbt-image-context: docker buildx build of dbt failed with exit code 1:\nERROR: failed to solve');
  });
});

/**
 * The built Action (dist/index.js) as the runner runs it: a node process with INPUT_* variables,
 * GITHUB_OUTPUT/STATE/STEP_SUMMARY files and an event payload, against the loopback local AWS
 * (the synthesized stack with its real Lambda handlers), the Fivetran simulator and a GitHub API
 * stub. The post step is the same script run again with the saved state as STATE_*.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAwsClient } from '../../src/aws/clients.js';
import { createFivetranClient } from '../../src/core/fivetran/client.js';
import { startLocalAws, type DbtBehaviour, type LocalAws } from '../../src/simulator/aws/local-aws.js';
import { startSimulator, type Simulator } from '../../src/simulator/simulator.js';
import { runStep, startStep, type ActionStep } from '../support/action-process.js';
import { startGitHubApiStub, type GitHubApiStub } from '../support/github-api-stub.js';

let simulator: Simulator;
let aws: LocalAws;
let github: GitHubApiStub;
const succeeding: DbtBehaviour = async () => ({ exitCode: 0, logLines: ['Running with dbt=1.9.0', 'Done. PASS=2'], runResults: { results: [{ unique_id: 'model.shop.orders', status: 'success' }, { unique_id: 'test.shop.unique_order_id', status: 'pass' }] } });
let dbt: DbtBehaviour = succeeding;
let runNumber = 0;

beforeAll(async () => {
  simulator = await startSimulator({
    groups: [
      { id: 'quick', connections: [{ id: 'orders_db', syncDurationMs: 50 }] },
      { id: 'broken', connections: [{ id: 'crm_api', syncDurationMs: 50, outcome: 'failure', failureReason: 'Invalid OAuth token' }, { id: 'ads_api', syncDurationMs: 50 }] },
      { id: 'slow', connections: [{ id: 'big_table', syncDurationMs: 600_000 }] },
    ],
  });
  aws = await startLocalAws({ fivetran: { url: simulator.url, apiKey: simulator.apiKey, apiSecret: simulator.apiSecret }, webhookSecret: 'action-secret', dbt: (task) => dbt(task) });
  const fivetran = createFivetranClient({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
  for (const group of ['quick', 'broken', 'slow']) await fivetran.createGroupWebhook(group, { url: aws.webhookUrl, events: ['sync_start', 'sync_end'], secret: 'action-secret', active: true });
  github = await startGitHubApiStub();
});

afterAll(async () => {
  await github?.close();
  await aws?.close();
  await simulator?.close();
});

/** A step on the local AWS; each gets its own workflow run id unless `env` sets one. */
function awsStep(inputs: Record<string, string>, extra: Partial<ActionStep> = {}): ActionStep {
  runNumber += 1;
  return {
    inputs: { command: 'run', engine: 'aws', 'stack-name': aws.stackName, 'poll-interval-ms': '50', 'github-token': 'ghs_test', ...inputs },
    ...extra,
    env: { ...aws.env, GITHUB_RUN_ID: `${4000 + runNumber}`, GITHUB_API_URL: github.url, ...extra.env },
  };
}

async function putObject(key: string, body: string): Promise<void> {
  const s3 = createAwsClient(S3Client, 's3', aws.env);
  try {
    await s3.send(new PutObjectCommand({ Bucket: aws.outputs.ArtifactsBucketName, Key: key, Body: body }));
  } finally {
    s3.destroy();
  }
}

const execution = (name: string) => aws.executions().find((e) => e.name === name);

describe('dist/index.js on engine aws', () => {
  it('runs a pipeline to SUCCEEDED, sets the outputs and writes the summary; the same attempt run again attaches', async () => {
    const step = awsStep({ 'group-id': 'quick' });
    const result = await runStep(step);
    expect(result.code).toBe(0);
    const runId = `gh-${step.env?.GITHUB_RUN_ID}-1-test`;
    expect(result.outputs).toMatchObject({ 'run-id': runId, status: 'SUCCEEDED', 'dbt-exit-code': '0', 'failed-connections': '' });
    expect(result.outputs['execution-arn']).toBe(`arn:aws:states:us-east-1:000000000000:execution:${aws.stateMachineArn.split(':').pop()}:${runId}`);
    expect(JSON.parse(result.outputs.result ?? '{}')).toMatchObject({ runId, status: 'SUCCEEDED', connections: [{ connectionId: 'orders_db', status: 'SUCCESSFUL' }] });
    expect(result.log).toContain(`Started run ${runId}`);
    expect(result.log).toContain('::group::Syncs');
    expect(result.log).toContain('connection orders_db (orders_db): SUCCESSFUL');
    expect(result.log).toContain('::group::dbt\ndbt started');
    expect(result.summary).toContain(`## ✅ Fivetran → dbt run \`${runId}\`: SUCCEEDED`);
    expect(result.summary).toContain('| `orders_db` | SUCCESSFUL |');
    expect(result.summary).toContain('2 nodes: 1 success, 1 pass.');
    expect(result.summary).toContain('```mermaid\ngantt\n  dateFormat x');
    expect(result.summary).toContain(`[AWS console](${result.outputs['console-url']})`);
    expect(result.state).toMatchObject({ isPost: 'true', runId, executionArn: result.outputs['execution-arn'], outcome: 'ended' });

    const again = await runStep(step);
    expect(again.code).toBe(0);
    expect(again.log).toContain(`Attached to run ${runId}`);
    expect(aws.executions().filter((e) => e.name === runId)).toHaveLength(1);
    expect(aws.calls.filter((c) => c.action === 'StartExecution' && String((c.input as { name?: string }).name) === runId)).toHaveLength(1);
  });

  it('fails on a failed connection, names it in an annotation and the failed-connections output', async () => {
    const result = await runStep(awsStep({ 'group-id': 'broken' }));
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ status: 'FAILED', 'failed-connections': 'crm_api' });
    expect(result.log).toContain('::error title=Connection FAILURE%3A crm_api (crm_api)::Invalid OAuth token');
    expect(result.summary).toContain('| `crm_api` | FAILURE |');
    expect(result.summary.indexOf('`crm_api`')).toBeLessThan(result.summary.indexOf('`ads_api`'));
  });

  it('reports a dbt failure with the task\'s stopped reason and the log tail in the summary', async () => {
    // The entrypoint uploads run_results.json whatever dbt's exit code; the ECS stand-in only on success, so the task does it here.
    dbt = async ({ runId }) => (await putObject(`runs/${runId}/run_results.json`, JSON.stringify({ results: [{ unique_id: 'model.shop.customers', status: 'success' }, { unique_id: 'model.shop.orders', status: 'error', message: 'Database Error: relation "raw.orders" does not exist' }] })), { exitCode: 1, stoppedReason: 'Essential container in task exited', logLines: ['Running with dbt=1.9.0', 'Database Error in model orders (models/orders.sql)', 'Done. PASS=1 ERROR=1'], runResults: null });
    try {
      const result = await runStep(awsStep({ 'group-id': 'quick' }));
      expect(result.code).toBe(1);
      expect(result.outputs).toMatchObject({ status: 'FAILED', 'dbt-exit-code': '1' });
      expect(result.summary).toContain('**Stopped reason:** Essential container in task exited');
      expect(result.summary).toContain('| `model.shop.orders` | error | Database Error: relation "raw.orders" does not exist |');
      expect(result.summary).toContain('Database Error in model orders (models/orders.sql)');
      expect(result.log).toContain('::error title=dbt exited with 1::Essential container in task exited');
    } finally {
      dbt = succeeding;
    }
  });

  it('stops the execution when timeout-minutes passes', async () => {
    const step = awsStep({ 'group-id': 'slow', 'timeout-minutes': '0.03' });
    const result = await runStep(step);
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('TIMED_OUT');
    expect(result.log).toContain('Timed out after 0.03 minutes (input timeout-minutes): stopping the run');
    expect(execution(result.outputs['run-id'] ?? '')?.status).toBe('ABORTED');
    expect(result.summary).toContain('> The run was stopped: timeout-minutes (0.03) passed.');
  });

  it('stops the execution on SIGINT (a cancelled workflow) well within the runner\'s 7.5 s', async () => {
    const step = startStep(awsStep({ 'group-id': 'slow' }));
    await step.waitFor(/Started run (\S+)/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    step.child.kill('SIGINT');
    const result = await step.done;
    expect(Date.now() - signalled).toBeLessThan(7500);
    expect(result.log).toContain('The workflow was cancelled (SIGINT): stopping the run');
    expect(result.outputs.status).toBe('CANCELLED');
    expect(execution(result.outputs['run-id'] ?? '')?.status).toBe('ABORTED');
    expect(result.state.outcome).toBe('ended');
  });

  it('the post step stops the execution when the main step was killed first', async () => {
    const step = startStep(awsStep({ 'group-id': 'slow' }));
    await step.waitFor(/Started run (\S+)/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    step.child.kill('SIGKILL');
    const main = await step.done;
    expect(main.state.executionArn).toContain(':execution:');
    expect(main.state.outcome).toBeUndefined();
    const name = main.state.runId ?? '';
    expect(execution(name)?.status).toBe('RUNNING');
    const post = await runStep(awsStep({ 'group-id': 'slow' }, { state: main.state }));
    expect(post.code).toBe(0);
    expect(post.log).toContain(`::warning title=Run stopped by the post step::Stopped ${main.state.executionArn}: the main step ended before the run did.`);
    expect(execution(name)?.status).toBe('ABORTED');
  });

  it('on pull_request: dbt only, on the CI state machine and task, the CI target in the PR schema; one comment created, then updated; slim CI once production\'s manifest exists', async () => {
    const event = { number: 7, pull_request: { number: 7, head: { sha: 'feedface00000000000000000000000000000000' } }, repository: { default_branch: 'main' } };
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' };
    const first = await runStep(awsStep({}, { event, env }));
    expect(first.code).toBe(0);
    expect(first.outputs['run-id']).toMatch(/^ci-pr-7-/);
    expect(first.outputs['execution-arn']).toContain(`${aws.outputs.CiStateMachineArn?.split(':').pop()}:ci-pr-7-`);
    expect(first.log).toContain('Full build: there is no production manifest yet');
    const firstTask = aws.ecsTasks().find((t) => t.runId === first.outputs['run-id']);
    expect(firstTask?.command).toEqual(['build', '--target', 'ci']);
    expect(firstTask?.taskDefinitionArn).toMatch(/-ci:\d+$/);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('<!-- fivetran-dbt-orchestrator:run-report -->');
    expect(github.comments[0]?.body).toContain('### What dbt built and tested');
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/analytics/issues/7/comments', 'POST /repos/acme/analytics/issues/7/comments']);
    expect(github.requests[1]?.authorization).toBe('token ghs_test');

    await putObject('latest/manifest.json', '{"nodes":{}}');
    const second = await runStep(awsStep({}, { event, env }));
    expect(second.code).toBe(0);
    const secondTask = aws.ecsTasks().find((t) => t.runId === second.outputs['run-id']);
    expect(secondTask?.command).toEqual(['build', '--select', 'state:modified+', '--defer', '--state', 'prod-state', '--target', 'ci']);
    expect(github.comments).toHaveLength(1);
    expect(github.requests.slice(2).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/analytics/issues/7/comments', `PATCH /repos/acme/analytics/issues/comments/${github.comments[0]?.id}`]);
    expect(github.comments[0]?.body).toContain(second.outputs['run-id']);
    expect(github.comments[0]?.body).toContain('Slim CI: only models changed by this pull request');
  });

  it('refuses the production target on a pull request, naming the input', async () => {
    const result = await runStep(awsStep({ 'dbt-args': 'build --target prod' }, { event: { number: 8, pull_request: { number: 8 } }, env: { GITHUB_EVENT_NAME: 'pull_request' } }));
    expect(result.code).toBe(1);
    expect(result.log).toContain('::error::Input dbt-args (or DBT_TARGET in dbt-env) names the production target "prod" on pull request #8');
  });
});

describe('dist/index.js on engine local', () => {
  it('runs the demo (no credentials) to SUCCEEDED with a summary', async () => {
    const result = await runStep({ inputs: { engine: 'local', 'poll-interval-ms': '200' } });
    expect(result.code).toBe(0);
    expect(result.log).toContain('Demo run: fivetran-api-key and fivetran-api-secret are not set');
    expect(result.outputs).toMatchObject({ status: 'SUCCEEDED', 'execution-arn': '', 'dbt-exit-code': '0' });
    expect(result.summary).toMatch(/^## ✅ Fivetran → dbt run `gh-\d+-1-test`: SUCCEEDED/);
    expect(result.summary).toContain('7 succeeded, 0 failed, 1 skipped of 8.');
    expect(result.summary).toContain('| SKIPPED | — | paused |');
  });

  it('fails a bad input with a message that names it', async () => {
    const result = await runStep({ inputs: { engine: 'cloud', 'timeout-minutes': 'soon' } });
    expect(result.code).toBe(1);
    expect(result.log).toContain('::error::Input engine must be one of aws, local (got "cloud").%0AInput timeout-minutes must be a number above 0 and at most 10080 (got "soon").');
  });
});

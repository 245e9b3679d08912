/**
 * `fivetran-dbt run --engine aws`, `status` and `cancel` as a user runs them: a separate process
 * whose AWS clients reach the local AWS through AWS_ENDPOINT_URL_* (the SDK's standard variables),
 * with the same report, `--json` and exit codes as a local run, and Ctrl-C stopping the execution.
 */
import { spawn } from 'node:child_process';
import { createFivetranClient } from '../../src/core/fivetran/client.js';
import { startLocalAws, type LocalAws } from '../../src/simulator/aws/local-aws.js';
import { startSimulator, type Simulator } from '../../src/simulator/simulator.js';

type Result = { code: number | null; stdout: string; stderr: string };

let simulator: Simulator;
let aws: LocalAws;

beforeAll(async () => {
  simulator = await startSimulator({
    groups: [
      { id: 'quick', connections: [{ id: 'orders_db', syncDurationMs: 50 }] },
      { id: 'slow', connections: [{ id: 'big_table', syncDurationMs: 600_000 }] },
    ],
  });
  aws = await startLocalAws({ fivetran: { url: simulator.url, apiKey: simulator.apiKey, apiSecret: simulator.apiSecret }, webhookSecret: 'cli-aws-secret' });
  const fivetran = createFivetranClient({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
  for (const group of ['quick', 'slow']) await fivetran.createGroupWebhook(group, { url: aws.webhookUrl, events: ['sync_start', 'sync_end'], secret: 'cli-aws-secret', active: true });
});
afterAll(async () => {
  await aws.close();
  await simulator.close();
});

function cli(args: string[], onStderr?: (text: string, child: { kill(signal: NodeJS.Signals): void }) => void): Promise<Result> {
  const base = { ...process.env };
  for (const name of ['FIVETRAN_API_KEY', 'FIVETRAN_API_SECRET', 'NODE_OPTIONS', 'AWS_PROFILE']) delete base[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...base, ...aws.env, FIVETRAN_DBT_POLL_INITIAL_MS: '50', FIVETRAN_DBT_POLL_MAX_MS: '200' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, child);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('fivetran-dbt on a deployed stack (as a process)', () => {
  it('runs with --engine aws --stack, prints the JSON report and exits 0', async () => {
    const result = await cli(['run', '--engine', 'aws', '--stack', aws.stackName, '--group', 'quick', '--run-id', 'cli-run-1', '--json', '--no-progress']);
    expect(result.stderr).toContain(':execution:');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { status: string; executionArn: string; connections: { connectionId: string; status: string }[] };
    expect(report).toMatchObject({ status: 'SUCCEEDED', connections: [{ connectionId: 'orders_db', status: 'SUCCESSFUL' }] });
    const status = await cli(['status', 'cli-run-1', '--stack', aws.stackName, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ runId: 'cli-run-1', status: 'SUCCEEDED' });
  });

  it('stops the execution on Ctrl-C, says so, and exits 130', async () => {
    let interrupted = false;
    const result = await cli(['run', '--engine', 'aws', '--stack', aws.stackName, '--group', 'slow', '--run-id', 'cli-run-2', '--no-progress'], (text, child) => {
      if (!interrupted && text.includes(':execution:')) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    expect(result.stderr).toContain('Cancelling the run');
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('CANCELLED');
    expect(aws.executions().find((e) => e.name === 'cli-run-2')?.status).toBe('ABORTED');
  });

  it('cancels a run by id from another terminal', async () => {
    const started = cli(['run', '--engine', 'aws', '--stack', aws.stackName, '--group', 'slow', '--run-id', 'cli-run-3', '--json', '--no-progress']);
    while (!aws.executions().some((e) => e.name === 'cli-run-3')) await new Promise((resolve) => setTimeout(resolve, 50));
    const cancelled = await cli(['cancel', 'cli-run-3', '--stack', aws.stackName, '--reason', 'maintenance']);
    expect(cancelled.code).toBe(130);
    const first = await started;
    expect(first.code).toBe(130);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'CANCELLED', cause: expect.stringContaining('maintenance') });
  });

  it('looks a run up on the CI state machine with --kind ci, on the production one by default', async () => {
    const ci = await cli(['status', 'cli-run-1', '--stack', aws.stackName, '--kind', 'ci', '--no-wait']);
    expect(ci.code).toBe(2);
    expect(ci.stderr).toContain(`No run "cli-run-1" on ${aws.outputs.CiStateMachineArn}`);
    const production = await cli(['status', 'cli-run-1', '--stack', aws.stackName, '--no-wait', '--json']);
    expect(production.code).toBe(0);
  });

  it('refuses --engine aws without a stack or state machine, naming the flags', async () => {
    const result = await cli(['run', '--engine', 'aws', '--group', 'quick']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--stack <name> or --state-machine-arn <arn>');
  });
});

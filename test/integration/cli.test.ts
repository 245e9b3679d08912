/**
 * The CLI as a user runs it: a separate process, exit codes, stdout/stderr, against the bundled
 * demo or a simulator started here and reached through FIVETRAN_API_URL.
 */
import { spawn } from 'node:child_process';
import { startSimulator, type Simulator } from '../../src/simulator/simulator.js';

type Result = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], env: Record<string, string | undefined> = {}, onStderr?: (text: string, kill: () => void) => void): Promise<Result> {
  const base = { ...process.env };
  delete base.FIVETRAN_API_KEY;
  delete base.FIVETRAN_API_SECRET;
  delete base.FIVETRAN_API_URL;
  delete base.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...base, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, () => child.kill('SIGINT'));
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const creds = (sim: Simulator) => ({ FIVETRAN_API_URL: sim.url, FIVETRAN_API_KEY: sim.apiKey, FIVETRAN_API_SECRET: sim.apiSecret });

describe('fivetran-dbt run (as a process)', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({
      groups: [
        {
          id: 'warehouse',
          connections: [
            { id: 'orders_db', syncDurationMs: 50 },
            { id: 'crm', syncDurationMs: 80, outcome: 'failure', taskType: 'reconnect_warehouse', failureReason: 'java.lang.RuntimeException: token expired' },
          ],
        },
        { id: 'healthy', connections: [{ id: 'one', syncDurationMs: 40 }] },
        // Syncs that outlast any test: a Ctrl-C during AwaitSyncs cannot race their end.
        { id: 'endless', connections: [{ id: 'slow_db', syncDurationMs: 3_600_000 }] },
      ],
    });
  });
  afterAll(() => simulator.close());

  it('runs the demo without credentials, says so, prints the table and exits 0', async () => {
    const result = await cli(['run', '--demo-connections', '5']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Demo run');
    expect(result.stdout).toMatch(/CONNECTION\s+NAME\s+STATUS/);
    expect(result.stdout).toContain('SUCCEEDED');
  });

  it('prints a machine-readable report with --json', async () => {
    const result = await cli(['run', '--json', '--no-progress', '--demo-connections', '5']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { status: string; counts: { total: number }; dbt: { exitCode: number } };
    expect(report).toMatchObject({ status: 'SUCCEEDED', counts: { total: 5 }, dbt: { exitCode: 0 } });
  });

  it('drives Fivetran (here the simulator) with credentials and --group, polling', async () => {
    const result = await cli(['run', '--group', 'healthy', '--poll-interval', '100ms', '--dbt', process.execPath, '--json', '--', '--version'], creds(simulator));
    expect(result.stderr).not.toContain('Demo run');
    const report = JSON.parse(result.stdout) as { status: string; connections: { source: string }[] };
    expect(result.code).toBe(0);
    expect(report.status).toBe('SUCCEEDED');
    expect(report.connections[0]?.source).toBe('poll');
  });

  it('exits 1 and names the failed connection and its reason under policy fail', async () => {
    const result = await cli(['run', '--group', 'warehouse', '--poll-interval', '100ms', '--dbt', process.execPath], creds(simulator));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('crm');
    expect(result.stdout).toContain('token expired');
    expect(result.stdout).toContain('dbt: not run');
  });

  it('exits 2 with one line naming the missing variable', async () => {
    const result = await cli(['run', '--group', 'g'], { FIVETRAN_API_KEY: 'key-only' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('FIVETRAN_API_SECRET');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with one line for an unknown group', async () => {
    const result = await cli(['run', '--group', 'no_such_group'], creds(simulator));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/404.*no_such_group/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with a usage error for a bad flag value, naming the flag', async () => {
    const result = await cli(['run', '--on-sync-failure', 'maybe']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--on-sync-failure');
  });

  it('exits 1 with one line when the API cannot be reached', async () => {
    const result = await cli(['run', '--group', 'g'], { FIVETRAN_API_URL: 'http://127.0.0.1:9/v1', FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Could not reach the Fivetran API');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('cancels on Ctrl-C and says so in the summary', async () => {
    const result = await cli(['run', '--group', 'endless', '--poll-interval', '100ms'], creds(simulator), (stderr, kill) => {
      if (stderr.includes('AwaitSyncs') && !stderr.includes('Cancelling')) kill();
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('CANCELLED');
  });
});

/**
 * Finding things and trying safely, as a user runs them: `groups`, `connections` and
 * `run --dry-run` / `--skip-dbt` as separate processes against a simulator reached through
 * FIVETRAN_API_URL. A dry run must not trigger, pause or change anything: the simulator's
 * request log says so.
 */
import { spawn } from 'node:child_process';
import { startSimulator, type Simulator } from '../../src/simulator/simulator.js';

type Result = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  const base = { ...process.env };
  delete base.FIVETRAN_API_KEY;
  delete base.FIVETRAN_API_SECRET;
  delete base.FIVETRAN_API_URL;
  delete base.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...base, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const creds = (sim: Simulator) => ({ FIVETRAN_API_URL: sim.url, FIVETRAN_API_KEY: sim.apiKey, FIVETRAN_API_SECRET: sim.apiSecret });

/** Every request the simulator answered that is not a read. */
const writes = (sim: Simulator) => Object.entries(sim.stats.requestsByRoute).filter(([route]) => !route.startsWith('GET '));

describe('groups, connections and run --dry-run (as a process)', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({
      groups: [
        {
          id: 'warehouse',
          name: 'Snowflake production',
          connections: [
            { id: 'orders_db', name: 'orders', service: 'postgres', syncDurationMs: 50, scheduleType: 'manual', succeededAt: '2026-05-01T00:00:00.000Z' },
            { id: 'crm', name: 'salesforce', service: 'salesforce', syncDurationMs: 50 },
            { id: 'old_sheet', name: 'sheets', syncDurationMs: 50, paused: true },
            { id: 'half_done', name: 'ads', syncDurationMs: 50, setupState: 'incomplete' },
          ],
        },
        { id: 'staging', name: 'Snowflake staging', connections: [{ id: 'one', syncDurationMs: 40 }] },
        { id: 'sandbox', connections: [{ id: 'two', syncDurationMs: 40 }] },
      ],
    });
  });
  afterAll(() => simulator.close());

  it('groups lists every group', async () => {
    const result = await cli(['groups'], creds(simulator));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/GROUP\s+NAME/);
    for (const id of ['warehouse', 'staging', 'sandbox']) expect(result.stdout).toContain(id);
    const json = await cli(['groups', '--json'], creds(simulator));
    expect(JSON.parse(json.stdout)).toEqual([
      { id: 'warehouse', name: 'Snowflake production' },
      { id: 'staging', name: 'Snowflake staging' },
      { id: 'sandbox', name: expect.any(String) },
    ]);
  });

  it('connections lists a group\'s connections with paused, setup state, schedule and last success', async () => {
    const result = await cli(['connections', '--group', 'warehouse'], creds(simulator));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/CONNECTION\s+SCHEMA\s+SERVICE\s+PAUSED\s+SETUP/);
    const line = (id: string) => result.stdout.split('\n').find((l) => l.startsWith(id)) ?? '';
    expect(line('orders_db')).toMatch(/orders\s+postgres\s+no\s+connected\s+\S+\s+manual\s+2026-05-01T00:00:00.000Z/);
    expect(line('old_sheet')).toMatch(/\byes\b/);
    expect(line('half_done')).toContain('incomplete');
    const json = JSON.parse((await cli(['connections', '-g', 'warehouse', '--json'], creds(simulator))).stdout) as { id: string; paused: boolean; setupState: string }[];
    expect(json.map((c) => c.id)).toEqual(['orders_db', 'crm', 'old_sheet', 'half_done']);
  });

  it('connections names the missing credentials and exits 2', async () => {
    const result = await cli(['connections', '--group', 'warehouse']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FIVETRAN_API_KEY');
  });

  it('run --dry-run shows what would be triggered and skipped, and the dbt command, and triggers nothing', async () => {
    const before = JSON.stringify(writes(simulator));
    const result = await cli(
      ['run', '--dry-run', '--group', 'warehouse', '--on-not-connected', 'skip', '--dbt', 'my-dbt', '--dbt-dir', '/srv/project', '--', 'build', '--target', 'ci'],
      creds(simulator),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run: nothing was triggered');
    expect(result.stdout).toContain('not-connected=skip');
    expect(result.stdout).toMatch(/Would trigger 2 syncs in group warehouse/);
    expect(result.stdout).toMatch(/old_sheet\s+sheets\s+paused/);
    expect(result.stdout).toMatch(/half_done\s+ads\s+setup_state is "incomplete"/);
    expect(result.stdout).toContain('dbt: my-dbt build --target ci (in /srv/project)');
    expect(JSON.stringify(writes(simulator))).toBe(before);
    expect(simulator.stats.triggers).toEqual({});
  });

  it('run --dry-run --json prints the plan, and exits 1 when the run would stop before any trigger', async () => {
    const result = await cli(['run', '--dry-run', '--json', '--group', 'warehouse', '-c', 'orders_db,half_done'], creds(simulator));
    expect(result.code).toBe(1);
    const plan = JSON.parse(result.stdout) as { dryRun: boolean; trigger: { id: string }[]; problems: string[]; dbt: unknown };
    expect(plan.dryRun).toBe(true);
    expect(plan.trigger.map((c) => c.id)).toEqual(['orders_db']);
    expect(plan.problems.join(' ')).toContain('half_done');
    expect(plan.dbt).toBeNull();
    expect(simulator.stats.triggers).toEqual({});
  });

  it('run --skip-dbt syncs, runs no dbt and succeeds', async () => {
    const result = await cli(['run', '--skip-dbt', '--group', 'staging', '--poll-interval', '100ms', '--dbt', '/nonexistent/dbt', '--json', '--no-progress'], creds(simulator));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { status: string; counts: { succeeded: number }; dbt: unknown };
    expect(report).toMatchObject({ status: 'SUCCEEDED', counts: { succeeded: 1 }, dbt: null });
    expect(simulator.stats.triggers).toMatchObject({ one: 1 });
  });
});

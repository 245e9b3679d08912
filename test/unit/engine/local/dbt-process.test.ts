/**
 * dbt as a child process. A tiny inline Node script stands in for dbt (`node -e <script> <args>`),
 * so exit codes, environment, output, run_results.json and cancellation are real process behaviour.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDbtProcess, type DbtProcessOptions } from '../../../../src/engine/local/dbt-process.js';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'dbt-process-test-'));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** Runs `script` as "dbt" with `args` (in the script, process.argv.slice(1) are the args). */
function fakeDbt(script: string, options: Partial<DbtProcessOptions> = {}) {
  return runDbtProcess({ command: process.execPath, commandPrefixArgs: ['-e', script], args: [], cwd, env: {}, ...options });
}

/** Resolves with the first line for which `match` is true; fed by onLine. */
function firstLine(match: (line: string) => boolean) {
  let resolve!: (line: string) => void;
  const seen = new Promise<string>((r) => (resolve = r));
  return { seen, onLine: (line: string) => void (match(line) && resolve(line)) };
}

const RUN_RESULTS = JSON.stringify({
  elapsed_time: 3.5,
  results: [
    { unique_id: 'model.shop.orders', status: 'success', execution_time: 1, message: 'SELECT 1' },
    { unique_id: 'test.shop.unique_orders_id', status: 'fail', execution_time: 1, message: 'Got 2 results', failures: 2 },
  ],
});

/** Keeps the child alive until it is signalled; exits 0 on its own after a while only as a guard against a hung test. */
const STAY_ALIVE = "setInterval(() => {}, 1000); setTimeout(() => process.exit(0), 3000);";

describe('runDbtProcess', () => {
  it.each([0, 1, 2])('passes exit code %p through', async (code) => {
    const result = await fakeDbt('process.exit(Number(process.argv[1]))', { args: [String(code)] });
    expect(result).toMatchObject({ exitCode: code, signal: null, runResults: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes the run args after the prefix args', async () => {
    const lines: string[] = [];
    await fakeDbt('console.log(JSON.stringify(process.argv.slice(1)))', { args: ['build', '--select', 'state:modified+'], onLine: (l) => lines.push(l) });
    expect(lines).toEqual(['["build","--select","state:modified+"]']);
  });

  it('adds the given environment to the inherited one', async () => {
    const lines: string[] = [];
    await fakeDbt('console.log(process.env.ORCHESTRATOR_RUN_ID, process.env.DBT_TARGET, process.env.PATH === process.argv[1])', {
      args: [process.env.PATH ?? ''],
      env: { ORCHESTRATOR_RUN_ID: 'run-1', DBT_TARGET: 'pr_7' },
      onLine: (l) => lines.push(l),
    });
    expect(lines).toEqual(['run-1 pr_7 true']);
  });

  it('runs in the given working directory', async () => {
    const lines: string[] = [];
    await fakeDbt('console.log(process.cwd())', { onLine: (l) => lines.push(l) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(cwd.split('/').pop());
  });

  it('streams stdout and stderr line by line and keeps the last 20 for a failure cause', async () => {
    const lines: string[] = [];
    const script = 'for (let i = 1; i <= 25; i++) (i % 2 ? process.stdout : process.stderr).write(`line ${i}\\n`); process.exitCode = 1;';
    const result = await fakeDbt(script, { onLine: (l) => lines.push(l) });
    expect([...lines].sort()).toEqual(Array.from({ length: 25 }, (_, i) => `line ${i + 1}`).sort());
    expect(result.tail).toHaveLength(20);
    expect(result.exitCode).toBe(1);
  });

  it('hands lines over while dbt is still running', async () => {
    const controller = new AbortController();
    const ready = firstLine((l) => l === 'Running with dbt=1.9.0');
    const running = fakeDbt(`console.log('Running with dbt=1.9.0'); ${STAY_ALIVE}`, { signal: controller.signal, onLine: ready.onLine });
    await expect(ready.seen).resolves.toBe('Running with dbt=1.9.0');
    controller.abort();
    // Killed by the abort that followed the line, so the line arrived while dbt ran.
    await expect(running).resolves.toMatchObject({ signal: 'SIGTERM' });
  });

  it('summarises target/run_results.json when dbt writes it', async () => {
    const script = `const fs = require('node:fs'); fs.mkdirSync('target', { recursive: true }); fs.writeFileSync('target/run_results.json', ${JSON.stringify(RUN_RESULTS)}); process.exit(1);`;
    const result = await fakeDbt(script);
    expect(result.exitCode).toBe(1);
    expect(result.runResults).toEqual({
      elapsedSeconds: 3.5,
      nodes: 2,
      byStatus: { success: 1, fail: 1 },
      problems: [{ uniqueId: 'test.shop.unique_orders_id', status: 'fail', message: 'Got 2 results' }],
    });
  });

  it('gives no summary, and says why, when run_results.json is not JSON', async () => {
    const result = await fakeDbt("require('node:fs').mkdirSync('target'); require('node:fs').writeFileSync('target/run_results.json', '{oops');");
    expect(result.runResults).toBeNull();
    expect(result.runResultsNote).toMatch(/^run_results\.json unreadable: not JSON \(/);
  });

  it('says run_results.json is unreadable when it is JSON but not a run_results file', async () => {
    const result = await fakeDbt(`require('node:fs').mkdirSync('target'); require('node:fs').writeFileSync('target/run_results.json', '{"results": "none"}');`);
    expect(result.runResults).toBeNull();
    expect(result.runResultsNote).toMatch(/^run_results\.json unreadable: not a dbt run_results file \(.* at results\)$/);
  });

  it('says dbt wrote no run_results.json when there is none', async () => {
    const result = await fakeDbt('process.exit(0)');
    expect(result).toMatchObject({ exitCode: 0, runResults: null, runResultsNote: 'dbt wrote no run_results.json' });
  });

  it('has no note when run_results.json was read', async () => {
    const result = await fakeDbt(`require('node:fs').mkdirSync('target'); require('node:fs').writeFileSync('target/run_results.json', ${JSON.stringify(RUN_RESULTS)});`);
    expect(result.runResults).not.toBeNull();
    expect(result.runResultsNote).toBeNull();
  });

  it('ignores a run_results.json left by an earlier run when dbt writes none', async () => {
    await mkdir(join(cwd, 'target'));
    const stale = join(cwd, 'target', 'run_results.json');
    await writeFile(stale, RUN_RESULTS);
    const yesterday = new Date(Date.now() - 86_400_000);
    await utimes(stale, yesterday, yesterday);
    const result = await fakeDbt("console.error('Encountered an error: Runtime Error: Could not find profile named shop'); process.exit(2);");
    expect(result.exitCode).toBe(2);
    expect(result.runResults).toBeNull();
    expect(result.runResultsNote).toBe('dbt wrote no run_results.json (target/run_results.json is from an earlier run)');
  });

  it('stops dbt with SIGTERM when the signal aborts', async () => {
    const controller = new AbortController();
    const ready = firstLine((l) => l === 'ready');
    const running = fakeDbt(`console.log('ready'); ${STAY_ALIVE}`, { signal: controller.signal, onLine: ready.onLine });
    await ready.seen;
    controller.abort();
    await expect(running).resolves.toMatchObject({ exitCode: null, signal: 'SIGTERM' });
  });

  it('follows with SIGKILL when dbt ignores SIGTERM', async () => {
    const controller = new AbortController();
    const ready = firstLine((l) => l === 'ready');
    const running = fakeDbt(`process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('ready'); ${STAY_ALIVE}`, {
      signal: controller.signal,
      onLine: ready.onLine,
      killAfterMs: 10,
    });
    await ready.seen;
    controller.abort();
    await expect(running).resolves.toMatchObject({ exitCode: null, signal: 'SIGKILL' });
  });

  it('stops dbt at once when the signal was aborted before it started (a cancel that raced the start)', async () => {
    const result = await fakeDbt(STAY_ALIVE, { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGTERM' });
  });

  it('rejects when the executable cannot be started', async () => {
    await expect(runDbtProcess({ command: join(cwd, 'no-such-dbt'), args: ['build'], cwd, env: {} })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

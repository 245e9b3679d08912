/**
 * The local engine's RunDbt: dbt as a child process (command, working directory, environment).
 * Its exit code decides, and its `target/run_results.json`, if written, is summarised.
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { NO_RUN_RESULTS, readRunResults, type DbtRunSummary } from '../../core/dbt/run-results.js';
import { messageOf } from '../../core/errors.js';

export type DbtProcessOptions = {
  /** The executable, `dbt` by default (a path, or a name found on PATH). */
  command: string;
  /** Arguments placed before the run's dbt args (e.g. a script path when `command` is node). */
  commandPrefixArgs?: string[];
  args: string[];
  cwd: string;
  /** Added to the inherited environment. */
  env: Record<string, string>;
  signal?: AbortSignal;
  /** Each line dbt prints, stdout and stderr alike. */
  onLine?: (line: string) => void;
  /** After SIGTERM on cancel, SIGKILL follows after this long (default 5 s). */
  killAfterMs?: number;
};

export type DbtProcessResult = {
  exitCode: number | null;
  /** The signal that ended dbt, e.g. SIGTERM after a cancel. */
  signal: string | null;
  durationMs: number;
  runResults: DbtRunSummary | null;
  /** Why `runResults` is null: no file from this run, or one that cannot be read. */
  runResultsNote: string | null;
  /** The last lines dbt printed, for a failure's cause. */
  tail: string[];
};

const TAIL_LINES = 20;

/** The summary of run_results.json if this run wrote it (an older file from another run is ignored), or why there is none. */
async function readRunResultsFile(path: string, startedMs: number): Promise<{ summary: DbtRunSummary | null; note: string | null }> {
  let text: string;
  try {
    // Coarse file-system clocks can stamp a fresh file slightly before `startedMs`.
    if ((await stat(path)).mtimeMs < startedMs - 1000) return { summary: null, note: `${NO_RUN_RESULTS} (target/run_results.json is from an earlier run)` };
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { summary: null, note: NO_RUN_RESULTS };
    return { summary: null, note: `run_results.json unreadable: ${messageOf(error)}` };
  }
  const read = readRunResults(text);
  return 'summary' in read ? { summary: read.summary, note: null } : { summary: null, note: read.note };
}

/** Runs dbt to its end; rejects only when it cannot be started (e.g. not installed). */
export async function runDbtProcess(options: DbtProcessOptions): Promise<DbtProcessResult> {
  const started = Date.now();
  const child = spawn(options.command, [...(options.commandPrefixArgs ?? []), ...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const collect = (line: string) => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    options.onLine?.(line);
  };
  createInterface({ input: child.stdout }).on('line', collect);
  createInterface({ input: child.stderr }).on('line', collect);

  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 5000);
    killTimer.unref();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, sig) => resolve([code, sig]));
    });
    const results = await readRunResultsFile(join(options.cwd, 'target', 'run_results.json'), started);
    return { exitCode, signal, durationMs: Date.now() - started, runResults: results.summary, runResultsNote: results.note, tail };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    clearTimeout(killTimer);
  }
}

/**
 * Runs the built Action (dist/index.js) as the runner does: a node process with `INPUT_<NAME>`
 * variables (upper case, spaces as `_`, dashes kept), `GITHUB_OUTPUT`, `GITHUB_STATE` and
 * `GITHUB_STEP_SUMMARY` files that exist, and the event payload in `GITHUB_EVENT_PATH`. The post
 * step is the same script with the saved state handed back as `STATE_<name>`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DIST_ENTRY = resolve(import.meta.dirname, '../../dist/index.js');

export type ActionStep = {
  inputs: Record<string, string>;
  /** Extra environment (GITHUB_EVENT_NAME, AWS_ENDPOINT_URL_*, ...). */
  env?: Record<string, string>;
  /** The event payload. @default {} */
  event?: unknown;
  /** Saved state handed back as STATE_* (the post step). */
  state?: Record<string, string>;
  /** The node binary. @default this process's */
  node?: string;
};

export type StepResult = { code: number | null; signal: NodeJS.Signals | null; log: string; outputs: Record<string, string>; state: Record<string, string>; summary: string; durationMs: number };

export type RunningStep = { child: ChildProcess; log: () => string; waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>; done: Promise<StepResult> };

/** Reads a GITHUB_OUTPUT / GITHUB_STATE file (`name<<delimiter` blocks, or `name=value` lines). */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const body: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) body.push(lines[i] ?? '');
      values[name] = body.join('\n');
    } else if (line.includes('=')) values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return values;
}

/** The environment the runner gives a step with these inputs. */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
}

export function startStep(step: ActionStep): RunningStep {
  const dir = mkdtempSync(join(tmpdir(), 'action-step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STATE: join(dir, 'state'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_EVENT_PATH: join(dir, 'event.json') };
  for (const file of [files.GITHUB_OUTPUT, files.GITHUB_STATE, files.GITHUB_STEP_SUMMARY]) writeFileSync(file, '');
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(step.event ?? {}));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(INPUT_|STATE_|GITHUB_|AWS_|FIVETRAN_|NODE_OPTIONS)/.test(name)));
  const env = {
    ...inherited,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'test',
    GITHUB_REPOSITORY: 'acme/analytics',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    ...files,
    ...step.env,
    ...inputEnv(step.inputs),
    ...Object.fromEntries(Object.entries(step.state ?? {}).map(([name, value]) => [`STATE_${name}`, value])),
  };
  const started = Date.now();
  const child = spawn(step.node ?? process.execPath, [DIST_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    for (const waiter of [...waiters]) if (waiter.pattern.test(log)) waiter.resolve();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const done = new Promise<StepResult>((resolveDone) => {
    child.on('close', (code, signal) => {
      const read = (file: string) => readFileSync(file, 'utf8');
      const result = { code, signal, log, outputs: parseCommandFile(read(files.GITHUB_OUTPUT)), state: parseCommandFile(read(files.GITHUB_STATE)), summary: read(files.GITHUB_STEP_SUMMARY), durationMs: Date.now() - started };
      rmSync(dir, { recursive: true, force: true });
      resolveDone(result);
    });
  });
  return {
    child,
    log: () => log,
    done,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise<void>((resolveWait, reject) => {
        if (pattern.test(log)) return resolveWait();
        const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${pattern} in:\n${log}`)), timeoutMs);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolveWait()) });
      }),
  };
}

/** Runs a step to its end. */
export function runStep(step: ActionStep): Promise<StepResult> {
  return startStep(step).done;
}

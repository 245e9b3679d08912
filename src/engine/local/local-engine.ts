/**
 * The embedded default engine: runs the pipeline's one definition in-process with
 * aws-local-stepfunctions. Its task handlers call the same core functions as the Lambdas; waits
 * complete through local task tokens, pushed by the in-process webhook receiver or pulled by a
 * watcher that reads the group's connections (the reconciler's logic), which also enforces
 * deadlines and re-triggers rescheduled syncs on manual schedules. Runs live in this process:
 * `attach` follows a run this engine started.
 */
import './polyfills.js';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions as MachineRunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import { registerWaiter, settleRecord, type CompletionDeps } from '../../core/completion/outcomes.js';
import { isDueForReconcile, reconcileRecords } from '../../core/completion/reconcile.js';
import { ConfigError, messageOf } from '../../core/errors.js';
import { abortableSleep } from '../../core/fivetran/retry.js';
import type { FivetranClient } from '../../core/fivetran/client.js';
import { LOCAL_SUBSTITUTIONS, resolveDefinition } from '../../core/pipeline/definition.js';
import { newRunId, prepareRun, type PreparedRun, type RunRequest, type SyncFailurePolicy } from '../../core/pipeline/run-request.js';
import { startSyncs } from '../../core/pipeline/start-syncs.js';
import { summarizeSyncs } from '../../core/pipeline/summary.js';
import { buildRunReport, type DbtReport, type RunReport } from '../../core/report/run-report.js';
import { MemoryRunStore } from '../../core/runs/memory-store.js';
import { SyncStatus, decidedOutcome, progressFingerprint, type RunStore } from '../../core/runs/records.js';
import { isoTime, roundedSeconds } from '../../core/text.js';
import { abortReason, RunStatus, type RunEngine, type RunEvent, type RunEventListener, type RunHandle, type RunOptions } from '../run-api.js';
import { runDbtProcess, type DbtProcessResult } from './dbt-process.js';
import { LocalTaskTokens, taskError } from './local-task-tokens.js';

export type CompletionMode = 'webhook' | 'poll';

export type LocalEngineOptions = {
  fivetran: FivetranClient;
  /** Where run records live (default: in memory). */
  store?: RunStore;
  /** Shared with the in-process webhook receiver, whose completer it is. */
  tokens?: LocalTaskTokens;
  /**
   * `webhook`: signed sync_end deliveries complete waits; the watcher reads connections only as a
   * fallback every `fallbackIntervalMs` (default 60 s). `poll` (default): the watcher reads them
   * every `pollIntervalMs` (default 10 s; one list request per group and 1,000 connections).
   */
  completion?: { mode?: CompletionMode; pollIntervalMs?: number; fallbackIntervalMs?: number };
  dbt: {
    command: string;
    commandPrefixArgs?: string[];
    cwd: string;
    env?: Record<string, string>;
  };
  /** The definition to run (default: the shared one). Benchmarks pass variants. */
  definition?: Record<string, unknown>;
  /** Handlers for states a variant definition adds, by state name (they take precedence). */
  extraHandlers?: (runId: string) => LocalHandlers;
  now?: () => number;
  /** How often a run's records are read for progress events while it goes on. @default 250 */
  progressIntervalMs?: number;
  /** Trigger calls in flight at once in StartSyncs. @default DEFAULT_TRIGGER_CONCURRENCY */
  triggerConcurrency?: number;
};

export type LocalHandlers = NonNullable<NonNullable<MachineRunOptions['overrides']>['taskResourceLocalHandlers']>;
type LocalHandler = LocalHandlers[string];

/** Adapts a typed handler to the engine's JSON-typed signature. */
export const handler = <I>(fn: (input: I) => Promise<unknown>): LocalHandler => fn as unknown as LocalHandler;

type LocalRun = {
  runId: string;
  abort: AbortController;
  tokens: Set<string>;
  dbt: DbtProcessResult | null;
  cancelReason: string | null;
  listeners: Set<RunEventListener>;
  result: Promise<RunReport>;
  execution: { abort(): void } | null;
};

/** Waits `ms`, or less when the run ends. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> => abortableSleep(ms, signal).catch(() => undefined);

/** The report's view of a dbt process: the one place its duration is rounded and its stop explained. */
function dbtReport(result: DbtProcessResult): DbtReport {
  return {
    exitCode: result.exitCode,
    durationSeconds: roundedSeconds(result.durationMs),
    summary: result.runResults,
    summaryNote: result.runResultsNote,
    taskArn: null,
    stoppedReason: result.signal ? `stopped by ${result.signal}` : null,
    logTail: result.exitCode === 0 ? [] : result.tail,
  };
}

export class LocalEngine implements RunEngine {
  readonly kind = 'local' as const;
  readonly store: RunStore;
  readonly tokens: LocalTaskTokens;
  private readonly machine: StateMachine;
  private readonly now: () => number;
  private readonly mode: CompletionMode;
  /** What the completion functions need: the store, the local tokens as completer, the clock. */
  private readonly deps: CompletionDeps;
  private readonly runs = new Map<string, LocalRun>();

  constructor(private readonly options: LocalEngineOptions) {
    this.store = options.store ?? new MemoryRunStore({ now: options.now });
    this.tokens = options.tokens ?? new LocalTaskTokens();
    this.now = options.now ?? Date.now;
    this.deps = { store: this.store, completer: this.tokens, now: this.now };
    this.mode = options.completion?.mode ?? 'poll';
    this.machine = new StateMachine((options.definition ?? resolveDefinition(LOCAL_SUBSTITUTIONS)) as unknown as StateMachineDefinition, {
      validationOptions: { checkArn: false, checkPaths: true },
    });
  }

  async start(request: RunRequest, options: RunOptions = {}): Promise<RunHandle> {
    const runId = options.runId ?? newRunId(new Date(this.now()));
    const going = this.runs.get(runId);
    if (going) return this.follow(going, options, true);
    prepareRun(request, runId);
    const run: LocalRun = {
      runId,
      abort: new AbortController(),
      tokens: new Set(),
      dbt: null,
      cancelReason: null,
      listeners: new Set(),
      result: Promise.resolve(null as unknown as RunReport),
      execution: null,
    };
    this.runs.set(runId, run);
    const startedAt = isoTime(this.now());
    const execution = this.machine.run(request, {
      overrides: { taskResourceLocalHandlers: { ...this.handlers(run), ...this.options.extraHandlers?.(runId) } },
      context: { Execution: { Name: runId, Id: `local:${runId}` }, Task: { Token: 'local' } },
    });
    run.execution = execution;
    const progress = this.watchProgress(run);
    const watcher = this.watch(run);
    run.result = execution.result
      .then(
        () => ({ status: RunStatus.succeeded, error: null, cause: null }),
        (error: unknown) => this.failure(run, error),
      )
      .then(async (end) => {
        run.abort.abort();
        for (const token of run.tokens) this.tokens.abandon(token, taskError('States.Runtime', 'run ended'));
        await Promise.all([watcher, progress]);
        const records = await this.store.listRunRecords(runId);
        this.emit(run, { type: 'connections', runId, records });
        return buildRunReport({ runId, ...end, startedAt, finishedAt: isoTime(this.now()), records, dbt: run.dbt ? dbtReport(run.dbt) : null });
      })
      .finally(() => this.runs.delete(runId));
    return this.follow(run, options, false);
  }

  async attach(runId: string, options: Omit<RunOptions, 'runId'> = {}): Promise<RunHandle> {
    const run = this.runs.get(runId);
    if (!run) {
      throw new ConfigError(`No local run "${runId}" is going in this process: local runs live in the process that started them (follow runs from elsewhere with the aws engine).`);
    }
    return this.follow(run, options, true);
  }

  async close(): Promise<void> {}

  /** A handle on `run` for one follower: its listener, its signal, its own detach. */
  private follow(run: LocalRun, options: Omit<RunOptions, 'runId'>, attached: boolean): RunHandle {
    const listener = options.onEvent;
    if (listener) run.listeners.add(listener);
    let detach!: () => void;
    const detached = new Promise<'detached'>((resolve) => (detach = () => resolve('detached')));
    const cancel = async (reason = 'cancelled') => {
      if (run.abort.signal.aborted) return run.result.then(() => undefined);
      run.cancelReason = reason;
      await this.settleOpenRecords(run.runId, `run cancelled: ${reason}`).catch(() => undefined);
      run.abort.abort();
      run.execution?.abort();
      await run.result.catch(() => undefined);
    };
    const onAbort = () => void cancel(abortReason(options.signal));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    const result = Promise.race([run.result, detached]).then(async (ended) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (listener) run.listeners.delete(listener);
      if (ended !== 'detached') return ended;
      const records = await this.store.listRunRecords(run.runId);
      return buildRunReport({ runId: run.runId, status: RunStatus.running, error: null, cause: null, startedAt: records[0]?.createdAt ?? isoTime(this.now()), finishedAt: isoTime(this.now()), records, dbt: null });
    });
    listener?.({ type: 'started', runId: run.runId, attached, executionArn: null, consoleUrl: null });
    return {
      runId: run.runId,
      executionArn: null,
      consoleUrl: null,
      attached,
      result,
      records: () => this.store.listRunRecords(run.runId),
      cancel,
      detach,
    };
  }

  private emit(run: LocalRun, event: RunEvent): void {
    for (const listener of run.listeners) listener(event);
  }

  private failure(run: LocalRun, error: unknown): { status: RunStatus; error: string; cause: string } {
    if (error instanceof ExecutionAbortedError || run.cancelReason !== null) {
      return { status: RunStatus.cancelled, error: 'Cancelled', cause: `Run cancelled: ${run.cancelReason ?? 'aborted'}` };
    }
    if (error instanceof ExecutionTimeoutError) return { status: RunStatus.timedOut, error: 'States.Timeout', cause: 'The run exceeded its time limit' };
    const inner = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
    return { status: RunStatus.failed, error: inner instanceof Error ? inner.name : 'Error', cause: messageOf(inner) };
  }

  private handlers(run: LocalRun): LocalHandlers {
    const { store, tokens, deps } = this;
    const phase = (name: string) => this.emit(run, { type: 'phase', runId: run.runId, phase: name });
    return {
      PrepareRun: handler(async (input: { Payload: { runId: string; request: unknown } }) => {
        phase('PrepareRun');
        return { Payload: prepareRun(input.Payload.request, input.Payload.runId) };
      }),
      StartSyncs: handler(async (input: { Payload: PreparedRun }) => {
        phase('StartSyncs');
        const started = await startSyncs(input.Payload, { fivetran: this.options.fivetran, store, now: this.now, triggerConcurrency: this.options.triggerConcurrency });
        await this.snapshot(run);
        phase('AwaitSyncs');
        return { Payload: started };
      }),
      WaitForSync: handler(async (input: { Payload: { runId: string; connectionId: string } }) => {
        const { token, promise } = tokens.create();
        run.tokens.add(token);
        try {
          await registerWaiter(deps, { runId: input.Payload.runId, connectionId: input.Payload.connectionId, taskToken: token });
        } catch (error) {
          tokens.abandon(token, error instanceof Error ? error : new Error(String(error)));
        }
        return promise.finally(() => run.tokens.delete(token));
      }),
      SummarizeSyncs: handler(async (input: { Payload: { runId: string; syncFailure: SyncFailurePolicy } }) => {
        await this.snapshot(run);
        phase('SummarizeSyncs');
        return { Payload: await summarizeSyncs(store, input.Payload.runId, input.Payload.syncFailure) };
      }),
      RunDbt: handler(async (input: { Overrides: { ContainerOverrides: { Name: string; Command: string[]; Environment: { Name: string; Value: string }[] }[] } }) => {
        phase('RunDbt');
        const container = input.Overrides.ContainerOverrides[0];
        const env = Object.fromEntries((container?.Environment ?? []).map((e) => [e.Name, e.Value]));
        const result = await runDbtProcess({
          command: this.options.dbt.command,
          commandPrefixArgs: this.options.dbt.commandPrefixArgs,
          args: container?.Command ?? ['build'],
          cwd: this.options.dbt.cwd,
          env: { ...this.options.dbt.env, ...env },
          signal: run.abort.signal,
          onLine: (line) => this.emit(run, { type: 'dbt-line', runId: run.runId, line }),
        }).catch((error: unknown) => {
          throw taskError('States.TaskFailed', `dbt could not be started (${this.options.dbt.command}): ${messageOf(error)}`);
        });
        run.dbt = result;
        const exitCode = result.exitCode ?? -1;
        if (exitCode !== 0) {
          const how = result.signal ? `was stopped by ${result.signal}` : `exited with code ${exitCode}`;
          throw taskError('States.TaskFailed', `dbt ${how}${result.tail.length ? `; last output: ${result.tail.slice(-5).join(' | ')}` : ''}`);
        }
        return { TaskArn: `local:dbt:${run.runId}`, Containers: [{ Name: container?.Name ?? 'dbt', ExitCode: 0 }] };
      }),
    };
  }

  /** Sends the run's records to its followers when they changed since the last snapshot. */
  private lastSnapshot = new Map<string, string>();
  private async snapshot(run: LocalRun): Promise<void> {
    if (run.listeners.size === 0) return;
    const records = await this.store.listRunRecords(run.runId);
    const print = progressFingerprint(records);
    if (this.lastSnapshot.get(run.runId) === print) return;
    this.lastSnapshot.set(run.runId, print);
    this.emit(run, { type: 'connections', runId: run.runId, records });
  }

  private async watchProgress(run: LocalRun): Promise<void> {
    const interval = this.options.progressIntervalMs ?? 250;
    while (!run.abort.signal.aborted) {
      await sleep(interval, run.abort.signal);
      await this.snapshot(run).catch(() => undefined);
    }
    this.lastSnapshot.delete(run.runId);
  }

  /** Reads connections for the run's open records until the run ends. */
  private async watch(run: LocalRun): Promise<void> {
    const interval = this.mode === 'poll' ? (this.options.completion?.pollIntervalMs ?? 10_000) : (this.options.completion?.fallbackIntervalMs ?? 60_000);
    const deps = { ...this.deps, fivetran: this.options.fivetran };
    let wait = Math.min(interval, 1000);
    while (!run.abort.signal.aborted) {
      await sleep(wait, run.abort.signal);
      if (run.abort.signal.aborted) break;
      wait = interval;
      try {
        // The watcher's own interval is the delay a webhook gets, so no age threshold here.
        const open = (await this.store.listRunRecords(run.runId)).filter((r) => isDueForReconcile(r, this.now(), 0));
        if (open.length === 0) continue;
        const report = await reconcileRecords(deps, open);
        for (const message of report.errors) this.emit(run, { type: 'warning', runId: run.runId, message });
        const nextDeadline = Math.min(...open.map((r) => Date.parse(r.deadline)));
        wait = Math.max(10, Math.min(interval, nextDeadline - this.now() + 10));
      } catch (error) {
        this.emit(run, { type: 'warning', runId: run.runId, message: messageOf(error) });
      }
    }
  }

  /** Closes the run's records that have no outcome yet as cancelled. */
  private async settleOpenRecords(runId: string, reason: string): Promise<void> {
    for (const record of await this.store.listRunRecords(runId)) {
      if (record.completedAt !== null || record.outcome) continue;
      await settleRecord(this.deps, record, decidedOutcome(SyncStatus.cancelled, reason, isoTime(this.now())));
    }
  }
}

export function createLocalEngine(options: LocalEngineOptions): LocalEngine {
  return new LocalEngine(options);
}

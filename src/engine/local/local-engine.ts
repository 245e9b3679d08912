/**
 * The embedded default engine: runs the pipeline's one definition in-process with
 * aws-local-stepfunctions. Its task handlers call the same core functions as the Lambdas; waits
 * complete through local task tokens, pushed by the in-process webhook receiver or pulled by a
 * watcher that reads the group's connections (the reconciler's logic), which also enforces
 * deadlines and re-triggers rescheduled syncs on manual schedules.
 */
import './polyfills.js';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import { messageOf } from '../../core/errors.js';
import { abortableSleep } from '../../core/fivetran/retry.js';
import type { FivetranClient } from '../../core/fivetran/client.js';
import { LOCAL_SUBSTITUTIONS, resolveDefinition } from '../../core/pipeline/definition.js';
import { newRunId, prepareRun, type PreparedRun, type RunRequest, type SyncFailurePolicy } from '../../core/pipeline/run-request.js';
import { startSyncs } from '../../core/pipeline/start-syncs.js';
import { summarizeRecords } from '../../core/pipeline/summary.js';
import { registerWaiter, settleRecord, type CompletionDeps } from '../../core/completion/outcomes.js';
import { reconcileRecords } from '../../core/completion/reconcile.js';
import { MemoryRunStore } from '../../core/runs/memory-store.js';
import { SyncStatus, decidedOutcome, type RunStore } from '../../core/runs/records.js';
import { RunState, type PipelineEngine, type RunHandle, type RunOutcome } from '../engine.js';
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
  onEvent?: (event: EngineEvent) => void;
};

export type EngineEvent =
  | { type: 'state'; runId: string; state: string }
  | { type: 'syncs-started'; runId: string; triggered: number; skipped: number; triggerFailed: number }
  | { type: 'dbt-line'; runId: string; line: string }
  | { type: 'watch-error'; runId: string; message: string };

export type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type LocalHandler = LocalHandlers[string];

/** Adapts a typed handler to the engine's JSON-typed signature. */
export const handler = <I>(fn: (input: I) => Promise<unknown>): LocalHandler => fn as unknown as LocalHandler;

type ActiveRun = {
  runId: string;
  abort: AbortController;
  tokens: Set<string>;
  dbt: DbtProcessResult | null;
  cancelReason: string | null;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** Waits `ms`, or less when the run ends. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> => abortableSleep(ms, signal).catch(() => undefined);

export class LocalEngine implements PipelineEngine {
  readonly store: RunStore;
  readonly tokens: LocalTaskTokens;
  private readonly machine: StateMachine;
  private readonly now: () => number;
  private readonly mode: CompletionMode;
  /** What the completion functions need: the store, the local tokens as completer, the clock. */
  private readonly deps: CompletionDeps;

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

  async start(request: RunRequest, options: { runId?: string } = {}): Promise<RunHandle> {
    const runId = options.runId ?? newRunId(new Date(this.now()));
    const run: ActiveRun = { runId, abort: new AbortController(), tokens: new Set(), dbt: null, cancelReason: null };
    const startedAt = iso(this.now());
    const execution = this.machine.run(request, {
      overrides: { taskResourceLocalHandlers: { ...this.handlers(run), ...this.options.extraHandlers?.(runId) } },
      context: { Execution: { Name: runId, Id: `local:${runId}` }, Task: { Token: 'local' } },
    });
    const watcher = this.watch(run);
    const result = execution.result.then(
      (output): RunOutcome => this.outcome(run, startedAt, RunState.succeeded, null, null, output),
      (error: unknown): RunOutcome => this.failure(run, startedAt, error),
    );
    const finished = result.finally(async () => {
      run.abort.abort();
      for (const token of run.tokens) this.tokens.abandon(token, taskError('States.Runtime', 'run ended'));
      await watcher;
    });
    return {
      runId,
      result: finished,
      cancel: async (reason = 'cancelled') => {
        if (run.abort.signal.aborted) return;
        run.cancelReason = reason;
        await this.settleOpenRecords(runId, `run cancelled: ${reason}`).catch(() => undefined);
        run.abort.abort();
        execution.abort();
        await finished.catch(() => undefined);
      },
    };
  }

  private outcome(run: ActiveRun, startedAt: string, state: RunOutcome['state'], error: string | null, cause: string | null, output: unknown): RunOutcome {
    return { runId: run.runId, state, error, cause, output, dbt: run.dbt, startedAt, finishedAt: iso(this.now()) };
  }

  private failure(run: ActiveRun, startedAt: string, error: unknown): RunOutcome {
    if (error instanceof ExecutionAbortedError || run.cancelReason !== null) {
      return this.outcome(run, startedAt, RunState.cancelled, 'Cancelled', `Run cancelled: ${run.cancelReason ?? 'aborted'}`, null);
    }
    if (error instanceof ExecutionTimeoutError) {
      return this.outcome(run, startedAt, RunState.timedOut, 'States.Timeout', 'The run exceeded its time limit', null);
    }
    const inner = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
    const name = inner instanceof Error ? inner.name : 'Error';
    return this.outcome(run, startedAt, RunState.failed, name, messageOf(inner), null);
  }

  private handlers(run: ActiveRun): LocalHandlers {
    const { store, tokens, deps } = this;
    const emit = (state: string) => this.options.onEvent?.({ type: 'state', runId: run.runId, state });
    return {
      PrepareRun: handler(async (input: { Payload: { runId: string; request: unknown } }) => {
        emit('PrepareRun');
        return { Payload: prepareRun(input.Payload.request, input.Payload.runId) };
      }),
      StartSyncs: handler(async (input: { Payload: PreparedRun }) => {
        emit('StartSyncs');
        const started = await startSyncs(input.Payload, { fivetran: this.options.fivetran, store, now: this.now });
        this.options.onEvent?.({ type: 'syncs-started', runId: run.runId, triggered: started.connectionIds.length, skipped: started.skipped, triggerFailed: started.triggerFailed });
        emit('AwaitSyncs');
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
        emit('SummarizeSyncs');
        const summary = summarizeRecords(await store.listRunRecords(input.Payload.runId), input.Payload.syncFailure);
        return { Payload: summary };
      }),
      RunDbt: handler(async (input: { Overrides: { ContainerOverrides: { Name: string; Command: string[]; Environment: { Name: string; Value: string }[] }[] } }) => {
        emit('RunDbt');
        const container = input.Overrides.ContainerOverrides[0];
        const env = Object.fromEntries((container?.Environment ?? []).map((e) => [e.Name, e.Value]));
        const result = await runDbtProcess({
          command: this.options.dbt.command,
          commandPrefixArgs: this.options.dbt.commandPrefixArgs,
          args: container?.Command ?? ['build'],
          cwd: this.options.dbt.cwd,
          env: { ...this.options.dbt.env, ...env },
          signal: run.abort.signal,
          onLine: (line) => this.options.onEvent?.({ type: 'dbt-line', runId: run.runId, line }),
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

  /** Reads connections for the run's open records until the run ends. */
  private async watch(run: ActiveRun): Promise<void> {
    const interval = this.mode === 'poll' ? (this.options.completion?.pollIntervalMs ?? 10_000) : (this.options.completion?.fallbackIntervalMs ?? 60_000);
    const deps = { ...this.deps, fivetran: this.options.fivetran };
    let wait = Math.min(interval, 1000);
    while (!run.abort.signal.aborted) {
      await sleep(wait, run.abort.signal);
      if (run.abort.signal.aborted) break;
      wait = interval;
      try {
        const open = (await this.store.listRunRecords(run.runId)).filter((r) => r.completedAt === null && r.triggeredAt !== null);
        if (open.length === 0) continue;
        const report = await reconcileRecords(deps, open);
        for (const message of report.errors) this.options.onEvent?.({ type: 'watch-error', runId: run.runId, message });
        const nextDeadline = Math.min(...open.map((r) => Date.parse(r.deadline)));
        wait = Math.max(10, Math.min(interval, nextDeadline - this.now() + 10));
      } catch (error) {
        this.options.onEvent?.({ type: 'watch-error', runId: run.runId, message: messageOf(error) });
      }
    }
  }

  /** Closes the run's records that have no outcome yet as cancelled. */
  private async settleOpenRecords(runId: string, reason: string): Promise<void> {
    for (const record of await this.store.listRunRecords(runId)) {
      if (record.completedAt !== null || record.outcome) continue;
      await settleRecord(this.deps, record, decidedOutcome(SyncStatus.cancelled, reason, iso(this.now())));
    }
  }
}

export function createLocalEngine(options: LocalEngineOptions): LocalEngine {
  return new LocalEngine(options);
}

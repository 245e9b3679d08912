/**
 * Runs (or attaches to) one pipeline run and follows it in the step's log: connection state
 * changes in a "Syncs" group, dbt's start, lines and end in a "dbt" group. Stops the run when the
 * workflow is cancelled (the runner sends SIGINT, SIGTERM 7.5 s later, then kills) or when
 * `timeout-minutes` passes; or, with `on-cancel`/`on-timeout: detach`, leaves it running and says
 * how to follow it.
 */
import * as core from '@actions/core';
import { liveStatusOf, type RunReport } from '../core/report/run-report.js';
import type { RunRequest } from '../core/pipeline/run-request.js';
import type { RunEngine, RunEvent, RunHandle } from '../engine/run-api.js';
import { runPipeline } from '../engine/run-pipeline.js';

export type Ending = 'finished' | 'cancelled' | 'timed-out' | 'detached';

export type FollowResult = { handle: RunHandle; report: RunReport; ending: Ending; warnings: string[] };

/** Where the signals come from (the process; an emitter in tests). */
type Signals = { on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };

export type FollowOptions = {
  engine: RunEngine;
  target: { request: RunRequest; runId: string } | { attachTo: string };
  wait: boolean;
  timeoutMs: number;
  onCancel: 'stop' | 'detach';
  onTimeout: 'stop' | 'detach';
  /** How to follow the run after a detach (printed). */
  followHint: (runId: string) => string;
  /** Called once the run is started or attached (save the step state here). */
  onHandle: (handle: RunHandle) => void;
  signals?: Signals;
};

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Logs what changed in a run, grouped by phase. */
class RunLog {
  private group: string | null = null;
  private readonly statuses = new Map<string, string>();
  readonly warnings: string[] = [];

  private open(name: string | null): void {
    if (this.group === name) return;
    if (this.group) core.endGroup();
    this.group = name;
    if (name) core.startGroup(name);
  }

  close(): void {
    this.open(null);
  }

  onEvent = (event: RunEvent): void => {
    switch (event.type) {
      case 'started':
        core.info(`${event.attached ? 'Attached to' : 'Started'} run ${event.runId}${event.executionArn ? ` (${event.executionArn})` : ''}`);
        if (event.consoleUrl) core.info(`Console: ${event.consoleUrl}`);
        break;
      case 'phase':
        if (event.phase === 'StartSyncs') this.open('Syncs');
        if (event.phase === 'RunDbt') {
          this.open('dbt');
          core.info('dbt started');
        } else core.info(`phase: ${event.phase}`);
        break;
      case 'connections':
        for (const record of event.records) {
          const status = liveStatusOf(record);
          if (this.statuses.get(record.connectionId) === status) continue;
          this.statuses.set(record.connectionId, status);
          const reason = record.outcome?.reason ? `: ${record.outcome.reason}` : '';
          core.info(`connection ${record.name ?? record.connectionId} (${record.connectionId}): ${status}${reason}`);
        }
        break;
      case 'dbt-line':
        core.info(`dbt | ${event.line}`);
        break;
      case 'warning':
        this.warnings.push(event.message);
        core.info(`warning: ${event.message}`);
        break;
    }
  };
}

export async function followRun(options: FollowOptions): Promise<FollowResult> {
  const signals = options.signals ?? process;
  const log = new RunLog();
  const abort = new AbortController();
  let handle: RunHandle | null = null;
  let ending: Ending = 'finished';
  let detachWanted = false;
  const leave = (why: string) => {
    ending = 'detached';
    detachWanted = true;
    if (handle) {
      core.info(`${why}: leaving run ${handle.runId} running. ${options.followHint(handle.runId)}`);
      handle.detach();
    }
  };
  const stop = (why: Ending, reason: string) => {
    if (abort.signal.aborted || ending === 'detached') return;
    ending = why;
    core.info(`${reason}: stopping the run${handle?.executionArn ? ` (${handle.executionArn})` : ''}...`);
    abort.abort(reason);
  };
  let signalsSeen = 0;
  let followed = false;
  const onSignal = (signal: string) => {
    // Listeners stay until the process ends, so a late signal does not kill the step while it writes the report.
    if (followed) return core.info(`${signal}: the run has ended; finishing its report.`);
    signalsSeen += 1;
    if (signalsSeen > 1) {
      core.info(`${signal} again: still stopping; the post step stops the run if this step is killed first.`);
      return;
    }
    if (options.onCancel === 'detach') leave(`The workflow was cancelled (${signal})`);
    else stop('cancelled', `The workflow was cancelled (${signal})`);
  };
  for (const signal of SIGNALS) signals.on(signal, () => onSignal(signal));
  const minutes = Math.round((options.timeoutMs / 60_000) * 100) / 100;
  const timer = setTimeout(() => {
    if (options.onTimeout === 'detach') leave(`timeout-minutes (${minutes}) passed`);
    else stop('timed-out', `Timed out after ${minutes} minutes (input timeout-minutes)`);
  }, options.timeoutMs);
  try {
    const { report } = await runPipeline({
      engine: options.engine,
      ...('attachTo' in options.target ? { attachTo: options.target.attachTo } : { request: options.target.request, runId: options.target.runId }),
      signal: abort.signal,
      onEvent: log.onEvent,
      onHandle: (h) => {
        handle = h;
        options.onHandle(h);
        if (!options.wait) {
          ending = 'detached';
          core.info(`wait is false: not waiting for run ${h.runId}. ${options.followHint(h.runId)}`);
          h.detach();
        } else if (detachWanted) h.detach();
      },
    });
    log.close();
    if (report.dbt) core.info(`dbt ended: exit code ${report.dbt.exitCode ?? 'unknown'}${report.dbt.stoppedReason ? ` (${report.dbt.stoppedReason})` : ''}`);
    core.info(`Run ${report.runId}: ${report.status}`);
    return { handle: handle as unknown as RunHandle, report, ending, warnings: log.warnings };
  } finally {
    followed = true;
    log.close();
    clearTimeout(timer);
  }
}

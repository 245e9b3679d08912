/**
 * What every engine offers: start a run, await its outcome, cancel it. The local engine runs the
 * definition in-process; the AWS engine starts a Step Functions execution of the same definition.
 */
import type { DbtProcessResult } from './local/dbt-process.js';
import type { RunRequest } from '../core/pipeline/run-request.js';

export const RunState = {
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
  timedOut: 'TIMED_OUT',
} as const;

export type RunState = (typeof RunState)[keyof typeof RunState];

export type RunOutcome = {
  runId: string;
  state: RunState;
  /** The error name of a failed run: SyncsFailed, DbtFailed, ConnectionsNotReadyError, ... */
  error: string | null;
  /** Why, for people. */
  cause: string | null;
  /** The execution's output on success. */
  output: unknown;
  /** The dbt step, when it ran in this process (local engine). */
  dbt: DbtProcessResult | null;
  startedAt: string;
  finishedAt: string;
};

export interface RunHandle {
  readonly runId: string;
  readonly result: Promise<RunOutcome>;
  /** Stops the run; `result` then settles with state CANCELLED. */
  cancel(reason?: string): Promise<void>;
}

export interface PipelineEngine {
  start(request: RunRequest, options?: { runId?: string }): Promise<RunHandle>;
}

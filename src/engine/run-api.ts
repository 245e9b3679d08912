/**
 * The run API: what every engine offers, so the CLI and the Action start, follow, cancel and
 * report a run the same way on one machine (`local`) or on AWS Step Functions (`aws`). Engines
 * speak the core's types (requests, run records, reports) and nothing of their own.
 */
import type { RunRequest } from '../core/pipeline/run-request.js';
import type { RunReport } from '../core/report/run-report.js';
import type { SyncRecord } from '../core/runs/records.js';

/** Where a run stands. `RUNNING` only in the report of a run that was detached from. */
export const RunStatus = {
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
  timedOut: 'TIMED_OUT',
} as const;

export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** What a run tells its follower while it goes on, in order. */
export type RunEvent =
  | { type: 'started'; runId: string; attached: boolean; executionArn: string | null; consoleUrl: string | null }
  /** A state of the pipeline was entered (PrepareRun, StartSyncs, AwaitSyncs, SummarizeSyncs, RunDbt). */
  | { type: 'phase'; runId: string; phase: string }
  /** The run's records changed (a snapshot, ordered by connection id). */
  | { type: 'connections'; runId: string; records: readonly SyncRecord[] }
  | { type: 'dbt-line'; runId: string; line: string }
  /** Something went wrong but the run goes on (a failed read while following, a failed poll). */
  | { type: 'warning'; runId: string; message: string };

export type RunEventListener = (event: RunEvent) => void;

export type RunOptions = {
  /** The run's id (an execution name: 1-80 of `A-Za-z0-9-_`). Starting again with the id of a run that is going attaches to it. @default a fresh `newRunId()` */
  runId?: string;
  /** Aborting it cancels the run (syncs already triggered are left to Fivetran). */
  signal?: AbortSignal;
  onEvent?: RunEventListener;
};

export interface RunHandle {
  readonly runId: string;
  /** The Step Functions execution (aws), or null (local). */
  readonly executionArn: string | null;
  /** A link to the run in the AWS console (aws), or null. */
  readonly consoleUrl: string | null;
  /** True when the run was already going (same id) and this handle follows it. */
  readonly attached: boolean;
  /** The report once the run ends, or once `detach()` is called (status RUNNING). Never rejects. */
  readonly result: Promise<RunReport>;
  /** The run's per-connection records as they are now. */
  records(): Promise<SyncRecord[]>;
  /** Stops the run; `result` then settles with status CANCELLED. */
  cancel(reason?: string): Promise<void>;
  /** Stops following without stopping the run; `result` settles with status RUNNING. */
  detach(): void;
}

export interface RunEngine {
  readonly kind: 'local' | 'aws';
  /** Starts a run (or attaches to the one going under `options.runId`). Rejects when the request is invalid. */
  start(request: RunRequest, options?: RunOptions): Promise<RunHandle>;
  /** Follows a run that is already going or has ended. */
  attach(runId: string, options?: Omit<RunOptions, 'runId'>): Promise<RunHandle>;
  /** Releases what the engine holds (clients, listeners); runs in flight are not stopped. */
  close(): Promise<void>;
}

/** The reason an AbortSignal was aborted with, as text (a cancellation's reason in reports). */
export function abortReason(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason.name === 'AbortError' ? 'aborted' : reason.message;
  return typeof reason === 'string' && reason ? reason : 'aborted';
}

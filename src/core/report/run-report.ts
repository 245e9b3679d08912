/**
 * A run's report: per connection (status, duration, reason) and dbt (exit code, nodes by status),
 * built from the run records and the engine's outcome. JSON for machines; the CLI table and the
 * Action's summary are renderings of it.
 */
import type { DbtRunSummary } from '../dbt/run-results.js';
import { SyncStatus, type SyncRecord } from '../runs/records.js';
import { NO_OUTCOME, statusOf, summarizeRecords, type SyncCounts } from '../pipeline/summary.js';
import { SUCCESSFUL } from '../webhook/event.js';
import { describeOutcome } from '../completion/outcomes.js';
import { roundedSeconds } from '../text.js';

export type ConnectionReport = {
  connectionId: string;
  name: string | null;
  status: string;
  /** From the trigger to the end of the sync, in seconds (null while unknown). */
  durationSeconds: number | null;
  reason: string | null;
  /** How the outcome became known: webhook, poll or run (skips, deadlines, trigger errors). */
  source: string | null;
  retriggers: number;
};

export type DbtReport = {
  exitCode: number | null;
  durationSeconds: number | null;
  summary: DbtRunSummary | null;
  /** Why `summary` is null: `dbt wrote no run_results.json` or `run_results.json unreadable: ...`. */
  summaryNote?: string | null;
  /** The ECS task (aws) or null. */
  taskArn?: string | null;
  /** Why the task or process stopped, e.g. ECS's `Essential container in task exited` or a signal. */
  stoppedReason?: string | null;
  /** The last lines dbt printed, when it failed. */
  logTail?: string[];
};

export type RunReport = {
  runId: string;
  /** SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, or RUNNING for a run that was detached from. */
  status: string;
  /** The Step Functions execution and its console link (aws), or null. */
  executionArn: string | null;
  consoleUrl: string | null;
  error: string | null;
  cause: string | null;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  counts: SyncCounts;
  /** Connections dbt ran without fresh data for (policy continue). */
  stale: string[];
  connections: ConnectionReport[];
  dbt: DbtReport | null;
};

const seconds = (from: string | null, to: string | null) => (from && to ? Math.max(0, roundedSeconds(Date.parse(to) - Date.parse(from))) : null);

/** Live status of a record while the run goes on (the report uses the outcome once there is one). */
export function liveStatusOf(record: SyncRecord): string {
  if (record.outcome) return record.outcome.status;
  if (record.rescheduledAt) return 'RESCHEDULED';
  if (record.startedAt) return 'SYNCING';
  if (record.triggeredAt) return 'TRIGGERED';
  return 'PENDING';
}

/** One connection's line; `final` once the run has ended (a record without an outcome then says NO_OUTCOME). */
export function connectionReport(record: SyncRecord, final = false): ConnectionReport {
  const outcome = record.outcome;
  const skipped = outcome?.status === SyncStatus.skipped;
  return {
    connectionId: record.connectionId,
    name: record.name,
    status: outcome ? statusOf(record) : final ? NO_OUTCOME : liveStatusOf(record),
    durationSeconds: skipped ? null : seconds(record.triggeredAt ?? record.createdAt, outcome?.finishedAt ?? null),
    reason: outcome
      ? outcome.status !== SUCCESSFUL
        ? (outcome.reason ?? describeOutcome(outcome))
        : null
      : final
        ? 'the wait ended without an outcome'
        : null,
    source: outcome?.source ?? null,
    retriggers: record.retriggers,
  };
}

/** The longest sync of the records, from its trigger to the end of its wait, in seconds; null when none ended (skips excluded). */
export function slowestSyncSeconds(records: readonly SyncRecord[]): number | null {
  let slowest: number | null = null;
  for (const record of records) {
    const duration = connectionReport(record, true).durationSeconds;
    if (duration !== null && (slowest === null || duration > slowest)) slowest = duration;
  }
  return slowest;
}

/** The report of a finished run from its outcome, its records and its dbt step. */
export function buildRunReport(
  input: Pick<RunReport, 'runId' | 'status' | 'error' | 'cause' | 'startedAt' | 'finishedAt' | 'dbt'> &
    Partial<Pick<RunReport, 'executionArn' | 'consoleUrl'>> & { records: readonly SyncRecord[] },
): RunReport {
  const summary = summarizeRecords(input.records, 'continue');
  const dbtRan = input.dbt !== null;
  return {
    runId: input.runId,
    status: input.status,
    executionArn: input.executionArn ?? null,
    consoleUrl: input.consoleUrl ?? null,
    error: input.error,
    cause: input.cause,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    durationSeconds: seconds(input.startedAt, input.finishedAt) ?? 0,
    counts: summary.counts,
    stale: dbtRan ? summary.problems.map((p) => p.connectionId) : [],
    connections: input.records.map((r) => connectionReport(r, input.status !== 'RUNNING')),
    dbt: input.dbt,
  };
}

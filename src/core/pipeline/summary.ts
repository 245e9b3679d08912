/**
 * Summaries of a run's records: counts, what did not succeed and why, and whether dbt runs under
 * the failure policy. Shared by the SummarizeSyncs state and every report.
 */
import { SUCCESSFUL } from '../webhook/event.js';
import { truncate } from '../text.js';
import { describeOutcome } from '../completion/outcomes.js';
import { SyncStatus, type RunStore, type SyncRecord } from '../runs/records.js';
import type { SyncFailurePolicy } from './run-request.js';

export const NO_OUTCOME = 'NO_OUTCOME';

export type SyncCounts = { total: number; succeeded: number; failed: number; skipped: number };

export type SyncProblem = { connectionId: string; name: string | null; status: string; reason: string };

export type SyncSummary = {
  runDbt: boolean;
  counts: SyncCounts;
  /** Connections whose sync did not succeed (skips excluded), in connection order. */
  problems: SyncProblem[];
  /** One paragraph for people; also the Cause of a failed execution (kept under 4 KiB). */
  message: string;
};

const MESSAGE_LIMIT = 4000;

/** The SummarizeSyncs state's answer lists at most this many problems, reasons cut to `MAX_REASON_LENGTH`. */
export const MAX_PROBLEMS = 50;
export const MAX_REASON_LENGTH = 500;

/** The SummarizeSyncs state's output: small whatever the number of connections (far below 256 KiB). */
export type SummarizeSyncsResult = {
  runDbt: boolean;
  counts: SyncCounts;
  /** One paragraph, under 4 KiB; the Cause of the execution when the syncs fail it. */
  message: string;
  /** The first `MAX_PROBLEMS` connections that did not succeed. */
  problems: SyncProblem[];
  problemsOmitted: number;
};

/** The SummarizeSyncs state, on both engines: reads the run's records and applies the failure policy. */
export async function summarizeSyncs(store: Pick<RunStore, 'listRunRecords'>, runId: string, syncFailure: SyncFailurePolicy): Promise<SummarizeSyncsResult> {
  return summarizeSyncsResult(summarizeRecords(await store.listRunRecords(runId), syncFailure));
}

/** A summary as the SummarizeSyncs state answers it: the problems capped. */
export function summarizeSyncsResult(summary: SyncSummary): SummarizeSyncsResult {
  return {
    runDbt: summary.runDbt,
    counts: summary.counts,
    message: summary.message,
    problems: summary.problems.slice(0, MAX_PROBLEMS).map((p) => ({ ...p, reason: truncate(p.reason, MAX_REASON_LENGTH) })),
    problemsOmitted: Math.max(0, summary.problems.length - MAX_PROBLEMS),
  };
}

/** The status a record reports: Fivetran's, ours, or NO_OUTCOME when the wait ended without one. */
export function statusOf(record: SyncRecord): string {
  return record.outcome?.status ?? NO_OUTCOME;
}

/** Summarises records under a failure policy (`fail`: no dbt if any sync did not succeed). */
export function summarizeRecords(records: readonly SyncRecord[], syncFailure: SyncFailurePolicy): SyncSummary {
  const counts: SyncCounts = { total: records.length, succeeded: 0, failed: 0, skipped: 0 };
  const problems: SyncProblem[] = [];
  for (const record of records) {
    const status = statusOf(record);
    if (status === SUCCESSFUL) counts.succeeded += 1;
    else if (status === SyncStatus.skipped) counts.skipped += 1;
    else {
      counts.failed += 1;
      problems.push({
        connectionId: record.connectionId,
        name: record.name,
        status,
        reason: record.outcome ? describeOutcome(record.outcome) : 'the wait ended without an outcome',
      });
    }
  }
  const runDbt = counts.failed === 0 || syncFailure === 'continue';
  return { runDbt, counts, problems, message: summaryMessage(counts, problems, runDbt) };
}

function summaryMessage(counts: SyncCounts, problems: SyncProblem[], runDbt: boolean): string {
  const synced = counts.total - counts.skipped;
  const skipped = counts.skipped > 0 ? ` (${counts.skipped} skipped)` : '';
  if (problems.length === 0) return `All ${synced} syncs succeeded${skipped}.`;
  const head = `${problems.length} of ${synced} syncs did not succeed${skipped}; ${runDbt ? 'dbt runs on stale data for them (policy continue)' : 'dbt was not run (policy fail)'}: `;
  let message = head;
  for (const [i, p] of problems.entries()) {
    const reason = truncate(p.reason, MAX_REASON_LENGTH);
    const line = `${i === 0 ? '' : '; '}${p.connectionId}${p.name ? ` (${p.name})` : ''}: ${reason}`;
    if (message.length + line.length > MESSAGE_LIMIT) {
      message += `; and ${problems.length - i} more`;
      break;
    }
    message += line;
  }
  return `${message}.`;
}

/**
 * How an outcome reaches a waiter, whoever reports it (webhook, poll, the run itself) and whichever
 * arrives first (the outcome or the waiter). The record is the meeting point: the outcome is stored
 * with a first-wins conditional write, the waiter's handle with its own write, and whichever side
 * writes second sees the other and delivers. Delivery is at least once; completers treat a second
 * delivery as `already-resolved`, so every waiter completes exactly once.
 */
import type { SyncEndEvent, SyncStartEvent } from '../webhook/event.js';
import { SUCCESSFUL } from '../webhook/event.js';
import type { RunStore, SyncOutcome, SyncRecord } from '../runs/records.js';
import type { CompletionResult, TaskCompleter } from './completer.js';
import { isoTime } from '../text.js';

export type CompletionDeps = {
  store: RunStore;
  completer: TaskCompleter;
  now?: () => number;
};

/**
 * A `sync_end` created within this long after the baseline is taken to be the sync that set the
 * baseline (Fivetran stamps the event a few milliseconds after `succeeded_at`), not a new one.
 */
export const STALE_TOLERANCE_MS = 1000;

export const RESCHEDULED = 'RESCHEDULED';

/** What settling did for one record. */
export type SettleResult =
  | 'completed' // delivered to the waiting handle
  | 'recorded' // stored; the waiter will find it when it registers
  | 'duplicate' // an outcome was already there (same sync or an earlier one)
  | 'stale' // belongs to a sync that ended before this run's baseline
  | 'rescheduled' // not final: the sync will resume
  | 'started'; // a sync_start was noted


/**
 * True when an outcome that ended at `finishedAt` belongs to a sync before the run's baseline.
 * `toleranceMs` covers the gap between a `sync_end`'s `created` and the `succeeded_at` it follows;
 * a read of the connection compares the same timestamps the baseline came from, with no gap (0).
 */
export function isStale(baseline: string | null, finishedAt: string, toleranceMs = STALE_TOLERANCE_MS): boolean {
  if (baseline === null) return false;
  return Date.parse(finishedAt) <= Date.parse(baseline) + toleranceMs;
}

/** The staleness tolerance of an outcome by its source: webhooks get `STALE_TOLERANCE_MS`, reads none, the run's own verdicts are never stale. */
function toleranceFor(source: SyncOutcome['source']): number | null {
  if (source === 'webhook') return STALE_TOLERANCE_MS;
  return source === 'poll' ? 0 : null;
}

/** A one-line account of an outcome for people: `FAILURE_WITH_TASK (reconnect_warehouse): reason`. */
export function describeOutcome(outcome: SyncOutcome): string {
  const head = outcome.taskType ? `${outcome.status} (${outcome.taskType})` : outcome.status;
  return outcome.reason ? `${head}: ${outcome.reason}` : head;
}

/** Hands the record's outcome to its waiter's handle. */
export async function deliver(completer: TaskCompleter, record: SyncRecord & { outcome: SyncOutcome; taskToken: string }): Promise<CompletionResult> {
  const { outcome } = record;
  if (outcome.status === SUCCESSFUL) {
    return completer.succeed(record.taskToken, { connectionId: record.connectionId, status: outcome.status, syncId: outcome.syncId });
  }
  return completer.fail(record.taskToken, outcome.status, `Connection ${record.connectionId}: ${describeOutcome(outcome)}`);
}

/** Delivers the outcome to `taskToken`, then notes the record completed. */
async function deliverAndMarkCompleted(deps: CompletionDeps, record: SyncRecord, outcome: SyncOutcome, taskToken: string): Promise<void> {
  await deliver(deps.completer, { ...record, outcome, taskToken });
  await deps.store.markCompleted(record.runId, record.connectionId, isoTime((deps.now ?? Date.now)()));
}

async function deliverIfWaiting(deps: CompletionDeps, record: SyncRecord): Promise<boolean> {
  if (!record.outcome || !record.taskToken || record.completedAt) return false;
  await deliverAndMarkCompleted(deps, record, record.outcome, record.taskToken);
  return true;
}

/**
 * Applies an outcome to one record: ignores it if stale, stores it if first, and delivers it if a
 * waiter is registered. An outcome stored earlier but never delivered (a crash between the two) is
 * delivered now, so a redelivered webhook repairs it.
 */
export async function settleRecord(deps: CompletionDeps, record: SyncRecord, outcome: SyncOutcome): Promise<SettleResult> {
  if (record.outcome) return (await deliverIfWaiting(deps, record)) ? 'completed' : 'duplicate';
  // A read's timestamp is compared exactly: with the webhook's tolerance, a sync that ended within
  // a second of the previous one would be stale for ever and its run would wait for its deadline.
  const tolerance = toleranceFor(outcome.source);
  if (tolerance !== null && isStale(record.baseline, outcome.finishedAt, tolerance)) return 'stale';
  const write = await deps.store.recordOutcome(record.runId, record.connectionId, outcome);
  if (!write.stored) return (await deliverIfWaiting(deps, write.record)) ? 'completed' : 'duplicate';
  return (await deliverIfWaiting(deps, write.record)) ? 'completed' : 'recorded';
}

/** A signed `sync_end`: settles every open record of the connection (normally one run). */
export async function applySyncEnd(deps: CompletionDeps, event: SyncEndEvent): Promise<SettleResult[]> {
  const records = await deps.store.findOpenRecords(event.connectionId);
  const rescheduled = event.status === RESCHEDULED;
  // One object for every record: the stores copy the outcome they keep.
  const outcome: SyncOutcome = {
    status: event.status,
    finishedAt: event.createdAt,
    syncId: event.syncId,
    reason: event.reason,
    taskType: event.taskType,
    source: 'webhook',
  };
  const results: SettleResult[] = [];
  for (const record of records) {
    results.push(rescheduled ? await noteRescheduled(deps, record, event.createdAt) : await settleRecord(deps, record, outcome));
  }
  return results;
}

async function noteRescheduled(deps: CompletionDeps, record: SyncRecord, at: string): Promise<SettleResult> {
  if (record.outcome) return 'duplicate';
  if (isStale(record.baseline, at)) return 'stale';
  await deps.store.markRescheduled(record.runId, record.connectionId, at);
  if (record.taskToken) await deps.completer.heartbeat(record.taskToken);
  return 'rescheduled';
}

/** A signed `sync_start`: noted on open records, and a heartbeat for their waiters. */
export async function applySyncStart(deps: CompletionDeps, event: SyncStartEvent): Promise<SettleResult[]> {
  const records = await deps.store.findOpenRecords(event.connectionId);
  const results: SettleResult[] = [];
  for (const record of records) {
    if (record.outcome || isStale(record.baseline, event.createdAt)) {
      results.push('stale');
      continue;
    }
    await deps.store.recordSyncStart(record.runId, record.connectionId, event.syncId, event.createdAt);
    if (record.taskToken) await deps.completer.heartbeat(record.taskToken);
    results.push('started');
  }
  return results;
}

/**
 * The waiter's side (the RegisterWaiter Lambda, the local engine's WaitForSync): stores the handle
 * and, if the outcome is already there, completes at once. Returns whether it is now waiting.
 */
export async function registerWaiter(
  deps: CompletionDeps,
  request: { runId: string; connectionId: string; taskToken: string },
): Promise<'waiting' | 'completed'> {
  const record = await deps.store.attachTaskToken(request.runId, request.connectionId, request.taskToken);
  if (!record.outcome) return 'waiting';
  // A redriven wait brings a new token for a record that was completed before: deliver again.
  await deliverAndMarkCompleted(deps, record, record.outcome, request.taskToken);
  return 'completed';
}

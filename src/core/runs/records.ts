/**
 * Run records: one per (run, connection). The record is written before the sync is triggered and
 * is the only place a run's progress lives, so a restarted receiver or engine loses nothing.
 */

/** How a connection's wait ended. `status` is Fivetran's (`SUCCESSFUL`, `FAILURE_WITH_TASK`, ...) or ours. */
export type SyncOutcome = {
  status: string;
  /** When the sync ended (Fivetran's clock), ISO 8601. */
  finishedAt: string;
  syncId: string | null;
  reason: string | null;
  taskType: string | null;
  /** Who reported it: a signed webhook, a read of the connection, the run itself (skips, trigger errors, deadlines). */
  source: 'webhook' | 'poll' | 'run';
};

/** Statuses the run gives a connection itself; everything else comes from Fivetran. */
export const SyncStatus = {
  skipped: 'SKIPPED',
  triggerFailed: 'TRIGGER_FAILED',
  deadlineExceeded: 'DEADLINE_EXCEEDED',
  cancelled: 'CANCELLED',
  paused: 'PAUSED',
} as const;

/** An outcome the run reports itself (a skip, a trigger error, a deadline, a cancellation). */
export function decidedOutcome(status: string, reason: string | null, finishedAt: string): SyncOutcome {
  return { status, finishedAt, syncId: null, reason, taskType: null, source: 'run' };
}

export type SyncRecord = {
  runId: string;
  connectionId: string;
  groupId: string;
  /** Fivetran's schema name for the connection, for people reading reports. */
  name: string | null;
  /** `max(succeeded_at, failed_at)` before the trigger; only syncs that finish after it count. */
  baseline: string | null;
  scheduleType: string | null;
  createdAt: string;
  triggeredAt: string | null;
  /** The run gives up waiting at this instant (ISO 8601). */
  deadline: string;
  /** Epoch seconds after which the record is gone (DynamoDB TTL; filtered in reads too). */
  expiresAt: number;
  /** The waiter's completion handle (a Step Functions task token, or a local engine handle). */
  taskToken: string | null;
  /** The sync Fivetran reported starting, if any. */
  startedSyncId: string | null;
  startedAt: string | null;
  /** Set when a sync ended RESCHEDULED; cleared when the connection is triggered again. */
  rescheduledAt: string | null;
  retriggers: number;
  outcome: SyncOutcome | null;
  /** When the outcome was delivered to the waiter. */
  completedAt: string | null;
};

export type NewSyncRecord = Pick<
  SyncRecord,
  'runId' | 'connectionId' | 'groupId' | 'name' | 'baseline' | 'scheduleType' | 'deadline' | 'expiresAt'
> & { createdAt: string; outcome?: SyncOutcome | null; completedAt?: string | null };

/** What `recordOutcome` did: stored it first, or found one there already (its own or another). */
export type OutcomeWrite = { stored: boolean; record: SyncRecord };

/**
 * Persistence for run records. Implementations: memory (the local engine's default) and DynamoDB.
 * Every method is atomic on one record; none holds state in process memory that another process
 * would need.
 */
export interface RunStore {
  /** Writes new records; a record that already exists for the same run and connection is left as is. */
  createRecords(records: readonly NewSyncRecord[]): Promise<void>;
  /** Notes that the trigger call returned. */
  markTriggered(runId: string, connectionId: string, at: string): Promise<void>;
  /**
   * Stores the waiter's handle (replacing an earlier one: a retried or redriven wait gets a new
   * token) and returns the record as it is after the write. Throws `RecordNotFoundError`.
   */
  attachTaskToken(runId: string, connectionId: string, taskToken: string): Promise<SyncRecord>;
  /** Stores `outcome` unless the record has one already (the first outcome wins). Throws `RecordNotFoundError`. */
  recordOutcome(runId: string, connectionId: string, outcome: SyncOutcome): Promise<OutcomeWrite>;
  /** Notes a `sync_start`. */
  recordSyncStart(runId: string, connectionId: string, syncId: string | null, at: string): Promise<void>;
  /** Notes a rescheduled sync (`at`), or, with `null`, clears that after a re-trigger and counts the re-trigger. */
  markRescheduled(runId: string, connectionId: string, at: string | null): Promise<void>;
  /** Notes that the outcome reached the waiter. Returns false if it was noted before. */
  markCompleted(runId: string, connectionId: string, at: string): Promise<boolean>;
  getRecord(runId: string, connectionId: string): Promise<SyncRecord | null>;
  /** Every unexpired record of a run, ordered by connection id. */
  listRunRecords(runId: string): Promise<SyncRecord[]>;
  /** Unexpired records of a connection that still wait for an outcome or for its delivery (any run). */
  findOpenRecords(connectionId: string): Promise<SyncRecord[]>;
  /**
   * Every unexpired record of every run that is not completed yet, in pages (for the reconciler,
   * which must reach all of them: nothing is left out past a limit). Pages come in no global
   * order; within a page, oldest first.
   */
  listOpenRecords(): AsyncIterable<SyncRecord[]>;
  /** Throws if the store cannot be reached (readiness checks). */
  ping(): Promise<void>;
}

/** Every open record of `store`, the pages of `listOpenRecords` joined. */
export async function readOpenRecords(store: Pick<RunStore, 'listOpenRecords'>): Promise<SyncRecord[]> {
  const records: SyncRecord[] = [];
  for await (const page of store.listOpenRecords()) records.push(...page);
  return records;
}

/** What changes in a run's records as it goes on: followers send a progress snapshot when this differs. */
export function progressFingerprint(records: readonly SyncRecord[]): string {
  return records.map((r) => `${r.connectionId}:${r.triggeredAt ?? ''}:${r.startedAt ?? ''}:${r.rescheduledAt ?? ''}:${r.outcome?.status ?? ''}:${r.completedAt ?? ''}`).join('|');
}

/**
 * Completing waiters by reading their connections: the local engine's polling and, on AWS, the
 * reconciler that repairs late or lost webhooks. One pass reads each group's connection list
 * (one request per 1,000 connections, not one per connection), then for every open record:
 * delivers an outcome recorded earlier, fails a waiter past its deadline, completes one whose sync
 * finished after the baseline, fails one whose connection was paused after the trigger (PAUSED), re-triggers a rescheduled sync on a manual schedule once
 * `rescheduled_for` has passed, or sends a heartbeat (closing the record when nobody waits any more).
 */
import { forEachLimited } from '../concurrency.js';
import { messageOf } from '../errors.js';
import type { FivetranClient } from '../fivetran/client.js';
import { finishedSince, type Connection } from '../fivetran/types.js';
import { SUCCESSFUL } from '../webhook/event.js';
import { SyncStatus, decidedOutcome, type SyncOutcome, type SyncRecord } from '../runs/records.js';
import { settleRecord, type CompletionDeps, type SettleResult } from './outcomes.js';
import { isoTime } from '../text.js';

export type ReconcileDeps = CompletionDeps & {
  /** `null` when Fivetran cannot be used (its secret could not be read): only recorded outcomes and deadlines are acted on. */
  fivetran: FivetranClient | null;
};

export type ReconcileAction = SettleResult | 'retriggered' | 'heartbeat' | 'cancelled' | 'pending' | 'deferred' | 'error';

export type ReconcileOptions = {
  /**
   * Group listings this pass may make (the API budget; a listing is one request per 1,000
   * connections). Records of groups past it are `deferred` to the next pass, oldest groups first.
   * @default no limit
   */
  maxGroupListings?: number;
  /** Epoch ms after which no further record is started (`deferred`): keeps a pass within its timeout. @default none */
  stopAt?: number;
};

/**
 * The one rule for which records a reconciling pass (the reconciler Lambda, the local engine's
 * watcher) looks at now: open ones past their deadline, and open, triggered ones old enough that
 * their webhook is late (`afterSeconds`; younger ones are the webhook's, and a trigger still in
 * flight is StartSyncs' business).
 */
export function isDueForReconcile(record: Pick<SyncRecord, 'createdAt' | 'deadline' | 'triggeredAt' | 'completedAt'>, now: number, afterSeconds: number): boolean {
  if (record.completedAt !== null) return false;
  if (Date.parse(record.deadline) <= now) return true;
  return record.triggeredAt !== null && Date.parse(record.createdAt) <= now - afterSeconds * 1000;
}

/** SendTaskHeartbeat calls in flight: 10 keeps a pass well under the account's 300-per-second refill. */
export const HEARTBEAT_CONCURRENCY = 10;

/**
 * Records settled at once in a pass (each a few store writes and a task completion). One at a
 * time, a pass after an outage of webhooks took seconds per 100 records and fell a whole
 * interval behind; 10 stays well under Step Functions' and DynamoDB's rates.
 */
const SETTLE_CONCURRENCY = 10;

export type HeartbeatReport = { heartbeats: number; cancelled: number; errors: string[] };

/**
 * Heartbeats every waiter of `records` that has no outcome yet, whatever Fivetran's state: a wait
 * then outlives any outage shorter than its deadline. A waiter that is gone (execution stopped,
 * failed or timed out) gets its record closed as cancelled. Returns the keys of closed records too.
 */
export async function heartbeatWaiters(deps: CompletionDeps, records: readonly SyncRecord[]): Promise<HeartbeatReport & { closed: Set<string> }> {
  const now = deps.now ?? Date.now;
  const report = { heartbeats: 0, cancelled: 0, errors: [] as string[], closed: new Set<string>() };
  const waiting = records.filter((r) => r.completedAt === null && r.outcome === null && r.taskToken !== null);
  await forEachLimited(waiting, HEARTBEAT_CONCURRENCY, async (record) => {
    const key = `${record.runId}/${record.connectionId}`;
    try {
      if ((await deps.completer.heartbeat(record.taskToken!)) === 'delivered') {
        report.heartbeats += 1;
        return;
      }
      await settleRecord(
        deps,
        record,
        decidedOutcome(SyncStatus.cancelled, 'the run no longer waits for this sync (execution stopped, failed or timed out)', isoTime(now())),
      );
      report.cancelled += 1;
      report.closed.add(key);
    } catch (error) {
      report.errors.push(`${key}: ${messageOf(error)}`);
    }
  });
  return report;
}

export type ReconcileReport = { actions: Record<string, ReconcileAction>; errors: string[] };

/** The outcome a connection's state shows for a record, or null while its sync is not done. */
export function outcomeFromConnection(record: SyncRecord, connection: Connection): SyncOutcome | null {
  const finished = finishedSince(connection, record.baseline);
  if (!finished) return null;
  const task = connection.status.tasks?.[0];
  return {
    // A failure that left a task (the user must act) is what its webhook calls FAILURE_WITH_TASK:
    // the same sync gets the same status whichever way its end became known.
    status: finished.succeeded ? SUCCESSFUL : task ? 'FAILURE_WITH_TASK' : 'FAILURE',
    finishedAt: finished.finishedAt,
    syncId: null,
    reason: finished.succeeded ? null : (task?.message ?? 'failed_at moved past the baseline (no task message)'),
    taskType: finished.succeeded ? null : (task?.code ?? null),
    source: 'poll',
  };
}

/**
 * Paused after the trigger with no sync running: nothing will end (a rescheduled sync is not
 * resumed, a re-trigger answers 409), so waiting would last until the deadline.
 */
function wasPausedDuringRun(record: SyncRecord, connection: Connection): boolean {
  return record.triggeredAt !== null && connection.paused === true && connection.status.sync_state !== 'syncing';
}

function isDue(connection: Connection, now: number): boolean {
  if (connection.status.sync_state !== 'rescheduled' || connection.schedule_type !== 'manual') return false;
  const at = connection.rescheduled_for ? Date.parse(connection.rescheduled_for) : NaN;
  return !Number.isFinite(at) || at <= now;
}

/** Reconciles `records` (open ones; completed ones are passed over). */
export async function reconcileRecords(deps: ReconcileDeps, records: readonly SyncRecord[], options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const now = deps.now ?? Date.now;
  const report: ReconcileReport = { actions: {}, errors: [] };
  const open = records.filter((r) => r.completedAt === null);
  // A group whose listing failed, or that the budget left out, has no entry: its records stay pending.
  const groups = new Map<string, Map<string, Connection>>();
  const byAge = [...open].filter((r) => !r.outcome).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const wanted = [...new Set(byAge.map((r) => r.groupId))];
  const listed = wanted.slice(0, options.maxGroupListings ?? wanted.length);
  for (const groupId of deps.fivetran ? listed : []) {
    if (options.stopAt !== undefined && now() >= options.stopAt) break;
    try {
      const list = await deps.fivetran!.listGroupConnections(groupId);
      groups.set(groupId, new Map(list.map((c) => [c.id, c])));
    } catch (error) {
      report.errors.push(`group ${groupId}: ${messageOf(error)}`);
    }
  }
  const deferred = new Set(wanted.filter((g) => !listed.includes(g)));

  await forEachLimited(open, SETTLE_CONCURRENCY, async (record) => {
    const key = `${record.runId}/${record.connectionId}`;
    if (options.stopAt !== undefined && now() >= options.stopAt) {
      report.actions[key] = 'deferred';
      return;
    }
    try {
      const action = await reconcileOne(deps, record, groups.get(record.groupId), now());
      report.actions[key] = action === 'pending' && deferred.has(record.groupId) ? 'deferred' : action;
    } catch (error) {
      report.actions[key] = 'error';
      report.errors.push(`${key}: ${messageOf(error)}`);
    }
  });
  return report;
}

async function reconcileOne(
  deps: ReconcileDeps,
  record: SyncRecord,
  group: Map<string, Connection> | undefined,
  now: number,
): Promise<ReconcileAction> {
  if (record.outcome) return settleRecord(deps, record, record.outcome);
  if (Date.parse(record.deadline) <= now) {
    return settleRecord(deps, record, decidedOutcome(SyncStatus.deadlineExceeded, `no sync result by the run's deadline ${record.deadline}`, isoTime(now)));
  }
  if (!group) return 'pending';
  const connection = group.get(record.connectionId);
  if (!connection) {
    return settleRecord(deps, record, decidedOutcome('CONNECTION_NOT_FOUND', `connection is no longer in group ${record.groupId}`, isoTime(now)));
  }
  const outcome = outcomeFromConnection(record, connection);
  if (outcome) return settleRecord(deps, record, outcome);
  if (wasPausedDuringRun(record, connection)) {
    return settleRecord(deps, record, decidedOutcome(SyncStatus.paused, 'the connection was paused during the run and no sync is running: none will finish until it is resumed', isoTime(now)));
  }
  if (isDue(connection, now) && deps.fivetran) {
    await deps.fivetran.triggerSync(record.connectionId, { force: false });
    await deps.store.markRescheduled(record.runId, record.connectionId, null);
    return 'retriggered';
  }
  if (connection.status.sync_state === 'rescheduled' && record.rescheduledAt === null) {
    await deps.store.markRescheduled(record.runId, record.connectionId, isoTime(now));
  }
  return 'pending';
}

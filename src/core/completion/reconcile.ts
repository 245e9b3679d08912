/**
 * Completing waiters by reading their connections: the local engine's polling and, on AWS, the
 * reconciler that repairs late or lost webhooks. One pass reads each group's connection list
 * (one request per 1,000 connections, not one per connection), then for every open record:
 * delivers an outcome recorded earlier, fails a waiter past its deadline, completes one whose sync
 * finished after the baseline, fails one whose connection was paused after the trigger (PAUSED), re-triggers a rescheduled sync on a manual schedule once
 * `rescheduled_for` has passed, or sends a heartbeat (closing the record when nobody waits any more).
 */
import { messageOf } from '../errors.js';
import type { FivetranClient } from '../fivetran/client.js';
import { finishedSince, type Connection } from '../fivetran/types.js';
import { SUCCESSFUL } from '../webhook/event.js';
import { SyncStatus, decidedOutcome, type SyncOutcome, type SyncRecord } from '../runs/records.js';
import { settleRecord, type CompletionDeps, type SettleResult } from './outcomes.js';

export type ReconcileDeps = CompletionDeps & {
  fivetran: FivetranClient;
};

export type ReconcileAction = SettleResult | 'retriggered' | 'heartbeat' | 'pending' | 'error';

export type ReconcileReport = { actions: Record<string, ReconcileAction>; errors: string[] };

/** The outcome a connection's state shows for a record, or null while its sync is not done. */
export function outcomeFromConnection(record: SyncRecord, connection: Connection): SyncOutcome | null {
  const finished = finishedSince(connection, record.baseline);
  if (!finished) return null;
  const task = connection.status.tasks?.[0];
  return {
    status: finished.succeeded ? SUCCESSFUL : 'FAILURE',
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
export async function reconcileRecords(
  deps: ReconcileDeps,
  records: readonly SyncRecord[],
  options: { heartbeat?: boolean } = {},
): Promise<ReconcileReport> {
  const now = deps.now ?? Date.now;
  const report: ReconcileReport = { actions: {}, errors: [] };
  const open = records.filter((r) => r.completedAt === null);
  // A group whose listing failed has no entry: its records stay pending.
  const groups = new Map<string, Map<string, Connection>>();
  for (const groupId of new Set(open.filter((r) => !r.outcome).map((r) => r.groupId))) {
    try {
      const list = await deps.fivetran.listGroupConnections(groupId);
      groups.set(groupId, new Map(list.map((c) => [c.id, c])));
    } catch (error) {
      report.errors.push(`group ${groupId}: ${messageOf(error)}`);
    }
  }

  for (const record of open) {
    const key = `${record.runId}/${record.connectionId}`;
    try {
      report.actions[key] = await reconcileOne(deps, record, groups.get(record.groupId), now(), options.heartbeat ?? false);
    } catch (error) {
      report.actions[key] = 'error';
      report.errors.push(`${key}: ${messageOf(error)}`);
    }
  }
  return report;
}

async function reconcileOne(
  deps: ReconcileDeps,
  record: SyncRecord,
  group: Map<string, Connection> | undefined,
  now: number,
  heartbeat: boolean,
): Promise<ReconcileAction> {
  if (record.outcome) return settleRecord(deps, record, record.outcome);
  if (Date.parse(record.deadline) <= now) {
    return settleRecord(deps, record, decidedOutcome(SyncStatus.deadlineExceeded, `no sync result by the run's deadline ${record.deadline}`, new Date(now).toISOString()));
  }
  if (!group) return 'pending';
  const connection = group.get(record.connectionId);
  if (!connection) {
    return settleRecord(deps, record, decidedOutcome('CONNECTION_NOT_FOUND', `connection is no longer in group ${record.groupId}`, new Date(now).toISOString()));
  }
  const outcome = outcomeFromConnection(record, connection);
  if (outcome) return settleRecord(deps, record, outcome);
  if (wasPausedDuringRun(record, connection)) {
    return settleRecord(deps, record, decidedOutcome(SyncStatus.paused, 'the connection was paused during the run and no sync is running: none will finish until it is resumed', new Date(now).toISOString()));
  }
  if (isDue(connection, now)) {
    await deps.fivetran.triggerSync(record.connectionId, { force: false });
    await deps.store.markRescheduled(record.runId, record.connectionId, null);
    return 'retriggered';
  }
  if (connection.status.sync_state === 'rescheduled' && record.rescheduledAt === null) {
    await deps.store.markRescheduled(record.runId, record.connectionId, new Date(now).toISOString());
  }
  if (heartbeat && record.taskToken) {
    if ((await deps.completer.heartbeat(record.taskToken)) === 'delivered') return 'heartbeat';
    // Nobody waits any more (the execution was stopped, or failed or timed out elsewhere): close
    // the record now rather than at its deadline.
    return settleRecord(
      deps,
      record,
      decidedOutcome(SyncStatus.cancelled, 'the run no longer waits for this sync (execution stopped, failed or timed out)', new Date(now).toISOString()),
    );
  }
  return 'pending';
}

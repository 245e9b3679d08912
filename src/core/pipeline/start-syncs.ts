/**
 * The StartSyncs state: list the group's connections, apply the policies, write every run record,
 * then trigger every sync up front. Records are written before any trigger so that no outcome can
 * arrive for a sync the run does not know about yet.
 *
 * The records also carry the progress: a record with no `triggeredAt` and no outcome of the run's
 * own still waits for its trigger. A call that runs out of time (`stopAt`) returns `done: false`
 * and the state machine calls again with the same input plus that answer; the next call reads the
 * records and triggers only what is left, so a retried or repeated call never triggers twice.
 */
import { forEachLimited } from '../concurrency.js';
import { ConnectionsNotReadyError, messageOf } from '../errors.js';
import type { FivetranClient } from '../fivetran/client.js';
import { FivetranApiError, FivetranClientCode } from '../fivetran/errors.js';
import { syncBaseline, type Connection } from '../fivetran/types.js';
import { SyncStatus, decidedOutcome, type NewSyncRecord, type RunStore, type SyncRecord } from '../runs/records.js';
import { MAX_CONNECTIONS_PER_RUN, runTooLarge, type PreparedRun } from './run-request.js';
import { isoTime } from '../text.js';

export type StartSyncsDeps = {
  fivetran: FivetranClient;
  store: RunStore;
  now?: () => number;
  /** Trigger calls in flight at once; the client waits out 429s (default `DEFAULT_TRIGGER_CONCURRENCY`). */
  triggerConcurrency?: number;
  /** How long records are kept after the deadline, for reports (default 14 days, Step Functions' redrive window). */
  retentionSeconds?: number;
  /**
   * Epoch ms by which the call must be done triggering: no trigger starts at or after it and no
   * retry waits past it. Connections left untriggered are for the next call (`done: false`).
   * @default no limit but the trigger window
   */
  stopAt?: number;
};

/** The state's input: the run, and on a repeated call the previous call's answer. */
export type StartSyncsInput = PreparedRun & { started?: Partial<Pick<StartedSyncs, 'done'>> };

export type StartedSyncs = {
  /** False when time ran out with syncs still to trigger: call again with the same run and this answer as `started`. */
  done: boolean;
  /** Connections whose sync was triggered: the AwaitSyncs Map iterates over these. */
  connectionIds: string[];
  skipped: number;
  triggerFailed: number;
};

const DAY = 86_400;

/**
 * How long after the run's start a sync may still be triggered; a connection Fivetran has not
 * accepted by then (it kept answering 429 or 5xx) ends TRIGGER_FAILED. Two of Fivetran's hourly
 * rate-limit windows. On AWS it also bounds the repeated StartSyncs calls to about 10 (each gets
 * 13 minutes), 7 history events each, within the room MAX_CONNECTIONS_PER_RUN leaves.
 */
export const TRIGGER_WINDOW_MS = 2 * 3600_000;

/** Trigger calls in flight at once unless the caller says otherwise: 32 keeps 5,000 triggers to about a minute at Fivetran's latency, far below its rate limit per hour, and 429s are waited out. */
export const DEFAULT_TRIGGER_CONCURRENCY = 32;

/** Which connections a run syncs and which it skips, or the problems that stop it before any trigger. */
export function selectConnections(
  run: Pick<PreparedRun, 'groupId' | 'connectionIds' | 'policies'>,
  connections: readonly Connection[],
): { sync: Connection[]; unpause: Connection[]; skip: { connection: Connection; reason: string }[]; problems: string[] } {
  const byId = new Map(connections.map((c) => [c.id, c]));
  const problems: string[] = [];
  let chosen: Connection[] = [...connections];
  if (run.connectionIds.length > 0) {
    const unknown = run.connectionIds.filter((id) => !byId.has(id));
    if (unknown.length > 0) problems.push(`not in group ${run.groupId}: ${unknown.join(', ')}`);
    chosen = run.connectionIds.flatMap((id) => byId.get(id) ?? []);
  }
  const sync: Connection[] = [];
  const unpause: Connection[] = [];
  const skip: { connection: Connection; reason: string }[] = [];
  for (const c of chosen) {
    if (c.status.setup_state !== 'connected') {
      const reason = `setup_state is "${c.status.setup_state}"; finish or fix its setup in Fivetran`;
      if (run.policies.notConnected === 'skip') skip.push({ connection: c, reason });
      else problems.push(`${c.id}${c.schema ? ` (${c.schema})` : ''}: ${reason}`);
      continue;
    }
    if (c.paused) {
      if (run.policies.paused === 'skip') skip.push({ connection: c, reason: 'paused' });
      else if (run.policies.paused === 'fail') problems.push(`${c.id}${c.schema ? ` (${c.schema})` : ''}: paused (policy paused=fail)`);
      else {
        unpause.push(c);
        sync.push(c);
      }
      continue;
    }
    sync.push(c);
  }
  return { sync, unpause, skip, problems };
}

export async function startSyncs(run: StartSyncsInput, deps: StartSyncsDeps): Promise<StartedSyncs> {
  const now = deps.now ?? Date.now;
  // A repeated call finds every record written; a retried first call writes what is missing.
  const order = run.started?.done === false ? null : await writeRecords(run, deps, now);
  const records = await deps.store.listRunRecords(run.runId);
  if (order) records.sort((a, b) => (order.get(a.connectionId) ?? 0) - (order.get(b.connectionId) ?? 0));

  const createdAt = Math.min(...records.map((r) => Date.parse(r.createdAt)));
  const triggerBy = Math.min(createdAt + TRIGGER_WINDOW_MS, ...records.map((r) => Date.parse(r.deadline)));
  const stopAt = Math.min(deps.stopAt ?? Infinity, triggerBy);
  const triggered = new Set(records.filter((r) => r.triggeredAt !== null).map((r) => r.connectionId));
  const failed = new Set(records.filter((r) => r.outcome?.status === SyncStatus.triggerFailed).map((r) => r.connectionId));
  const left = new Set<string>();
  const failTrigger = async (connectionId: string, reason: string) => {
    const outcome = decidedOutcome(SyncStatus.triggerFailed, reason, isoTime(now()));
    await deps.store.recordOutcome(run.runId, connectionId, outcome);
    await deps.store.markCompleted(run.runId, connectionId, outcome.finishedAt);
    failed.add(connectionId);
  };

  // A lane goes on to its next trigger while the record write is in flight: one round trip, not two, per trigger.
  const writes: Promise<unknown>[] = [];
  await forEachLimited(records.filter(awaitsTrigger), deps.triggerConcurrency ?? DEFAULT_TRIGGER_CONCURRENCY, async ({ connectionId }) => {
    if (now() >= stopAt) return void left.add(connectionId);
    try {
      await deps.fivetran.triggerSync(connectionId, { force: run.force, ...(Number.isFinite(stopAt) ? { retryUntil: stopAt } : {}) });
    } catch (error) {
      if (error instanceof FivetranApiError && error.code === FivetranClientCode.outOfTime) left.add(connectionId);
      else await failTrigger(connectionId, messageOf(error));
      return;
    }
    triggered.add(connectionId);
    const write = deps.store.markTriggered(run.runId, connectionId, isoTime(now()));
    write.catch(() => undefined); // handled below, once every lane is done
    writes.push(write);
  });
  // Every write settles before the answer; a failed one fails the call (the records must say what was triggered).
  const failedWrite = (await Promise.allSettled(writes)).find((w) => w.status === 'rejected');
  if (failedWrite) throw failedWrite.reason;
  if (left.size > 0 && now() >= triggerBy) {
    const reason = `not triggered by ${isoTime(triggerBy)} (${TRIGGER_WINDOW_MS / 3600_000} hours after the run started, or its deadline): Fivetran kept answering 429 or 5xx`;
    for (const connectionId of left) await failTrigger(connectionId, reason);
    left.clear();
  }
  return {
    done: left.size === 0,
    connectionIds: records.filter((r) => triggered.has(r.connectionId)).map((r) => r.connectionId),
    skipped: records.filter((r) => r.outcome?.status === SyncStatus.skipped).length,
    triggerFailed: failed.size,
  };
}

/** A record whose sync is still to be triggered: not triggered, not skipped and not given up by the run. */
function awaitsTrigger(record: SyncRecord): boolean {
  return record.triggeredAt === null && record.outcome?.source !== 'run';
}

/**
 * Lists and checks the group's connections, writes a record for each (existing ones are kept) and
 * unpauses what the policy says to. Returns the connections' order in Fivetran's list.
 */
async function writeRecords(run: PreparedRun, deps: StartSyncsDeps, now: () => number): Promise<Map<string, number>> {
  if (!run.groupId) throw new ConnectionsNotReadyError('No group to sync: the run needs a groupId unless skipSync is set.');
  const connections = await deps.fivetran.listGroupConnections(run.groupId);
  const { sync, unpause, skip, problems } = selectConnections(run, connections);
  if (problems.length > 0) {
    throw new ConnectionsNotReadyError(`Cannot start the run for group ${run.groupId}: ${problems.join('; ')}.`);
  }
  if (sync.length === 0 && skip.length === 0) {
    throw new ConnectionsNotReadyError(`Group ${run.groupId} has no connections to sync.`);
  }
  // Refused before any record or trigger: a run over the limit would fail midway on AWS.
  if (sync.length > MAX_CONNECTIONS_PER_RUN) throw runTooLarge(sync.length);

  const createdAt = isoTime(now());
  const deadlineMs = now() + run.syncTimeoutSeconds * 1000;
  const deadline = isoTime(deadlineMs);
  const expiresAt = Math.ceil(deadlineMs / 1000) + (deps.retentionSeconds ?? 14 * DAY);
  const base = (c: Connection): NewSyncRecord => ({
    runId: run.runId,
    connectionId: c.id,
    groupId: c.group_id,
    name: c.schema ?? null,
    baseline: syncBaseline(c),
    scheduleType: c.schedule_type ?? null,
    createdAt,
    deadline,
    expiresAt,
  });
  const skipped: NewSyncRecord[] = skip.map(({ connection, reason }) => ({
    ...base(connection),
    outcome: decidedOutcome(SyncStatus.skipped, reason, createdAt),
    completedAt: createdAt,
  }));
  await deps.store.createRecords([...skipped, ...sync.map(base)]);

  for (const c of unpause) await deps.fivetran.updateConnection(c.id, { paused: false });
  return new Map(connections.map((c, i) => [c.id, i]));
}

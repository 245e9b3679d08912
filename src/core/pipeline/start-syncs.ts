/**
 * The StartSyncs state: list the group's connections, apply the policies, write every run record,
 * then trigger every sync up front. Records are written before any trigger so that no outcome can
 * arrive for a sync the run does not know about yet.
 */
import { forEachLimited } from '../concurrency.js';
import { ConnectionsNotReadyError, messageOf } from '../errors.js';
import type { FivetranClient } from '../fivetran/client.js';
import { syncBaseline, type Connection } from '../fivetran/types.js';
import { SyncStatus, decidedOutcome, type NewSyncRecord, type RunStore } from '../runs/records.js';
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
};

export type StartedSyncs = {
  /** Connections whose sync was triggered: the AwaitSyncs Map iterates over these. */
  connectionIds: string[];
  skipped: number;
  triggerFailed: number;
};

const DAY = 86_400;

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

export async function startSyncs(run: PreparedRun, deps: StartSyncsDeps): Promise<StartedSyncs> {
  const now = deps.now ?? Date.now;
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

  const triggered: string[] = [];
  let triggerFailed = 0;
  await forEachLimited(sync, deps.triggerConcurrency ?? DEFAULT_TRIGGER_CONCURRENCY, async (c) => {
    try {
      await deps.fivetran.triggerSync(c.id, { force: run.force });
      await deps.store.markTriggered(run.runId, c.id, isoTime(now()));
      triggered.push(c.id);
    } catch (error) {
      triggerFailed += 1;
      const outcome = decidedOutcome(SyncStatus.triggerFailed, messageOf(error), isoTime(now()));
      await deps.store.recordOutcome(run.runId, c.id, outcome);
      await deps.store.markCompleted(run.runId, c.id, outcome.finishedAt);
    }
  });
  const order = new Map(sync.map((c, i) => [c.id, i]));
  triggered.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { connectionIds: triggered, skipped: skip.length, triggerFailed };
}

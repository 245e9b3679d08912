/** A finished-looking run record for tests of summaries, reports and rendering. */
import type { SyncOutcome, SyncRecord } from '../../src/core/runs/records.js';

/**
 * Run `run-1`, group `group_1`, schema `schema_<id>`, triggered 2 s after 2026-05-22T00:00Z;
 * `outcome` (when not null) defaults to a SUCCESSFUL webhook outcome at 00:05:32.
 */
export function syncRecord(connectionId: string, outcome: Partial<SyncOutcome> | null = null, overrides: Partial<SyncRecord> = {}): SyncRecord {
  return {
    runId: 'run-1',
    connectionId,
    groupId: 'group_1',
    name: `schema_${connectionId}`,
    baseline: null,
    scheduleType: 'manual',
    createdAt: '2026-05-22T00:00:00.000Z',
    triggeredAt: '2026-05-22T00:00:02.000Z',
    deadline: '2026-05-22T06:00:00.000Z',
    expiresAt: 2_000_000_000,
    taskToken: null,
    startedSyncId: null,
    startedAt: null,
    rescheduledAt: null,
    retriggers: 0,
    outcome: outcome && { status: 'SUCCESSFUL', finishedAt: '2026-05-22T00:05:32.000Z', syncId: null, reason: null, taskType: null, source: 'webhook', ...outcome },
    completedAt: null,
    ...overrides,
  };
}

/** The run report: per connection status, duration and reason from the records; counts; stale connections when dbt ran. */
import { describe, expect, it } from '@jest/globals';
import { buildRunReport, connectionReport, liveStatusOf } from '../../../../src/core/report/run-report.js';
import { syncRecord } from '../../../support/sync-records.js';


describe('liveStatusOf', () => {
  it.each([
    ['PENDING', { triggeredAt: null }],
    ['TRIGGERED', {}],
    ['SYNCING', { startedAt: '2026-05-22T00:00:03.000Z' }],
    ['RESCHEDULED', { startedAt: '2026-05-22T00:00:03.000Z', rescheduledAt: '2026-05-22T00:01:00.000Z' }],
  ] as const)('is %s for a record with %p', (status, overrides) => {
    expect(liveStatusOf(syncRecord('a', null, overrides))).toBe(status);
  });

  it("is the outcome's status once there is one", () => {
    expect(liveStatusOf(syncRecord('a', { status: 'FAILURE' }, { rescheduledAt: '2026-05-22T00:01:00.000Z' }))).toBe('FAILURE');
  });
});

describe('connectionReport', () => {
  it('reports a success with its duration from the trigger to the end of the sync and no reason', () => {
    expect(connectionReport(syncRecord('a', {}))).toEqual({ connectionId: 'a', name: 'schema_a', status: 'SUCCESSFUL', durationSeconds: 330, reason: null, source: 'webhook', retriggers: 0 });
  });

  it("reports a failure with Fivetran's reason", () => {
    const report = connectionReport(syncRecord('a', { status: 'FAILURE_WITH_TASK', reason: 'java.lang.RuntimeException: x', taskType: 'reconnect_warehouse', source: 'poll' }));
    expect(report).toMatchObject({ status: 'FAILURE_WITH_TASK', reason: 'java.lang.RuntimeException: x', source: 'poll' });
  });

  it('describes a failure that came without a reason', () => {
    expect(connectionReport(syncRecord('a', { status: 'FAILURE', taskType: 'resync' })).reason).toBe('FAILURE (resync)');
  });

  it('gives a skipped connection no duration', () => {
    const report = connectionReport(syncRecord('p', { status: 'SKIPPED', reason: 'paused', source: 'run', finishedAt: '2026-05-22T00:00:00.000Z' }, { triggeredAt: null }));
    expect(report).toMatchObject({ status: 'SKIPPED', durationSeconds: null, reason: 'paused', source: 'run' });
  });

  it('measures from the record creation when the trigger never returned', () => {
    const report = connectionReport(syncRecord('t', { status: 'TRIGGER_FAILED', reason: '403', source: 'run', finishedAt: '2026-05-22T00:00:01.250Z' }, { triggeredAt: null }));
    expect(report.durationSeconds).toBe(1.3);
  });

  it('rounds durations to a tenth of a second and never reports a negative one', () => {
    expect(connectionReport(syncRecord('a', { finishedAt: '2026-05-22T00:00:03.449Z' })).durationSeconds).toBe(1.4);
    expect(connectionReport(syncRecord('a', { finishedAt: '2026-05-22T00:00:01.000Z' })).durationSeconds).toBe(0);
  });

  it('shows the live status and no duration while the sync runs, with the re-trigger count', () => {
    const report = connectionReport(syncRecord('r', null, { rescheduledAt: '2026-05-22T00:01:00.000Z', retriggers: 2 }));
    expect(report).toEqual({ connectionId: 'r', name: 'schema_r', status: 'RESCHEDULED', durationSeconds: null, reason: null, source: null, retriggers: 2 });
  });
});

describe('buildRunReport', () => {
  const base = {
    runId: 'run-1',
    status: 'SUCCEEDED',
    error: null,
    cause: null,
    startedAt: '2026-05-22T00:00:00.000Z',
    finishedAt: '2026-05-22T00:07:45.250Z',
  };
  const dbt = { exitCode: 0, durationSeconds: 95.2, summary: null };

  it('reports every connection in record order, the counts and the run duration', () => {
    const records = [syncRecord('a', {}), syncRecord('p', { status: 'SKIPPED', reason: 'paused', source: 'run' }), syncRecord('b', {})];
    const report = buildRunReport({ ...base, records, dbt });
    expect(report).toMatchObject({
      runId: 'run-1',
      status: 'SUCCEEDED',
      durationSeconds: 465.3,
      counts: { total: 3, succeeded: 2, failed: 0, skipped: 1 },
      stale: [],
      dbt,
    });
    expect(report.connections.map((c) => c.connectionId)).toEqual(['a', 'p', 'b']);
  });

  it('lists the connections dbt ran without fresh data for, when dbt ran', () => {
    const records = [syncRecord('a', {}), syncRecord('b', { status: 'FAILURE', reason: 'x' }), syncRecord('c', null)];
    expect(buildRunReport({ ...base, records, dbt }).stale).toEqual(['b', 'c']);
  });

  it('lists no stale connections when dbt did not run', () => {
    const records = [syncRecord('a', {}), syncRecord('b', { status: 'FAILURE', reason: 'x' })];
    const report = buildRunReport({ ...base, status: 'FAILED', error: 'SyncsFailed', cause: '1 of 2 syncs did not succeed', records, dbt: null });
    expect(report).toMatchObject({ stale: [], dbt: null, error: 'SyncsFailed', cause: '1 of 2 syncs did not succeed', counts: { failed: 1 } });
  });

  it('reports a dbt-only run with no connections', () => {
    const report = buildRunReport({ ...base, records: [], dbt });
    expect(report).toMatchObject({ connections: [], counts: { total: 0, succeeded: 0, failed: 0, skipped: 0 }, stale: [] });
  });

  it('serialises to JSON and back unchanged (the machine-readable report)', () => {
    const report = buildRunReport({ ...base, records: [syncRecord('a', {})], dbt });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

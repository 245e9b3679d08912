/** What the CLI prints: the final table of a run report, and live progress (one line per change when not a terminal). */
import { describe, expect, it } from '@jest/globals';
import { ProgressRenderer, formatReport } from '../../../src/cli/render.js';
import { buildRunReport, type DbtReport } from '../../../src/core/report/run-report.js';
import type { SyncRecord } from '../../../src/core/runs/records.js';
import { syncRecord } from '../../support/sync-records.js';

const STARTED = '2026-05-22T00:00:00.000Z';
const FINISHED = '2026-05-22T00:07:45.000Z';


const report = (input: { runId?: string; status?: string; error?: string | null; cause?: string | null; records: SyncRecord[]; dbt: DbtReport | null; finishedAt?: string }) =>
  buildRunReport({ runId: 'run-1', status: 'SUCCEEDED', error: null, cause: null, startedAt: STARTED, finishedAt: FINISHED, ...input });

describe('formatReport', () => {
  it('prints a successful run as a table, the sync counts, dbt nodes and the run line', () => {
    const text = formatReport(
      report({
        records: [
          syncRecord('a'.repeat(3), {}),
          syncRecord('b', { finishedAt: '2026-05-22T00:00:45.500Z' }, { retriggers: 2 }),
          syncRecord('p', { status: 'SKIPPED', reason: 'paused', source: 'run', finishedAt: STARTED }, { triggeredAt: null }),
        ],
        dbt: { exitCode: 0, durationSeconds: 95.2, summary: { elapsedSeconds: 90, nodes: 3, byStatus: { success: 2, pass: 1 }, problems: [] } },
      }),
    );
    expect(text).toBe(
      [
        'CONNECTION  NAME        STATUS      TIME   DETAIL',
        'aaa         schema_aaa  SUCCESSFUL  5m30s',
        'b           schema_b    SUCCESSFUL  43.5s  re-triggered 2x after a reschedule',
        'p           schema_p    SKIPPED     -      paused',
        '',
        'Syncs: 2 succeeded, 0 did not succeed, 1 skipped (of 3).',
        'dbt: exit 0 in 1m35s - 3 nodes: 2 success, 1 pass.',
        'Run run-1: SUCCEEDED in 7m45s',
      ].join('\n'),
    );
  });

  it("prints a run stopped by a failed sync with Fivetran's reason, no dbt, and the error and cause", () => {
    const text = formatReport(
      report({
        status: 'FAILED',
        error: 'SyncsFailed',
        cause: '1 of 2 syncs did not succeed',
        records: [syncRecord('a', {}), syncRecord('b', { status: 'FAILURE_WITH_TASK', reason: 'java.lang.RuntimeException: Cannot connect', taskType: 'reconnect_warehouse' })],
        dbt: null,
      }),
    );
    expect(text.split('\n')).toEqual([
      'CONNECTION  NAME      STATUS             TIME   DETAIL',
      'a           schema_a  SUCCESSFUL         5m30s',
      'b           schema_b  FAILURE_WITH_TASK  5m30s  java.lang.RuntimeException: Cannot connect',
      '',
      'Syncs: 1 succeeded, 1 did not succeed, 0 skipped (of 2).',
      'dbt: not run.',
      'Run run-1: FAILED in 7m45s - SyncsFailed: 1 of 2 syncs did not succeed',
    ]);
  });

  it('names the connections dbt ran on stale data for under policy continue', () => {
    const text = formatReport(
      report({
        records: [syncRecord('a', {}), syncRecord('b', { status: 'DEADLINE_EXCEEDED', reason: 'no sync result by the deadline', source: 'run' }), syncRecord('c', { status: 'FAILURE', reason: 'x' })],
        dbt: { exitCode: 0, durationSeconds: 30, summary: null },
      }),
    );
    expect(text).toContain('Syncs: 1 succeeded, 2 did not succeed, 0 skipped (of 3).\ndbt ran on stale data for: b, c (policy continue).\ndbt: exit 0 in 30.0s.');
  });

  it('says why dbt shows no nodes when run_results.json is missing or unreadable', () => {
    const text = formatReport(report({ records: [syncRecord('a', {})], dbt: { exitCode: 0, durationSeconds: 30, summary: null, summaryNote: 'dbt wrote no run_results.json' } }));
    expect(text).toContain('dbt: exit 0 in 30.0s - dbt wrote no run_results.json.');
  });

  it('prints a dbt failure with its nodes by status and the nodes that did not pass', () => {
    const text = formatReport(
      report({
        status: 'FAILED',
        error: 'DbtFailed',
        cause: 'dbt exited with code 1',
        finishedAt: '2026-05-22T00:01:00.000Z',
        records: [],
        dbt: {
          exitCode: 1,
          durationSeconds: 42,
          summary: {
            elapsedSeconds: 40,
            nodes: 3,
            byStatus: { success: 1, error: 1, skipped: 1 },
            problems: [
              { uniqueId: 'model.shop.customers', status: 'error', message: 'Database Error: relation "raw.customers" does not exist' },
              { uniqueId: 'model.shop.revenue', status: 'skipped', message: null },
            ],
          },
        },
      }),
    );
    expect(text.split('\n')).toEqual([
      'dbt: exit 1 in 42.0s - 3 nodes: 1 success, 1 error, 1 skipped.',
      '  error    model.shop.customers: Database Error: relation "raw.customers" does not exist',
      '  skipped  model.shop.revenue',
      'Run run-1: FAILED in 1m00s - DbtFailed: dbt exited with code 1',
    ]);
  });

  it('prints "?" for a dbt that ended without an exit code (killed)', () => {
    expect(formatReport(report({ status: 'FAILED', error: 'DbtFailed', cause: 'stopped', records: [], dbt: { exitCode: null, durationSeconds: 1, summary: null } }))).toContain('dbt: exit ? in 1.0s.');
  });

  it('cuts long details and node messages with an ellipsis', () => {
    const long = 'x'.repeat(300);
    const text = formatReport(
      report({
        records: [syncRecord('a', { status: 'FAILURE', reason: long })],
        dbt: { exitCode: 1, durationSeconds: 1, summary: { elapsedSeconds: 1, nodes: 1, byStatus: { error: 1 }, problems: [{ uniqueId: 'model.a', status: 'error', message: long }] } },
      }),
    );
    const detailLine = text.split('\n')[1] ?? '';
    expect(detailLine.endsWith(`${'x'.repeat(89)}…`)).toBe(true);
    expect(text).toContain(`model.a: ${'x'.repeat(119)}…`);
  });

  it('writes minutes with two-digit seconds, rolling 59.5+ s up to the next minute', () => {
    const at = (durationSeconds: number) => formatReport(report({ records: [], dbt: { exitCode: 0, durationSeconds, summary: null } })).split('\n')[0];
    expect(at(61)).toBe('dbt: exit 0 in 1m01s.');
    expect(at(119.6)).toBe('dbt: exit 0 in 2m00s.');
    expect(at(3599.7)).toBe('dbt: exit 0 in 60m00s.');
  });
});

describe('ProgressRenderer without a terminal', () => {
  const clock = () => Date.parse('2026-05-22T00:01:02.000Z');

  function plain() {
    const writes: string[] = [];
    return { writes, renderer: new ProgressRenderer({ write: (text) => writes.push(text) }, false, { clock }) };
  }

  it('prints one line per status change and nothing for snapshots that change nothing', () => {
    const { writes, renderer } = plain();
    renderer.setPhase('Syncing');
    renderer.setPhase('Syncing');
    renderer.update([syncRecord('a'), syncRecord('b', null, { triggeredAt: null })]);
    renderer.update([syncRecord('a'), syncRecord('b', null, { triggeredAt: null })]);
    renderer.update([syncRecord('a', null, { startedAt: '2026-05-22T00:00:05.000Z' }), syncRecord('b', null, { triggeredAt: null })]);
    renderer.update([syncRecord('a', {}), syncRecord('b', { status: 'FAILURE', reason: 'boom' })]);
    renderer.update([syncRecord('a', {}), syncRecord('b', { status: 'FAILURE', reason: 'boom' })]);
    expect(writes).toEqual([
      '00:01:02 Syncing\n',
      '00:01:02 a (schema_a): TRIGGERED\n',
      '00:01:02 b (schema_b): PENDING\n',
      '00:01:02 a (schema_a): SYNCING\n',
      '00:01:02 a (schema_a): SUCCESSFUL (5m30s, webhook)\n',
      '00:01:02 b (schema_b): FAILURE - boom\n',
    ]);
  });

  it('prints lines from dbt as they are, and no terminal control codes', () => {
    const { writes, renderer } = plain();
    renderer.update([syncRecord('a')]);
    renderer.line('12:00:01  1 of 3 START sql table model shop.orders');
    renderer.clear();
    expect(writes).toEqual(['00:01:02 a (schema_a): TRIGGERED\n', '12:00:01  1 of 3 START sql table model shop.orders\n']);
    expect(writes.join('')).not.toContain('\x1b');
  });
});

describe('ProgressRenderer on a terminal', () => {
  it('redraws one block in place, with counts by status, and removes it before the report', () => {
    const writes: string[] = [];
    const renderer = new ProgressRenderer({ write: (text) => writes.push(text) }, true);
    renderer.setPhase('Syncing');
    expect(writes).toEqual(['Syncing - listing connections\n']);
    renderer.update([syncRecord('a'), syncRecord('b', {})]);
    expect(writes.slice(1, 3)).toEqual(['\x1b[1A\x1b[0J', expect.stringMatching(/^Syncing - 1 triggered, 1 successful\n/)]);
    renderer.update([syncRecord('a', {}), syncRecord('b', {})]);
    expect(writes[3]).toBe('\x1b[3A\x1b[0J');
    renderer.clear();
    expect(writes.at(-1)).toBe('\x1b[3A\x1b[0J');
  });

  it('cuts every row to the terminal width, so a 70-column terminal wraps nothing and the redraw moves up exactly', () => {
    const writes: string[] = [];
    const renderer = new ProgressRenderer({ write: (text) => writes.push(text) }, true, { columns: () => 70 });
    renderer.setPhase('AwaitSyncs');
    renderer.update([syncRecord('a_connection_with_a_long_id', {}), syncRecord('b', { status: 'FAILURE_WITH_TASK', reason: 'x'.repeat(200), source: 'webhook' })]);
    const block = writes.at(-1) ?? '';
    const rows = block.trimEnd().split('\n');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(69);
    renderer.clear();
    expect(writes.at(-1)).toBe('\x1b[3A\x1b[0J');
  });

  it('shows only the counts when the connections do not fit', () => {
    const writes: string[] = [];
    const renderer = new ProgressRenderer({ write: (text) => writes.push(text) }, true, { rows: 2 });
    renderer.update([syncRecord('a'), syncRecord('b'), syncRecord('c')]);
    expect(writes).toEqual(['Starting - 3 triggered\n']);
  });
});

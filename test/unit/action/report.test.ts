/** The report's renderings: summary and comment text, their size limits, annotations, outputs. */
import { describe, expect, it } from '@jest/globals';
import type { RunReport } from '../../../src/core/report/run-report.js';
import { annotationsOf } from '../../../src/action/annotations.js';
import { COMMENT_MARKER, MAX_COMMENT_CHARS, MAX_SUMMARY_BYTES, renderComment, renderSummary, timeline, type ReportView } from '../../../src/action/report-markdown.js';
import { reportOutputs, resultJson } from '../../../src/action/report-outputs.js';

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    runId: 'gh-1-1-build',
    status: 'FAILED',
    executionArn: null,
    consoleUrl: null,
    error: 'SyncsFailed',
    cause: '1 connection failed',
    startedAt: '2026-05-22T00:00:00.000Z',
    finishedAt: '2026-05-22T00:05:00.000Z',
    durationSeconds: 300,
    counts: { total: 2, succeeded: 1, failed: 1, skipped: 0 },
    stale: [],
    connections: [
      { connectionId: 'ok_db', name: 'shop', status: 'SUCCESSFUL', durationSeconds: 61, reason: null, source: 'webhook', retriggers: 0 },
      { connectionId: 'bad_api', name: null, status: 'FAILURE_WITH_TASK', durationSeconds: 12.5, reason: 'Invalid | token', source: 'webhook', retriggers: 0 },
    ],
    dbt: null,
    ...overrides,
  };
}

const view = (r: RunReport): ReportView => ({ report: r, records: [], slimCi: null, note: null, runUrl: undefined, sha: 'abcdef1234', status: r.status });

describe('renderSummary', () => {
  it('lists failed connections first, escapes cells, and names the error', () => {
    expect(renderSummary(view(report()))).toBe(
      [
        '## ❌ Fivetran → dbt run `gh-1-1-build`: FAILED',
        '',
        'took 5m 0s · commit `abcdef1`',
        '',
        '**SyncsFailed**: 1 connection failed',
        '',
        '### Connections',
        '',
        '1 succeeded, 1 failed, 0 skipped of 2.',
        '',
        '| Connection | Status | Duration | Reason |',
        '| --- | --- | --- | --- |',
        '| `bad_api` | FAILURE_WITH_TASK | 12.5s | Invalid \\| token |',
        '| shop (`ok_db`) | SUCCESSFUL | 1m 1s | — |',
        '',
      ].join('\n'),
    );
  });

  it('says why dbt shows no nodes when run_results.json is unreadable', () => {
    const text = renderSummary(view(report({ dbt: { exitCode: 0, durationSeconds: 30, summary: null, summaryNote: 'run_results.json unreadable: the file is empty' } })));
    expect(text).toContain('exit code 0 · took 30s · run_results.json unreadable: the file is empty.');
  });

  it('puts failed dbt nodes before warnings and skips', () => {
    const text = renderSummary(view(report({ dbt: { exitCode: 1, durationSeconds: 30, summary: { elapsedSeconds: 29, nodes: 3, byStatus: { warn: 1, error: 1, success: 1 }, problems: [{ uniqueId: 'test.a', status: 'warn', message: 'w' }, { uniqueId: 'model.b', status: 'error', message: 'boom' }] }, stoppedReason: 'Essential container in task exited', logTail: ['x'] } })));
    expect(text.indexOf('`model.b`')).toBeLessThan(text.indexOf('`test.a`'));
    expect(text).toContain('exit code 1 · took 30s · 3 nodes: 1 warn, 1 error, 1 success.');
  });

  it('stays within 1 MiB with thousands of connections and long reasons', () => {
    const connections = Array.from({ length: 5000 }, (_, i) => ({ connectionId: `c${i}`, name: `n${i}`, status: 'FAILURE', durationSeconds: 1, reason: 'é'.repeat(400), source: 'poll', retriggers: 0 }));
    const text = renderSummary(view(report({ connections })));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
  });

  it('draws the timeline as a mermaid gantt chart of the syncs and dbt', () => {
    const record = { runId: 'r', connectionId: 'ok_db', groupId: 'g', name: 'shop: main', baseline: null, scheduleType: null, createdAt: '2026-05-22T00:00:00.000Z', triggeredAt: '2026-05-22T00:00:01.000Z', deadline: '', expiresAt: 0, taskToken: null, startedSyncId: null, startedAt: null, rescheduledAt: null, retriggers: 0, outcome: { status: 'SUCCESSFUL', finishedAt: '2026-05-22T00:01:01.000Z', syncId: null, reason: null, taskType: null, source: 'webhook' as const }, completedAt: null };
    expect(timeline(report({ dbt: { exitCode: 0, durationSeconds: 60, summary: null } }), [record])).toEqual([
      '### Timeline',
      '',
      '```mermaid',
      'gantt',
      '  dateFormat x',
      '  axisFormat %H:%M:%S',
      '  section Syncs',
      `    shop main :done, ${Date.parse('2026-05-22T00:00:01.000Z')}, ${Date.parse('2026-05-22T00:01:01.000Z')}`,
      '  section dbt',
      `    dbt :done, ${Date.parse('2026-05-22T00:04:00.000Z')}, ${Date.parse('2026-05-22T00:05:00.000Z')}`,
      '```',
      '',
    ]);
  });
});

describe('renderComment', () => {
  it('starts with the hidden marker and stays under 65,536 characters', () => {
    const connections = Array.from({ length: 3000 }, (_, i) => ({ connectionId: `c${i}`, name: null, status: 'FAILURE', durationSeconds: 1, reason: 'r'.repeat(300), source: 'poll', retriggers: 0 }));
    const problems = Array.from({ length: 20 }, (_, i) => ({ uniqueId: `model.m${i}`, status: 'error', message: 'm'.repeat(5000) }));
    const text = renderComment(view(report({ connections, dbt: { exitCode: 1, durationSeconds: 1, summary: { elapsedSeconds: 1, nodes: 20, byStatus: { error: 20 }, problems } } })));
    expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(text).toContain('### What dbt built and tested');
  });
});

describe('annotationsOf', () => {
  it('shows at most 10 errors and 10 warnings, the tenth counting the rest', () => {
    const connections = Array.from({ length: 25 }, (_, i) => ({ connectionId: `c${i}`, name: null, status: i < 15 ? 'FAILURE' : 'SKIPPED', durationSeconds: null, reason: 'x', source: 'run', retriggers: 0 }));
    const annotations = annotationsOf(report({ connections }));
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(annotations.filter((a) => a.level === 'warning')).toHaveLength(10);
    expect(annotations.find((a) => a.level === 'error' && a.title.endsWith('more'))?.message).toBe('7 more failures: see the job summary.');
  });
});

describe('reportOutputs', () => {
  it('lists failed connections and keeps the JSON result under its limit', () => {
    expect(reportOutputs(report(), 'FAILED')).toMatchObject({ status: 'FAILED', 'failed-connections': 'bad_api', 'dbt-exit-code': '' });
    const connections = Array.from({ length: 20_000 }, (_, i) => ({ connectionId: `c${i}`, name: null, status: 'SUCCESSFUL', durationSeconds: 1, reason: 'x'.repeat(100), source: 'poll', retriggers: 0 }));
    const json = resultJson(report({ connections }), 100_000);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(100_000);
    expect(JSON.parse(json)).toMatchObject({ truncated: true, runId: 'gh-1-1-build' });
  });
});

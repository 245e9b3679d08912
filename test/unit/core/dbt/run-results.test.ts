/** dbt's run_results.json summarised: nodes by status (unknown statuses kept), problems listed, anything else rejected as null. */
import { describe, expect, it } from '@jest/globals';
import { readRunResults, summarizeRunResults } from '../../../../src/core/dbt/run-results.js';

const node = (uniqueId: string, status: string, message: string | null = null) => ({
  unique_id: uniqueId,
  status,
  execution_time: 0.5,
  message,
  failures: status === 'fail' ? 3 : null,
  thread_id: 'Thread-1',
  timing: [],
  adapter_response: {},
});

const runResults = (results: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', dbt_version: '1.9.0' }, elapsed_time: 12.34, args: {}, results, ...extra });

describe('summarizeRunResults', () => {
  it('counts nodes by status and lists the ones that did not pass', () => {
    const text = runResults([
      node('model.shop.orders', 'success', 'SELECT 10'),
      node('model.shop.customers', 'error', 'Database Error: relation "raw.customers" does not exist'),
      node('test.shop.not_null_orders_id', 'pass'),
      node('test.shop.unique_orders_id', 'fail', 'Got 3 results, configured to fail if != 0'),
      node('test.shop.accepted_values', 'warn', 'Got 1 result'),
      node('model.shop.revenue', 'skipped'),
      node('seed.shop.countries', 'success'),
    ]);
    expect(summarizeRunResults(text)).toEqual({
      elapsedSeconds: 12.34,
      nodes: 7,
      byStatus: { success: 2, error: 1, pass: 1, fail: 1, warn: 1, skipped: 1 },
      problems: [
        { uniqueId: 'model.shop.customers', status: 'error', message: 'Database Error: relation "raw.customers" does not exist' },
        { uniqueId: 'test.shop.unique_orders_id', status: 'fail', message: 'Got 3 results, configured to fail if != 0' },
        { uniqueId: 'test.shop.accepted_values', status: 'warn', message: 'Got 1 result' },
        { uniqueId: 'model.shop.revenue', status: 'skipped', message: null },
      ],
    });
  });

  it('keeps statuses it does not know (newer dbt) as they are, and lists them as problems', () => {
    const summary = summarizeRunResults(runResults([node('model.a', 'runtime error'), node('model.b', 'no-op'), node('model.c', 'success')]));
    expect(summary?.byStatus).toEqual({ 'runtime error': 1, 'no-op': 1, success: 1 });
    expect(summary?.problems.map((p) => p.status)).toEqual(['runtime error', 'no-op']);
  });

  it('lists at most 20 problems but counts every node', () => {
    const results = Array.from({ length: 30 }, (_, i) => node(`model.m${i}`, 'error', `e${i}`));
    const summary = summarizeRunResults(runResults(results));
    expect(summary?.nodes).toBe(30);
    expect(summary?.byStatus).toEqual({ error: 30 });
    expect(summary?.problems).toHaveLength(20);
    expect(summary?.problems[19]?.uniqueId).toBe('model.m19');
  });

  it('gives null elapsed time when dbt wrote none', () => {
    expect(summarizeRunResults(JSON.stringify({ results: [] }))).toEqual({ elapsedSeconds: null, nodes: 0, byStatus: {}, problems: [] });
  });

  it('tolerates missing optional fields on results', () => {
    expect(summarizeRunResults(JSON.stringify({ results: [{ unique_id: 'model.a', status: 'error' }] }))?.problems).toEqual([{ uniqueId: 'model.a', status: 'error', message: null }]);
  });

  it.each([
    ['text that is not JSON', 'Traceback (most recent call last):'],
    ['an empty file', ''],
    ['JSON without results', '{"metadata":{}}'],
    ['results that are not a list', '{"results":{}}'],
    ['a result without a status', '{"results":[{"unique_id":"model.a"}]}'],
    ['a manifest', '{"nodes":{},"sources":{}}'],
    ['null', 'null'],
  ])('gives null for %s', (_label, text) => {
    expect(summarizeRunResults(text)).toBeNull();
  });
});

describe('readRunResults', () => {
  it.each([
    ['', 'run_results.json unreadable: the file is empty'],
    ['{"results": [', /^run_results\.json unreadable: not JSON \(.+\)$/],
    ['{"elapsed_time": 1}', /^run_results\.json unreadable: not a dbt run_results file \(.+ at results\)$/],
    ['{"results": [{"status": "success"}]}', /^run_results\.json unreadable: not a dbt run_results file \(.+ at results\.0\.unique_id\)$/],
  ])('says why %j cannot be summarised', (text, note) => {
    const read = readRunResults(text);
    expect(read).toEqual({ note: typeof note === 'string' ? note : expect.stringMatching(note) });
  });

  it('summarises a run_results file as summarizeRunResults does', () => {
    const text = runResults([node('model.shop.orders', 'success')]);
    expect(readRunResults(text)).toEqual({ summary: summarizeRunResults(text) });
  });
});

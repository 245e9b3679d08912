/** Summaries of a run's records: counts, the failure policy's decision, and a bounded message for people. */
import { describe, expect, it } from '@jest/globals';
import { NO_OUTCOME, statusOf, summarizeRecords } from '../../../../src/core/pipeline/summary.js';
import { syncRecord } from '../../../support/sync-records.js';


const ok = (id: string) => syncRecord(id, {});
const skipped = (id: string) => syncRecord(id, { status: 'SKIPPED', reason: 'paused', source: 'run' });
const failed = (id: string, reason = 'java.lang.RuntimeException: Cannot connect', taskType: string | null = 'reconnect_warehouse') =>
  syncRecord(id, { status: 'FAILURE_WITH_TASK', reason, taskType });

describe('statusOf', () => {
  it("gives the outcome's status, or NO_OUTCOME when the wait ended without one", () => {
    expect(statusOf(failed('a'))).toBe('FAILURE_WITH_TASK');
    expect(statusOf(syncRecord('b', null))).toBe(NO_OUTCOME);
    expect(NO_OUTCOME).toBe('NO_OUTCOME');
  });
});

describe('summarizeRecords: counts', () => {
  it('counts succeeded, skipped and everything else as failed', () => {
    const records = [
      ok('a'),
      ok('b'),
      skipped('c'),
      failed('d'),
      syncRecord('e', { status: 'TRIGGER_FAILED', reason: '403', source: 'run' }),
      syncRecord('f', { status: 'DEADLINE_EXCEEDED', reason: 'no sync result by the deadline', source: 'run' }),
      syncRecord('g', { status: 'RESCHEDULED' }),
      syncRecord('h', null),
    ];
    expect(summarizeRecords(records, 'fail').counts).toEqual({ total: 8, succeeded: 2, failed: 5, skipped: 1 });
  });

  it('counts nothing for no records', () => {
    expect(summarizeRecords([], 'fail')).toEqual({ runDbt: true, counts: { total: 0, succeeded: 0, failed: 0, skipped: 0 }, problems: [], message: 'All 0 syncs succeeded.' });
  });
});

describe('summarizeRecords: whether dbt runs', () => {
  it.each(['fail', 'continue'] as const)('runs dbt when every sync succeeded or was skipped (policy %s)', (policy) => {
    expect(summarizeRecords([ok('a'), skipped('b')], policy).runDbt).toBe(true);
  });

  it('does not run dbt when any sync did not succeed under policy fail', () => {
    expect(summarizeRecords([ok('a'), failed('b')], 'fail').runDbt).toBe(false);
  });

  it('does not run dbt under policy fail when a wait ended without an outcome', () => {
    expect(summarizeRecords([ok('a'), syncRecord('b', null)], 'fail').runDbt).toBe(false);
  });

  it('runs dbt anyway under policy continue', () => {
    expect(summarizeRecords([failed('a'), syncRecord('b', null)], 'continue').runDbt).toBe(true);
  });
});

describe('summarizeRecords: problems', () => {
  it('lists what did not succeed, in record order, with a reason people can read', () => {
    const { problems } = summarizeRecords([failed('a'), ok('b'), skipped('c'), syncRecord('d', null, { name: null }), syncRecord('e', { status: 'FAILURE', reason: null })], 'fail');
    expect(problems).toEqual([
      { connectionId: 'a', name: 'schema_a', status: 'FAILURE_WITH_TASK', reason: 'FAILURE_WITH_TASK (reconnect_warehouse): java.lang.RuntimeException: Cannot connect' },
      { connectionId: 'd', name: null, status: NO_OUTCOME, reason: 'the wait ended without an outcome' },
      { connectionId: 'e', name: 'schema_e', status: 'FAILURE', reason: 'FAILURE' },
    ]);
  });
});

describe('summarizeRecords: message', () => {
  it('says all succeeded', () => {
    expect(summarizeRecords([ok('a'), ok('b'), ok('c')], 'fail').message).toBe('All 3 syncs succeeded.');
  });

  it('counts skipped connections apart from the syncs', () => {
    expect(summarizeRecords([ok('a'), ok('b'), skipped('c')], 'fail').message).toBe('All 2 syncs succeeded (1 skipped).');
  });

  it('names the failed connections, their reasons and that dbt was not run (policy fail)', () => {
    expect(summarizeRecords([ok('a'), failed('b'), skipped('c')], 'fail').message).toBe(
      '1 of 2 syncs did not succeed (1 skipped); dbt was not run (policy fail): b (schema_b): FAILURE_WITH_TASK (reconnect_warehouse): java.lang.RuntimeException: Cannot connect.',
    );
  });

  it('says dbt runs on stale data under policy continue, separating connections with semicolons', () => {
    const records = [failed('a', 'x', null), ok('b'), syncRecord('c', null, { name: null })];
    expect(summarizeRecords(records, 'continue').message).toBe(
      '2 of 3 syncs did not succeed; dbt runs on stale data for them (policy continue): a (schema_a): FAILURE_WITH_TASK: x; c: the wait ended without an outcome.',
    );
  });

  it('stays under 4 KiB with many long reasons, ending "and N more" for those left out', () => {
    const records = Array.from({ length: 300 }, (_, i) => failed(`conn_${String(i).padStart(3, '0')}`, `error ${i}: ${'x'.repeat(150)}`));
    const { message, problems } = summarizeRecords(records, 'fail');
    expect(problems).toHaveLength(300);
    expect(message.length).toBeLessThan(4096);
    const more = /; and (\d+) more\.$/.exec(message);
    expect(more).not.toBeNull();
    const listed = (message.match(/conn_\d{3} \(/g) ?? []).length;
    expect(listed).toBeGreaterThan(0);
    expect(listed + Number(more?.[1])).toBe(300);
    expect(message).toContain('conn_000 (schema_conn_000)');
  });

  it('adds no "more" when everything fits', () => {
    expect(summarizeRecords([failed('a'), failed('b')], 'fail').message).not.toMatch(/more/);
  });

  it('cuts a single reason longer than the limit short, keeping every connection named', () => {
    const { message } = summarizeRecords([failed('a', 'y'.repeat(10_000)), failed('b')], 'fail');
    expect(message.length).toBeLessThan(4096);
    expect(message).toContain('a (schema_a)');
    expect(message).toContain('y…; b (schema_b)');
  });
});

/**
 * The SummarizeSyncs Lambda: reads the run's records and decides on dbt under the failure policy,
 * answering `{runDbt, counts, message}` and a capped list of problems, and emits the run's sync
 * figures as one embedded-metric line.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { MemoryRunStore } from '../../../src/core/runs/memory-store.js';
import type { SyncOutcome } from '../../../src/core/runs/records.js';
import { MAX_PROBLEMS, MAX_REASON_LENGTH } from '../../../src/core/pipeline/summary.js';
import { createSummarizeSyncsHandler } from '../../../src/lambdas/summarize-syncs.js';
import { emfMetrics } from '../../support/emf.js';
import { captureLogLines, NOW, outcome, record, silentLogger } from './fixtures.js';

const RUN_ID = record('a').runId;

async function world(outcomes: Record<string, SyncOutcome | null>, logger: Logger = silentLogger()) {
  const store = new MemoryRunStore({ now: () => NOW });
  await store.createRecords(Object.keys(outcomes).map((id) => record(id)));
  for (const [id, o] of Object.entries(outcomes)) {
    await store.markTriggered(RUN_ID, id, '2026-05-22T00:01:00.000Z');
    if (o) await store.recordOutcome(RUN_ID, id, o);
  }
  return createSummarizeSyncsHandler({ store, metricNamespace: 'FivetranDbtOrchestrator/Test', now: () => NOW }, { logger });
}

describe('SummarizeSyncs Lambda', () => {
  it('runs dbt when every sync succeeded', async () => {
    const handler = await world({ a: outcome('SUCCESSFUL'), b: outcome('SUCCESSFUL'), c: outcome('SKIPPED', 'paused') });

    await expect(handler({ runId: RUN_ID, syncFailure: 'fail' })).resolves.toEqual({
      runDbt: true,
      counts: { total: 3, succeeded: 2, failed: 0, skipped: 1 },
      message: 'All 2 syncs succeeded (1 skipped).',
      problems: [],
      problemsOmitted: 0,
    });
  });

  it('stops before dbt under policy fail and names what failed; continues under policy continue', async () => {
    const outcomes = { a: outcome('SUCCESSFUL'), b: outcome('FAILURE_WITH_TASK', 'reconnect the warehouse'), c: null };

    const failed = await (await world(outcomes))({ runId: RUN_ID, syncFailure: 'fail' });
    expect(failed).toMatchObject({ runDbt: false, counts: { total: 3, succeeded: 1, failed: 2, skipped: 0 } });
    expect(failed.message).toMatch(/^2 of 3 syncs did not succeed; dbt was not run \(policy fail\)/);
    expect(failed.problems.map((p) => [p.connectionId, p.status])).toEqual([
      ['b', 'FAILURE_WITH_TASK'],
      ['c', 'NO_OUTCOME'],
    ]);

    const continued = await (await world(outcomes))({ runId: RUN_ID, syncFailure: 'continue' });
    expect(continued).toMatchObject({ runDbt: true, counts: { failed: 2 } });
  });

  it('caps the problems and their reasons so the payload stays small', async () => {
    const many = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`c${String(i).padStart(3, '0')}`, outcome('FAILURE', 'x'.repeat(5000))]));
    const handler = await world(many);

    const summary = await handler({ runId: RUN_ID, syncFailure: 'fail' });

    expect(summary.problems).toHaveLength(MAX_PROBLEMS);
    expect(summary.problemsOmitted).toBe(120 - MAX_PROBLEMS);
    expect(Math.max(...summary.problems.map((p) => p.reason.length))).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(Buffer.byteLength(JSON.stringify(summary))).toBeLessThan(64 * 1024);
  });

  it('emits the slowest sync and the stale connections as one embedded-metric line carrying the run id', async () => {
    const handler = await world(
      {
        quick: outcome('SUCCESSFUL', null, { finishedAt: '2026-05-22T00:11:00.000Z' }),
        slow: outcome('SUCCESSFUL', null, { finishedAt: '2026-05-22T00:41:30.000Z' }),
        broken: outcome('FAILURE_WITH_TASK', 'reconnect the warehouse'),
        paused: outcome('SKIPPED', 'paused'),
        lost: null,
      },
      new Logger({ serviceName: 'summarize-syncs' }),
    );

    const { lines } = await captureLogLines(() => handler({ runId: RUN_ID, syncFailure: 'continue' }));

    const metricLines = lines.filter((line) => '_aws' in line);
    expect(metricLines).toHaveLength(1);
    const line = metricLines[0]!;
    // Triggered at 00:01: the slow sync ended 40.5 minutes later. Stale: the failed one and the one without an outcome; the skip is not.
    expect(emfMetrics(line)).toEqual({
      namespace: 'FivetranDbtOrchestrator/Test',
      values: { StaleConnections: 2, SlowestSyncSeconds: 2430 },
      units: { StaleConnections: 'Count', SlowestSyncSeconds: 'Seconds' },
    });
    expect(line).toMatchObject({ runId: RUN_ID, _aws: { Timestamp: NOW, CloudWatchMetrics: [{ Dimensions: [[]] }] } });
  });

  it('reports no slowest sync when every connection was skipped', async () => {
    const handler = await world({ paused: outcome('SKIPPED', 'paused') }, new Logger({ serviceName: 'summarize-syncs' }));

    const { lines } = await captureLogLines(() => handler({ runId: RUN_ID, syncFailure: 'fail' }));

    expect(emfMetrics(lines.find((line) => '_aws' in line)!).values).toEqual({ StaleConnections: 0 });
  });

  it('writes the run id on every line of an invocation, and not on the next invocation\'s, which has its own', async () => {
    const logger = new Logger({ serviceName: 'summarize-syncs' });
    const handler = await world({ a: outcome('SUCCESSFUL') }, logger);

    const first = await captureLogLines(() => handler({ runId: RUN_ID, syncFailure: 'fail' }));
    const second = await captureLogLines(() => handler({ runId: 'run-20260523T000000-def456', syncFailure: 'fail' }));

    expect(first.lines.length).toBeGreaterThanOrEqual(2);
    for (const line of first.lines) expect(line.runId).toBe(RUN_ID);
    expect(second.lines.length).toBeGreaterThanOrEqual(2);
    for (const line of second.lines) expect(line.runId).toBe('run-20260523T000000-def456');
  });

  it('refuses a policy it does not know', async () => {
    const handler = await world({ a: outcome('SUCCESSFUL') });
    await expect(handler({ runId: RUN_ID, syncFailure: 'ignore' } as never)).rejects.toMatchObject({ name: 'InvalidLambdaEventError' });
  });
});

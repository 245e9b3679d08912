/**
 * The reconciler Lambda: on its schedule it reconciles open records older than the threshold (or
 * past their deadline) against Fivetran, completing, failing or heartbeating their waits through
 * Step Functions (stubbed on the wire), and leaves younger records to the webhook.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ScheduledEvent } from 'aws-lambda';
import { SfnTaskCompleter } from '../../../src/aws/sfn-task-completer.js';
import { MemoryRunStore } from '../../../src/core/runs/memory-store.js';
import { createReconcileHandler, reconcileDepsFromEnv } from '../../../src/lambdas/reconcile.js';
import { startAwsJsonStub, type AwsJsonStub } from '../../support/aws-json-stub.js';
import { connection, fakeFivetran, NOW, record, silentLogger } from './fixtures.js';

const EVENT: Partial<ScheduledEvent> = {
  version: '0',
  id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  time: '2026-05-22T01:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/FivetranDbt-ReconcileSchedule'],
  detail: {},
};
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

let stub: AwsJsonStub;
beforeAll(async () => {
  stub = await startAwsJsonStub();
});
afterAll(async () => {
  await stub.close();
});

describe('Reconcile Lambda', () => {
  it('heartbeats every waiter first, then reconciles only old or overdue records: completes and times out their waits', async () => {
    stub.calls.length = 0;
    const store = new MemoryRunStore({ now: () => NOW });
    await store.createRecords([
      // Old, and Fivetran shows a sync that finished after the baseline: the webhook was lost.
      record('finished', { createdAt: minutesAgo(30) }),
      // Old, still syncing: heartbeat.
      record('syncing', { createdAt: minutesAgo(30) }),
      // Young, but past its deadline: fail the wait.
      record('overdue', { createdAt: minutesAgo(2), deadline: minutesAgo(1) }),
      // Young: the webhook's business.
      record('young', { createdAt: minutesAgo(2) }),
    ]);
    for (const id of ['finished', 'syncing', 'overdue', 'young']) {
      await store.markTriggered(record(id).runId, id, minutesAgo(2));
      await store.attachTaskToken(record(id).runId, id, `token-${id}`);
    }
    const fivetran = fakeFivetran([
      connection('finished', { succeeded_at: minutesAgo(5) }),
      connection('syncing', { status: { setup_state: 'connected', sync_state: 'syncing' } }),
      connection('overdue'),
      connection('young', { succeeded_at: minutesAgo(1) }),
    ]);
    const handler = createReconcileHandler(
      { store, completer: new SfnTaskCompleter({ client: stub.sfnClient() }), fivetran: async () => fivetran, reconcileAfterSeconds: 600, now: () => NOW },
      { logger: silentLogger() },
    );

    const summary = await handler(EVENT);

    expect(summary).toEqual({ open: 4, checked: 3, actions: { heartbeat: 4, completed: 2, pending: 1 }, errors: [] });
    expect(stub.sfnCalls().map((c) => [c.action, c.input.taskToken, c.input.error])).toEqual(
      expect.arrayContaining([
        ['SendTaskSuccess', 'token-finished', undefined],
        ['SendTaskHeartbeat', 'token-syncing', undefined],
        ['SendTaskFailure', 'token-overdue', 'DEADLINE_EXCEEDED'],
      ]),
    );
    expect(stub.sfnCalls().filter((c) => c.action === 'SendTaskHeartbeat').map((c) => c.input.taskToken).sort()).toEqual(
      ['token-finished', 'token-overdue', 'token-syncing', 'token-young'],
    );
    expect(stub.sfnCalls()).toHaveLength(6);
    expect((await store.getRecord(record('young').runId, 'young'))?.completedAt).toBeNull();
  });

  it('does not read the Fivetran secret when nothing is due', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    await store.createRecords([record('young', { createdAt: minutesAgo(1) })]);
    let secretReads = 0;
    const handler = createReconcileHandler(
      {
        store,
        completer: new SfnTaskCompleter({ client: stub.sfnClient() }),
        fivetran: async () => {
          secretReads += 1;
          return fakeFivetran([]);
        },
        reconcileAfterSeconds: 600,
        now: () => NOW,
      },
      { logger: silentLogger() },
    );

    await expect(handler(EVENT)).resolves.toEqual({ open: 1, checked: 0, actions: {}, errors: [] });
    expect(secretReads).toBe(0);
  });

  it('emits CompletedByReconciler as an embedded metric every pass: the sync ends it found by reading the connections', async () => {
    const lines: Record<string, unknown>[] = [];
    const passes: Record<string, unknown>[] = [];
    const logger = silentLogger();
    logger.info = ((message: string, extra?: Record<string, unknown>) => {
      if (message === 'Metrics') lines.push(extra ?? {});
      else passes.push({ message, runIds: extra?.runIds });
    }) as Logger['info'];
    const store = new MemoryRunStore({ now: () => NOW });
    await store.createRecords([record('lost', { createdAt: minutesAgo(30) }), record('syncing', { createdAt: minutesAgo(30) })]);
    for (const id of ['lost', 'syncing']) {
      await store.markTriggered(record(id).runId, id, minutesAgo(20));
      await store.attachTaskToken(record(id).runId, id, `token-${id}`);
    }
    const fivetran = fakeFivetran([
      connection('lost', { succeeded_at: minutesAgo(5) }),
      connection('syncing', { status: { setup_state: 'connected', sync_state: 'syncing' } }),
    ]);
    const handler = createReconcileHandler(
      {
        store,
        completer: new SfnTaskCompleter({ client: stub.sfnClient() }),
        fivetran: async () => fivetran,
        reconcileAfterSeconds: 600,
        metricNamespace: 'FivetranDbtOrchestrator/Test',
        now: () => NOW,
      },
      { logger },
    );
    const metric = (count: number) => ({
      _aws: {
        Timestamp: NOW,
        CloudWatchMetrics: [{ Namespace: 'FivetranDbtOrchestrator/Test', Dimensions: [[]], Metrics: [{ Name: 'CompletedByReconciler', Unit: 'Count' }] }],
      },
      CompletedByReconciler: count,
    });

    await handler(EVENT);
    // The next pass finds the outcome already stored: nothing new is counted.
    await handler(EVENT);

    expect(lines).toEqual([metric(1), metric(0)]);
    // Each pass's line names the runs whose waits it completed.
    expect(passes).toEqual([
      { message: 'Reconciled', runIds: [record('lost').runId] },
      { message: 'Reconciled', runIds: [] },
    ]);
  });

  it('reads its threshold from RECONCILE_AFTER_SECONDS and refuses a bad one', () => {
    const env = { RUNS_TABLE_NAME: 'runs', FIVETRAN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:fivetran-AbCdEf', AWS_REGION: 'eu-west-1' };
    expect(reconcileDepsFromEnv(env).reconcileAfterSeconds).toBe(600);
    expect(reconcileDepsFromEnv(env).metricNamespace).toBe('FivetranDbtOrchestrator');
    expect(reconcileDepsFromEnv({ ...env, METRIC_NAMESPACE: 'FivetranDbtOrchestrator/Prod' }).metricNamespace).toBe('FivetranDbtOrchestrator/Prod');
    expect(reconcileDepsFromEnv({ ...env, RECONCILE_AFTER_SECONDS: '900' }).reconcileAfterSeconds).toBe(900);
    expect(() => reconcileDepsFromEnv({ ...env, RECONCILE_AFTER_SECONDS: 'ten minutes' })).toThrow(/RECONCILE_AFTER_SECONDS must be a whole number/);
  });
});

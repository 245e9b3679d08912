/**
 * The StartSyncs Lambda: with the PreparedRun as its event it writes every run record, triggers
 * every sync and answers `{connectionIds, skipped, triggerFailed}` for the AwaitSyncs Map.
 */
import { ConfigError } from '../../../src/core/errors.js';
import { prepareRun } from '../../../src/core/pipeline/run-request.js';
import { MemoryRunStore } from '../../../src/core/runs/memory-store.js';
import type { Context } from 'aws-lambda';
import { createStartSyncsHandler, START_SYNCS_RESERVE_MS, startSyncsDepsFromEnv } from '../../../src/lambdas/start-syncs.js';
import { connection, fakeFivetran, GROUP, NOW, silentLogger } from './fixtures.js';

const RUN_ID = 'run-20260522T010000-def456';
const context = { functionName: 'start-syncs', awsRequestId: 'request-1', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:start-syncs' } as Context;

function world(failTrigger: string[] = []) {
  const fivetran = fakeFivetran(
    [connection('alpha'), connection('beta', { paused: true }), connection('gamma'), connection('delta')],
    { failTrigger },
  );
  const store = new MemoryRunStore({ now: () => NOW });
  const handler = createStartSyncsHandler({ store, fivetran: async () => fivetran, now: () => NOW }, { logger: silentLogger() });
  return { fivetran, store, handler };
}

describe('StartSyncs Lambda', () => {
  it('writes a record per connection, triggers the syncs and returns what the Map iterates', async () => {
    const { fivetran, store, handler } = world();

    const started = await handler(prepareRun({ groupId: GROUP, force: true }, RUN_ID));

    expect(started).toEqual({ done: true, connectionIds: ['alpha', 'gamma', 'delta'], skipped: 1, triggerFailed: 0 });
    expect(fivetran.triggered).toEqual(
      expect.arrayContaining([
        { connectionId: 'alpha', force: true },
        { connectionId: 'gamma', force: true },
        { connectionId: 'delta', force: true },
      ]),
    );
    const records = await store.listRunRecords(RUN_ID);
    expect(records.map((r) => [r.connectionId, r.outcome?.status ?? null, r.triggeredAt !== null])).toEqual([
      ['alpha', null, true],
      ['beta', 'SKIPPED', false],
      ['delta', null, true],
      ['gamma', null, true],
    ]);
  });

  it('counts a refused trigger and leaves it out of the Map', async () => {
    const { handler, store } = world(['gamma']);

    const started = await handler(prepareRun({ groupId: GROUP }, RUN_ID));

    expect(started).toEqual({ done: true, connectionIds: ['alpha', 'delta'], skipped: 1, triggerFailed: 1 });
    expect((await store.getRecord(RUN_ID, 'gamma'))?.outcome).toMatchObject({ status: 'TRIGGER_FAILED', reason: expect.stringContaining('404') });
  });

  it('fails the task, before any trigger, when a chosen connection is not in the group', async () => {
    const { handler, fivetran } = world();

    await expect(handler(prepareRun({ groupId: GROUP, connectionIds: ['alpha', 'nope'] }, RUN_ID))).rejects.toMatchObject({
      name: 'ConnectionsNotReadyError',
      message: expect.stringContaining('nope'),
    });
    expect(fivetran.triggered).toEqual([]);
  });

  it(`stops triggering ${START_SYNCS_RESERVE_MS / 1000} s before its own timeout and answers done=false; the repeated call finishes`, async () => {
    const { fivetran, handler } = world();
    const lambdaContext = (remainingMs: number) => ({ ...context, getRemainingTimeInMillis: () => remainingMs });

    const first = await handler(prepareRun({ groupId: GROUP }, RUN_ID), lambdaContext(START_SYNCS_RESERVE_MS));
    expect(first).toEqual({ done: false, connectionIds: [], skipped: 1, triggerFailed: 0 });
    expect(fivetran.triggered).toEqual([]);

    const second = await handler({ ...prepareRun({ groupId: GROUP }, RUN_ID), started: first }, lambdaContext(840_000));
    expect(second).toEqual({ done: true, connectionIds: ['alpha', 'delta', 'gamma'], skipped: 1, triggerFailed: 0 });
    expect(fivetran.triggered.map((t) => t.connectionId).sort()).toEqual(['alpha', 'delta', 'gamma']);
  });

  it('names every missing environment variable at once', () => {
    expect(() => startSyncsDepsFromEnv({})).toThrow(ConfigError);
    expect(() => startSyncsDepsFromEnv({})).toThrow(/RUNS_TABLE_NAME.*FIVETRAN_SECRET_ARN/);
  });
});

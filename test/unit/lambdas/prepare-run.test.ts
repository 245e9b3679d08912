/**
 * The PrepareRun Lambda: the execution input becomes the normalised run every later state reads,
 * and an invalid request fails the task with `InvalidRunRequestError`.
 */
import { createPrepareRunHandler } from '../../../src/lambdas/prepare-run.js';
import { silentLogger } from './fixtures.js';

const handler = createPrepareRunHandler({ logger: silentLogger() });
const RUN_ID = 'run-20260522T000000-abc123';

describe('PrepareRun Lambda', () => {
  it('returns the prepared run for the execution input, defaults applied', async () => {
    const run = await handler({
      runId: RUN_ID,
      request: {
        groupId: 'inappropriate_implode',
        connectionIds: ['assimilate_seem', 'assimilate_seem'],
        dbt: { args: ['build', '--target', 'prod'], env: { DBT_SCHEMA: 'analytics' } },
        trigger: { source: 'schedule', sha: 'abc123' },
      },
    });

    expect(run).toEqual({
      runId: RUN_ID,
      groupId: 'inappropriate_implode',
      connectionIds: ['assimilate_seem'],
      skipSync: false,
      skipDbt: false,
      force: false,
      policies: { paused: 'skip', notConnected: 'fail', syncFailure: 'fail' },
      syncTimeoutSeconds: 6 * 3600,
      dbt: {
        args: ['build', '--target', 'prod'],
        environment: [
          { Name: 'DBT_SCHEMA', Value: 'analytics' },
          { Name: 'ORCHESTRATOR_RUN_ID', Value: RUN_ID },
        ],
      },
      trigger: { source: 'schedule', sha: 'abc123' },
    });
  });

  it('fails the task with InvalidRunRequestError naming every problem', async () => {
    const failure = handler({ runId: RUN_ID, request: { syncTimeoutSeconds: 0, dbt: { env: { 'not-a-name': 'x' } } } });

    await expect(failure).rejects.toMatchObject({ name: 'InvalidRunRequestError' });
    await expect(failure).rejects.toThrow(/groupId is required unless skipSync is true/);
    await expect(failure).rejects.toThrow(/syncTimeoutSeconds/);
    await expect(failure).rejects.toThrow(/dbt\.env/);
  });

  it('keeps CI and production run ids apart: a CI run id starts with ci-, a production one never does', async () => {
    const request = { skipSync: true };
    await expect(handler({ runId: 'ci-run-1', runKind: 'ci', request })).resolves.toMatchObject({ runId: 'ci-run-1' });
    await expect(handler({ runId: RUN_ID, runKind: 'ci', request })).rejects.toMatchObject({
      name: 'InvalidRunRequestError',
      message: expect.stringContaining(`name the execution ci-${RUN_ID}`),
    });
    await expect(handler({ runId: 'ci-run-1', runKind: 'production', request })).rejects.toMatchObject({
      name: 'InvalidRunRequestError',
      message: expect.stringContaining('belong to the CI state machine'),
    });
    await expect(handler({ runId: 'ci-run-1', request })).rejects.toMatchObject({ name: 'InvalidRunRequestError' });
    await expect(handler({ runId: RUN_ID, runKind: 'staging', request })).rejects.toThrow(/runKind must be one of production, ci/);
  });

  it('refuses an event without the execution name as runId', async () => {
    await expect(handler({ request: { skipSync: true } } as never)).rejects.toMatchObject({
      name: 'InvalidLambdaEventError',
      message: expect.stringContaining('"runId"'),
    });
  });
});

/**
 * The WaitForSync Lambda: it stores the task token on the run record and, when the sync's outcome
 * arrived first, completes the task at once through Step Functions (stubbed on the wire).
 */
import { SfnTaskCompleter } from '../../../src/aws/sfn-task-completer.js';
import { MemoryRunStore } from '../../../src/core/runs/memory-store.js';
import { createRegisterWaiterHandler, registerWaiterDepsFromEnv } from '../../../src/lambdas/register-waiter.js';
import { startAwsJsonStub, type AwsJsonStub } from '../../support/aws-json-stub.js';
import { NOW, outcome, record, silentLogger } from './fixtures.js';

const RUN_ID = record('alpha').runId;
const TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAd6j...task-token';

let stub: AwsJsonStub;
beforeAll(async () => {
  stub = await startAwsJsonStub();
});
afterAll(async () => {
  await stub.close();
});

async function world() {
  stub.calls.length = 0;
  const store = new MemoryRunStore({ now: () => NOW });
  await store.createRecords([record('alpha')]);
  const handler = createRegisterWaiterHandler(
    { store, completer: new SfnTaskCompleter({ client: stub.sfnClient() }), now: () => NOW },
    { logger: silentLogger() },
  );
  return { store, handler };
}

describe('RegisterWaiter Lambda', () => {
  it('stores the token and waits when no outcome is in yet', async () => {
    const { store, handler } = await world();

    await expect(handler({ runId: RUN_ID, connectionId: 'alpha', taskToken: TOKEN })).resolves.toEqual({
      runId: RUN_ID,
      connectionId: 'alpha',
      status: 'waiting',
    });
    expect((await store.getRecord(RUN_ID, 'alpha'))?.taskToken).toBe(TOKEN);
    expect(stub.sfnCalls()).toEqual([]);
  });

  it('completes the task at once with SendTaskSuccess when the sync already succeeded', async () => {
    const { store, handler } = await world();
    await store.recordOutcome(RUN_ID, 'alpha', outcome('SUCCESSFUL', null, { syncId: 'b4703f73-sync' }));

    await expect(handler({ runId: RUN_ID, connectionId: 'alpha', taskToken: TOKEN })).resolves.toMatchObject({ status: 'completed' });
    expect(stub.sfnCalls()).toEqual([
      { action: 'SendTaskSuccess', input: { taskToken: TOKEN, output: JSON.stringify({ connectionId: 'alpha', status: 'SUCCESSFUL', syncId: 'b4703f73-sync' }) } },
    ]);
    expect((await store.getRecord(RUN_ID, 'alpha'))?.completedAt).not.toBeNull();
  });

  it("fails the task with Fivetran's status when the sync already failed", async () => {
    const { store, handler } = await world();
    await store.recordOutcome(RUN_ID, 'alpha', outcome('FAILURE_WITH_TASK', 'java.lang.RuntimeException: reconnect', { syncId: 'b4703f73-sync' }));

    await handler({ runId: RUN_ID, connectionId: 'alpha', taskToken: TOKEN });

    expect(stub.sfnCalls()).toEqual([
      {
        action: 'SendTaskFailure',
        input: { taskToken: TOKEN, error: 'FAILURE_WITH_TASK', cause: 'Connection alpha: FAILURE_WITH_TASK: java.lang.RuntimeException: reconnect' },
      },
    ]);
  });

  it('refuses an event without a task token', async () => {
    const { handler } = await world();
    await expect(handler({ runId: RUN_ID, connectionId: 'alpha' } as never)).rejects.toMatchObject({
      name: 'InvalidLambdaEventError',
      message: expect.stringContaining('"taskToken"'),
    });
  });

  it('needs RUNS_TABLE_NAME', () => {
    expect(() => registerWaiterDepsFromEnv({})).toThrow(/RUNS_TABLE_NAME is required/);
  });
});

/**
 * SfnTaskCompleter against a loopback Step Functions JSON stub: the exact wire calls, the limits
 * Step Functions puts on error and cause, and which errors mean "already resolved".
 */
import { SfnTaskCompleter } from '../../../src/aws/sfn-task-completer.js';
import { tokenDigest } from '../../../src/core/completion/completer.js';
import { startAwsJsonStub, type AwsJsonStub } from '../../support/aws-json-stub.js';

let stub: AwsJsonStub;
let completer: SfnTaskCompleter;

beforeAll(async () => {
  stub = await startAwsJsonStub();
  completer = new SfnTaskCompleter({ client: stub.sfnClient() });
});

afterAll(async () => {
  await stub.close();
});

beforeEach(() => {
  stub.calls.length = 0;
  stub.setHandler(() => undefined);
});

describe('SfnTaskCompleter', () => {
  it('sends SendTaskSuccess with the wait output as JSON', async () => {
    await expect(completer.succeed('tok', { connectionId: 'c1', status: 'SUCCESSFUL', syncId: 's1' })).resolves.toBe('delivered');
    expect(stub.sfnCalls()).toEqual([
      { action: 'SendTaskSuccess', input: { taskToken: 'tok', output: '{"connectionId":"c1","status":"SUCCESSFUL","syncId":"s1"}' } },
    ]);
  });

  it('sends SendTaskFailure with error and cause cut to 256 and 32,768 characters', async () => {
    await expect(completer.fail('tok', 'E'.repeat(300), 'c'.repeat(40_000))).resolves.toBe('delivered');
    const input = stub.sfnCalls()[0]?.input as { error: string; cause: string };
    expect(input.error).toHaveLength(256);
    expect(input.cause).toHaveLength(32_768);
    expect(input.cause.endsWith('\u2026')).toBe(true);
  });

  it('sends SendTaskHeartbeat', async () => {
    await expect(completer.heartbeat('tok')).resolves.toBe('delivered');
    expect(stub.sfnCalls()).toEqual([{ action: 'SendTaskHeartbeat', input: { taskToken: 'tok' } }]);
  });

  it.each(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'])('treats %s as already resolved', async (error) => {
    stub.setHandler(() => ({ error }));
    await expect(completer.succeed('tok', { connectionId: 'c', status: 'SUCCESSFUL', syncId: null })).resolves.toBe('already-resolved');
    await expect(completer.fail('tok', 'FAILURE', 'why')).resolves.toBe('already-resolved');
    await expect(completer.heartbeat('tok')).resolves.toBe('already-resolved');
  });

  it('lets every other error through unchanged, for the caller to answer 5xx', async () => {
    stub.setHandler(() => ({ error: 'ThrottlingException', message: 'Rate exceeded' }));
    await expect(completer.heartbeat('tok')).rejects.toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
  });

  it('never lets the task token out in an error message: its digest stands in', async () => {
    const token = 'AQCEAAAAKgAAAAMAAAAAAAAAAd1secret-token';
    stub.setHandler(() => ({ error: 'ServiceUnavailable', message: `Could not process token ${token}` }));
    const error = (await completer.succeed(token, { connectionId: 'c', status: 'SUCCESSFUL', syncId: null }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`Could not process token ${tokenDigest(token)}`);
    expect(tokenDigest(token)).toMatch(/^token#[0-9a-f]{12}$/);
  });
});


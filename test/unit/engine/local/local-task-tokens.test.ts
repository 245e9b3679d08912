/** Local task tokens: a token names a pending promise; completing it once settles the promise, like SendTaskSuccess/Failure. */
import { describe, expect, it } from '@jest/globals';
import { LocalTaskTokens, taskError } from '../../../../src/engine/local/local-task-tokens.js';

const OUTPUT = { connectionId: 'c1', status: 'SUCCESSFUL', syncId: 'sync-1' };

describe('LocalTaskTokens', () => {
  it('creates distinct, pending tokens', () => {
    const tokens = new LocalTaskTokens();
    const a = tokens.create();
    const b = tokens.create();
    expect(a.token).toMatch(/^local-[0-9a-f-]{36}$/);
    expect(a.token).not.toBe(b.token);
    expect(tokens.size).toBe(2);
    a.promise.catch(() => {});
    b.promise.catch(() => {});
  });

  it('resolves the promise with the output on succeed, once: "delivered" then "already-resolved"', async () => {
    const tokens = new LocalTaskTokens();
    const { token, promise } = tokens.create();
    expect(await tokens.succeed(token, OUTPUT)).toBe('delivered');
    await expect(promise).resolves.toEqual(OUTPUT);
    expect(await tokens.succeed(token, { ...OUTPUT, status: 'OTHER' })).toBe('already-resolved');
    expect(await tokens.fail(token, 'FAILURE', 'late')).toBe('already-resolved');
    expect(tokens.size).toBe(0);
  });

  it('rejects the promise on fail with an Error named after the status (what a Catch matches) and the cause as message', async () => {
    const tokens = new LocalTaskTokens();
    const { token, promise } = tokens.create();
    expect(await tokens.fail(token, 'FAILURE_WITH_TASK', 'Connection c1: FAILURE_WITH_TASK (reconnect_warehouse): boom')).toBe('delivered');
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'FAILURE_WITH_TASK', message: 'Connection c1: FAILURE_WITH_TASK (reconnect_warehouse): boom' });
    expect(await tokens.fail(token, 'FAILURE', 'again')).toBe('already-resolved');
    expect(await tokens.succeed(token, OUTPUT)).toBe('already-resolved');
  });

  it('answers "already-resolved" for a token it never issued', async () => {
    const tokens = new LocalTaskTokens();
    expect(await tokens.succeed('local-unknown', OUTPUT)).toBe('already-resolved');
    expect(await tokens.fail('local-unknown', 'FAILURE', 'x')).toBe('already-resolved');
    expect(await tokens.heartbeat('local-unknown')).toBe('already-resolved');
  });

  it('accepts heartbeats while the token is pending, without settling it', async () => {
    const tokens = new LocalTaskTokens();
    const { token, promise } = tokens.create();
    expect(await tokens.heartbeat(token)).toBe('delivered');
    expect(await tokens.heartbeat(token)).toBe('delivered');
    expect(tokens.size).toBe(1);
    await tokens.succeed(token, OUTPUT);
    await promise;
    expect(await tokens.heartbeat(token)).toBe('already-resolved');
  });

  it('rejects an abandoned wait with the given error, after which completions are already-resolved', async () => {
    const tokens = new LocalTaskTokens();
    const { token, promise } = tokens.create();
    const reason = taskError('States.Timeout', 'the run was cancelled');
    tokens.abandon(token, reason);
    await expect(promise).rejects.toBe(reason);
    expect(tokens.size).toBe(0);
    expect(await tokens.succeed(token, OUTPUT)).toBe('already-resolved');
    expect(() => tokens.abandon(token, new Error('again'))).not.toThrow();
  });

  it('settles each token independently', async () => {
    const tokens = new LocalTaskTokens();
    const a = tokens.create();
    const b = tokens.create();
    await tokens.succeed(b.token, OUTPUT);
    await expect(b.promise).resolves.toEqual(OUTPUT);
    expect(tokens.size).toBe(1);
    expect(await tokens.heartbeat(a.token)).toBe('delivered');
    await tokens.fail(a.token, 'TIMED_OUT', 'deadline');
    await expect(a.promise).rejects.toMatchObject({ name: 'TIMED_OUT' });
  });
});

describe('taskError', () => {
  it('is an Error whose name is the Step Functions error and whose message is the cause', () => {
    const error = taskError('SyncsFailed', 'two syncs did not succeed');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SyncsFailed');
    expect(error.message).toBe('two syncs did not succeed');
  });
});

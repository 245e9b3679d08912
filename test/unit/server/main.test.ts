/**
 * `startServer`: wiring from a config, and graceful shutdown with time injected (readiness 503
 * during the delay, in-flight deliveries finish, nothing new is accepted, a deadline cuts the rest).
 */
import type { Server } from 'node:http';
import { pino } from 'pino';
import type { CompletionResult, TaskCompleter } from '../../../src/core/completion/completer.js';
import { MemoryRunStore } from '../../../src/core/runs/memory-store.js';
import { loadServerConfig } from '../../../src/server/config.js';
import { startServer, type ServerHandle } from '../../../src/server/main.js';
import { holdCalls, startAwsJsonStub, type AwsJsonStub } from '../../support/aws-json-stub.js';
import { NOW, Payloads, SECRET, TOKEN, postDelivery, signed, waitingRecord } from '../../support/webhook-cases.js';

let stub: AwsJsonStub;
const handles: ServerHandle[] = [];

beforeAll(async () => {
  stub = await startAwsJsonStub();
});

afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  await stub.close();
});

beforeEach(() => {
  stub.calls.length = 0;
  stub.setHandler(() => undefined);
});

/** A controllable `sleep`: `started` settles when the server begins to wait, `wake()` ends the wait. */
function manualSleep() {
  let wake!: () => void;
  let markStarted!: (ms: number) => void;
  const started = new Promise<number>((resolve) => (markStarted = resolve));
  const woken = new Promise<void>((resolve) => (wake = resolve));
  return {
    started,
    wake,
    sleep: (ms: number) => {
      markStarted(ms);
      return woken;
    },
  };
}

async function start(env: Record<string, string>, sleep?: (ms: number) => Promise<void>, completer?: TaskCompleter) {
  const store = new MemoryRunStore({ now: () => NOW });
  const record = waitingRecord();
  await store.createRecords([record]);
  await store.attachTaskToken(record.runId, record.connectionId, TOKEN);
  const config = loadServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FIVETRAN_WEBHOOK_SECRET: SECRET,
    RUNS_TABLE_NAME: 'unused-memory-store',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    SFN_ENDPOINT: stub.endpoint,
    ...env,
  });
  const handle = await startServer(config, { store, logger: pino({ level: 'silent' }), ...(sleep ? { sleep } : {}), ...(completer ? { completer } : {}) });
  handles.push(handle);
  return { handle, store };
}

/** Resolves when `server.close()` is called (it stops listening at once; its callback waits for open connections). */
function closeCalled(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const close = server.close.bind(server);
    server.close = (callback) => {
      const result = close(callback);
      resolve();
      return result;
    };
  });
}

describe('startServer', () => {
  it('serves signed deliveries with Step Functions from the config (here a stub) and the store given', async () => {
    const { handle, store } = await start({});
    const response = await postDelivery(handle.url, signed(Payloads.success));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'completed' });
    expect(stub.sfnCalls().map((c) => c.action)).toEqual(['SendTaskSuccess']);
    expect((await store.getRecord('run-1', 'assimilate_seem'))?.completedAt).not.toBeNull();
    expect((await fetch(`${handle.url}/readyz`)).status).toBe(200);
    await handle.close();
  });

  it('rejects when the port is taken', async () => {
    const { handle } = await start({});
    await expect(start({ PORT: String(handle.port) })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await handle.close();
  });

  it('on close: readiness 503 during the delay, then no new connections, while the delivery in flight completes', async () => {
    const hold = holdCalls();
    stub.setHandler(hold.handler);
    const clock = manualSleep();
    const { handle } = await start({ SHUTDOWN_DELAY_MS: '5000' }, clock.sleep);

    const inFlight = postDelivery(handle.url, signed(Payloads.success));
    await hold.reached;
    const stopped = closeCalled(handle.server);
    const closing = handle.close();
    expect(handle.close()).toBe(closing);
    expect(await clock.started).toBe(5000);

    const ready = await fetch(`${handle.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ok: false, message: 'shutting down' });
    expect((await fetch(`${handle.url}/livez`)).status).toBe(200);

    clock.wake();
    await stopped;
    expect(handle.server.listening).toBe(false);
    await expect(fetch(`${handle.url}/livez`)).rejects.toThrow();

    hold.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'completed' });
    await closing;
  });

  it('cuts connections still open at the shutdown deadline', async () => {
    // An in-process completer that never answers until released (no SDK retries left running).
    let release!: () => void;
    const released = new Promise<CompletionResult>((resolve) => (release = () => resolve('delivered')));
    let reach!: () => void;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const stuck: TaskCompleter = {
      succeed: () => (reach(), released),
      fail: () => released,
      heartbeat: () => released,
    };
    const { handle } = await start({ SHUTDOWN_TIMEOUT_MS: '0' }, undefined, stuck);
    const inFlight = postDelivery(handle.url, signed(Payloads.success));
    await reached;
    await handle.close();
    await expect(inFlight).rejects.toThrow();
    release();
  });
});

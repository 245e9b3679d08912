/**
 * The receiver core, without any transport: what it answers, what it calls, what it logs and
 * counts, and that no request without a valid signature reaches the store.
 */
import fc from 'fast-check';
import type { CompletionResult, SyncWaitOutput, TaskCompleter } from '../../../../src/core/completion/completer.js';
import { StoreError } from '../../../../src/core/errors.js';
import { MemoryRunStore } from '../../../../src/core/runs/memory-store.js';
import type { RunStore } from '../../../../src/core/runs/records.js';
import {
  createWebhookReceiver,
  getHeader,
  parseWebhookSecrets,
  type DeliveryObservation,
  type ReceiverLogger,
  type WebhookReceiverOptions,
} from '../../../../src/core/webhook/receiver.js';
import { sign } from '../../../../src/core/webhook/signature.js';
import { CONNECTION, NOW, Payloads, PREVIOUS_SECRET, SECRET, signed, unsigned, waitingRecord } from '../../../support/webhook-cases.js';

type Call = { method: 'succeed' | 'fail' | 'heartbeat'; token: string; args: unknown[] };

/** A completer that records its calls and answers as told. */
class RecordingCompleter implements TaskCompleter {
  readonly calls: Call[] = [];
  answer: CompletionResult | Error = 'delivered';
  private reply(call: Call): Promise<CompletionResult> {
    this.calls.push(call);
    return this.answer instanceof Error ? Promise.reject(this.answer) : Promise.resolve(this.answer);
  }
  succeed(token: string, output: SyncWaitOutput) {
    return this.reply({ method: 'succeed', token, args: [output] });
  }
  fail(token: string, error: string, cause: string) {
    return this.reply({ method: 'fail', token, args: [error, cause] });
  }
  heartbeat(token: string) {
    return this.reply({ method: 'heartbeat', token, args: [] });
  }
}

type Logged = { level: string; message: string; fields?: Record<string, unknown> };

function recordingLogger(): ReceiverLogger & { entries: Logged[] } {
  const entries: Logged[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void entries.push({ level, message, fields });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

async function setup(options: Partial<WebhookReceiverOptions> = {}, tokens: (string | null)[] = ['token-1']) {
  const store = new MemoryRunStore({ now: () => NOW });
  const completer = new RecordingCompleter();
  const logger = recordingLogger();
  const observations: DeliveryObservation[] = [];
  for (const [i, token] of tokens.entries()) {
    const record = waitingRecord({ runId: `run-${i + 1}`, createdAt: `2026-05-22T00:0${i + 1}:00.000Z` });
    await store.createRecords([record]);
    if (token) await store.attachTaskToken(record.runId, record.connectionId, token);
  }
  let clockTick = 0;
  const receiver = createWebhookReceiver({
    secrets: [SECRET, PREVIOUS_SECRET],
    store,
    completer,
    logger,
    metrics: { observeDelivery: (o) => void observations.push(o) },
    now: () => NOW,
    clock: () => (clockTick += 2),
    ...options,
  });
  const deliver = (delivery: { headers: Record<string, string>; body: Buffer }) => receiver.handle({ headers: delivery.headers, rawBody: delivery.body });
  return { store, completer, logger, observations, receiver, deliver };
}

describe('createWebhookReceiver', () => {
  it('completes the waiter of a signed sync_end and answers 200 with the outcome summary', async () => {
    const { deliver, completer, store } = await setup();
    const response = await deliver(signed(Payloads.success));
    expect(response).toEqual({
      status: 200,
      body: {
        ok: true,
        outcome: 'completed',
        event: 'sync_end',
        connectionId: CONNECTION,
        results: ['completed'],
        message: 'sync_end (SUCCESSFUL) for connection assimilate_seem: completed.',
      },
    });
    expect(completer.calls).toEqual([
      { method: 'succeed', token: 'token-1', args: [{ connectionId: CONNECTION, status: 'SUCCESSFUL', syncId: 'b4703f73-2d1c-4f0e-9a52-7c1e8f0d3b21' }] },
    ]);
    expect((await store.getRecord('run-1', CONNECTION))?.completedAt).toBe(new Date(NOW).toISOString());
  });

  it('settles every open run of the connection and counts the results in its message', async () => {
    const { deliver, completer } = await setup({}, ['token-1', 'token-2', null]);
    const response = await deliver(signed(Payloads.failure));
    expect(response.body).toMatchObject({ outcome: 'completed', results: ['completed', 'completed', 'recorded'] });
    expect(response.body.message).toBe('sync_end (FAILURE_WITH_TASK) for connection assimilate_seem: completed x2, recorded.');
    expect(completer.calls.map((c) => [c.method, c.token, c.args[0]])).toEqual([
      ['fail', 'token-1', 'FAILURE_WITH_TASK'],
      ['fail', 'token-2', 'FAILURE_WITH_TASK'],
    ]);
  });

  it('takes the body as a string, a Buffer or a Uint8Array', async () => {
    const { receiver } = await setup({}, []);
    const delivery = signed(Payloads.test);
    for (const rawBody of [delivery.body.toString('utf8'), delivery.body, new Uint8Array(delivery.body)]) {
      expect((await receiver.handle({ headers: delivery.headers, rawBody })).status).toBe(200);
    }
  });

  it('reads the first value of a repeated signature header', async () => {
    const { receiver } = await setup({}, []);
    const delivery = signed(Payloads.test);
    const signature = delivery.headers['X-Fivetran-Signature-256'] as string;
    const response = await receiver.handle({ headers: { 'x-fivetran-signature-256': [signature, 'junk'] }, rawBody: delivery.body });
    expect(response.status).toBe(200);
  });

  it('answers 401 before it parses anything: an unsigned non-JSON body is unauthorized, not invalid', async () => {
    const { deliver, store } = await setup();
    const before = await store.listRunRecords('run-1');
    expect((await deliver(unsigned(Payloads.notJson))).status).toBe(401);
    expect(await store.listRunRecords('run-1')).toEqual(before);
  });

  it('loads secrets through a function on every delivery (the caller caches), current and previous', async () => {
    let loads = 0;
    const { deliver } = await setup({
      secrets: async () => {
        loads += 1;
        return ['rotated-secret', SECRET];
      },
    });
    expect((await deliver(signed(Payloads.test, { secret: 'rotated-secret' }))).status).toBe(200);
    expect((await deliver(signed(Payloads.test))).status).toBe(200);
    expect((await deliver(signed(Payloads.test, { secret: PREVIOUS_SECRET }))).status).toBe(401);
    expect(loads).toBe(3);
  });

  it('answers 503 when the secret cannot be loaded, and 500 when none is configured', async () => {
    const failing = await setup({ secrets: () => Promise.reject(new Error('AccessDenied')) });
    const response = await failing.deliver(signed(Payloads.success));
    expect(response).toMatchObject({ status: 503, body: { ok: false, outcome: 'error' } });
    expect(failing.completer.calls).toEqual([]);

    const empty = await setup({ secrets: [''] });
    expect((await empty.deliver(signed(Payloads.success))).status).toBe(500);
  });

  it('answers 503 for a StoreError and 500 for any other error while applying, naming the connection', async () => {
    const storeDown = await setup();
    const failingStore = storeDown.store as RunStore;
    failingStore.findOpenRecords = () => Promise.reject(new StoreError('DynamoDB Query failed: timeout'));
    const down = await storeDown.deliver(signed(Payloads.success));
    expect(down).toMatchObject({ status: 503, body: { ok: false, outcome: 'error', event: 'sync_end', connectionId: CONNECTION } });
    expect(down.body.message).not.toContain('DynamoDB');

    const sfnDown = await setup();
    sfnDown.completer.answer = new Error('socket hang up');
    const response = await sfnDown.deliver(signed(Payloads.success));
    expect(response).toMatchObject({ status: 500, body: { outcome: 'error' } });
    expect(sfnDown.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', fields: expect.objectContaining({ error: 'socket hang up', connectionId: CONNECTION }) }),
    );
  });

  it('answers bad input with a 400 that says what is wrong, and keeps serving: truncated, not UTF-8, 100,000 nested arrays', async () => {
    const { deliver, completer } = await setup();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const notUtf8 = Buffer.concat([Buffer.from(Payloads.success.slice(0, 60)), Buffer.from([0xff, 0xfe]), Buffer.from(Payloads.success.slice(60))]);
    const answers = [await deliver(signed(Payloads.success.slice(0, 50))), await deliver(signed(notUtf8)), await deliver(signed(deep))];
    expect(answers.map((a) => [a.status, a.body.outcome])).toEqual([
      [400, 'invalid'],
      [400, 'invalid'],
      [400, 'invalid'],
    ]);
    expect(answers.map((a) => a.body.message)).toEqual([expect.stringMatching(/truncated/), expect.stringMatching(/not valid UTF-8/), expect.stringMatching(/string "event" field/)]);
    expect(completer.calls).toEqual([]);
    expect((await deliver(signed(Payloads.success))).body.outcome).toBe('completed');
  });

  it('fails the waiter of a sync_end whose reason nests too deeply to print, rather than answering 500 forever', async () => {
    const { deliver, completer } = await setup();
    const body = Payloads.failure.replace(/"reason":"[^"]*"/, `"reason":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(await deliver(signed(body))).toMatchObject({ status: 200, body: { outcome: 'completed' } });
    expect(completer.calls).toEqual([{ method: 'fail', token: 'token-1', args: ['FAILURE_WITH_TASK', expect.stringContaining('(reason omitted: nested too deeply to print)')] }]);
  });

  it('treats an already-resolved task as completed', async () => {
    const { deliver, completer } = await setup();
    completer.answer = 'already-resolved';
    expect((await deliver(signed(Payloads.success))).body.outcome).toBe('completed');
  });

  it('reports every delivery to metrics with its event, outcome, status and duration', async () => {
    const { deliver, observations } = await setup();
    await deliver(signed(Payloads.success));
    await deliver(unsigned(Payloads.success));
    await deliver(signed(Payloads.notJson));
    await deliver(signed(Payloads.otherEvent));
    expect(observations).toEqual([
      { event: 'sync_end', outcome: 'completed', status: 200, durationSeconds: 0.002 },
      { event: 'unknown', outcome: 'unauthorized', status: 401, durationSeconds: 0.002 },
      { event: 'unknown', outcome: 'invalid', status: 400, durationSeconds: 0.002 },
      { event: 'pause_connector', outcome: 'ignored', status: 200, durationSeconds: 0.002 },
    ]);
  });

  it('logs why it refused, never the secret, the signature or the body', async () => {
    const { deliver, logger } = await setup();
    const wrong = signed(Payloads.success, { secret: 'wrong' });
    await deliver(wrong);
    await deliver(unsigned(Payloads.success));
    await deliver(unsigned(Payloads.success, { 'X-Fivetran-Signature-256': 'zz' }));
    expect(logger.entries.map((e) => e.fields?.reason)).toEqual(['mismatch', 'missing', 'malformed']);
    const text = JSON.stringify(logger.entries);
    for (const secretish of [SECRET, PREVIOUS_SECRET, wrong.headers['X-Fivetran-Signature-256'] as string, 'java.lang', 'ftar_pg']) {
      expect(text).not.toContain(secretish);
    }
  });

  it('logs through the logger of the delivery when the transport gives one', async () => {
    const { receiver, logger } = await setup();
    const perRequest = recordingLogger();
    const delivery = signed(Payloads.success);
    await receiver.handle({ headers: delivery.headers, rawBody: delivery.body }, { logger: perRequest });
    expect(logger.entries).toEqual([]);
    expect(perRequest.entries).toContainEqual(expect.objectContaining({ level: 'debug', message: 'Applied a delivery' }));
  });

  it('never lets a request without a valid signature reach the store or the completer (2,000 random requests)', async () => {
    const store = new MemoryRunStore({ now: () => NOW });
    await store.createRecords([waitingRecord()]);
    await store.attachTaskToken('run-1', CONNECTION, 'token-1');
    const touched: string[] = [];
    const spy = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          touched.push(String(property));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const completer = new RecordingCompleter();
    const receiver = createWebhookReceiver({ secrets: [SECRET, PREVIOUS_SECRET], store: spy, completer, now: () => NOW });
    const headerValue = fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-fA-F]{64}$/), fc.constant(sign('other', Payloads.success)), fc.array(fc.string(), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(Payloads.success), fc.json(), fc.string()),
        fc.dictionary(fc.constantFrom('x-fivetran-signature-256', 'X-Fivetran-Signature-256', 'content-type', 'x-other'), headerValue),
        async (body, headers) => {
          const response = await receiver.handle({ headers, rawBody: body });
          expect(response.status).toBe(401);
          expect(response.body).toMatchObject({ ok: false, outcome: 'unauthorized' });
        },
      ),
      { numRuns: 2000, seed: 13 },
    );
    expect(touched).toEqual([]);
    expect(completer.calls).toEqual([]);
  });
});

describe('getHeader', () => {
  it('finds a header whatever the case of its name and takes the first of repeated values', () => {
    expect(getHeader({ 'X-Fivetran-Signature-256': 'A' }, 'x-fivetran-signature-256')).toBe('A');
    expect(getHeader({ 'x-fivetran-signature-256': ['B', 'C'] }, 'X-FIVETRAN-SIGNATURE-256')).toBe('B');
    expect(getHeader({ other: 'x' }, 'x-fivetran-signature-256')).toBeUndefined();
  });
});

describe('parseWebhookSecrets', () => {
  it('reads a plain secret as is', () => {
    expect(parseWebhookSecrets('s3cret')).toEqual(['s3cret']);
  });

  it('reads {"current", "previous"} during a rotation, current first, skipping empty values', () => {
    expect(parseWebhookSecrets('{"current":"new","previous":"old"}')).toEqual(['new', 'old']);
    expect(parseWebhookSecrets('{"current":"new","previous":""}')).toEqual(['new']);
  });

  it('keeps a secret that merely starts with "{" and gives nothing for an empty value', () => {
    expect(parseWebhookSecrets('{not json')).toEqual(['{not json']);
    expect(parseWebhookSecrets('  ')).toEqual([]);
  });
});

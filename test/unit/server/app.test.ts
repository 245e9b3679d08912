/**
 * The Express adapter: the shared delivery table and the mutation property over real HTTP on
 * loopback, then what only the server has: probes, metrics, request ids, logs, body limit, routes.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { SfnTaskCompleter } from '../../../src/aws/sfn-task-completer.js';
import { createWebhookReceiver, type WebhookReceiver } from '../../../src/core/webhook/receiver.js';
import { createApp, type AppDeps } from '../../../src/server/app.js';
import { createServerMetrics, type ServerMetrics } from '../../../src/server/metrics.js';
import { startAwsJsonStub, type AwsJsonStub } from '../../support/aws-json-stub.js';
import {
  NOW,
  Payloads,
  PREVIOUS_SECRET,
  SECRET,
  SwitchableStore,
  WEBHOOK_CASES,
  assertMutationsAreSafe,
  prepareCase,
  runCase,
  signed,
  unsigned,
  type CaseWorld,
  type Delivery,
  type TransportReply,
  type WebhookTransport,
} from '../../support/webhook-cases.js';

type Running = { url: string; close(): Promise<void> };

async function listen(deps: AppDeps): Promise<Running> {
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function httpTransport(url: string, path = '/webhook'): WebhookTransport {
  return {
    name: 'express',
    async deliver(delivery: Delivery) {
      const response = await fetch(`${url}${path}`, { method: 'POST', headers: delivery.headers, body: delivery.body });
      return { status: response.status, body: (await response.json()) as TransportReply['body'] };
    },
  };
}

/** A pino logger that keeps its JSON lines for assertions. */
function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'debug', redact: ['req.headers'] }, stream);
  const text = () => chunks.join('');
  return { logger, text, lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

let stub: AwsJsonStub;
let world: CaseWorld;
let metrics: ServerMetrics;
let receiver: WebhookReceiver;
let running: Running;
let shuttingDown = false;
const log = capturingLogger();

beforeAll(async () => {
  stub = await startAwsJsonStub();
  world = { store: new SwitchableStore(), stub };
  metrics = createServerMetrics({ processMetrics: false });
  receiver = createWebhookReceiver({
    secrets: [SECRET, PREVIOUS_SECRET],
    store: world.store,
    completer: new SfnTaskCompleter({ client: stub.sfnClient() }),
    now: () => NOW,
    metrics,
  });
  running = await listen({ receiver, store: world.store, logger: log.logger, metrics, bodyLimitBytes: 4096, isShuttingDown: () => shuttingDown });
});

afterAll(async () => {
  await running.close();
  await stub.close();
});

describe('POST /webhook answers the shared delivery table', () => {
  it.each(WEBHOOK_CASES)('$name', async (testCase) => {
    await runCase(httpTransport(running.url), world, testCase);
  });
});

describe('mutated deliveries over HTTP', () => {
  it('1,000 mutations of bodies and headers: only valid signatures change state; every answer is 200, 400 or 401', async () => {
    const tally = await assertMutationsAreSafe(httpTransport(running.url), world, 1000);
    // The generator must exercise both sides of the property.
    expect(tally.unsigned).toBeGreaterThan(300);
    expect(tally.signed).toBeGreaterThan(100);
    const live = await fetch(`${running.url}/livez`);
    expect(live.status).toBe(200);
  });
});

describe('probes', () => {
  beforeEach(async () => {
    shuttingDown = false;
    await prepareCase(world, {});
  });

  it('GET /livez answers 200 while the process runs', async () => {
    const response = await fetch(`${running.url}/livez`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, message: 'live' });
  });

  it('GET /readyz answers 200 when the store answers its ping', async () => {
    const response = await fetch(`${running.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, message: 'ready' });
  });

  it('GET /readyz answers 503 when the store is unreachable, without the store error in the answer', async () => {
    world.store.failing.add('ping');
    const response = await fetch(`${running.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, message: 'run store unreachable' });
  });

  it('GET /readyz answers 503 once shutdown started, and answers ask to close the connection', async () => {
    shuttingDown = true;
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('connection')).toBe('close');
    const live = await fetch(`${running.url}/livez`);
    expect(live.status).toBe(200);
  });
});

describe('GET /metrics', () => {
  it('counts deliveries by event and outcome, signature failures, and latency, in Prometheus text', async () => {
    metrics.registry.resetMetrics();
    await prepareCase(world, { records: [{ taskToken: 'token-metrics' }] });
    const transport = httpTransport(running.url);
    await transport.deliver(signed(Payloads.success));
    await transport.deliver(unsigned(Payloads.success));
    await transport.deliver(signed(Payloads.test));

    const response = await fetch(`${running.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('fivetran_webhook_deliveries_total{event="sync_end",outcome="completed"} 1');
    expect(text).toContain('fivetran_webhook_deliveries_total{event="unknown",outcome="unauthorized"} 1');
    expect(text).toContain('fivetran_webhook_deliveries_total{event="test",outcome="ignored"} 1');
    expect(text).toContain('fivetran_webhook_signature_failures_total 1');
    expect(text).toContain('fivetran_webhook_delivery_duration_seconds_count{status_class="2xx"} 2');
    expect(text).toContain('fivetran_webhook_delivery_duration_seconds_count{status_class="4xx"} 1');
  });
});

describe('request handling', () => {
  beforeEach(async () => {
    shuttingDown = false;
    await prepareCase(world, {});
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const big = signed(JSON.stringify({ event: 'sync_end', padding: 'x'.repeat(8192) }));
    const response = await fetch(`${running.url}/webhook`, { method: 'POST', headers: big.headers, body: big.body });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, message: expect.stringMatching(/larger than 4096 bytes/) });
  });

  it('refuses a streamed body (no Content-Length) once it passes the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${running.url}/webhook`, { method: 'POST', body, duplex: 'half' } as RequestInit & { duplex: 'half' });
    expect(response.status).toBe(413);
  });

  it('refuses a compressed body with 415: the signature covers the bytes Fivetran sent', async () => {
    const delivery = signed(Payloads.test);
    const response = await fetch(`${running.url}/webhook`, { method: 'POST', headers: { ...delivery.headers, 'content-encoding': 'gzip' }, body: delivery.body });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ ok: false, message: expect.stringMatching(/Content-Encoding "gzip" is not supported/) });
  });

  it('answers 405 with Allow: POST to other methods on the webhook path', async () => {
    const response = await fetch(`${running.url}/webhook`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(((await response.json()) as { ok: boolean }).ok).toBe(false);
  });

  it('answers unknown routes with a JSON 404 that points at the webhook path', async () => {
    const response = await fetch(`${running.url}/hooks`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, message: 'No route POST /hooks: webhooks go to POST /webhook.' });
  });

  it('reads a delivery with no content type and a POST with no body as what they are', async () => {
    const delivery = signed(Payloads.test);
    const noType = await fetch(`${running.url}/webhook`, {
      method: 'POST',
      headers: { 'x-fivetran-signature-256': delivery.headers['X-Fivetran-Signature-256'] as string },
      body: delivery.body,
    });
    expect(noType.status).toBe(200);
    const empty = await fetch(`${running.url}/webhook`, { method: 'POST' });
    expect(empty.status).toBe(401);
  });

  it('serves the webhook on a configured path', async () => {
    const other = await listen({ receiver, store: world.store, logger: pino({ level: 'silent' }), webhookPath: '/hooks/fivetran' });
    try {
      const reply = await httpTransport(other.url, '/hooks/fivetran').deliver(signed(Payloads.test));
      expect(reply.status).toBe(200);
      expect((await fetch(`${other.url}/webhook`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${other.url}/metrics`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('echoes a sane upstream X-Request-Id and makes one up otherwise', async () => {
    const given = await fetch(`${running.url}/livez`, { headers: { 'x-request-id': 'lb-1234' } });
    expect(given.headers.get('x-request-id')).toBe('lb-1234');
    const odd = await fetch(`${running.url}/livez`, { headers: { 'x-request-id': 'has spaces and {braces}' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one info line per delivery with its request id and outcome, and never the secret or the signature', async () => {
    await prepareCase(world, { records: [{ taskToken: 'token-logs' }] });
    const delivery = signed(Payloads.success);
    const response = await fetch(`${running.url}/webhook`, { method: 'POST', headers: { ...delivery.headers, 'x-request-id': 'req-logs-1' }, body: delivery.body });
    expect(response.status).toBe(200);
    await fetch(`${running.url}/webhook`, { method: 'POST', headers: { ...signed(Payloads.success, { secret: 'wrong' }).headers, 'x-request-id': 'req-logs-2' }, body: delivery.body });

    const mine = log.lines().filter((l) => l.requestId === 'req-logs-1' && l.level === 30);
    expect(mine).toEqual([
      expect.objectContaining({ msg: 'request', method: 'POST', path: '/webhook', status: 200, event: 'sync_end', connectionId: 'assimilate_seem', outcome: 'completed' }),
    ]);
    expect(log.lines().filter((l) => l.requestId === 'req-logs-2')).toEqual(
      expect.arrayContaining([expect.objectContaining({ msg: 'Refused a delivery with a bad signature', signature: 'invalid', reason: 'mismatch' })]),
    );
    const text = log.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PREVIOUS_SECRET);
    expect(text).not.toContain(delivery.headers['X-Fivetran-Signature-256'] as string);
    expect(text.toLowerCase()).not.toContain((delivery.headers['X-Fivetran-Signature-256'] as string).toLowerCase());
  });
});

describe('bad input at the default limits: a clear answer, and the next delivery still served', () => {
  it.each([
    ['a signed 3 MiB delivery', () => signed(Buffer.from(JSON.stringify({ ...JSON.parse(Payloads.success), padding: 'x'.repeat(3 * 1024 * 1024) }))), 413, /larger than 262144 bytes/],
    ['100,000 nested arrays, signed', () => signed('['.repeat(100_000) + ']'.repeat(100_000)), 400, /string "event" field/],
    ['bytes that are not UTF-8, signed', () => signed(Buffer.concat([Buffer.from(Payloads.success.slice(0, 60)), Buffer.from([0xff]), Buffer.from(Payloads.success.slice(60))])), 400, /not valid UTF-8/],
    ['a truncated body, signed', () => signed(Payloads.success.slice(0, 70)), 400, /truncated/],
  ])('%s', async (_label, make, status, message) => {
    const app = await listen({ receiver, store: world.store, logger: pino({ level: 'silent' }) });
    try {
      await prepareCase(world, { records: [{ taskToken: 'token-bad-input' }] });
      const delivery = make();
      const response = await fetch(`${app.url}/webhook`, { method: 'POST', headers: delivery.headers, body: delivery.body });
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ ok: false, message: expect.stringMatching(message), ...(status === 400 ? { outcome: 'invalid' } : {}) });
      expect(stub.sfnCalls()).toEqual([]);
      const next = await httpTransport(app.url).deliver(signed(Payloads.success));
      expect(next).toMatchObject({ status: 200, body: { outcome: 'completed' } });
    } finally {
      await app.close();
    }
  });
});

describe('load shedding', () => {
  /** A receiver whose deliveries wait until the test lets them go, counting what it was given. */
  function heldReceiver(): { receiver: WebhookReceiver; handled: () => number; release: () => void; reached: (n: number) => Promise<void> } {
    let handled = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const waiters: { n: number; resolve: () => void }[] = [];
    return {
      receiver: {
        async handle() {
          handled++;
          for (const w of waiters.filter((w) => handled >= w.n)) w.resolve();
          await gate;
          return { status: 200, body: { ok: true, message: 'held', outcome: 'ignored' } };
        },
      },
      handled: () => handled,
      release: () => open(),
      reached: (n) => (handled >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    };
  }

  it('answers 503 with Retry-After and a JSON message, unread, beyond WEBHOOK_MAX_IN_FLIGHT, and counts it', async () => {
    const held = heldReceiver();
    const shedMetrics = createServerMetrics({ processMetrics: false });
    const app = await listen({ receiver: held.receiver, store: world.store, logger: pino({ level: 'silent' }), metrics: shedMetrics, maxInFlight: 2, shedRetryAfterSeconds: 7 });
    try {
      const post = () => fetch(`${app.url}/webhook`, { method: 'POST', headers: signed(Payloads.test).headers, body: signed(Payloads.test).body });
      const admitted = [post(), post()];
      await held.reached(2);
      expect((await fetch(`${app.url}/metrics`)).ok).toBe(true);
      expect((await shedMetrics.render()).body).toContain('fivetran_webhook_in_flight 2');

      const shed = await post();
      expect(shed.status).toBe(503);
      expect(shed.headers.get('retry-after')).toBe('7');
      expect(await shed.json()).toEqual({ ok: false, message: expect.stringMatching(/^Over capacity \(2 deliveries in flight\).*retry after 7 s/) });
      expect(held.handled()).toBe(2);
      // Probes are never shed.
      expect((await fetch(`${app.url}/livez`)).status).toBe(200);

      held.release();
      expect((await Promise.all(admitted)).map((r) => r.status)).toEqual([200, 200]);
      // Answered deliveries leave the count: the next one is admitted.
      expect((await post()).status).toBe(200);
      const { body } = await shedMetrics.render();
      expect(body).toContain('fivetran_webhook_shed_total 1');
      expect(body).toContain('fivetran_webhook_in_flight 0');
    } finally {
      held.release();
      await app.close();
    }
  });

  it('frees the slot of a delivery whose client went away before the answer', async () => {
    const held = heldReceiver();
    const app = await listen({ receiver: held.receiver, store: world.store, logger: pino({ level: 'silent' }), maxInFlight: 1 });
    try {
      const aborted = new AbortController();
      const gone = fetch(`${app.url}/webhook`, { method: 'POST', headers: signed(Payloads.test).headers, body: signed(Payloads.test).body, signal: aborted.signal });
      await held.reached(1);
      aborted.abort();
      await expect(gone).rejects.toThrow();
      held.release();
      const next = await fetch(`${app.url}/webhook`, { method: 'POST', headers: signed(Payloads.test).headers, body: signed(Payloads.test).body });
      expect(next.status).toBe(200);
    } finally {
      held.release();
      await app.close();
    }
  });
});

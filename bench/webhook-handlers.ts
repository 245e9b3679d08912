/**
 * The webhook handler's own cost, in this process without HTTP: (1) the receiver core (verify the
 * signature, parse, look up, record, complete) with a stub store and completer, so its CPU per
 * delivery excludes the store and the SDK; (2) the receiver with the DynamoDB store (dynalite in a
 * process of its own) and SendTaskSuccess to a loopback stub, beside the original design's handler
 * (one GetItem for the token, then SendTaskSuccess), each with its DynamoDB requests per delivery;
 * (3) the burst: `burst` deliveries spread evenly over `burstSeconds`, through the DynamoDB receiver.
 * Prints one JSON line.
 *
 *   npx tsx bench/webhook-handlers.ts [--core 5000] [--deliveries 500] [--burst 1000 --burst-seconds 10]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoRunStore } from '../src/aws/dynamodb-run-store.js';
import { SfnTaskCompleter } from '../src/aws/sfn-task-completer.js';
import type { CompletionResult, TaskCompleter } from '../src/core/completion/completer.js';
import { MemoryRunStore } from '../src/core/runs/memory-store.js';
import type { NewSyncRecord, RunStore, SyncRecord } from '../src/core/runs/records.js';
import { createWebhookReceiver, type WebhookRequest } from '../src/core/webhook/receiver.js';
import { sign } from '../src/core/webhook/signature.js';
import { startAwsJsonStub } from '../test/support/aws-json-stub.js';
import { startDynalite } from '../test/support/dynalite.js';

const SECRET = 'bench-webhook-secret';
const FAR_FUTURE = Math.floor(Date.now() / 1000) + 7 * 86400;

export type HandlerRun = { label: string; deliveries: number; cpuMicrosPerDelivery: number; storeCpuMicrosPerDelivery: number | null; dynamoRequestsPerDelivery: number | null; sfnCallsPerDelivery: number | null; p50Ms: number; p99Ms: number; wallMs: number };
export type HandlerFigures = { core: HandlerRun & { storeCallsPerDelivery: number }; ours: HandlerRun; original: HandlerRun; burst: (HandlerRun & { targetSeconds: number }) | null };

function delivery(connectionId: string): WebhookRequest {
  const rawBody = Buffer.from(
    JSON.stringify({ event: 'sync_end', created: new Date().toISOString(), connector_type: 'postgres', connector_id: connectionId, sync_id: `s-${connectionId}`, destination_group_id: 'g', data: { status: 'SUCCESSFUL' } }),
  );
  return { rawBody, headers: { 'content-type': 'application/json', 'x-fivetran-signature-256': sign(SECRET, rawBody) } };
}

function record(runId: string, connectionId: string): NewSyncRecord {
  const now = new Date().toISOString();
  return { runId, connectionId, groupId: 'g', name: null, baseline: null, scheduleType: 'manual', createdAt: now, deadline: now, expiresAt: FAR_FUTURE };
}

const noopCompleter: TaskCompleter = {
  succeed: async (): Promise<CompletionResult> => 'delivered',
  fail: async (): Promise<CompletionResult> => 'delivered',
  heartbeat: async (): Promise<CompletionResult> => 'delivered',
};

/** A store that answers every call at once with one waiting record, counting the calls. */
function stubStore(open: SyncRecord): RunStore & { calls: number } {
  const s = {
    calls: 0,
    async findOpenRecords() {
      s.calls++;
      return [open];
    },
    async recordOutcome() {
      s.calls++;
      return { stored: true, record: open };
    },
    async markCompleted() {
      s.calls++;
      return true;
    },
  };
  const rest = new Proxy(s, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : async () => ((target.calls += 1), undefined)),
  });
  return rest as unknown as RunStore & { calls: number };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? 0;

/** Runs `handle` for each of `items`, `concurrency` at a time (or paced evenly over `spreadMs`). */
async function drive<T>(items: T[], handle: (item: T) => Promise<unknown>, o: { concurrency?: number; spreadMs?: number }) {
  const latencies: number[] = [];
  const one = async (item: T) => {
    const t = performance.now();
    await handle(item);
    latencies.push(performance.now() - t);
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (o.spreadMs !== undefined) {
    const gap = o.spreadMs / items.length;
    const pending: Promise<void>[] = [];
    for (const [i, item] of items.entries()) {
      const wait = started + i * gap - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(one(item));
    }
    await Promise.all(pending);
  } else {
    let next = 0;
    await Promise.all(Array.from({ length: o.concurrency ?? 1 }, async () => { while (next < items.length) await one(items[next++] as T); }));
  }
  const used = process.cpuUsage(cpu);
  return { cpuMicros: used.user + used.system, wallMs: performance.now() - started, p50Ms: pct(latencies, 0.5), p99Ms: pct(latencies, 0.99) };
}

type DynaliteChild = { endpoint: string; tableName: string; cpuMicros(): Promise<number>; stop(): Promise<void> };

async function startDynaliteChild(): Promise<DynaliteChild> {
  const self = fileURLToPath(import.meta.url);
  const child = fork(self, ['--dynalite'], { execArgv: self.endsWith('.mjs') ? [] : ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { endpoint, tableName } = await new Promise<{ endpoint: string; tableName: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { endpoint: string; tableName: string }));
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}`)));
  });
  return {
    endpoint,
    tableName,
    cpuMicros: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { cpu: number }).cpu));
        child.send('cpu');
      }),
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function serveDynalite(): Promise<void> {
  const dynalite = await startDynalite();
  const tableName = await dynalite.createTable();
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send?.({ cpu: u.user + u.system });
    }
  });
  process.on('SIGTERM', () => void dynalite.close().finally(() => process.exit(0)));
  process.send?.({ endpoint: dynalite.endpoint, tableName });
}

export async function measureHandlers(o: { core: number; deliveries: number; burst: number; burstSeconds: number }): Promise<HandlerFigures> {
  // (1) The core.
  const memory = new MemoryRunStore();
  await memory.createRecords([record('run-core', 'core')]);
  const open = await memory.attachTaskToken('run-core', 'core', 'token-core');
  const stub = stubStore(open);
  const coreReceiver = createWebhookReceiver({ secrets: [SECRET], store: stub, completer: noopCompleter });
  const coreRequests = Array.from({ length: o.core }, () => delivery('core'));
  await drive(coreRequests.slice(0, Math.min(500, o.core)), (r) => coreReceiver.handle(r), {});
  stub.calls = 0;
  const c = await drive(coreRequests, (r) => coreReceiver.handle(r), {});
  const core = { label: 'receiver core, stub store and completer (no store, no SDK)', deliveries: o.core, cpuMicrosPerDelivery: c.cpuMicros / o.core, storeCpuMicrosPerDelivery: null, dynamoRequestsPerDelivery: null, sfnCallsPerDelivery: null, p50Ms: c.p50Ms, p99Ms: c.p99Ms, wallMs: c.wallMs, storeCallsPerDelivery: stub.calls / o.core };

  // (2) DynamoDB: ours beside the original design's handler; (3) the burst.
  const dynalite = await startDynaliteChild();
  const sfn = await startAwsJsonStub();
  let dynamoRequests = 0;
  const client = new DynamoDBClient({ endpoint: dynalite.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  client.middlewareStack.add((next) => async (args) => ((dynamoRequests += 1), next(args)), { step: 'initialize', name: 'benchCount' });
  const store = new DynamoRunStore({ tableName: dynalite.tableName, client });
  const completer = new SfnTaskCompleter({ client: sfn.sfnClient() });
  const receiver = createWebhookReceiver({ secrets: [SECRET], store, completer });
  const prepare = async (prefix: string, n: number) => {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      await store.createRecords(batch.map((id) => record(`run-${id}`, id)));
      await Promise.all(batch.map((id) => store.attachTaskToken(`run-${id}`, id, `token-${id}`)));
    }
    return ids;
  };
  const measured = async (label: string, ids: string[], handle: (id: string) => Promise<unknown>, opts: { concurrency?: number; spreadMs?: number }): Promise<HandlerRun> => {
    const sfnBefore = sfn.sfnCalls().length;
    dynamoRequests = 0;
    const storeBefore = await dynalite.cpuMicros();
    const r = await drive(ids, (id) => handle(id), opts);
    return {
      label,
      deliveries: ids.length,
      cpuMicrosPerDelivery: r.cpuMicros / ids.length,
      storeCpuMicrosPerDelivery: ((await dynalite.cpuMicros()) - storeBefore) / ids.length,
      dynamoRequestsPerDelivery: dynamoRequests / ids.length,
      sfnCallsPerDelivery: (sfn.sfnCalls().length - sfnBefore) / ids.length,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      wallMs: r.wallMs,
    };
  };
  try {
    const oursIds = await prepare('ours', o.deliveries);
    const originalIds = await prepare('orig', o.deliveries);
    const warmIds = await prepare('warm', 40);
    const bodies = new Map([...oursIds, ...originalIds, ...warmIds].map((id) => [id, delivery(id)]));
    // Warm both paths (JIT, sockets) on waiters of their own before measuring.
    await drive(warmIds.slice(0, 20), (id) => receiver.handle(bodies.get(id) as WebhookRequest), { concurrency: 10 });
    await drive(warmIds.slice(20), (id) => store.getRecord(`run-${id}`, id), { concurrency: 10 });
    const ours = await measured('receiver + DynamoDB store + SendTaskSuccess (this project)', oursIds, (id) => receiver.handle(bodies.get(id) as WebhookRequest), { concurrency: 10 });
    // The original design: parse the body, read the waiter's token by key (one GetItem), SendTaskSuccess.
    const original = await measured(
      'original design: GetItem + SendTaskSuccess',
      originalIds,
      async (id) => {
        const body = JSON.parse((bodies.get(id) as WebhookRequest).rawBody.toString()) as { connector_id: string; sync_id: string; data: { status: string } };
        const found = await store.getRecord(`run-${body.connector_id}`, body.connector_id);
        if (found?.taskToken) await completer.succeed(found.taskToken, { connectionId: body.connector_id, status: body.data.status, syncId: body.sync_id });
      },
      { concurrency: 10 },
    );
    let burst: HandlerFigures['burst'] = null;
    if (o.burst > 0) {
      const burstIds = await prepare('burst', o.burst);
      for (const id of burstIds) bodies.set(id, delivery(id));
      const b = await measured(`burst: ${o.burst} deliveries over ${o.burstSeconds} s (this project, DynamoDB)`, burstIds, (id) => receiver.handle(bodies.get(id) as WebhookRequest), { spreadMs: o.burstSeconds * 1000 });
      burst = { ...b, targetSeconds: o.burstSeconds };
    }
    return { core, ours, original, burst };
  } finally {
    client.destroy();
    await sfn.close();
    await dynalite.stop();
  }
}

if (process.argv[2] === '--dynalite') {
  await serveDynalite();
} else if (process.argv[1] && /webhook-handlers\.(ts|mjs)$/.test(process.argv[1])) {
  const { values } = parseArgs({ options: { core: { type: 'string', default: '5000' }, deliveries: { type: 'string', default: '500' }, burst: { type: 'string', default: '1000' }, 'burst-seconds': { type: 'string', default: '10' } } });
  process.stdout.write(`${JSON.stringify(await measureHandlers({ core: Number(values.core), deliveries: Number(values.deliveries), burst: Number(values.burst), burstSeconds: Number(values['burst-seconds']) }))}\n`);
}

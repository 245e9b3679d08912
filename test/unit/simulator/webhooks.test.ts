/**
 * Webhooks in the simulator: management API with the creation test payload, redelivery on
 * failure, and seeded faults (duplicates, drops, reordering, unrelated events) that reproduce.
 */
import { parseEvent } from '../../../src/core/webhook/event.js';
import { verifySignature } from '../../../src/core/webhook/signature.js';
import { startSimulator } from '../../../src/simulator/simulator.js';
import type { Simulator, SimulatorOptions } from '../../../src/simulator/simulator.js';
import { api, eventsOf, registerWebhook, startReceiver } from './loopback-receiver.js';
import type { Receiver } from './loopback-receiver.js';

const group = (n: number, syncDurationMs = 5): SimulatorOptions['groups'] => [
  { id: 'grp', connections: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, syncDurationMs })) },
];

describe('simulated webhooks', () => {
  const opened: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(thing: T): T => (opened.push(thing), thing);
  const simulator = async (options: SimulatorOptions): Promise<Simulator> => track(await startSimulator(options));
  const receiverAnswering = async (respond?: Parameters<typeof startReceiver>[0]): Promise<Receiver> => track(await startReceiver(respond));
  afterEach(async () => {
    for (const thing of opened.splice(0).reverse()) await thing.close();
  });

  describe('management API', () => {
    it('refuses to create a webhook when the receiver answers the test payload with 500', async () => {
      const sim = await simulator({ groups: group(1) });
      const receiver = await receiverAnswering(() => 500);
      const reply = await api(sim, 'POST', '/webhooks/group/grp', { url: receiver.url, events: ['sync_end'], active: true, secret: 's' });
      expect(reply.status).toBe(400);
      expect(reply.json.code).toBe('WebhookTestFailed');
      expect(reply.json.message).toContain('500');
      expect(receiver.received).toHaveLength(1);
      expect((await api(sim, 'GET', '/webhooks')).json.data.items).toEqual([]);
    });

    it('refuses to create a webhook whose receiver is unreachable', async () => {
      const sim = await simulator({ groups: group(1) });
      const receiver = await startReceiver();
      const url = receiver.url;
      await receiver.close();
      const reply = await api(sim, 'POST', '/webhooks/group/grp', { url, events: ['sync_end'], active: true, secret: 's' });
      expect(reply.status).toBe(400);
    });

    it('creates a webhook after the receiver answers 200 to a signed test payload', async () => {
      const now = Date.parse('2026-05-22T00:06:08.638Z');
      const sim = await simulator({ groups: group(1), now: () => now });
      const receiver = await receiverAnswering();
      const reply = await api(sim, 'POST', '/webhooks/group/grp', { url: receiver.url, events: ['sync_start', 'sync_end'], active: true, secret: 'shh' });
      expect(reply.status).toBe(200);
      expect(reply.json.data).toEqual({
        id: expect.stringMatching(/^[a-z]+_[a-z]+/),
        type: 'group',
        group_id: 'grp',
        url: receiver.url,
        events: ['sync_start', 'sync_end'],
        active: true,
        secret: '******',
        created_at: '2026-05-22T00:06:08.638Z',
        created_by: expect.any(String),
      });
      const [test] = receiver.received;
      expect(test?.json).toEqual({
        event: 'test_event',
        created: '2026-05-22T00:06:08.638Z',
        connector_type: '_connector_type',
        connector_id: '_connector_1',
        group_id: '_destination_1',
      });
      expect(verifySignature(['shh'], test!.body, test!.headers['x-fivetran-signature-256'] as string)).toBe(true);
      expect(parseEvent(test!.body)).toEqual({ type: 'ignored', event: 'test_event', why: 'test payload' });
    });

    it('validates the body and the group', async () => {
      const sim = await simulator({ groups: group(1) });
      const receiver = await receiverAnswering();
      expect((await api(sim, 'POST', '/webhooks/group/grp', { events: ['sync_end'] })).status).toBe(400);
      expect((await api(sim, 'POST', '/webhooks/group/grp', { url: receiver.url, events: [] })).status).toBe(400);
      expect((await api(sim, 'POST', '/webhooks/group/grp', { url: 'ftp://x', events: ['sync_end'] })).status).toBe(400);
      const unknown = await api(sim, 'POST', '/webhooks/group/nope', { url: receiver.url, events: ['sync_end'], active: true });
      expect(unknown.status).toBe(404);
      expect(receiver.received).toHaveLength(0);
    });

    it('lists with cursor pagination, reads, patches (re-testing on activation), tests and deletes', async () => {
      const sim = await simulator({ groups: group(1, 5) });
      const receiver = await receiverAnswering((d) => (d.json.event === 'sync_end' && d.json.connector_id === '_connector_1' ? 503 : 200));
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await registerWebhook(sim, 'grp', receiver));
      expect(new Set(ids).size).toBe(3);
      const first = await api(sim, 'GET', '/webhooks?limit=2');
      expect(first.json.data.items.map((w: { id: string }) => w.id)).toEqual(ids.slice(0, 2));
      const second = await api(sim, 'GET', `/webhooks?limit=2&cursor=${first.json.data.next_cursor}`);
      expect(second.json.data).toEqual({ items: [expect.objectContaining({ id: ids[2] })] });

      const id = ids[0]!;
      expect((await api(sim, 'GET', `/webhooks/${id}`)).json.data.id).toBe(id);
      await api(sim, 'DELETE', `/webhooks/${ids[1]}`);
      await api(sim, 'DELETE', `/webhooks/${ids[2]}`);
      expect((await api(sim, 'GET', `/webhooks/${ids[2]}`)).status).toBe(404);

      const tests = () => eventsOf(receiver.received, 'test_event').length;
      const before = tests();
      expect((await api(sim, 'PATCH', `/webhooks/${id}`, { active: false })).json.data.active).toBe(false);
      await api(sim, 'POST', '/connections/c0/sync');
      await sim.idle();
      expect(eventsOf(receiver.received, 'sync_end')).toHaveLength(0);
      expect((await api(sim, 'PATCH', `/webhooks/${id}`, { active: true, events: ['sync_end'] })).json.data).toMatchObject({ active: true, events: ['sync_end'] });
      expect(tests()).toBe(before + 1);

      const ok = await api(sim, 'POST', `/webhooks/${id}/test`, { event: 'sync_start' });
      expect(ok.json).toEqual({ code: 'Success', data: { succeed: true, status: 200, message: expect.any(String) } });
      const failing = await api(sim, 'POST', `/webhooks/${id}/test`, { event: 'sync_end' });
      expect(failing.json.data).toMatchObject({ succeed: false, status: 503 });
    });
  });

  describe('delivery', () => {
    it('redelivers after a non-2xx answer per retryDelaysMs', async () => {
      let failuresLeft = 2;
      const receiver = await receiverAnswering((d) => (d.json.event === 'sync_end' && failuresLeft-- > 0 ? 500 : 200));
      const sim = await simulator({ groups: group(1), webhooks: { retryDelaysMs: [10, 10] } });
      await registerWebhook(sim, 'grp', receiver, 'k', ['sync_end']);
      await api(sim, 'POST', '/connections/c0/sync');
      await sim.idle();
      const ends = eventsOf(receiver.received, 'sync_end');
      expect(ends).toHaveLength(3);
      expect(new Set(ends.map((d) => d.body)).size).toBe(1); // the same bytes each time
      expect(sim.stats).toMatchObject({ webhooksDelivered: 1, deliveriesFailed: 0 });
    });

    it('gives up after the last retry and counts deliveriesFailed', async () => {
      const receiver = await receiverAnswering((d) => (d.json.event === 'test_event' ? 200 : 500));
      const sim = await simulator({ groups: group(1), webhooks: { retryDelaysMs: [5, 5] } });
      await registerWebhook(sim, 'grp', receiver, 'k', ['sync_end']);
      await api(sim, 'POST', '/connections/c0/sync');
      await sim.idle();
      expect(eventsOf(receiver.received, 'sync_end')).toHaveLength(3);
      expect(sim.stats).toMatchObject({ webhooksDelivered: 0, deliveriesFailed: 1 });
    });

    it('retries a receiver that went away, then gives up', async () => {
      const receiver = await startReceiver();
      const sim = await simulator({ groups: group(1), webhooks: { retryDelaysMs: [5] } });
      await registerWebhook(sim, 'grp', receiver, 'k', ['sync_end']);
      await receiver.close();
      await api(sim, 'POST', '/connections/c0/sync');
      await sim.idle();
      expect(sim.stats.deliveriesFailed).toBe(1);
    });

    it('reorder: delivers each sync_start after its sync_end', async () => {
      const receiver = await receiverAnswering();
      const sim = await simulator({ groups: group(3), webhooks: { reorder: true } });
      await registerWebhook(sim, 'grp', receiver, 'k', ['sync_start', 'sync_end']);
      for (const id of ['c0', 'c1', 'c2']) await api(sim, 'POST', `/connections/${id}/sync`);
      await sim.idle();
      for (const id of ['c0', 'c1', 'c2']) {
        const events = receiver.received.filter((d) => d.json.connector_id === id).map((d) => d.json.event);
        expect(events).toEqual(['sync_end', 'sync_start']);
      }
    });

    it('unrelatedEvents: also sends bystander syncs, status and edit_connector events, all parseable', async () => {
      const receiver = await receiverAnswering();
      const sim = await simulator({ groups: group(1), webhooks: { unrelatedEvents: true } });
      await registerWebhook(sim, 'grp', receiver);
      await api(sim, 'POST', '/connections/c0/sync');
      await sim.idle();
      const events = receiver.received.filter((d) => d.json.event !== 'test_event');
      expect(new Set(events.map((d) => d.json.event))).toEqual(new Set(['sync_start', 'sync_end', 'status', 'edit_connector']));
      const bystanders = events.filter((d) => d.json.connector_id !== 'c0');
      expect(bystanders.map((d) => d.json.event).sort()).toEqual(['sync_end', 'sync_start']);
      expect(bystanders[0]?.json.destination_group_id).toBe('grp');
      expect((await api(sim, 'GET', `/connections/${bystanders[0]?.json.connector_id}`)).status).toBe(404);
      for (const d of events) expect(() => parseEvent(d.body)).not.toThrow();
    });

    it('duplicates and drops are reproducible with a fixed seed', async () => {
      const runWith = async (seed: number) => {
        const receiver = await startReceiver();
        const sim = await startSimulator({
          seed,
          groups: group(20),
          webhooks: { duplicateRate: 0.3, dropRate: 0.3, delayMs: [0, 15] },
        });
        await registerWebhook(sim, 'grp', receiver, 'k', ['sync_start', 'sync_end']);
        for (let i = 0; i < 20; i++) await api(sim, 'POST', `/connections/c${i}/sync`);
        await sim.idle();
        const log = receiver.received
          .filter((d) => d.json.event !== 'test_event')
          .map((d) => `${d.json.event} ${d.json.connector_id} ${d.json.sync_id}`)
          .sort();
        const { webhooksDropped, webhooksDelivered } = sim.stats;
        await sim.close();
        await receiver.close();
        return { log, webhooksDropped, webhooksDelivered };
      };
      const first = await runWith(7);
      expect(await runWith(7)).toEqual(first);

      const ends = first.log.filter((l) => l.startsWith('sync_end'));
      const endedConnections = new Set(ends.map((l) => l.split(' ')[1]));
      expect(first.webhooksDropped).toBeGreaterThan(0);
      expect(endedConnections.size).toBe(20 - first.webhooksDropped);
      expect(first.log.length).toBeGreaterThan(new Set(first.log).size); // some deliveries came twice
      expect(first.webhooksDelivered).toBe(first.log.length);
      expect(first.log.filter((l) => l.startsWith('sync_start')).length).toBeGreaterThanOrEqual(20); // only sync_end is dropped

      expect((await runWith(8)).log).not.toEqual(first.log);
    });
  });

  describe('sendWebhook', () => {
    it('signs an arbitrary body with the registered secret, or sends the given signature verbatim', async () => {
      const receiver = await receiverAnswering((d) => (d.json.event === 'weird' ? 202 : 200));
      const sim = await simulator({ groups: group(1) });
      await registerWebhook(sim, 'grp', receiver, 'the-secret');
      expect(await sim.sendWebhook({ event: 'weird', n: 1 })).toBe(202);
      const last = receiver.received.at(-1)!;
      expect(last.body).toBe('{"event":"weird","n":1}');
      expect(verifySignature(['the-secret'], last.body, last.headers['x-fivetran-signature-256'] as string)).toBe(true);

      await sim.sendWebhook({ event: 'x' }, { signature: 'not-a-signature' });
      expect(receiver.received.at(-1)?.headers['x-fivetran-signature-256']).toBe('not-a-signature');

      await sim.sendWebhook({ event: 'y' }, { url: receiver.url, secret: 'other' });
      const signed = receiver.received.at(-1)!;
      expect(verifySignature(['other'], signed.body, signed.headers['x-fivetran-signature-256'] as string)).toBe(true);
      expect(sim.stats.webhooksDelivered).toBe(0);
    });

    it('rejects when no webhook is registered and no url is given', async () => {
      const sim = await simulator({ groups: group(1) });
      await expect(sim.sendWebhook({ event: 'x' })).rejects.toThrow(/No active webhook/);
    });
  });

  it('close() stops pending syncs and deliveries, and idle() resolves afterwards', async () => {
    const receiver = await receiverAnswering();
    const sim = await startSimulator({ groups: group(1, 60_000) });
    await registerWebhook(sim, 'grp', receiver);
    await api(sim, 'POST', '/connections/c0/sync');
    const idle = sim.idle();
    await sim.close();
    await idle;
    await sim.close(); // idempotent
    expect(eventsOf(receiver.received, 'sync_end')).toHaveLength(0);
  });
});

/**
 * The simulator's REST API: authentication, pagination, connection views, trigger errors and
 * rate limiting, as Fivetran documents them.
 */
import { startSimulator } from '../../../src/simulator/simulator.js';
import type { Simulator, SimulatorOptions } from '../../../src/simulator/simulator.js';
import { ConnectionSchema } from '../../../src/core/fivetran/types.js';
import { ConfigError } from '../../../src/core/errors.js';
import { api } from './loopback-receiver.js';

const manyConnections = (n: number): SimulatorOptions['groups'] => [
  { id: 'big_group', name: 'Big', connections: Array.from({ length: n }, (_, i) => ({ id: `conn_${String(i).padStart(3, '0')}` })) },
];

describe('Fivetran API simulator', () => {
  let sim: Simulator;
  const start = async (options: SimulatorOptions): Promise<Simulator> => (sim = await startSimulator(options));
  afterEach(async () => sim?.close());

  it('serves on loopback under /v1 with Basic auth and rejects other credentials with 401', async () => {
    await start({ groups: manyConnections(1) });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const ok = await api(sim, 'GET', '/groups/big_group');
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ code: 'Success', data: { id: 'big_group', name: 'Big' } });

    const wrong = await api(sim, 'GET', '/groups/big_group', undefined, `Basic ${Buffer.from('sim-key:nope').toString('base64')}`);
    expect(wrong.status).toBe(401);
    expect(wrong.json.code).toBe('AuthFailed');
    const none = await api(sim, 'GET', '/groups/big_group', undefined, '');
    expect(none.status).toBe(401);
  });

  it('accepts custom credentials', async () => {
    await start({ groups: manyConnections(1), apiKey: 'k', apiSecret: 's' });
    expect([sim.apiKey, sim.apiSecret]).toEqual(['k', 's']);
    expect((await api(sim, 'GET', '/groups/big_group')).status).toBe(200);
  });

  it('answers 404 with a NotFound_* code for unknown groups, connections and routes', async () => {
    await start({ groups: manyConnections(1) });
    expect((await api(sim, 'GET', '/groups/nope')).json).toMatchObject({ code: 'NotFound_Group' });
    const connection = await api(sim, 'GET', '/connections/nope');
    expect(connection.status).toBe(404);
    expect(connection.json.code).toBe('NotFound_Connection');
    expect(typeof connection.json.message).toBe('string');
    expect((await api(sim, 'GET', '/nothing/here')).status).toBe(404);
  });

  it('pages 250 connections in 3 pages at limit 100, next_cursor absent on the last page', async () => {
    await start({ groups: manyConnections(250) });
    const pages: { items: { id: string }[]; next_cursor?: string }[] = [];
    let cursor: string | undefined;
    do {
      const reply = await api(sim, 'GET', `/groups/big_group/connections?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      pages.push(reply.json.data);
      cursor = reply.json.data.next_cursor;
    } while (cursor);
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50]);
    expect(pages[2]).not.toHaveProperty('next_cursor');
    const ids = pages.flatMap((p) => p.items.map((c) => c.id));
    expect(new Set(ids).size).toBe(250);
    expect(ids[0]).toBe('conn_000');
    expect(ids[249]).toBe('conn_249');
  });

  it('uses pageSizeDefault when no limit is given', async () => {
    await start({ groups: manyConnections(5), pageSizeDefault: 2 });
    const reply = await api(sim, 'GET', '/groups/big_group/connections');
    expect(reply.json.data.items).toHaveLength(2);
    expect(reply.json.data.next_cursor).toEqual(expect.any(String));
  });

  it.each(['0', '1001', 'abc', '-5', '2.5'])('rejects limit=%s with 400', async (limit) => {
    await start({ groups: manyConnections(3) });
    const reply = await api(sim, 'GET', `/groups/big_group/connections?limit=${limit}`);
    expect(reply.status).toBe(400);
    expect(reply.json.message).toContain('limit');
  });

  it('rejects a cursor it did not issue with 400', async () => {
    await start({ groups: manyConnections(3) });
    expect((await api(sim, 'GET', '/groups/big_group/connections?cursor=bogus')).status).toBe(400);
  });

  it('returns the documented connection shape, and the same object as connection()', async () => {
    await start({
      groups: [{ id: 'g', connections: [{ id: 'c1', name: 'shop', service: 'shopify', succeededAt: '2026-01-01T00:00:00.000Z' }] }],
    });
    const reply = await api(sim, 'GET', '/connections/c1');
    expect(reply.json.code).toBe('Success');
    const data = reply.json.data;
    expect(ConnectionSchema.safeParse(data).success).toBe(true);
    expect(data).toMatchObject({
      id: 'c1',
      group_id: 'g',
      service: 'shopify',
      schema: 'shop',
      paused: false,
      schedule_type: 'manual',
      sync_frequency: expect.any(Number),
      succeeded_at: '2026-01-01T00:00:00.000Z',
      failed_at: null,
      status: { setup_state: 'connected', sync_state: 'scheduled', is_historical_sync: false, tasks: [], warnings: [] },
    });
    expect(data).not.toHaveProperty('rescheduled_for');
    expect(sim.connection('c1')).toEqual(data);
    const listed = await api(sim, 'GET', '/groups/g/connections');
    expect(listed.json.data.items).toEqual([data]);
  });

  it('defaults succeeded_at to one hour before start', async () => {
    const now = Date.parse('2026-05-22T12:00:00.000Z');
    await start({ groups: [{ id: 'g', connections: [{ id: 'c1' }] }], now: () => now });
    expect(sim.connection('c1').succeeded_at).toBe('2026-05-22T11:00:00.000Z');
  });

  it('PATCH updates schedule_type and paused and returns the connection', async () => {
    await start({ groups: [{ id: 'g', connections: [{ id: 'c1', paused: true }] }] });
    expect(sim.connection('c1').status.sync_state).toBe('paused');
    const reply = await api(sim, 'PATCH', '/connections/c1', { schedule_type: 'auto', paused: false });
    expect(reply.status).toBe(200);
    expect(reply.json.data).toMatchObject({ schedule_type: 'auto', paused: false, status: { sync_state: 'scheduled' } });
    expect((await api(sim, 'PATCH', '/connections/c1', { schedule_type: 'sometimes' })).status).toBe(400);
  });

  it('refuses to trigger a paused connection (409 Conflict) or one whose setup is not connected (400)', async () => {
    await start({
      groups: [
        {
          id: 'g',
          connections: [{ id: 'paused', paused: true }, { id: 'broken', setupState: 'broken' }, { id: 'incomplete', setupState: 'incomplete' }],
        },
      ],
    });
    const paused = await api(sim, 'POST', '/connections/paused/sync', {});
    expect(paused.status).toBe(409);
    expect(paused.json.code).toBe('Conflict');
    for (const id of ['broken', 'incomplete']) {
      const reply = await api(sim, 'POST', `/connections/${id}/sync`);
      expect(reply.status).toBe(400);
      expect(reply.json.message).toContain(id);
    }
    expect(sim.stats.triggers).toEqual({});
  });

  it('answers the documented trigger message and counts requests by route', async () => {
    await start({ groups: [{ id: 'g', connections: [{ id: 'c1', syncDurationMs: 20 }] }] });
    const reply = await api(sim, 'POST', '/connections/c1/sync', { force: false });
    expect(reply.json).toEqual({ code: 'Success', message: 'Sync has been successfully triggered for connection with id = c1' });
    expect((await api(sim, 'POST', '/connections/c1/sync', { force: 'yes' })).status).toBe(400);
    await sim.idle();
    expect(sim.stats.triggers).toEqual({ c1: 1 });
    expect(sim.stats.requestsByRoute['POST /connections/{id}/sync']).toBe(2);
    expect(sim.stats.requests).toBe(2);
  });

  it('throttleNext: the next requests get 429 with Retry-After and X-Rate-Limit-Remaining, then it recovers', async () => {
    await start({ groups: manyConnections(1) });
    sim.throttleNext(2, 7);
    for (let i = 0; i < 2; i++) {
      const reply = await api(sim, 'GET', '/groups/big_group');
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('7');
      expect(reply.headers.get('x-rate-limit-remaining')).toBe('0');
    }
    expect((await api(sim, 'GET', '/groups/big_group')).status).toBe(200);
    expect(sim.stats.throttled).toBe(2);
  });

  it('apiFaults: seeded 429s with Retry-After and 5xx answers before the request has any effect, the same for the same seed', async () => {
    const statuses = async (seed: number) => {
      await start({ groups: manyConnections(1), seed, apiFaults: { throttleRate: 0.2, errorRate: 0.2, retryAfterSeconds: 2 } });
      const seen: number[] = [];
      for (let i = 0; i < 100; i++) {
        const reply = await api(sim, 'POST', '/connections/conn_000/sync', {});
        seen.push(reply.status);
        if (reply.status === 429) expect(reply.headers.get('retry-after')).toBe('2');
      }
      const triggers = sim.stats.triggers.conn_000 ?? 0;
      expect(triggers).toBe(seen.filter((s) => s === 200).length);
      expect(sim.stats.throttled).toBe(seen.filter((s) => s === 429).length);
      expect(sim.stats.serverErrors).toBe(seen.filter((s) => s >= 500).length);
      await sim.close();
      return seen;
    };
    const first = await statuses(7);
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(5);
    expect(new Set(first.filter((s) => s >= 500))).toEqual(new Set([500, 502, 503]));
    expect(await statuses(7)).toEqual(first);
  });

  it('rateLimit: over the limit in a window → 429; the window resets on the injected clock', async () => {
    let clock = Date.parse('2026-05-22T00:00:00.000Z');
    await start({ groups: manyConnections(1), rateLimit: { limit: 2, windowMs: 60_000 }, now: () => clock });
    const first = await api(sim, 'GET', '/groups/big_group');
    expect(first.headers.get('x-rate-limit')).toBe('2');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
    expect((await api(sim, 'GET', '/groups/big_group')).headers.get('x-rate-limit-remaining')).toBe('0');
    clock += 15_000;
    const over = await api(sim, 'GET', '/groups/big_group');
    expect(over.status).toBe(429);
    expect(over.json.code).toBe('TooManyRequests');
    expect(over.headers.get('retry-after')).toBe('45');
    clock += 45_000;
    expect((await api(sim, 'GET', '/groups/big_group')).status).toBe(200);
  });

  it('rateLimit with a fixed retryAfterSeconds', async () => {
    await start({ groups: manyConnections(1), rateLimit: { limit: 1, windowMs: 3_600_000, retryAfterSeconds: 30 } });
    await api(sim, 'GET', '/groups/big_group');
    const over = await api(sim, 'GET', '/groups/big_group');
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('30');
  });

  it('answers the legacy /connectors paths too', async () => {
    await start({ groups: manyConnections(2) });
    expect((await api(sim, 'GET', '/connectors/conn_001')).json.data.id).toBe('conn_001');
  });

  it('rejects impossible options with one ConfigError naming each problem', async () => {
    await expect(
      startSimulator({
        groups: [{ id: 'g', connections: [{ id: 'a' }, { id: 'a', syncDurationMs: -1 }] }],
        webhooks: { dropRate: 2 },
        pageSizeDefault: 5000,
      }),
    ).rejects.toThrow(ConfigError);
    await expect(startSimulator({ groups: [], webhooks: { delayMs: [10, 1] } })).rejects.toThrow(/delayMs/);
  });
});

/** The Fivetran client against a scripted loopback HTTP server: paths, headers, pages, retries, errors. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../../src/core/errors.js';
import { FivetranApiError, createFivetranClient, fivetranClientFromEnv } from '../../../../src/core/fivetran/client.js';
import type { FivetranClientOptions, RetryInfo } from '../../../../src/core/fivetran/client.js';
import { closedPortBaseUrl, startScriptedServer } from './scripted-server.js';
import type { ScriptedServer } from './scripted-server.js';

const API_KEY = 'key-abc';
const API_SECRET = 'S3cr3t-never-shown-0123456789';
const BASIC = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;

function connection(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    group_id: 'g1',
    service: 'postgres',
    schema: `schema_${id}`,
    paused: false,
    schedule_type: 'auto',
    sync_frequency: 360,
    succeeded_at: '2026-05-01T00:00:00.000Z',
    failed_at: null,
    status: { setup_state: 'connected', sync_state: 'scheduled', update_state: 'on_schedule', tasks: [], warnings: [] },
    ...extra,
  };
}

function webhook(id: string) {
  return { id, type: 'group', group_id: 'g1', url: 'https://hooks.example.com/fivetran', events: ['sync_end'], active: true, created_at: '2026-05-01T00:00:00.000Z', created_by: 'u1', secret: '******' };
}

const ok = (data: unknown) => ({ status: 200, body: { code: 'Success', data } });

let server: ScriptedServer;
let sleeps: number[];
let retries: RetryInfo[];

function client(options: Partial<FivetranClientOptions> = {}) {
  return createFivetranClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    baseUrl: server.baseUrl,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    onRetry: (info) => void retries.push(info),
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<FivetranApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FivetranApiError);
  return error as FivetranApiError;
}

beforeEach(async () => {
  server = await startScriptedServer();
  sleeps = [];
  retries = [];
});

afterEach(async () => {
  await server.close();
});

describe('requests', () => {
  it('authenticate with HTTP Basic and ask for version 2 of the API', async () => {
    server.script(ok(connection('c1')));
    await client().getConnection('c1');
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(BASIC);
    expect(request?.headers.accept).toBe('application/json;version=2');
    expect(request?.headers['user-agent']).toBe('fivetran-dbt-orchestrator');
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('tolerate a trailing slash on the base URL', async () => {
    server.script(ok(connection('c1')));
    const c = client({ baseUrl: `${server.baseUrl}/` });
    expect(c.baseUrl).toBe(server.baseUrl);
    await c.getConnection('c1');
    expect(server.requests[0]?.url).toBe('/v1/connections/c1');
  });

  it('URL-encode ids in paths', async () => {
    server.script(ok(connection('a/b c')));
    await client().getConnection('a/b c');
    expect(server.requests[0]?.path).toBe('/v1/connections/a%2Fb%20c');
  });

  it('refuse an empty id without calling the API', async () => {
    await expect(client().getConnection(' ')).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('listGroupConnections', () => {
  it('reads every page, following next_cursor until a page has none', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    server.script(
      ok({ items: ids.slice(0, 100).map((id) => connection(id)), next_cursor: 'cursor-2' }),
      ok({ items: ids.slice(100, 200).map((id) => connection(id)), next_cursor: 'cursor/3' }),
      ok({ items: ids.slice(200).map((id) => connection(id)) }),
    );

    const connections = await client().listGroupConnections('g1', { pageSize: 100 });

    expect(connections.map((c) => c.id)).toEqual(ids);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/groups/g1/connections?limit=100',
      'GET /v1/groups/g1/connections?limit=100&cursor=cursor-2',
      'GET /v1/groups/g1/connections?limit=100&cursor=cursor%2F3',
    ]);
  });

  it('asks for 1000 per page by default and treats a null next_cursor as the end', async () => {
    server.script(ok({ items: [connection('c1')], next_cursor: null }));
    expect(await client().listGroupConnections('g1')).toHaveLength(1);
    expect(server.requests[0]?.query).toBe('limit=1000');
  });

  it.each([0, 1001, 1.5])('rejects pageSize %p before calling the API', async (pageSize) => {
    await expect(client().listGroupConnections('g1', { pageSize })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });

  it('fails instead of looping when a cursor comes back twice', async () => {
    server.script(ok({ items: [], next_cursor: 'same' }), ok({ items: [], next_cursor: 'same' }));
    const error = await failure(client().listGroupConnections('g1'));
    expect(error.code).toBe('CursorLoop');
    expect(error.message).toBe('Fivetran API GET /groups/g1/connections returned the cursor "same" twice: pagination would never end.');
    expect(server.requests).toHaveLength(2);
  });

  it('fails when a cursor comes back after other pages (a cycle, not only a repeat in a row)', async () => {
    server.script(ok({ items: [connection('a')], next_cursor: 'p2' }), ok({ items: [connection('b')], next_cursor: 'p3' }), ok({ items: [connection('c')], next_cursor: 'p2' }));
    const error = await failure(client().listGroupConnections('g1'));
    expect(error.code).toBe('CursorLoop');
    expect(server.requests).toHaveLength(3);
  });
});

describe('listGroups', () => {
  it('reads every page of GET /groups and returns ids and names (null when absent)', async () => {
    server.script(ok({ items: [{ id: 'g1', name: 'warehouse', created_at: '2026-01-01T00:00:00Z' }], next_cursor: 'next' }), ok({ items: [{ id: 'g2' }] }));
    expect(await client().listGroups()).toEqual([
      { id: 'g1', name: 'warehouse' },
      { id: 'g2', name: null },
    ]);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/groups?limit=1000', 'GET /v1/groups?limit=1000&cursor=next']);
  });
});

describe('single resources', () => {
  it('getGroup returns the id and name (null when absent)', async () => {
    server.script(ok({ id: 'g1', name: 'warehouse' }), ok({ id: 'g2' }));
    expect(await client().getGroup('g1')).toEqual({ id: 'g1', name: 'warehouse' });
    expect(await client().getGroup('g2')).toEqual({ id: 'g2', name: null });
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/groups/g1', '/v1/groups/g2']);
  });

  it('triggerSync posts {"force":true} as JSON to /connections/{id}/sync', async () => {
    server.script({ status: 200, body: { code: 'Success', message: 'Sync has been successfully triggered for connection with id = c1' } });
    await client().triggerSync('c1', { force: true });
    const [request] = server.requests;
    expect(`${request?.method} ${request?.url}`).toBe('POST /v1/connections/c1/sync');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toBe('{"force":true}');
  });

  it('triggerSync sends force false by default', async () => {
    server.script({ status: 200, body: { code: 'Success' } });
    await client().triggerSync('c1');
    expect(server.requests[0]?.body).toBe('{"force":false}');
  });

  it('updateConnection patches only the given fields and returns the connection', async () => {
    server.script(ok(connection('c1', { schedule_type: 'manual' })));
    const updated = await client().updateConnection('c1', { schedule_type: 'manual' });
    expect(updated.schedule_type).toBe('manual');
    expect(`${server.requests[0]?.method} ${server.requests[0]?.path}`).toBe('PATCH /v1/connections/c1');
    expect(server.requests[0]?.body).toBe('{"schedule_type":"manual"}');
  });
});

describe('webhooks', () => {
  it('createGroupWebhook posts url, events, active (default true) and secret', async () => {
    server.script(ok(webhook('w1')));
    const created = await client().createGroupWebhook('g1', { url: 'https://hooks.example.com/fivetran', events: ['sync_start', 'sync_end'], secret: 'whsec' });
    expect(created.id).toBe('w1');
    expect(`${server.requests[0]?.method} ${server.requests[0]?.path}`).toBe('POST /v1/webhooks/group/g1');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      url: 'https://hooks.example.com/fivetran',
      events: ['sync_start', 'sync_end'],
      active: true,
      secret: 'whsec',
    });
  });

  it('accepts a webhook answer without the data envelope (older API docs)', async () => {
    server.script({ status: 200, body: webhook('w1') });
    const created = await client().createGroupWebhook('g1', { url: 'https://x.example.com', events: ['sync_end'], secret: 's', active: false });
    expect(created.id).toBe('w1');
    expect(JSON.parse(server.requests[0]?.body ?? '').active).toBe(false);
  });

  it('listWebhooks follows the cursor', async () => {
    server.script(ok({ items: [webhook('w1')], next_cursor: 'n2' }), ok({ items: [webhook('w2')] }));
    const hooks = await client().listWebhooks();
    expect(hooks.map((h) => h.id)).toEqual(['w1', 'w2']);
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/webhooks', '/v1/webhooks?cursor=n2']);
  });

  it('testWebhook posts {"event":"sync_start"} by default and returns the data', async () => {
    server.script(ok({ succeeded: true, status: 200, message: 'OK' }), ok({ succeeded: false }));
    expect(await client().testWebhook('w1')).toEqual({ succeeded: true, status: 200, message: 'OK' });
    await client().testWebhook('w1', 'sync_end');
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
      'POST /v1/webhooks/w1/test {"event":"sync_start"}',
      'POST /v1/webhooks/w1/test {"event":"sync_end"}',
    ]);
  });

  it('deleteWebhook sends DELETE /webhooks/{id}', async () => {
    server.script({ status: 200, body: { code: 'Success', message: 'Webhook has been deleted' } });
    await client().deleteWebhook('w1');
    expect(`${server.requests[0]?.method} ${server.requests[0]?.path}`).toBe('DELETE /v1/webhooks/w1');
  });
});

describe('retries', () => {
  it('waits Retry-After seconds after a 429, then succeeds', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '7' }, body: { code: 'TooManyRequests', message: 'Rate limit exceeded' } }, ok(connection('c1')));
    const result = await client().getConnection('c1');
    expect(result.id).toBe('c1');
    expect(sleeps).toEqual([7000]);
    expect(retries).toEqual([{ method: 'GET', path: '/connections/c1', attempt: 1, delayMs: 7000, reason: '429 TooManyRequests' }]);
    expect(server.requests).toHaveLength(2);
  });

  it('reads Retry-After as an HTTP date relative to the injected clock', async () => {
    const now = Date.parse('2026-10-21T07:28:00Z');
    server.script({ status: 429, headers: { 'Retry-After': 'Wed, 21 Oct 2026 07:28:30 GMT' } }, ok(connection('c1')));
    await client({ now: () => now }).getConnection('c1');
    expect(sleeps).toEqual([30_000]);
  });

  it('backs off when a 429 has no Retry-After', async () => {
    server.script({ status: 429 }, ok(connection('c1')));
    await client().getConnection('c1');
    expect(sleeps).toEqual([250]);
  });

  it('gives up at once with the 429 when Retry-After is longer than maxRetryAfterMs', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '3600' }, body: { code: 'TooManyRequests', message: 'Rate limit exceeded' } });
    const error = await failure(client({ maxRetryAfterMs: 60_000 }).triggerSync('c1'));
    expect(sleeps).toEqual([]);
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      "Fivetran API POST /connections/c1/sync failed: 429 TooManyRequests: Rate limit exceeded: Fivetran's rate limit was reached " +
        'and Retry-After asks to wait 3600 s, longer than the 60 s this client waits (maxRetryAfterMs)',
    );
  });

  it('does not wait past retryUntil: the trigger fails with code OutOfTime and the last answer', async () => {
    const now = Date.parse('2026-10-21T07:28:00Z');
    const tooMany = { status: 429, headers: { 'Retry-After': '30' }, body: { code: 'TooManyRequests', message: 'Rate limit exceeded' } };
    server.script(tooMany, tooMany);
    const error = await failure(client({ now: () => now }).triggerSync('c1', { retryUntil: now + 29_000 }));
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 429, code: 'OutOfTime', retryable: true });
    expect(error.message).toMatch(/429 TooManyRequests: Rate limit exceeded.*not retried: the wait of 30 s would end past the caller's time limit/);
  });

  it('waits out a Retry-After that ends by retryUntil', async () => {
    const now = Date.parse('2026-10-21T07:28:00Z');
    server.script({ status: 429, headers: { 'Retry-After': '30' } }, { status: 200, body: { code: 'Success' } });
    await client({ now: () => now }).triggerSync('c1', { retryUntil: now + 30_000 });
    expect(sleeps).toEqual([30_000]);
  });

  it('retries 5xx with full-jitter exponential back-off under the cap', async () => {
    server.script({ status: 503 }, { status: 502, body: '<html>bad gateway</html>' }, ok(connection('c1')));
    // random 0.5: attempt 1 → half of 500; attempt 2 → half of min(700, 1000).
    await client({ maxBackoffMs: 700 }).getConnection('c1');
    expect(sleeps).toEqual([250, 350]);
    expect(retries.map((r) => r.reason)).toEqual(['503 Service Unavailable', '502 Bad Gateway']);
  });

  it('gives up after maxRetries with the last error', async () => {
    server.fallback(() => ({ status: 500, body: { code: 'InternalError', message: 'boom' } }));
    const error = await failure(client({ maxRetries: 2 }).getConnection('c1'));
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(error).toMatchObject({ status: 500, code: 'InternalError', retryable: true, attempts: 3 });
    expect(error.message).toBe('Fivetran API GET /connections/c1 failed: 500 InternalError: boom (gave up after 3 attempts)');
  });

  it.each([400, 401, 403, 404, 409])('never retries a %i', async (status) => {
    server.script({ status, body: { code: 'Nope', message: 'no' } });
    const error = await failure(client().getConnection('c1'));
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(false);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('errors', () => {
  it('a 404 names the call, the status, Fivetran code and message, with a hint', async () => {
    server.script({ status: 404, body: { code: 'NotFound_Group', message: 'Group "abc" not found' } });
    const error = await failure(client().listGroupConnections('abc'));
    expect(error).toMatchObject({ name: 'FivetranApiError', status: 404, code: 'NotFound_Group', method: 'GET', path: '/groups/abc/connections', retryable: false, attempts: 1 });
    expect(error.message).toBe(
      'Fivetran API GET /groups/abc/connections failed: 404 NotFound_Group: Group "abc" not found; check the id and that it belongs to the account of this API key',
    );
  });

  it('a 401 tells to check the key and secret', async () => {
    server.script({ status: 401, body: { code: 'AuthFailed', message: 'Invalid credentials' } });
    const error = await failure(client().getGroup('g1'));
    expect(error.message).toBe('Fivetran API GET /groups/g1 failed: 401 AuthFailed: Invalid credentials; check FIVETRAN_API_KEY and FIVETRAN_API_SECRET');
  });

  it('an unreachable API is status 0, retried, then reported with the base URL', async () => {
    const baseUrl = await closedPortBaseUrl();
    const error = await failure(client({ baseUrl, maxRetries: 2 }).listGroupConnections('g1'));
    expect(sleeps).toHaveLength(2);
    expect(error).toMatchObject({ status: 0, code: 'ECONNREFUSED', retryable: true, attempts: 3 });
    expect(error.message).toBe(
      `Could not reach the Fivetran API at ${baseUrl} (ECONNREFUSED): check FIVETRAN_API_URL and your network (GET /groups/g1/connections, gave up after 3 attempts)`,
    );
    expect(error.cause).toBeDefined();
  });

  it('a request without an answer times out per attempt and is retried', async () => {
    server.fallback(() => ({ hang: true }));
    const error = await failure(client({ requestTimeoutMs: 50, maxRetries: 1 }).getConnection('c1'));
    expect(server.requests).toHaveLength(2);
    expect(error).toMatchObject({ status: 0, code: 'Timeout', attempts: 2 });
    expect(error.message).toContain('(no answer within 50 ms): check FIVETRAN_API_URL');
  });

  it('an answer that fails its schema is an InvalidResponse error, not retried', async () => {
    server.script(ok(connection('c1', { paused: 'no' })));
    const error = await failure(client().getConnection('c1'));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 200, code: 'InvalidResponse', retryable: false });
    expect(error.message).toMatch(/^Fivetran API GET \/connections\/c1 returned a response this client does not understand \(data\.paused: .+\): is FIVETRAN_API_URL the Fivetran REST API v1\?$/);
  });

  it('a 2xx that is not JSON is an InvalidResponse error', async () => {
    server.script({ status: 200, body: '<html>login</html>' });
    const error = await failure(client().getGroup('g1'));
    expect(error.code).toBe('InvalidResponse');
    expect(error.message).toContain('(the body is not JSON)');
  });

  it('retries a proxy\'s HTML 502 page, then succeeds', async () => {
    server.script({ status: 502, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, ok(connection('c1')));
    expect((await client().getConnection('c1')).id).toBe('c1');
    expect(retries).toEqual([expect.objectContaining({ path: '/connections/c1', attempt: 1, reason: '502 Bad Gateway' })]);
  });

  it('a persistent HTML 502 names the endpoint, the status and that a proxy answered', async () => {
    server.fallback(() => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>502 Bad Gateway</html>' }));
    const error = await failure(client({ maxRetries: 2 }).listGroupConnections('g1'));
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 502, retryable: true, attempts: 3 });
    expect(error.message).toContain('GET /groups/g1/connections failed: 502 Bad Gateway (an HTML page: a proxy or gateway in front of the API answered, not Fivetran)');
    expect(error.message).toContain('gave up after 3 attempts');
  });

  it('an HTML page with a 200 is an InvalidResponse naming the endpoint', async () => {
    server.script({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Sign in</html>' });
    const error = await failure(client().listGroupConnections('g1'));
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false });
    expect(error.message).toContain('GET /groups/g1/connections returned a response this client does not understand (an HTML page, not JSON)');
  });

  it('retries an empty 200 body (an answer cut short), and names it when it persists', async () => {
    server.script({ status: 200, body: '' }, ok({ items: [connection('c1')], next_cursor: null }));
    expect((await client().listGroupConnections('g1')).map((c) => c.id)).toEqual(['c1']);
    server.fallback(() => ({ status: 200, body: '' }));
    const error = await failure(client({ maxRetries: 1 }).getConnection('c1'));
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: true, attempts: 2 });
    expect(error.message).toContain('GET /connections/c1 returned a response this client does not understand (the body is empty)');
  });

  it.each([
    ['no data', { code: 'Success' }, /\(data: /],
    ['no items', { code: 'Success', data: { next_cursor: null } }, /\(data\.items: /],
    ['a connection without id or status', { code: 'Success', data: { items: [{ ...connection('c1'), id: undefined, status: undefined }] } }, /data\.items\.0\.id: .*data\.items\.0\.status: /],
  ])('a list answer with %s is an InvalidResponse naming the endpoint and the field, not retried', async (_, body, field) => {
    server.script({ status: 200, body });
    const error = await failure(client().listGroupConnections('g1'));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false, method: 'GET', path: '/groups/g1/connections' });
    expect(error.message).toMatch(/^Fivetran API GET \/groups\/g1\/connections returned a response this client does not understand/);
    expect(error.message).toMatch(field);
  });

  it('keeps working after malformed answers: each call stands alone', async () => {
    const c = client({ maxRetries: 0 });
    server.script({ status: 200, body: { code: 'Success' } }, { status: 502, headers: { 'content-type': 'text/html' }, body: '<html></html>' }, ok(connection('c1')));
    await failure(c.getConnection('c1'));
    await failure(c.getConnection('c1'));
    expect((await c.getConnection('c1')).id).toBe('c1');
  });

  it('never shows the API secret or the Authorization header, even when the server echoes them', async () => {
    server.fallback((request) => ({ status: 401, body: { code: 'AuthFailed', message: `bad ${request.headers.authorization} for ${API_KEY}:${API_SECRET} (${API_SECRET})` } }));
    const errors = [
      await failure(client().getConnection('c1')),
      await failure(client({ baseUrl: await closedPortBaseUrl(), maxRetries: 0 }).getConnection('c1')),
    ];
    for (const error of errors) {
      const shown = `${error.message} ${String(error)} ${JSON.stringify(error)} ${error.stack ?? ''}`;
      expect(shown).not.toContain(API_SECRET);
      expect(shown).not.toContain(BASIC.slice('Basic '.length));
    }
    expect(errors[0]?.message).toContain('[redacted]');
  });
});

describe('cancellation', () => {
  it('an aborted signal fails before any request', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(client({ signal: controller.signal }).getConnection('c1'));
    expect(error).toMatchObject({ status: 0, code: 'Aborted', retryable: false });
    expect(server.requests).toHaveLength(0);
  });

  it('aborting during the wait between attempts stops the retries', async () => {
    const controller = new AbortController();
    server.fallback(() => ({ status: 503 }));
    const c = client({
      signal: controller.signal,
      sleep: async (_ms, signal) => {
        controller.abort();
        signal?.throwIfAborted();
      },
    });
    const error = await failure(c.getConnection('c1'));
    expect(error.code).toBe('Aborted');
    expect(error.message).toBe('Fivetran API GET /connections/c1 was cancelled.');
    expect(server.requests).toHaveLength(1);
  });

  it('aborting while a request is in flight cancels it', async () => {
    const controller = new AbortController();
    server.fallback(() => {
      controller.abort();
      return { hang: true };
    });
    const error = await failure(client({ signal: controller.signal }).getConnection('c1'));
    expect(error.code).toBe('Aborted');
    expect(server.requests).toHaveLength(1);
  });
});

describe('fivetranClientFromEnv', () => {
  it('names every missing variable', () => {
    expect(() => fivetranClientFromEnv({})).toThrow(
      new ConfigError('Environment variables required and not set: FIVETRAN_API_KEY, FIVETRAN_API_SECRET (a system key from Fivetran\'s Account Settings > General > System Keys, or your personal key from your user name > API Key: see docs/first-run.md).'),
    );
  });

  it('names only the missing one, counting blank values as missing', () => {
    expect(() => fivetranClientFromEnv({ FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: '  ' })).toThrow(
      /^Environment variable required and not set: FIVETRAN_API_SECRET /,
    );
    expect(() => fivetranClientFromEnv({ FIVETRAN_API_SECRET: 's' })).toThrow(/not set: FIVETRAN_API_KEY /);
  });

  it('uses FIVETRAN_API_URL, else the public API', () => {
    expect(fivetranClientFromEnv({ FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's' }).baseUrl).toBe('https://api.fivetran.com/v1');
    expect(fivetranClientFromEnv({ FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's', FIVETRAN_API_URL: 'http://127.0.0.1:9/v1/' }).baseUrl).toBe('http://127.0.0.1:9/v1');
  });

  it('lets overrides win over the environment', async () => {
    server.script(ok(connection('c1')));
    const c = fivetranClientFromEnv(
      { FIVETRAN_API_KEY: 'other', FIVETRAN_API_SECRET: 'other', FIVETRAN_API_URL: 'http://127.0.0.1:9/v1' },
      { apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: server.baseUrl },
    );
    await c.getConnection('c1');
    expect(server.requests[0]?.headers.authorization).toBe(BASIC);
  });

  it('rejects a base URL that is not http(s), and never echoes one with credentials', () => {
    expect(() => fivetranClientFromEnv({ FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's', FIVETRAN_API_URL: 'ftp://x' })).toThrow(ConfigError);
    let message = '';
    try {
      fivetranClientFromEnv({ FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's', FIVETRAN_API_URL: 'https://user:pa55word@example.com/v1' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('The Fivetran API URL must not contain credentials: check FIVETRAN_API_URL.');
  });
});

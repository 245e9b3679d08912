/**
 * A Fivetran REST API (v1) + webhook simulator on 127.0.0.1, faithful to the documented API, for
 * integration tests, benchmarks and the CLI demo. `startSimulator` listens; `close()` stops it all.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { messageOf } from '../core/errors.js';
import { SimulatedAccount, SimulatedApiError } from './account.js';
import type { SimulatedConnectionState, SimulatorStats, SyncEventListener } from './account.js';
import { MAX_PAGE_SIZE, normalizeOptions } from './scenario.js';
import type { NormalizedOptions, SimulatorOptions } from './scenario.js';

export { demoGroup } from './demo.js';
export type { SimulatedConnectionState, SimulatorStats } from './account.js';
export type { SimulatedConnection, SimulatorOptions } from './scenario.js';

/** A running simulator. Every method is safe to call from tests while syncs run. */
export interface Simulator {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Stops timers, pending deliveries and the server (open client connections are cut). */
  close(): Promise<void>;
  /** The API view: the same JSON `GET /connections/{id}` returns in `data`. Throws on an unknown id. */
  connection(id: string): SimulatedConnectionState;
  /** The next `count` API requests (after authentication) get 429 with `Retry-After: retryAfterSeconds`. */
  throttleNext(count: number, retryAfterSeconds: number): void;
  /**
   * Finishes the running sync now (status default SUCCESSFUL, time default now). With no sync
   * running it sends a `sync_end` for a fresh sync id: a stale or early event.
   */
  finishSync(id: string, at?: string, status?: 'SUCCESSFUL' | 'FAILURE'): void;
  /**
   * Delivers an arbitrary event once (no faults, no retries, not counted in stats) to `url` or to
   * every active webhook, signed with `secret` or the webhook's own, or with `signature` verbatim.
   * Resolves with the receiver's status (the first non-2xx when several); rejects when unreachable.
   */
  sendWebhook(body: object, options?: { url?: string; secret?: string; signature?: string }): Promise<number>;
  /** Live counters (the same object, updated in place). */
  readonly stats: SimulatorStats;
  on(event: 'sync_started' | 'sync_ended', listener: SyncEventListener): void;
  /** Resolves when no sync runs, no automatic resume is due and no delivery is pending. */
  idle(): Promise<void>;
}

type Reply = { status: number; body: unknown };
type Handler = (req: { params: string[]; query: URLSearchParams; body: unknown }) => Reply | Promise<Reply>;
type Route = { method: string; pattern: RegExp; name: string; handle: Handler };

const success = (data: unknown): Reply => ({ status: 200, body: { code: 'Success', data } });
const invalid = (message: string): SimulatedApiError => new SimulatedApiError(400, 'InvalidInput', message);

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  throw invalid(`Invalid request body: ${problems}`);
}

const webhookUrl = z.string().refine((u) => {
  try {
    return ['http:', 'https:'].includes(new URL(u).protocol);
  } catch {
    return false;
  }
}, 'must be an http(s) URL');
const events = z.array(z.string().min(1)).min(1);
// Fivetran requires HTTPS; the simulator also takes http so loopback receivers work.
const CreateWebhookBody = z.object({
  url: webhookUrl,
  events,
  active: z.boolean().default(true),
  secret: z.string().nullish(),
});
const UpdateWebhookBody = z.object({ url: webhookUrl.optional(), events: events.optional(), active: z.boolean().optional(), secret: z.string().nullish() });
const SyncBody = z.object({ force: z.boolean().optional() });
const UpdateConnectionBody = z.object({
  paused: z.boolean().optional(),
  schedule_type: z.enum(['auto', 'manual']).optional(),
  sync_frequency: z.number().int().positive().optional(),
});
const TestWebhookBody = z.object({ event: z.string().min(1).default('sync_start') });

/** Cursor pagination as Fivetran does it: `limit` 1..1000, an opaque `next_cursor` absent on the last page. */
function paginate<T>(items: readonly T[], query: URLSearchParams, pageSizeDefault: number): { items: T[]; next_cursor?: string } {
  const limitText = query.get('limit');
  let limit = pageSizeDefault;
  if (limitText !== null) {
    limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) throw invalid(`Invalid limit '${limitText}': it must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  const cursor = query.get('cursor');
  let offset = 0;
  if (cursor) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match) throw invalid(`Invalid cursor '${cursor}'`);
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + limit);
  const next = offset + limit;
  return next < items.length ? { items: page, next_cursor: Buffer.from(`offset:${next}`).toString('base64url') } : { items: page };
}

function createRoutes(account: SimulatedAccount, options: NormalizedOptions): Route[] {
  const route = (method: string, path: string, handle: Handler): Route => {
    // `{id}` segments capture one path segment; `connections` also answers on the legacy `connectors`.
    const source = path.replace(/\{[a-z_]+\}/g, '([^/]+)').replace(/connections/g, 'connect(?:ion|or)s');
    return { method, pattern: new RegExp(`^${source}$`), name: `${method} ${path}`, handle };
  };
  const param = (params: string[], i: number): string => params[i] ?? '';
  return [
    route('GET', '/groups', ({ query }) => success(paginate(account.groupList(), query, options.pageSizeDefault))),
    route('GET', '/groups/{id}', ({ params }) => success(account.group(param(params, 0)))),
    route('GET', '/groups/{id}/connections', ({ params, query }) =>
      success(paginate(account.groupConnections(param(params, 0)), query, options.pageSizeDefault)),
    ),
    route('GET', '/connections/{id}', ({ params }) => success(account.connection(param(params, 0)))),
    route('PATCH', '/connections/{id}', ({ params, body }) =>
      success(account.update(param(params, 0), parseBody(UpdateConnectionBody, body))),
    ),
    route('POST', '/connections/{id}/sync', ({ params, body }) => {
      const id = param(params, 0);
      account.trigger(id, parseBody(SyncBody, body).force ?? false);
      return { status: 200, body: { code: 'Success', message: `Sync has been successfully triggered for connection with id = ${id}` } };
    }),
    route('POST', '/webhooks/group/{id}', async ({ params, body }) => {
      const b = parseBody(CreateWebhookBody, body);
      return success(await account.createWebhook('group', param(params, 0), { ...b, secret: b.secret ?? null }));
    }),
    route('POST', '/webhooks/account', async ({ body }) => {
      const b = parseBody(CreateWebhookBody, body);
      return success(await account.createWebhook('account', null, { ...b, secret: b.secret ?? null }));
    }),
    route('GET', '/webhooks', ({ query }) => success(paginate(account.webhookList(), query, options.pageSizeDefault))),
    route('GET', '/webhooks/{id}', ({ params }) => success(account.webhook(param(params, 0)))),
    route('PATCH', '/webhooks/{id}', async ({ params, body }) =>
      success(await account.updateWebhook(param(params, 0), parseBody(UpdateWebhookBody, body))),
    ),
    route('DELETE', '/webhooks/{id}', ({ params }) => {
      const id = param(params, 0);
      account.deleteWebhook(id);
      return { status: 200, body: { code: 'Success', message: `Webhook with id '${id}' has been deleted` } };
    }),
    route('POST', '/webhooks/{id}/test', async ({ params, body }) =>
      success(await account.testWebhook(param(params, 0), parseBody(TestWebhookBody, body).event)),
    ),
  ];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) reject(new SimulatedApiError(413, 'PayloadTooLarge', 'Request body over 1 MB'));
      else chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/**
 * Starts the simulator on 127.0.0.1 (a free port). Validates `options` first and throws a
 * `ConfigError` naming every problem. Basic auth with `apiKey:apiSecret` is required on every route.
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const config = normalizeOptions(options);
  const account = new SimulatedAccount(config);
  const stats = account.stats;
  const routes = createRoutes(account, config);
  const expectedAuth = `Basic ${Buffer.from(`${config.apiKey}:${config.apiSecret}`).toString('base64')}`;
  let throttleCount = 0;
  let throttleSeconds = 1;
  let window = { start: -Infinity, used: 0 };

  const send = (res: ServerResponse, reply: Reply, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  };
  const error = (status: number, code: string, message: string): Reply => ({ status, body: { code, message } });

  /** Fixed window; only admitted requests count. Returns the headers to send, and whether to throttle. */
  const rateLimit = (): { headers: Record<string, string>; retryAfter: number | null } => {
    const limit = config.rateLimit;
    if (throttleCount > 0) {
      throttleCount--;
      return { headers: { 'X-Rate-Limit-Remaining': '0' }, retryAfter: throttleSeconds };
    }
    if (!limit) return { headers: {}, retryAfter: null };
    const now = config.now();
    if (now - window.start >= limit.windowMs) window = { start: now, used: 0 };
    const headers = { 'X-Rate-Limit': String(limit.limit) };
    if (window.used >= limit.limit) {
      const retryAfter = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000));
      return { headers: { ...headers, 'X-Rate-Limit-Remaining': '0' }, retryAfter };
    }
    window.used++;
    return { headers: { ...headers, 'X-Rate-Limit-Remaining': String(limit.limit - window.used) }, retryAfter: null };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const inV1 = path.startsWith('/v1/');
    const subPath = inV1 ? path.slice(3) : path;
    let params: string[] = [];
    const matched = inV1
      ? routes.find((r) => {
          if (r.method !== method) return false;
          const m = r.pattern.exec(subPath);
          if (m) params = m.slice(1).map((p) => decodeURIComponent(p));
          return m !== null;
        })
      : undefined;
    const routeName = matched?.name ?? 'unknown';
    stats.requestsByRoute[routeName] = (stats.requestsByRoute[routeName] ?? 0) + 1;

    if (req.headers.authorization !== expectedAuth) {
      req.resume();
      return send(res, error(401, 'AuthFailed', 'Missing or invalid API key/secret: use HTTP Basic auth with base64(api_key:api_secret)'), {
        'WWW-Authenticate': 'Basic realm="Fivetran API"',
      });
    }
    const limit = rateLimit();
    if (limit.retryAfter !== null) {
      stats.throttled++;
      req.resume();
      return send(res, error(429, 'TooManyRequests', 'Rate limit exceeded: retry after the Retry-After delay'), {
        ...limit.headers,
        'Retry-After': String(limit.retryAfter),
      });
    }
    if (!matched) {
      req.resume();
      return send(res, error(404, 'NotFound', `No route for ${method} ${url.pathname}`), limit.headers);
    }
    try {
      const text = await readBody(req);
      let body: unknown = undefined;
      if (text.trim().length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          throw invalid('The request body is not valid JSON');
        }
      }
      send(res, await matched.handle({ params, query: url.searchParams, body }), limit.headers);
    } catch (e) {
      if (e instanceof SimulatedApiError) return send(res, error(e.status, e.code, e.message), limit.headers);
      send(res, error(500, 'InternalError', messageOf(e)), limit.headers);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, error(500, 'InternalError', messageOf(e)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    stats,
    close() {
      closing ??= new Promise<void>((resolve) => {
        account.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    connection: (id) => account.connection(id),
    throttleNext(count, retryAfterSeconds) {
      throttleCount = Math.max(0, Math.floor(count));
      throttleSeconds = retryAfterSeconds;
    },
    finishSync: (id, at, status) => account.finishSync(id, at, status),
    sendWebhook: (body, opts) => account.sendWebhook(body, opts),
    on: (event, listener) => account.on(event, listener),
    idle: () => account.idle(),
  };
}

/**
 * The Fivetran REST API client (v1, the `/connections` paths). It reads every page, checks each
 * answer against a schema, and retries: honouring `Retry-After` on 429, backing off on 5xx/network.
 */
import { STATUS_CODES } from 'node:http';
import * as z from '../schema.js';
import { clean } from '../env.js';
import { ConfigError } from '../errors.js';
import { FivetranApiError, FivetranClientCode } from './errors.js';
import { nodeHttpFetch } from './node-http-fetch.js';
import { abortableSleep, backoffDelay, parseRetryAfter } from './retry.js';
import { ConnectionSchema, WebhookSchema } from './types.js';
import type { Connection, Webhook } from './types.js';

export { FivetranApiError } from './errors.js';

export const DEFAULT_FIVETRAN_BASE_URL = 'https://api.fivetran.com/v1';
/** Sent as `Accept`: version 2 of the response shapes (the `/connections` field names). */
export const FIVETRAN_ACCEPT = 'application/json;version=2';
export const FIVETRAN_USER_AGENT = 'fivetran-dbt-orchestrator';
/** Fivetran's largest `limit` for list endpoints. */
export const MAX_PAGE_SIZE = 1000;

const DEFAULTS = {
  maxRetries: 6,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 15 * 60_000,
  requestTimeoutMs: 30_000,
} as const;

export type RetryInfo = { method: string; path: string; attempt: number; delayMs: number; reason: string };

export type FivetranClientOptions = {
  apiKey: string;
  apiSecret: string;
  /** @default 'https://api.fivetran.com/v1'; a trailing slash is tolerated. */
  baseUrl?: string;
  /** @default node:http/https with keep-alive (./node-http-fetch.ts): less than half the CPU per request of the global `fetch`. */
  fetch?: typeof fetch;
  /** Waits between attempts; must reject (or return early) when `signal` aborts. @default a timer */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
  /** Clock for `Retry-After` HTTP-dates, epoch ms. @default Date.now */
  now?: () => number;
  /** Retries after the first attempt, so at most `maxRetries + 1` requests. @default 6 */
  maxRetries?: number;
  /** Cap of the exponential back-off (base 500 ms, full jitter). @default 30_000 */
  maxBackoffMs?: number;
  /**
   * Longest `Retry-After` honoured; a 429 asking for more fails at once with the 429 error
   * (so a run is not parked for an hour on a trial account's quota). @default 15 minutes
   */
  maxRetryAfterMs?: number;
  /** Per attempt, including reading the body. @default 30_000 */
  requestTimeoutMs?: number;
  /** Cancels requests and the waits between them; the call then fails with code `Aborted`. */
  signal?: AbortSignal;
  /** Called before each wait for a retry (for logs and metrics). */
  onRetry?: (info: RetryInfo) => void;
  /** Items per page for list calls that do not pass their own. @default 1000 */
  pageSize?: number;
};

export type FivetranGroup = { id: string; name: string | null };

export interface FivetranClient {
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
  /** Every connection of the group, reading all pages. `pageSize` 1..1000, default 1000. */
  listGroupConnections(groupId: string, options?: { pageSize?: number }): Promise<Connection[]>;
  getConnection(connectionId: string): Promise<Connection>;
  getGroup(groupId: string): Promise<FivetranGroup>;
  /** Every group (destination) of the account, reading all pages: `GET /groups`. */
  listGroups(): Promise<FivetranGroup[]>;
  /**
   * `POST /connections/{id}/sync` with `{"force": force}` (default false: a connection that is
   * already syncing keeps its sync; true stops it and starts again). A 5xx is retried, so with
   * `force` a sync may be restarted twice. With `retryUntil` (epoch ms), a retry whose wait would
   * end after it is not made: the call fails with code `OutOfTime` (an attempt in flight is never
   * cut short, so the caller knows whether the last request was answered).
   */
  triggerSync(connectionId: string, options?: { force?: boolean; retryUntil?: number }): Promise<void>;
  /** `PATCH /connections/{id}`; only the fields given are sent. Returns the updated connection. */
  updateConnection(connectionId: string, patch: { schedule_type?: 'auto' | 'manual'; paused?: boolean }): Promise<Connection>;
  /** `active` defaults to true. Fivetran posts a test payload to `url` and refuses unless it answers 2xx. */
  createGroupWebhook(groupId: string, webhook: { url: string; events: string[]; secret: string; active?: boolean }): Promise<Webhook>;
  /** Every webhook of the account (group and account webhooks), reading all pages. */
  listWebhooks(): Promise<Webhook[]>;
  /** Asks Fivetran to send a test `event` (default `sync_start`); returns the answer's `data` (or the body). */
  testWebhook(webhookId: string, event?: string): Promise<unknown>;
  deleteWebhook(webhookId: string): Promise<void>;
  /** `PATCH /webhooks/{id}`: points a webhook at a new URL or secret, or (de)activates it; only the fields given are sent. */
  updateWebhook(webhookId: string, patch: { url?: string; events?: string[]; secret?: string; active?: boolean }): Promise<Webhook>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

type Call<T> = {
  method: Method;
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Null: the answer's body is not read beyond the status. */
  schema: z.ZodMiniType<T> | null;
  /** Epoch ms: no retry whose wait would end after it. */
  retryUntil?: number;
};

/** Why one attempt failed; turned into a `FivetranApiError` only when the client gives up. */
type Failure = {
  status: number;
  code: string | null;
  retryable: boolean;
  /** The message without the attempts suffix. */
  message: string;
  /** For `onRetry`: `503 Service Unavailable`, `ECONNREFUSED`, ... */
  reason: string;
  retryAfterMs: number | null;
  cause?: unknown;
  /** A 429 whose Retry-After is too long to honour: builds the message that says so. */
  tooLongMessage?: (retryAfterMs: number) => string;
};

type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Failure } | { ok: false; aborted: true; cause: unknown };

// `data` envelope of every Fivetran answer; webhook answers are also accepted bare (older docs).
function enveloped<T>(schema: z.ZodMiniType<T>): z.ZodMiniType<T> {
  return z.pipe(
    z.looseObject({ data: schema }),
    z.transform((body) => body.data as T),
  );
}

function maybeEnveloped<T>(schema: z.ZodMiniType<T>): z.ZodMiniType<T> {
  return z.pipe(
    z.transform((body: unknown) => (isRecord(body) && isRecord(body.data) ? body.data : body)),
    schema,
  );
}

function pageOf<T>(item: z.ZodMiniType<T>) {
  return z.looseObject({ items: z.array(item), next_cursor: z.nullish(z.string()) });
}

const ConnectionPageSchema = enveloped(pageOf(ConnectionSchema));
const ConnectionResponseSchema = enveloped(ConnectionSchema);
const GroupSchema = z.looseObject({ id: z.string(), name: z.nullish(z.string()) });
const GroupResponseSchema = enveloped(GroupSchema);
const GroupPageSchema = enveloped(pageOf(GroupSchema));
const toGroup = (group: z.infer<typeof GroupSchema>): FivetranGroup => ({ id: group.id, name: group.name ?? null });
const WebhookResponseSchema = maybeEnveloped(WebhookSchema);
const WebhookPageSchema = maybeEnveloped(pageOf(WebhookSchema));
const AnyBodySchema = z.pipe(
  z.unknown(),
  z.transform((body) => (isRecord(body) && 'data' in body ? body.data : body)),
);

/** Creates a client. Throws `ConfigError` for a missing key/secret, a bad base URL or bad limits. */
export function createFivetranClient(options: FivetranClientOptions): FivetranClient {
  const apiKey = options.apiKey;
  const apiSecret = options.apiSecret;
  if (typeof apiKey !== 'string' || apiKey === '') throw new ConfigError('The Fivetran API key is empty: set FIVETRAN_API_KEY.');
  if (typeof apiSecret !== 'string' || apiSecret === '') throw new ConfigError('The Fivetran API secret is empty: set FIVETRAN_API_SECRET.');
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? DEFAULT_FIVETRAN_BASE_URL);
  const maxRetries = nonNegative('maxRetries', options.maxRetries ?? DEFAULTS.maxRetries, true);
  const maxBackoffMs = nonNegative('maxBackoffMs', options.maxBackoffMs ?? DEFAULTS.maxBackoffMs);
  const maxRetryAfterMs = nonNegative('maxRetryAfterMs', options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs);
  const requestTimeoutMs = nonNegative('requestTimeoutMs', options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs);
  if (requestTimeoutMs === 0) throw new ConfigError('requestTimeoutMs must be greater than 0.');
  const fetchImpl: typeof fetch = options.fetch ?? nodeHttpFetch;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const { signal, onRetry } = options;

  const token = Buffer.from(`${apiKey}:${apiSecret}`, 'utf8').toString('base64');
  const baseHeaders: Record<string, string> = {
    Authorization: `Basic ${token}`,
    Accept: FIVETRAN_ACCEPT,
    'User-Agent': FIVETRAN_USER_AGENT,
  };
  const secrets = [`Basic ${token}`, token, `${apiKey}:${apiSecret}`, apiSecret];
  const redact = (text: string): string => secrets.reduce((out, s) => out.split(s).join('[redacted]'), text);

  function fail(call: Call<unknown>, failure: Failure, attempts: number, message = failure.message): FivetranApiError {
    // HTTP failures name the call up front; network ones name the base URL, so add the call here.
    const parts = [failure.status === 0 ? `${call.method} ${call.path}` : null, attempts > 1 ? `gave up after ${attempts} attempts` : null];
    const shown = parts.filter((p) => p !== null);
    const tail = shown.length > 0 ? ` (${shown.join(', ')})` : '';
    return new FivetranApiError(
      redact(message + tail),
      { status: failure.status, code: failure.code, method: call.method, path: call.path, retryable: failure.retryable, attempts },
      { cause: failure.cause },
    );
  }

  function cancelled(call: Call<unknown>, attempts: number, cause: unknown): FivetranApiError {
    return new FivetranApiError(
      `Fivetran API ${call.method} ${call.path} was cancelled.`,
      { status: 0, code: FivetranClientCode.aborted, method: call.method, path: call.path, retryable: false, attempts },
      { cause },
    );
  }

  async function attemptOnce<T>(call: Call<T>, url: string): Promise<Attempt<T>> {
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers = call.body === undefined ? baseHeaders : { ...baseHeaders, 'Content-Type': 'application/json' };
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: attemptSignal,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) return { ok: false, aborted: true, cause: signal.reason };
      if (timeout.aborted) {
        const detail = `no answer within ${requestTimeoutMs} ms`;
        return { ok: false, failure: unreachable(FivetranClientCode.timeout, detail, error) };
      }
      const code = networkCode(error);
      return { ok: false, failure: unreachable(code, code ?? describeError(error), error) };
    }
    if (!response.ok) return { ok: false, failure: httpFailure(call, response, text) };
    if (call.schema === null) return { ok: true, value: undefined as T };
    // An empty 2xx is an answer cut short on the way (a proxy, a reset): worth another attempt.
    if (text.trim() === '') return { ok: false, failure: { ...invalidResponse(call, response.status, 'the body is empty', null), retryable: true } };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      const detail = isHtml(response) ? 'an HTML page, not JSON' : 'the body is not JSON';
      return { ok: false, failure: invalidResponse(call, response.status, detail, cause) };
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) return { ok: false, failure: invalidResponse(call, response.status, formatIssues(parsed.error), parsed.error) };
    return { ok: true, value: parsed.data };
  }

  function unreachable(code: string | null, detail: string, cause: unknown): Failure {
    return {
      status: 0,
      code,
      retryable: true,
      message: `Could not reach the Fivetran API at ${baseUrl} (${detail}): check FIVETRAN_API_URL and your network`,
      reason: detail,
      retryAfterMs: null,
      cause,
    };
  }

  function httpFailure(call: Call<unknown>, response: Response, text: string): Failure {
    const status = response.status;
    const body = parseErrorBody(text);
    const label = body.code ?? (response.statusText || STATUS_CODES[status] || 'HTTP error');
    const from = body.code === null && isHtml(response) ? ' (an HTML page: a proxy or gateway in front of the API answered, not Fivetran)' : '';
    const head = `Fivetran API ${call.method} ${call.path} failed: ${status} ${label}${body.message ? `: ${body.message}` : ''}${from}`;
    const retryable = status === 429 || status === 408 || status >= 500;
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after'), now()) : null;
    const failure: Failure = { status, code: body.code, retryable, message: head + hintFor(status), reason: `${status} ${label}`, retryAfterMs };
    if (status === 429) {
      failure.tooLongMessage = (ms) =>
        `${head}: Fivetran's rate limit was reached and Retry-After asks to wait ${Math.ceil(ms / 1000)} s, ` +
        `longer than the ${Math.round(maxRetryAfterMs / 1000)} s this client waits (maxRetryAfterMs)`;
    }
    return failure;
  }

  async function send<T>(call: Call<T>): Promise<T> {
    const url = buildUrl(baseUrl, call.path, call.query);
    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted) throw cancelled(call, attempt - 1, signal.reason);
      const outcome = await attemptOnce(call, url);
      if (outcome.ok) return outcome.value;
      if ('aborted' in outcome) throw cancelled(call, attempt, outcome.cause);
      const failure = outcome.failure;
      if (!failure.retryable || attempt > maxRetries) throw fail(call, failure, attempt);
      let delayMs: number;
      if (failure.retryAfterMs !== null) {
        if (failure.retryAfterMs > maxRetryAfterMs) {
          throw fail(call, failure, attempt, failure.tooLongMessage?.(failure.retryAfterMs) ?? failure.message);
        }
        delayMs = failure.retryAfterMs;
      } else {
        delayMs = backoffDelay(attempt, { capMs: maxBackoffMs, random });
      }
      if (call.retryUntil !== undefined && now() + delayMs > call.retryUntil) {
        const message = `${failure.message}; not retried: the wait of ${Math.ceil(delayMs / 1000)} s would end past the caller's time limit`;
        throw fail(call, { ...failure, code: FivetranClientCode.outOfTime }, attempt, message);
      }
      onRetry?.({ method: call.method, path: call.path, attempt, delayMs, reason: redact(failure.reason) });
      try {
        await sleep(delayMs, signal);
      } catch (error) {
        if (signal?.aborted) throw cancelled(call, attempt, signal.reason);
        throw error;
      }
    }
  }

  async function readAllPages<T>(
    path: string,
    schema: z.ZodMiniType<{ items: T[]; next_cursor?: string | null | undefined }>,
    query: Record<string, string>,
  ): Promise<T[]> {
    const all: T[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await send({ method: 'GET', path, query: { ...query, cursor }, schema });
      all.push(...page.items);
      const next = page.next_cursor;
      if (next === null || next === undefined || next === '') return all;
      if (seen.has(next)) {
        throw new FivetranApiError(
          `Fivetran API GET ${path} returned the cursor "${next}" twice: pagination would never end.`,
          { status: 200, code: FivetranClientCode.cursorLoop, method: 'GET', path, retryable: false, attempts: 1 },
        );
      }
      seen.add(next);
      cursor = next;
    }
  }

  return {
    baseUrl,

    async listGroupConnections(groupId, listOptions) {
      const pageSize = listOptions?.pageSize ?? options.pageSize ?? MAX_PAGE_SIZE;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new ConfigError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}.`);
      }
      return readAllPages(`/groups/${segment('groupId', groupId)}/connections`, ConnectionPageSchema, { limit: String(pageSize) });
    },

    async getConnection(connectionId) {
      return send({ method: 'GET', path: `/connections/${segment('connectionId', connectionId)}`, schema: ConnectionResponseSchema });
    },

    async getGroup(groupId) {
      return toGroup(await send({ method: 'GET', path: `/groups/${segment('groupId', groupId)}`, schema: GroupResponseSchema }));
    },

    async listGroups() {
      const groups = await readAllPages('/groups', GroupPageSchema, { limit: String(options.pageSize ?? MAX_PAGE_SIZE) });
      return groups.map(toGroup);
    },

    async triggerSync(connectionId, triggerOptions) {
      const path = `/connections/${segment('connectionId', connectionId)}/sync`;
      const { force = false, retryUntil } = triggerOptions ?? {};
      await send({ method: 'POST', path, body: { force }, schema: null, ...(retryUntil === undefined ? {} : { retryUntil }) });
    },

    async updateConnection(connectionId, patch) {
      const path = `/connections/${segment('connectionId', connectionId)}`;
      return send({ method: 'PATCH', path, body: patch, schema: ConnectionResponseSchema });
    },

    async createGroupWebhook(groupId, webhook) {
      const path = `/webhooks/group/${segment('groupId', groupId)}`;
      const body = { url: webhook.url, events: webhook.events, active: webhook.active ?? true, secret: webhook.secret };
      return send({ method: 'POST', path, body, schema: WebhookResponseSchema });
    },

    async listWebhooks() {
      return readAllPages('/webhooks', WebhookPageSchema, {});
    },

    async testWebhook(webhookId, event) {
      const path = `/webhooks/${segment('webhookId', webhookId)}/test`;
      return send({ method: 'POST', path, body: { event: event ?? 'sync_start' }, schema: AnyBodySchema });
    },

    async updateWebhook(webhookId, patch) {
      return send({ method: 'PATCH', path: `/webhooks/${segment('webhookId', webhookId)}`, body: patch, schema: WebhookResponseSchema });
    },

    async deleteWebhook(webhookId) {
      await send({ method: 'DELETE', path: `/webhooks/${segment('webhookId', webhookId)}`, schema: null });
    },
  };
}

/**
 * A client configured from `FIVETRAN_API_KEY`, `FIVETRAN_API_SECRET` and (optional)
 * `FIVETRAN_API_URL`; `overrides` win over the environment. Values are trimmed. Throws
 * `ConfigError` naming every missing variable.
 */
export function fivetranClientFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<FivetranClientOptions> = {}): FivetranClient {
  const apiKey = overrides.apiKey ?? clean(env.FIVETRAN_API_KEY);
  const apiSecret = overrides.apiSecret ?? clean(env.FIVETRAN_API_SECRET);
  if (!apiKey || !apiSecret) {
    const missing = [apiKey ? null : 'FIVETRAN_API_KEY', apiSecret ? null : 'FIVETRAN_API_SECRET'].filter((n) => n !== null);
    throw new ConfigError(
      `Environment variable${missing.length > 1 ? 's' : ''} required and not set: ${missing.join(', ')} ` +
        '(a system key from Fivetran\'s Account Settings > General > System Keys, or your personal key from your user name > API Key: see docs/first-run.md).',
    );
  }
  const baseUrl = overrides.baseUrl ?? clean(env.FIVETRAN_API_URL) ?? DEFAULT_FIVETRAN_BASE_URL;
  return createFivetranClient({ ...overrides, apiKey, apiSecret, baseUrl });
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (cause) {
    throw new ConfigError(`The Fivetran API URL "${raw}" is not a URL: check FIVETRAN_API_URL.`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`The Fivetran API URL must be http(s), got "${url.protocol}": check FIVETRAN_API_URL.`);
  }
  // Never echo the URL here: it would carry the credentials.
  if (url.username || url.password) throw new ConfigError('The Fivetran API URL must not contain credentials: check FIVETRAN_API_URL.');
  if (url.search || url.hash) throw new ConfigError(`The Fivetran API URL "${raw}" must not have a query or fragment: check FIVETRAN_API_URL.`);
  return url.toString().replace(/\/+$/, '');
}

function nonNegative(name: string, value: number, integer = false): number {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${value}.`);
  }
  return value;
}

function segment(name: string, id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new ConfigError(`${name} must be a non-empty string.`);
  return encodeURIComponent(id);
}

function buildUrl(baseUrl: string, path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.append(key, value);
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseErrorBody(text: string): { code: string | null; message: string | null } {
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body)) {
      const code = typeof body.code === 'string' && body.code ? body.code : null;
      const message = typeof body.message === 'string' && body.message ? body.message : null;
      return { code, message };
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status says enough.
  }
  return { code: null, message: null };
}

function isHtml(response: Response): boolean {
  return /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
}

function hintFor(status: number): string {
  if (status === 401) return '; check FIVETRAN_API_KEY and FIVETRAN_API_SECRET';
  if (status === 403) return "; check FIVETRAN_API_KEY and FIVETRAN_API_SECRET, and that the key's role allows this";
  if (status === 404) return '; check the id and that it belongs to the account of this API key';
  if (status === 429) return "; Fivetran's rate limit was reached";
  return '';
}

function invalidResponse(call: Call<unknown>, status: number, detail: string, cause: unknown): Failure {
  return {
    status,
    code: FivetranClientCode.invalidResponse,
    retryable: false,
    message:
      `Fivetran API ${call.method} ${call.path} returned a response this client does not understand (${detail}): ` +
      'is FIVETRAN_API_URL the Fivetran REST API v1?',
    reason: 'invalid response',
    retryAfterMs: null,
    cause,
  };
}

function formatIssues(error: z.core.$ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** The system error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`) anywhere in the cause chain. */
function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    if (isRecord(current) || current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
      const errors = (current as { errors?: unknown }).errors;
      const next = (current as { cause?: unknown }).cause ?? (Array.isArray(errors) ? errors[0] : undefined);
      current = next;
    } else {
      break;
    }
  }
  return null;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/**
 * What a simulation is made of: the groups and connections it serves, the webhook faults it
 * injects and its limits. `normalizeOptions` fills the defaults and rejects impossible scenarios.
 */
import { ConfigError } from '../core/errors.js';

/** One connection the simulator serves, with how its syncs behave. */
export type SimulatedConnection = {
  id: string;
  /** Fivetran's schema name. @default the id */
  name?: string;
  /** @default 'postgres' */
  service?: string;
  /** @default false */
  paused?: boolean;
  /** A trigger on anything but `connected` answers 400. @default 'connected' */
  setupState?: 'connected' | 'broken' | 'incomplete';
  /** With `auto` the simulator resumes a rescheduled sync itself. @default 'manual' */
  scheduleType?: 'auto' | 'manual';
  /** @default 50 */
  syncDurationMs?: number;
  /**
   * How every sync ends. `rescheduled`: the first sync ends RESCHEDULED and the resumed one
   * succeeds. `failure`: every sync fails. @default 'success'
   */
  outcome?: 'success' | 'failure' | 'rescheduled';
  /** The failure's reason. @default 'Simulated sync failure' */
  failureReason?: string;
  /** With it a failure ends FAILURE_WITH_TASK (and the task's code is this), without it FAILURE. */
  taskType?: string;
  /** `rescheduled_for` = end of the rescheduled sync + this. @default 100 */
  rescheduleAfterMs?: number;
  /** Initial timestamps. @default succeeded one hour before the simulator started, never failed */
  succeededAt?: string | null;
  failedAt?: string | null;
};

export type SimulatedGroup = { id: string; name?: string; connections: SimulatedConnection[] };

export type WebhookFaults = {
  /** 0..1 chance that a delivery is sent more than once (2..`maxCopies` times). @default 0 */
  duplicateRate?: number;
  /** How many times a duplicated delivery is sent at most (at least 2). @default 2 */
  maxCopies?: number;
  /** 0..1 chance that a `sync_end` is never delivered. @default 0 */
  dropRate?: number;
  /** Extra delay before a delivery, drawn uniformly in [min, max] ms. @default [0, 0] */
  delayMs?: [number, number];
  /** Deliver each sync's `sync_start` after its `sync_end` (after the first attempt settles). @default false */
  reorder?: boolean;
  /**
   * With every real sync, also send events nobody waits for: a bystander connection's
   * `sync_start`/`sync_end` (an id no listing returns), and `status` and `edit_connector` for the
   * syncing connection. @default false
   */
  unrelatedEvents?: boolean;
  /** Redelivery back-off after a non-2xx answer or a network error; then give up. @default [50, 200, 1000] */
  retryDelaysMs?: number[];
  /** Per-attempt delivery timeout (Fivetran's is about 10 s). @default 10000 */
  timeoutMs?: number;
};

export type ApiFaults = {
  /** 0..1. @default 0 */
  throttleRate?: number;
  /** 0..1. @default 0 */
  errorRate?: number;
  /** @default 1 */
  retryAfterSeconds?: number;
};

export type SimulatorOptions = {
  groups: SimulatedGroup[];
  /** Basic credentials the API accepts; anything else gets 401. @default 'sim-key' / 'sim-secret' */
  apiKey?: string;
  apiSecret?: string;
  /** Seed for every random choice (ids, faults). @default 1 */
  seed?: number;
  webhooks?: WebhookFaults;
  /** A fixed window: over `limit` requests per `windowMs` → 429 with `Retry-After`. @default no limit */
  rateLimit?: { limit: number; windowMs: number; retryAfterSeconds?: number };
  /**
   * Seeded random API faults, drawn per request after authentication and before the request has
   * any effect: `throttleRate` of requests get 429 with `Retry-After: retryAfterSeconds`, then
   * `errorRate` of the others get 500/502/503. @default none
   */
  apiFaults?: ApiFaults;
  /** Page size when a list request has no `limit`. @default 100 (max 1000) */
  pageSizeDefault?: number;
  /** Clock for timestamps and rescheduling (timers still run in real time). @default Date.now */
  now?: () => number;
  /** Port on 127.0.0.1. @default 0 (any free port) */
  port?: number;
};

export type NormalizedConnection = Required<Omit<SimulatedConnection, 'taskType' | 'succeededAt' | 'failedAt'>> & {
  taskType: string | null;
  succeededAt: string | null;
  failedAt: string | null;
};

export type NormalizedOptions = {
  groups: { id: string; name: string; connections: NormalizedConnection[] }[];
  apiKey: string;
  apiSecret: string;
  seed: number;
  webhooks: Required<WebhookFaults>;
  rateLimit: { limit: number; windowMs: number; retryAfterSeconds: number | null } | null;
  apiFaults: Required<ApiFaults>;
  pageSizeDefault: number;
  now: () => number;
};

const DEFAULT_API_KEY = 'sim-key';
const DEFAULT_API_SECRET = 'sim-secret';
export const MAX_PAGE_SIZE = 1000;

const isRate = (n: unknown): boolean => typeof n === 'number' && n >= 0 && n <= 1;
const isDuration = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;
const isTimestamp = (s: unknown): boolean => s === null || (typeof s === 'string' && Number.isFinite(Date.parse(s)));

/** Fills defaults; throws one `ConfigError` naming every problem found. */
export function normalizeOptions(options: SimulatorOptions): NormalizedOptions {
  const problems: string[] = [];
  const now = options.now ?? Date.now;
  const hourAgo = new Date(now() - 3_600_000).toISOString();
  const seen = new Set<string>();
  const groupIds = new Set<string>();
  if (!Array.isArray(options.groups)) problems.push('groups must be an array');

  const groups = (options.groups ?? []).map((group, g) => {
    if (!group.id) problems.push(`groups[${g}].id is required`);
    if (groupIds.has(group.id)) problems.push(`group id "${group.id}" appears twice`);
    groupIds.add(group.id);
    const connections = (group.connections ?? []).map((c, i): NormalizedConnection => {
      const where = `groups[${g}].connections[${i}]`;
      if (!c.id) problems.push(`${where}.id is required`);
      if (seen.has(c.id)) problems.push(`connection id "${c.id}" appears twice`);
      seen.add(c.id);
      if (c.syncDurationMs !== undefined && !isDuration(c.syncDurationMs)) problems.push(`${where}.syncDurationMs must be >= 0`);
      if (c.rescheduleAfterMs !== undefined && !isDuration(c.rescheduleAfterMs)) problems.push(`${where}.rescheduleAfterMs must be >= 0`);
      if (c.succeededAt !== undefined && !isTimestamp(c.succeededAt)) problems.push(`${where}.succeededAt must be an ISO timestamp or null`);
      if (c.failedAt !== undefined && !isTimestamp(c.failedAt)) problems.push(`${where}.failedAt must be an ISO timestamp or null`);
      return {
        id: c.id,
        name: c.name ?? c.id,
        service: c.service ?? 'postgres',
        paused: c.paused ?? false,
        setupState: c.setupState ?? 'connected',
        scheduleType: c.scheduleType ?? 'manual',
        syncDurationMs: c.syncDurationMs ?? 50,
        outcome: c.outcome ?? 'success',
        failureReason: c.failureReason ?? 'Simulated sync failure',
        taskType: c.taskType ?? null,
        rescheduleAfterMs: c.rescheduleAfterMs ?? 100,
        succeededAt: c.succeededAt === undefined ? hourAgo : c.succeededAt,
        failedAt: c.failedAt ?? null,
      };
    });
    return { id: group.id, name: group.name ?? group.id, connections };
  });

  const w = options.webhooks ?? {};
  if (w.duplicateRate !== undefined && !isRate(w.duplicateRate)) problems.push('webhooks.duplicateRate must be in 0..1');
  if (w.dropRate !== undefined && !isRate(w.dropRate)) problems.push('webhooks.dropRate must be in 0..1');
  if (w.maxCopies !== undefined && !(Number.isInteger(w.maxCopies) && w.maxCopies >= 2)) problems.push('webhooks.maxCopies must be an integer >= 2');
  const delay = w.delayMs ?? [0, 0];
  if (!Array.isArray(delay) || delay.length !== 2 || !isDuration(delay[0]) || !isDuration(delay[1]) || delay[0] > delay[1]) {
    problems.push('webhooks.delayMs must be [min, max] with 0 <= min <= max');
  }
  const retryDelaysMs = w.retryDelaysMs ?? [50, 200, 1000];
  if (!Array.isArray(retryDelaysMs) || !retryDelaysMs.every(isDuration)) problems.push('webhooks.retryDelaysMs must be durations >= 0');
  if (w.timeoutMs !== undefined && !(isDuration(w.timeoutMs) && w.timeoutMs > 0)) problems.push('webhooks.timeoutMs must be > 0');

  const r = options.rateLimit;
  if (r && !(Number.isInteger(r.limit) && r.limit >= 0 && isDuration(r.windowMs) && r.windowMs > 0)) {
    problems.push('rateLimit needs an integer limit >= 0 and windowMs > 0');
  }
  const f = options.apiFaults ?? {};
  if (f.throttleRate !== undefined && !isRate(f.throttleRate)) problems.push('apiFaults.throttleRate must be in 0..1');
  if (f.errorRate !== undefined && !isRate(f.errorRate)) problems.push('apiFaults.errorRate must be in 0..1');
  if (f.retryAfterSeconds !== undefined && !isDuration(f.retryAfterSeconds)) problems.push('apiFaults.retryAfterSeconds must be >= 0');
  const pageSizeDefault = options.pageSizeDefault ?? 100;
  if (!Number.isInteger(pageSizeDefault) || pageSizeDefault < 1 || pageSizeDefault > MAX_PAGE_SIZE) {
    problems.push(`pageSizeDefault must be an integer in 1..${MAX_PAGE_SIZE}`);
  }
  if (options.seed !== undefined && !Number.isFinite(options.seed)) problems.push('seed must be a finite number');
  if (problems.length > 0) throw new ConfigError(`Invalid simulator options: ${problems.join('; ')}.`);

  return {
    groups,
    apiKey: options.apiKey ?? DEFAULT_API_KEY,
    apiSecret: options.apiSecret ?? DEFAULT_API_SECRET,
    seed: options.seed ?? 1,
    webhooks: {
      duplicateRate: w.duplicateRate ?? 0,
      maxCopies: w.maxCopies ?? 2,
      dropRate: w.dropRate ?? 0,
      delayMs: [delay[0], delay[1]],
      reorder: w.reorder ?? false,
      unrelatedEvents: w.unrelatedEvents ?? false,
      retryDelaysMs: [...retryDelaysMs],
      timeoutMs: w.timeoutMs ?? 10_000,
    },
    rateLimit: r ? { limit: r.limit, windowMs: r.windowMs, retryAfterSeconds: r.retryAfterSeconds ?? null } : null,
    apiFaults: { throttleRate: f.throttleRate ?? 0, errorRate: f.errorRate ?? 0, retryAfterSeconds: f.retryAfterSeconds ?? 1 },
    pageSizeDefault,
    now,
  };
}

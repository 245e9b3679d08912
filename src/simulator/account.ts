/**
 * The simulated Fivetran account behind the HTTP API: groups, connections and their syncs,
 * registered webhooks and the events they receive (with the scenario's seeded faults).
 */
import { EventEmitter } from 'node:events';
import { HttpError, messageOf } from '../core/errors.js';
import { createRandom, deriveSeed, fivetranStyleId } from './random.js';
import type { NormalizedConnection, NormalizedOptions } from './scenario.js';
import { createDeliveryQueue } from './webhook-delivery.js';
import type { DeliveryQueue } from './webhook-delivery.js';

/** An API error: the HTTP status plus Fivetran's `code` for the JSON body. */
export class SimulatedApiError extends HttpError {
  override readonly name = 'SimulatedApiError';
  constructor(
    status: number,
    readonly code: string,
    message: string,
  ) {
    super(status, message);
  }
}

export type SyncState = 'scheduled' | 'syncing' | 'paused' | 'rescheduled';

/** A connection as `GET /connections/{id}` returns it in `data`. */
export type SimulatedConnectionState = {
  id: string;
  group_id: string;
  service: string;
  service_version: number;
  schema: string;
  created_at: string;
  paused: boolean;
  pause_after_trial: boolean;
  schedule_type: 'auto' | 'manual';
  sync_frequency: number;
  succeeded_at: string | null;
  failed_at: string | null;
  /** Present only while `status.sync_state` is `rescheduled`. */
  rescheduled_for?: string;
  status: {
    setup_state: 'connected' | 'broken' | 'incomplete';
    sync_state: SyncState;
    update_state: 'on_schedule';
    is_historical_sync: false;
    tasks: { code: string; message: string }[];
    warnings: { code: string; message: string }[];
  };
};

/** A webhook as the API returns it; the secret is masked as Fivetran does. */
export type SimulatedWebhookView = {
  id: string;
  type: 'group' | 'account';
  group_id?: string;
  url: string;
  events: string[];
  active: boolean;
  secret?: string;
  created_at: string;
  created_by: string;
};

export type SimulatorStats = {
  requests: number;
  requestsByRoute: Record<string, number>;
  /** Accepted (200) sync triggers per connection id, including those that started nothing. */
  triggers: Record<string, number>;
  throttled: number;
  /** Deliveries answered 2xx (each copy of a duplicate counts). */
  webhooksDelivered: number;
  /** `sync_end` deliveries lost on purpose (`dropRate`). */
  webhooksDropped: number;
  /** Deliveries given up after every retry. */
  deliveriesFailed: number;
};

export type SyncEventListener = (e: { connectionId: string; syncId: string; status?: string }) => void;

type Running = { syncId: string; end: Cancellable };
type Cancellable = { cancel(): void };

type ConnectionState = {
  spec: NormalizedConnection;
  groupId: string;
  createdAt: string;
  paused: boolean;
  scheduleType: 'auto' | 'manual';
  syncFrequency: number;
  succeededAt: string | null;
  failedAt: string | null;
  tasks: { code: string; message: string }[];
  running: Running | null;
  rescheduledFor: number | null;
  resume: Cancellable | null;
  syncsStarted: number;
  rescheduledOnce: boolean;
};

/**
 * What a sync's end records on the connection: the time to store in `succeeded_at` (tasks
 * cleared) or in `failed_at` (with the failure task's message), or nothing (rescheduled).
 */
type EndRecord = { succeededAt: string } | { failedAt: string; reason: string } | null;

type WebhookState = {
  id: string;
  type: 'group' | 'account';
  groupId: string | null;
  url: string;
  events: string[];
  active: boolean;
  secret: string | null;
  createdAt: string;
};

/** Who an event is about: a real connection or a bystander only webhooks ever hear of. */
type EventSource = { id: string; groupId: string; service: string; schema: string };

type HeldStart = { webhookId: string; release: (after?: Promise<unknown>) => void };

const iso = (ms: number): string => new Date(ms).toISOString();
const later = (a: string | null, b: string): string => (a !== null && Date.parse(a) >= Date.parse(b) ? a : b);

/** The payload Fivetran POSTs when a webhook is created or activated. */
function creationTestPayload(created: string): Record<string, unknown> {
  return {
    event: 'test_event',
    created,
    connector_type: '_connector_type',
    connector_id: '_connector_1',
    group_id: '_destination_1',
  };
}

export class SimulatedAccount {
  readonly stats: SimulatorStats = {
    requests: 0,
    requestsByRoute: {},
    triggers: {},
    throttled: 0,
    webhooksDelivered: 0,
    webhooksDropped: 0,
    deliveriesFailed: 0,
  };

  private readonly groups = new Map<string, { id: string; name: string; connectionIds: string[] }>();
  private readonly connections = new Map<string, ConnectionState>();
  private readonly webhooks = new Map<string, WebhookState>();
  private readonly events = new EventEmitter();
  private readonly deliveries: DeliveryQueue;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly heldStarts = new Map<string, HeldStart[]>();
  private readonly idleWaiters: (() => void)[] = [];
  private pending = 0;
  private webhooksCreated = 0;
  private eventsSent = 0;
  private closed = false;
  private readonly createdAt: string;

  constructor(private readonly options: NormalizedOptions) {
    this.deliveries = createDeliveryQueue({
      retryDelaysMs: options.webhooks.retryDelaysMs,
      timeoutMs: options.webhooks.timeoutMs,
      onDelivered: () => this.stats.webhooksDelivered++,
      onGaveUp: () => this.stats.deliveriesFailed++,
    });
    this.events.setMaxListeners(0);
    this.createdAt = iso(options.now() - 30 * 86_400_000);
    for (const group of options.groups) {
      this.groups.set(group.id, { id: group.id, name: group.name, connectionIds: group.connections.map((c) => c.id) });
      for (const spec of group.connections) {
        this.connections.set(spec.id, {
          spec,
          groupId: group.id,
          createdAt: spec.succeededAt ?? iso(options.now() - 86_400_000),
          paused: spec.paused,
          scheduleType: spec.scheduleType,
          syncFrequency: 360,
          succeededAt: spec.succeededAt,
          failedAt: spec.failedAt,
          tasks: [],
          running: null,
          rescheduledFor: null,
          resume: null,
          syncsStarted: 0,
          rescheduledOnce: false,
        });
      }
    }
  }

  // ---- reads -------------------------------------------------------------------------------

  group(id: string): { id: string; name: string } {
    const group = this.groups.get(id);
    if (!group) throw new SimulatedApiError(404, 'NotFound_Group', `Group with id '${id}' doesn't exist`);
    return { id: group.id, name: group.name };
  }

  /** Every group, in creation order, as `GET /groups` lists them. */
  groupList(): { id: string; name: string; created_at: string }[] {
    return [...this.groups.values()].map((g) => ({ id: g.id, name: g.name, created_at: this.createdAt }));
  }

  groupConnections(groupId: string): SimulatedConnectionState[] {
    this.group(groupId);
    return (this.groups.get(groupId)?.connectionIds ?? []).map((id) => this.connection(id));
  }

  connection(id: string): SimulatedConnectionState {
    const c = this.state(id);
    const syncState = this.syncState(c);
    return {
      id: c.spec.id,
      group_id: c.groupId,
      service: c.spec.service,
      service_version: 1,
      schema: c.spec.name,
      created_at: c.createdAt,
      paused: c.paused,
      pause_after_trial: false,
      schedule_type: c.scheduleType,
      sync_frequency: c.syncFrequency,
      succeeded_at: c.succeededAt,
      failed_at: c.failedAt,
      ...(syncState === 'rescheduled' && c.rescheduledFor !== null ? { rescheduled_for: iso(c.rescheduledFor) } : {}),
      status: {
        setup_state: c.spec.setupState,
        sync_state: syncState,
        update_state: 'on_schedule',
        is_historical_sync: false,
        tasks: c.tasks.map((t) => ({ ...t })),
        warnings: [],
      },
    };
  }

  webhookList(): SimulatedWebhookView[] {
    return [...this.webhooks.values()].map((w) => this.webhookView(w));
  }

  webhook(id: string): SimulatedWebhookView {
    return this.webhookView(this.webhookState(id));
  }

  // ---- connection commands -----------------------------------------------------------------

  /**
   * `POST /connections/{id}/sync`. Paused → 409 `Conflict`; setup not `connected` → 400
   * `InvalidState`. While rescheduled, a trigger before `rescheduled_for` starts nothing, even with
   * force; at or after it the sync resumes.
   */
  trigger(id: string, force: boolean): void {
    const c = this.state(id);
    if (c.paused) {
      throw new SimulatedApiError(409, 'Conflict', `Connection with id = ${id} is paused: unpause it before triggering a sync`);
    }
    if (c.spec.setupState !== 'connected') {
      throw new SimulatedApiError(400, 'InvalidState', `Connection with id = ${id} has setup_state '${c.spec.setupState}': fix its setup first`);
    }
    this.stats.triggers[id] = (this.stats.triggers[id] ?? 0) + 1;
    const stopped = c.running;
    if (stopped) {
      if (!force) return;
      this.cancelRunning(c);
      this.releaseHeldStarts(stopped.syncId, new Map());
      this.startSync(c);
      return;
    }
    if (c.rescheduledFor !== null && this.options.now() < c.rescheduledFor) return;
    this.startSync(c);
  }

  /** `PATCH /connections/{id}`: `paused`, `schedule_type`, `sync_frequency`. A running sync is not stopped by pausing. */
  update(id: string, patch: { paused?: boolean; schedule_type?: 'auto' | 'manual'; sync_frequency?: number }): SimulatedConnectionState {
    const c = this.state(id);
    const source = this.sourceOf(c);
    const created = iso(this.options.now());
    if (patch.paused !== undefined && patch.paused !== c.paused) {
      c.paused = patch.paused;
      this.emitEvent(source, c.paused ? 'pause_connector' : 'resume_connector', created, null);
    }
    if (patch.schedule_type !== undefined || patch.sync_frequency !== undefined) {
      c.scheduleType = patch.schedule_type ?? c.scheduleType;
      c.syncFrequency = patch.sync_frequency ?? c.syncFrequency;
      this.emitEvent(source, 'edit_connector', created, null);
    }
    this.armResume(c);
    return this.connection(id);
  }

  /**
   * Ends the running sync now with `status` (default SUCCESSFUL) at `at` (default now). With no
   * sync running it sends a `sync_end` for a new sync id, as a late or stale event would look.
   * `succeeded_at`/`failed_at` never move backwards.
   */
  finishSync(id: string, at?: string, status: 'SUCCESSFUL' | 'FAILURE' = 'SUCCESSFUL'): void {
    const c = this.state(id);
    const running = this.cancelRunning(c);
    const syncId = running?.syncId ?? this.newSyncId(c);
    const ended = at ?? iso(this.options.now());
    if (status === 'SUCCESSFUL') {
      this.recordSyncEnd(c, syncId, ended, { status }, { succeededAt: later(c.succeededAt, ended) });
    } else {
      const reason = 'Sync finished by the test';
      this.recordSyncEnd(c, syncId, ended, { status, reason }, { failedAt: later(c.failedAt, ended), reason });
    }
  }

  // ---- webhooks ----------------------------------------------------------------------------

  /** `POST /webhooks/group/{id}` and `/account`: tests the receiver first when active; 400 if it fails. */
  async createWebhook(
    type: 'group' | 'account',
    groupId: string | null,
    body: { url: string; events: string[]; active: boolean; secret: string | null },
  ): Promise<SimulatedWebhookView> {
    if (groupId !== null) this.group(groupId);
    if (body.active) await this.requireReceiver(body.url, body.secret);
    const random = createRandom(deriveSeed(this.options.seed, 'webhook', this.webhooksCreated++));
    let id = fivetranStyleId(random);
    while (this.webhooks.has(id)) id = `${fivetranStyleId(random)}_${random.int(2, 999)}`;
    const webhook: WebhookState = { id, type, groupId, ...body, createdAt: iso(this.options.now()) };
    this.webhooks.set(id, webhook);
    return this.webhookView(webhook);
  }

  /** `PATCH /webhooks/{id}`: re-tests the receiver when the result is active and the target changed or it was inactive. */
  async updateWebhook(
    id: string,
    patch: { url?: string; events?: string[]; active?: boolean; secret?: string | null },
  ): Promise<SimulatedWebhookView> {
    const webhook = this.webhookState(id);
    const next = { ...webhook, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as WebhookState;
    const retarget = next.url !== webhook.url || next.secret !== webhook.secret || !webhook.active;
    if (next.active && retarget) await this.requireReceiver(next.url, next.secret);
    this.webhooks.set(id, next);
    return this.webhookView(next);
  }

  deleteWebhook(id: string): void {
    this.webhookState(id);
    this.webhooks.delete(id);
  }

  /** `POST /webhooks/{id}/test`: one signed test delivery of `event`; status 0 when unreachable. */
  async testWebhook(id: string, event: string): Promise<{ succeed: boolean; status: number; message: string }> {
    const webhook = this.webhookState(id);
    const body = JSON.stringify({
      event,
      created: iso(this.options.now()),
      connector_type: '_connector_type',
      connector_id: '_connector_1',
      connector_name: '_connector_name',
      sync_id: '_sync_1',
      destination_group_id: '_destination_1',
      ...(event === 'sync_end' ? { data: { status: 'SUCCESSFUL' } } : {}),
    });
    try {
      const status = await this.deliveries.postOnce({ url: webhook.url, body, secret: webhook.secret });
      const succeed = status >= 200 && status < 300;
      return { succeed, status, message: succeed ? 'OK' : `The receiver answered ${status}` };
    } catch (error) {
      return { succeed: false, status: 0, message: messageOf(error) };
    }
  }

  /**
   * Sends `body` once (no faults, no retries, not counted in stats) to `url`, or to every active
   * webhook. Signs with `secret`, else the registered webhook's secret. Resolves with the first
   * non-2xx status if any, else the first status; rejects if a receiver is unreachable.
   */
  async sendWebhook(body: object, options: { url?: string; secret?: string; signature?: string } = {}): Promise<number> {
    const raw = JSON.stringify(body);
    const active = [...this.webhooks.values()].filter((w) => w.active);
    const targets = options.url
      ? [{ url: options.url, secret: options.secret ?? active.find((w) => w.url === options.url)?.secret ?? null }]
      : active.map((w) => ({ url: w.url, secret: options.secret ?? w.secret }));
    if (targets.length === 0) throw new Error('No active webhook is registered: pass options.url');
    const statuses: number[] = [];
    for (const target of targets) {
      statuses.push(await this.deliveries.postOnce({ ...target, body: raw, signature: options.signature }));
    }
    return statuses.find((s) => s < 200 || s >= 300) ?? (statuses[0] as number);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  on(event: 'sync_started' | 'sync_ended', listener: SyncEventListener): void {
    this.events.on(event, listener);
  }

  /** Resolves when no sync runs, no automatic resume is due and no delivery is pending. */
  idle(): Promise<void> {
    if (this.closed || this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.heldStarts.clear();
    this.deliveries.close();
    this.events.removeAllListeners();
    this.flushIdle();
  }

  // ---- internals ---------------------------------------------------------------------------

  private state(id: string): ConnectionState {
    const c = this.connections.get(id);
    if (!c) throw new SimulatedApiError(404, 'NotFound_Connection', `Connection with id '${id}' doesn't exist`);
    return c;
  }

  private webhookState(id: string): WebhookState {
    const w = this.webhooks.get(id);
    if (!w) throw new SimulatedApiError(404, 'NotFound_Webhook', `Webhook with id '${id}' doesn't exist`);
    return w;
  }

  private webhookView(w: WebhookState): SimulatedWebhookView {
    return {
      id: w.id,
      type: w.type,
      ...(w.groupId !== null ? { group_id: w.groupId } : {}),
      url: w.url,
      events: [...w.events],
      active: w.active,
      ...(w.secret ? { secret: '******' } : {}),
      created_at: w.createdAt,
      created_by: 'sim_user',
    };
  }

  private syncState(c: ConnectionState): SyncState {
    if (c.running) return 'syncing';
    if (c.paused) return 'paused';
    if (c.rescheduledFor !== null) return 'rescheduled';
    return 'scheduled';
  }

  private sourceOf(c: ConnectionState): EventSource {
    return { id: c.spec.id, groupId: c.groupId, service: c.spec.service, schema: c.spec.name };
  }

  private async requireReceiver(url: string, secret: string | null): Promise<void> {
    const body = JSON.stringify(creationTestPayload(iso(this.options.now())));
    let problem: string;
    try {
      const status = await this.deliveries.postOnce({ url, body, secret });
      if (status >= 200 && status < 300) return;
      problem = `it answered ${status}`;
    } catch (error) {
      problem = messageOf(error);
    }
    throw new SimulatedApiError(400, 'WebhookTestFailed', `The test event sent to ${url} failed: ${problem}. The receiver must answer 2xx.`);
  }

  private newSyncId(c: ConnectionState): string {
    return createRandom(deriveSeed(this.options.seed, 'sync', c.spec.id, c.syncsStarted++)).uuid();
  }

  private startSync(c: ConnectionState): void {
    c.rescheduledFor = null;
    c.resume?.cancel();
    c.resume = null;
    const index = c.syncsStarted;
    const syncId = this.newSyncId(c);
    const outcome = c.spec.outcome === 'rescheduled' && c.rescheduledOnce ? 'success' : c.spec.outcome;
    const end = this.after(c.spec.syncDurationMs, () => this.endSync(c, syncId, outcome));
    c.running = { syncId, end };
    const source = this.sourceOf(c);
    this.emitEvent(source, 'sync_start', iso(this.options.now()), syncId);
    this.events.emit('sync_started', { connectionId: c.spec.id, syncId });
    if (this.options.webhooks.unrelatedEvents) this.sendUnrelatedEvents(c, index);
  }

  private endSync(c: ConnectionState, syncId: string, outcome: NormalizedConnection['outcome']): void {
    if (c.running?.syncId !== syncId) return;
    c.running = null;
    const nowMs = this.options.now();
    const ended = iso(nowMs);
    if (outcome === 'success') {
      this.recordSyncEnd(c, syncId, ended, { status: 'SUCCESSFUL' }, { succeededAt: ended });
    } else if (outcome === 'failure') {
      const reason = c.spec.failureReason;
      const data = c.spec.taskType ? { status: 'FAILURE_WITH_TASK', reason, taskType: c.spec.taskType } : { status: 'FAILURE', reason };
      this.recordSyncEnd(c, syncId, ended, data, { failedAt: ended, reason });
    } else {
      c.rescheduledOnce = true;
      c.rescheduledFor = nowMs + c.spec.rescheduleAfterMs;
      this.armResume(c);
      this.recordSyncEnd(c, syncId, ended, { status: 'RESCHEDULED' }, null);
    }
  }

  /** Stops the running sync, if any, without a `sync_end`; returns the sync it stopped. */
  private cancelRunning(c: ConnectionState): Running | null {
    const running = c.running;
    if (running) {
      running.end.cancel();
      c.running = null;
    }
    return running;
  }

  /**
   * Records how a sync ended (see `EndRecord`), then sends `sync_end` with `data` (created at
   * `ended`) to the webhooks and emits `sync_ended` to listeners.
   */
  private recordSyncEnd(c: ConnectionState, syncId: string, ended: string, data: { status: string } & Record<string, unknown>, record: EndRecord): void {
    if (record !== null && 'succeededAt' in record) {
      c.succeededAt = record.succeededAt;
      c.tasks = [];
    } else if (record !== null) {
      c.failedAt = record.failedAt;
      c.tasks = [{ code: c.spec.taskType ?? 'sync_failure', message: record.reason }];
    }
    this.emitEvent(this.sourceOf(c), 'sync_end', ended, syncId, data);
    this.events.emit('sync_ended', { connectionId: c.spec.id, syncId, status: data.status });
  }

  /** With schedule_type auto, Fivetran resumes a rescheduled sync itself at `rescheduled_for`. */
  private armResume(c: ConnectionState): void {
    c.resume?.cancel();
    c.resume = null;
    if (c.rescheduledFor === null || c.running || c.paused || c.scheduleType !== 'auto') return;
    const wait = Math.max(0, c.rescheduledFor - this.options.now());
    c.resume = this.after(wait, () => {
      c.resume = null;
      if (!c.running && !c.paused && c.rescheduledFor !== null) this.startSync(c);
    });
  }

  /** Bystander syncs plus `status` and `edit_connector`: traffic a group webhook sees but no run waits for. */
  private sendUnrelatedEvents(c: ConnectionState, index: number): void {
    const random = createRandom(deriveSeed(this.options.seed, 'unrelated', c.spec.id, index));
    const bystanderId = `${fivetranStyleId(random)}_bystander`;
    const bystander: EventSource = { id: bystanderId, groupId: c.groupId, service: 'google_sheets', schema: bystanderId };
    const syncId = random.uuid();
    const duration = random.int(0, c.spec.syncDurationMs);
    const failed = random.chance(0.25);
    const source = this.sourceOf(c);
    const created = iso(this.options.now());
    this.emitEvent(bystander, 'sync_start', created, syncId);
    this.emitEvent(source, 'status', created, null, { status: 'SYNCING' });
    this.emitEvent(source, 'edit_connector', created, null);
    this.after(duration, () => {
      const data = failed ? { status: 'FAILURE', reason: 'Bystander failure' } : { status: 'SUCCESSFUL' };
      this.emitEvent(bystander, 'sync_end', iso(this.options.now()), syncId, data);
    });
  }

  /**
   * Sends one event to every active webhook that covers the group and subscribes to it, drawing
   * the faults for each (webhook, event, sync) from its own seeded stream.
   */
  private emitEvent(source: EventSource, event: string, created: string, syncId: string | null, data?: Record<string, unknown>): void {
    if (this.closed) return;
    const payload: Record<string, unknown> = {
      event,
      created,
      connector_type: source.service,
      connector_id: source.id,
      connector_name: source.schema,
      ...(syncId !== null ? { sync_id: syncId } : {}),
      destination_group_id: source.groupId,
      ...(data !== undefined ? { data } : {}),
    };
    const body = JSON.stringify(payload);
    const faults = this.options.webhooks;
    const sequence = this.eventsSent++;
    const firstAttempts = new Map<string, Promise<unknown>>();
    for (const webhook of this.webhooks.values()) {
      if (!webhook.active) continue;
      if (webhook.type === 'group' && webhook.groupId !== source.groupId) continue;
      if (!webhook.events.includes(event) && !webhook.events.includes('*')) continue;
      const random = createRandom(deriveSeed(this.options.seed, 'delivery', webhook.id, event, syncId ?? `${source.id}#${sequence}`));
      const dropped = random.chance(faults.dropRate);
      const delayMs = random.int(faults.delayMs[0], faults.delayMs[1]);
      const duplicate = random.chance(faults.duplicateRate);
      const duplicateDelayMs = random.int(faults.delayMs[0], faults.delayMs[1]) + 1;
      const target = { url: webhook.url, body, secret: webhook.secret };

      if (event === 'sync_end' && dropped) {
        this.stats.webhooksDropped++;
        continue;
      }
      const send = (after?: Promise<unknown>): Promise<void> => {
        const first = this.track(this.deliveries.enqueue({ ...target, delayMs, after }));
        if (duplicate) this.track(this.deliveries.enqueue({ ...target, delayMs: duplicateDelayMs, after }));
        return first;
      };
      if (event === 'sync_start' && faults.reorder && syncId !== null) {
        this.pending++;
        const held = this.heldStarts.get(syncId) ?? [];
        const release = (after?: Promise<unknown>): void => {
          void send(after);
          this.release();
        };
        held.push({ webhookId: webhook.id, release });
        this.heldStarts.set(syncId, held);
        continue;
      }
      firstAttempts.set(webhook.id, send());
    }
    if (event === 'sync_end' && syncId !== null) this.releaseHeldStarts(syncId, firstAttempts);
  }

  /** Sends the `sync_start`s held back by `reorder`, each after its webhook's `sync_end` first attempt. */
  private releaseHeldStarts(syncId: string, after: Map<string, Promise<unknown>>): void {
    const held = this.heldStarts.get(syncId);
    if (!held) return;
    this.heldStarts.delete(syncId);
    for (const h of held) h.release(after.get(h.webhookId));
  }

  /** Counts a delivery as pending work until it is done; returns its first attempt. */
  private track(handle: { firstAttempt: Promise<void>; done: Promise<void> }): Promise<void> {
    this.pending++;
    void handle.done.then(() => this.release());
    return handle.firstAttempt;
  }

  /** A timer that counts as pending work, unref'd so it never holds the process open. */
  private after(ms: number, run: () => void): Cancellable {
    this.pending++;
    let settled = false;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (settled) return;
      settled = true;
      try {
        run();
      } finally {
        this.release();
      }
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return {
      cancel: () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.timers.delete(timer);
        this.release();
      },
    };
  }

  private release(): void {
    this.pending--;
    if (this.pending <= 0) this.flushIdle();
  }

  private flushIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

export const id = 138;
export const ids = [138];
export const modules = {

/***/ 6138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  c: () => (/* binding */ awsCredentials),
  F: () => (/* binding */ openEngine)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./src/core/fivetran/client.ts + 1 modules
var client = __webpack_require__(8158);
// EXTERNAL MODULE: ./src/engine/aws/sfn-engine.ts + 3 modules
var sfn_engine = __webpack_require__(4802);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/runs/memory-store.ts
var memory_store = __webpack_require__(7391);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/engine/local/local-task-tokens.ts
var local_task_tokens = __webpack_require__(7942);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 5 modules
var schemas = __webpack_require__(6723);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
;// CONCATENATED MODULE: ./src/simulator/random.ts
/**
 * Seeded randomness for the simulator. Every random choice draws from a stream derived from
 * (seed, what is being decided), so results do not depend on the order timers happen to fire.
 */
/** mulberry32: a tiny 32-bit PRNG, good enough for simulation and fully reproducible. */
function mulberry32(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/**
 * A 32-bit seed for the stream that decides `parts` (e.g. `'sync', connectionId, 3`) under the
 * scenario's `seed`: FNV-1a over the parts, then a murmur3 finaliser to spread the bits.
 */
function deriveSeed(seed, ...parts) {
    let hash = 0x811c9dc5 ^ (seed >>> 0);
    const text = parts.join('\u0000');
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
    return hash >>> 0;
}
/** A `Random` over mulberry32 seeded with `seed`. */
function createRandom(seed) {
    const next = mulberry32(seed);
    const int = (min, max) => {
        const low = Math.ceil(Math.min(min, max));
        const high = Math.floor(Math.max(min, max));
        return low + Math.floor(next() * (high - low + 1));
    };
    return {
        next,
        int,
        chance: (p) => next() < p,
        pick: (items) => {
            if (items.length === 0)
                throw new RangeError('pick() needs at least one item');
            return items[int(0, items.length - 1)];
        },
        uuid: () => {
            const bytes = Array.from({ length: 16 }, () => Math.floor(next() * 256));
            bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
            bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
            const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
            return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
        },
    };
}
const VERBS = [
    'assimilate', 'borrow', 'carve', 'dazzle', 'echo', 'fathom', 'gather', 'harbor', 'imply', 'juggle',
    'kindle', 'linger', 'mingle', 'nudge', 'orbit', 'ponder', 'quiver', 'ripple', 'shimmer', 'tumble',
    'unfold', 'venture', 'wander', 'yield',
];
const NOUNS = [
    'seem', 'anchor', 'breeze', 'canyon', 'dune', 'ember', 'fjord', 'glacier', 'harvest', 'island',
    'jungle', 'kettle', 'lantern', 'meadow', 'nectar', 'oasis', 'pebble', 'quarry', 'river', 'summit',
    'thicket', 'upland', 'valley', 'willow',
];
/** An id shaped like Fivetran's (`assimilate_seem`): two lowercase words joined by `_`. */
function fivetranStyleId(random) {
    return `${random.pick(VERBS)}_${random.pick(NOUNS)}`;
}

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: ./src/core/webhook/signature.ts
var webhook_signature = __webpack_require__(363);
;// CONCATENATED MODULE: ./src/simulator/webhook-delivery.ts
/**
 * Sending webhook deliveries the way Fivetran does: a JSON POST signed with
 * `X-Fivetran-Signature-256`, a per-attempt timeout, and redelivery with back-off on non-2xx.
 */





/** The header as Fivetran spells it on the wire (receivers must match it without case). */
const FIVETRAN_SIGNATURE_HEADER = 'X-Fivetran-Signature-256';
/**
 * POSTs one delivery and resolves with the receiver's HTTP status (any status, 2xx or not).
 * Rejects on a network error, on timeout and when `signal` aborts.
 */
function postSigned(post) {
    const url = new URL(post.url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:')
        return Promise.reject(new Error(`Unsupported webhook URL protocol: ${url.protocol}`));
    const headers = {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(post.body)),
        'User-Agent': 'fivetran-simulator',
    };
    const signature = post.signature ?? (post.secret ? (0,webhook_signature/* sign */._S)(post.secret, post.body) : undefined);
    if (signature !== undefined)
        headers[FIVETRAN_SIGNATURE_HEADER] = signature;
    const timeoutMs = post.timeoutMs ?? 10_000;
    const agent = isHttps ? post.agents?.https : post.agents?.http;
    return new Promise((resolve, reject) => {
        const send = isHttps ? external_node_https_.request : external_node_http_.request;
        const req = send(url, { method: 'POST', headers, agent, signal: post.signal, timeout: timeoutMs }, (res) => {
            res.resume();
            const status = res.statusCode ?? 0;
            res.once('end', () => resolve(status));
            res.once('error', () => resolve(status));
        });
        req.once('timeout', () => req.destroy(new Error(`Webhook delivery to ${post.url} timed out after ${timeoutMs} ms`)));
        req.once('error', reject);
        req.end(post.body);
    });
}
/**
 * A queue of deliveries with retries. Timers are unref'd and cleared on `close()`, and
 * connections are not kept alive, so nothing here holds the process open afterwards.
 */
function createDeliveryQueue(options) {
    const abort = new AbortController();
    // Every attempt in flight listens on this one signal; hundreds at once is normal here.
    (0,external_node_events_.setMaxListeners)(0, abort.signal);
    const agents = { http: new external_node_http_.Agent({ keepAlive: false }), https: new external_node_https_.Agent({ keepAlive: false }) };
    const sleepers = new Set();
    let closed = false;
    const sleep = (ms) => new Promise((resolve) => {
        if (closed)
            return resolve();
        const sleeper = {
            timer: setTimeout(() => {
                sleepers.delete(sleeper);
                resolve();
            }, ms),
            wake: resolve,
        };
        sleeper.timer.unref();
        sleepers.add(sleeper);
    });
    const attempt = async (delivery) => {
        try {
            const status = await postSigned({ ...delivery, timeoutMs: options.timeoutMs, signal: abort.signal, agents });
            return status >= 200 && status < 300 ? null : `the receiver answered ${status}`;
        }
        catch (error) {
            return (0,errors/* messageOf */.bD)(error);
        }
    };
    const run = async (delivery, firstAttemptDone) => {
        try {
            if (delivery.delayMs > 0)
                await sleep(delivery.delayMs);
            if (delivery.after)
                await delivery.after.catch(() => undefined);
            for (let n = 0; !closed; n++) {
                const problem = await attempt(delivery);
                if (n === 0)
                    firstAttemptDone();
                if (closed)
                    return;
                if (problem === null)
                    return options.onDelivered?.();
                const backOff = options.retryDelaysMs[n];
                if (backOff === undefined)
                    return options.onGaveUp?.(problem);
                await sleep(backOff);
            }
        }
        finally {
            firstAttemptDone();
        }
    };
    return {
        enqueue(delivery) {
            let firstAttemptDone;
            const firstAttempt = new Promise((resolve) => (firstAttemptDone = resolve));
            const done = closed ? Promise.resolve() : run(delivery, firstAttemptDone).catch(() => undefined);
            if (closed)
                firstAttemptDone();
            return { firstAttempt, done };
        },
        postOnce(post) {
            if (closed)
                return Promise.reject(new Error('The simulator is closed'));
            return postSigned({ ...post, timeoutMs: options.timeoutMs, signal: abort.signal, agents });
        },
        close() {
            if (closed)
                return;
            closed = true;
            for (const sleeper of sleepers) {
                clearTimeout(sleeper.timer);
                sleeper.wake();
            }
            sleepers.clear();
            abort.abort();
            agents.http.destroy();
            agents.https.destroy();
        },
    };
}

;// CONCATENATED MODULE: ./src/simulator/account.ts
/**
 * The simulated Fivetran account behind the HTTP API: groups, connections and their syncs,
 * registered webhooks and the events they receive (with the scenario's seeded faults).
 */




/** An API error: the HTTP status plus Fivetran's `code` for the JSON body. */
class SimulatedApiError extends errors/* HttpError */.j$ {
    code;
    name = 'SimulatedApiError';
    constructor(status, code, message) {
        super(status, message);
        this.code = code;
    }
}
const iso = (ms) => new Date(ms).toISOString();
const later = (a, b) => (a !== null && Date.parse(a) >= Date.parse(b) ? a : b);
/** The payload Fivetran POSTs when a webhook is created or activated. */
function creationTestPayload(created) {
    return {
        event: 'test_event',
        created,
        connector_type: '_connector_type',
        connector_id: '_connector_1',
        group_id: '_destination_1',
    };
}
class SimulatedAccount {
    options;
    stats = {
        requests: 0,
        requestsByRoute: {},
        triggers: {},
        throttled: 0,
        serverErrors: 0,
        webhooksDelivered: 0,
        webhooksDropped: 0,
        deliveriesFailed: 0,
    };
    groups = new Map();
    connections = new Map();
    webhooks = new Map();
    events = new external_node_events_.EventEmitter();
    deliveries;
    timers = new Set();
    heldStarts = new Map();
    idleWaiters = [];
    pending = 0;
    webhooksCreated = 0;
    eventsSent = 0;
    closed = false;
    createdAt;
    constructor(options) {
        this.options = options;
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
    group(id) {
        const group = this.groups.get(id);
        if (!group)
            throw new SimulatedApiError(404, 'NotFound_Group', `Group with id '${id}' doesn't exist`);
        return { id: group.id, name: group.name };
    }
    /** Every group, in creation order, as `GET /groups` lists them. */
    groupList() {
        return [...this.groups.values()].map((g) => ({ id: g.id, name: g.name, created_at: this.createdAt }));
    }
    groupConnections(groupId) {
        this.group(groupId);
        return (this.groups.get(groupId)?.connectionIds ?? []).map((id) => this.connection(id));
    }
    connection(id) {
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
    webhookList() {
        return [...this.webhooks.values()].map((w) => this.webhookView(w));
    }
    webhook(id) {
        return this.webhookView(this.webhookState(id));
    }
    // ---- connection commands -----------------------------------------------------------------
    /**
     * `POST /connections/{id}/sync`. Paused → 409 `Conflict`; setup not `connected` → 400
     * `InvalidState`. While rescheduled, a trigger before `rescheduled_for` starts nothing, even with
     * force; at or after it the sync resumes.
     */
    trigger(id, force) {
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
            if (!force)
                return;
            this.cancelRunning(c);
            this.releaseHeldStarts(stopped.syncId, new Map());
            this.startSync(c);
            return;
        }
        if (c.rescheduledFor !== null && this.options.now() < c.rescheduledFor)
            return;
        this.startSync(c);
    }
    /** `PATCH /connections/{id}`: `paused`, `schedule_type`, `sync_frequency`. A running sync is not stopped by pausing. */
    update(id, patch) {
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
    finishSync(id, at, status = 'SUCCESSFUL') {
        const c = this.state(id);
        const running = this.cancelRunning(c);
        const syncId = running?.syncId ?? this.newSyncId(c);
        const ended = at ?? iso(this.options.now());
        if (status === 'SUCCESSFUL') {
            this.recordSyncEnd(c, syncId, ended, { status }, { succeededAt: later(c.succeededAt, ended) });
        }
        else {
            const reason = 'Sync finished by the test';
            this.recordSyncEnd(c, syncId, ended, { status, reason }, { failedAt: later(c.failedAt, ended), reason });
        }
    }
    // ---- webhooks ----------------------------------------------------------------------------
    /** `POST /webhooks/group/{id}` and `/account`: tests the receiver first when active; 400 if it fails. */
    async createWebhook(type, groupId, body) {
        if (groupId !== null)
            this.group(groupId);
        if (body.active)
            await this.requireReceiver(body.url, body.secret);
        const random = createRandom(deriveSeed(this.options.seed, 'webhook', this.webhooksCreated++));
        let id = fivetranStyleId(random);
        while (this.webhooks.has(id))
            id = `${fivetranStyleId(random)}_${random.int(2, 999)}`;
        const webhook = { id, type, groupId, ...body, createdAt: iso(this.options.now()) };
        this.webhooks.set(id, webhook);
        return this.webhookView(webhook);
    }
    /** `PATCH /webhooks/{id}`: re-tests the receiver when the result is active and the target changed or it was inactive. */
    async updateWebhook(id, patch) {
        const webhook = this.webhookState(id);
        const next = { ...webhook, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
        const retarget = next.url !== webhook.url || next.secret !== webhook.secret || !webhook.active;
        if (next.active && retarget)
            await this.requireReceiver(next.url, next.secret);
        this.webhooks.set(id, next);
        return this.webhookView(next);
    }
    deleteWebhook(id) {
        this.webhookState(id);
        this.webhooks.delete(id);
    }
    /** `POST /webhooks/{id}/test`: one signed test delivery of `event`; status 0 when unreachable. */
    async testWebhook(id, event) {
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
        }
        catch (error) {
            return { succeed: false, status: 0, message: (0,errors/* messageOf */.bD)(error) };
        }
    }
    /**
     * Sends `body` once (no faults, no retries, not counted in stats) to `url`, or to every active
     * webhook. Signs with `secret`, else the registered webhook's secret. Resolves with the first
     * non-2xx status if any, else the first status; rejects if a receiver is unreachable.
     */
    async sendWebhook(body, options = {}) {
        const raw = JSON.stringify(body);
        const active = [...this.webhooks.values()].filter((w) => w.active);
        const targets = options.url
            ? [{ url: options.url, secret: options.secret ?? active.find((w) => w.url === options.url)?.secret ?? null }]
            : active.map((w) => ({ url: w.url, secret: options.secret ?? w.secret }));
        if (targets.length === 0)
            throw new Error('No active webhook is registered: pass options.url');
        const statuses = [];
        for (const target of targets) {
            statuses.push(await this.deliveries.postOnce({ ...target, body: raw, signature: options.signature }));
        }
        return statuses.find((s) => s < 200 || s >= 300) ?? statuses[0];
    }
    // ---- lifecycle ---------------------------------------------------------------------------
    on(event, listener) {
        this.events.on(event, listener);
    }
    /** Resolves when no sync runs, no automatic resume is due and no delivery is pending. */
    idle() {
        if (this.closed || this.pending === 0)
            return Promise.resolve();
        return new Promise((resolve) => this.idleWaiters.push(resolve));
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        for (const timer of this.timers)
            clearTimeout(timer);
        this.timers.clear();
        this.heldStarts.clear();
        this.deliveries.close();
        this.events.removeAllListeners();
        this.flushIdle();
    }
    // ---- internals ---------------------------------------------------------------------------
    state(id) {
        const c = this.connections.get(id);
        if (!c)
            throw new SimulatedApiError(404, 'NotFound_Connection', `Connection with id '${id}' doesn't exist`);
        return c;
    }
    webhookState(id) {
        const w = this.webhooks.get(id);
        if (!w)
            throw new SimulatedApiError(404, 'NotFound_Webhook', `Webhook with id '${id}' doesn't exist`);
        return w;
    }
    webhookView(w) {
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
    syncState(c) {
        if (c.running)
            return 'syncing';
        if (c.paused)
            return 'paused';
        if (c.rescheduledFor !== null)
            return 'rescheduled';
        return 'scheduled';
    }
    sourceOf(c) {
        return { id: c.spec.id, groupId: c.groupId, service: c.spec.service, schema: c.spec.name };
    }
    async requireReceiver(url, secret) {
        const body = JSON.stringify(creationTestPayload(iso(this.options.now())));
        let problem;
        try {
            const status = await this.deliveries.postOnce({ url, body, secret });
            if (status >= 200 && status < 300)
                return;
            problem = `it answered ${status}`;
        }
        catch (error) {
            problem = (0,errors/* messageOf */.bD)(error);
        }
        throw new SimulatedApiError(400, 'WebhookTestFailed', `The test event sent to ${url} failed: ${problem}. The receiver must answer 2xx.`);
    }
    newSyncId(c) {
        return createRandom(deriveSeed(this.options.seed, 'sync', c.spec.id, c.syncsStarted++)).uuid();
    }
    startSync(c) {
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
        if (this.options.webhooks.unrelatedEvents)
            this.sendUnrelatedEvents(c, index);
    }
    endSync(c, syncId, outcome) {
        if (c.running?.syncId !== syncId)
            return;
        c.running = null;
        const nowMs = this.options.now();
        const ended = iso(nowMs);
        if (outcome === 'success') {
            this.recordSyncEnd(c, syncId, ended, { status: 'SUCCESSFUL' }, { succeededAt: ended });
        }
        else if (outcome === 'failure') {
            const reason = c.spec.failureReason;
            const data = c.spec.taskType ? { status: 'FAILURE_WITH_TASK', reason, taskType: c.spec.taskType } : { status: 'FAILURE', reason };
            this.recordSyncEnd(c, syncId, ended, data, { failedAt: ended, reason });
        }
        else {
            c.rescheduledOnce = true;
            c.rescheduledFor = nowMs + c.spec.rescheduleAfterMs;
            this.armResume(c);
            this.recordSyncEnd(c, syncId, ended, { status: 'RESCHEDULED' }, null);
        }
    }
    /** Stops the running sync, if any, without a `sync_end`; returns the sync it stopped. */
    cancelRunning(c) {
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
    recordSyncEnd(c, syncId, ended, data, record) {
        if (record !== null && 'succeededAt' in record) {
            c.succeededAt = record.succeededAt;
            c.tasks = [];
        }
        else if (record !== null) {
            c.failedAt = record.failedAt;
            c.tasks = [{ code: c.spec.taskType ?? 'sync_failure', message: record.reason }];
        }
        this.emitEvent(this.sourceOf(c), 'sync_end', ended, syncId, data);
        this.events.emit('sync_ended', { connectionId: c.spec.id, syncId, status: data.status });
    }
    /** With schedule_type auto, Fivetran resumes a rescheduled sync itself at `rescheduled_for`. */
    armResume(c) {
        c.resume?.cancel();
        c.resume = null;
        if (c.rescheduledFor === null || c.running || c.paused || c.scheduleType !== 'auto')
            return;
        const wait = Math.max(0, c.rescheduledFor - this.options.now());
        c.resume = this.after(wait, () => {
            c.resume = null;
            if (!c.running && !c.paused && c.rescheduledFor !== null)
                this.startSync(c);
        });
    }
    /** Bystander syncs plus `status` and `edit_connector`: traffic a group webhook sees but no run waits for. */
    sendUnrelatedEvents(c, index) {
        const random = createRandom(deriveSeed(this.options.seed, 'unrelated', c.spec.id, index));
        const bystanderId = `${fivetranStyleId(random)}_bystander`;
        const bystander = { id: bystanderId, groupId: c.groupId, service: 'google_sheets', schema: bystanderId };
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
    emitEvent(source, event, created, syncId, data) {
        if (this.closed)
            return;
        const payload = {
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
        const firstAttempts = new Map();
        for (const webhook of this.webhooks.values()) {
            if (!webhook.active)
                continue;
            if (webhook.type === 'group' && webhook.groupId !== source.groupId)
                continue;
            if (!webhook.events.includes(event) && !webhook.events.includes('*'))
                continue;
            const random = createRandom(deriveSeed(this.options.seed, 'delivery', webhook.id, event, syncId ?? `${source.id}#${sequence}`));
            const dropped = random.chance(faults.dropRate);
            const delayMs = random.int(faults.delayMs[0], faults.delayMs[1]);
            const duplicate = random.chance(faults.duplicateRate);
            const duplicateDelayMs = random.int(faults.delayMs[0], faults.delayMs[1]) + 1;
            // Drawn after the others so that scenarios without maxCopies keep their seeded draws.
            const extraCopyDelaysMs = duplicate && faults.maxCopies > 2 ? Array.from({ length: random.int(0, faults.maxCopies - 2) }, () => random.int(faults.delayMs[0], faults.delayMs[1]) + 1) : [];
            const target = { url: webhook.url, body, secret: webhook.secret };
            if (event === 'sync_end' && dropped) {
                this.stats.webhooksDropped++;
                continue;
            }
            const send = (after) => {
                const first = this.track(this.deliveries.enqueue({ ...target, delayMs, after }));
                if (duplicate)
                    this.track(this.deliveries.enqueue({ ...target, delayMs: duplicateDelayMs, after }));
                for (const copyDelayMs of extraCopyDelaysMs)
                    this.track(this.deliveries.enqueue({ ...target, delayMs: copyDelayMs, after }));
                return first;
            };
            if (event === 'sync_start' && faults.reorder && syncId !== null) {
                this.pending++;
                const held = this.heldStarts.get(syncId) ?? [];
                const release = (after) => {
                    void send(after);
                    this.release();
                };
                held.push({ webhookId: webhook.id, release });
                this.heldStarts.set(syncId, held);
                continue;
            }
            firstAttempts.set(webhook.id, send());
        }
        if (event === 'sync_end' && syncId !== null)
            this.releaseHeldStarts(syncId, firstAttempts);
    }
    /** Sends the `sync_start`s held back by `reorder`, each after its webhook's `sync_end` first attempt. */
    releaseHeldStarts(syncId, after) {
        const held = this.heldStarts.get(syncId);
        if (!held)
            return;
        this.heldStarts.delete(syncId);
        for (const h of held)
            h.release(after.get(h.webhookId));
    }
    /** Counts a delivery as pending work until it is done; returns its first attempt. */
    track(handle) {
        this.pending++;
        void handle.done.then(() => this.release());
        return handle.firstAttempt;
    }
    /** A timer that counts as pending work, unref'd so it never holds the process open. */
    after(ms, run) {
        this.pending++;
        let settled = false;
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            if (settled)
                return;
            settled = true;
            try {
                run();
            }
            finally {
                this.release();
            }
        }, ms);
        timer.unref();
        this.timers.add(timer);
        return {
            cancel: () => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                this.timers.delete(timer);
                this.release();
            },
        };
    }
    release() {
        this.pending--;
        if (this.pending <= 0)
            this.flushIdle();
    }
    flushIdle() {
        for (const resolve of this.idleWaiters.splice(0))
            resolve();
    }
}

;// CONCATENATED MODULE: ./src/simulator/scenario.ts
/**
 * What a simulation is made of: the groups and connections it serves, the webhook faults it
 * injects and its limits. `normalizeOptions` fills the defaults and rejects impossible scenarios.
 */

const DEFAULT_API_KEY = 'sim-key';
const DEFAULT_API_SECRET = 'sim-secret';
const MAX_PAGE_SIZE = 1000;
const isRate = (n) => typeof n === 'number' && n >= 0 && n <= 1;
const isDuration = (n) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
const isTimestamp = (s) => s === null || (typeof s === 'string' && Number.isFinite(Date.parse(s)));
/** Fills defaults; throws one `ConfigError` naming every problem found. */
function normalizeOptions(options) {
    const problems = [];
    const now = options.now ?? Date.now;
    const hourAgo = new Date(now() - 3_600_000).toISOString();
    const seen = new Set();
    const groupIds = new Set();
    if (!Array.isArray(options.groups))
        problems.push('groups must be an array');
    const groups = (options.groups ?? []).map((group, g) => {
        if (!group.id)
            problems.push(`groups[${g}].id is required`);
        if (groupIds.has(group.id))
            problems.push(`group id "${group.id}" appears twice`);
        groupIds.add(group.id);
        const connections = (group.connections ?? []).map((c, i) => {
            const where = `groups[${g}].connections[${i}]`;
            if (!c.id)
                problems.push(`${where}.id is required`);
            if (seen.has(c.id))
                problems.push(`connection id "${c.id}" appears twice`);
            seen.add(c.id);
            if (c.syncDurationMs !== undefined && !isDuration(c.syncDurationMs))
                problems.push(`${where}.syncDurationMs must be >= 0`);
            if (c.rescheduleAfterMs !== undefined && !isDuration(c.rescheduleAfterMs))
                problems.push(`${where}.rescheduleAfterMs must be >= 0`);
            if (c.succeededAt !== undefined && !isTimestamp(c.succeededAt))
                problems.push(`${where}.succeededAt must be an ISO timestamp or null`);
            if (c.failedAt !== undefined && !isTimestamp(c.failedAt))
                problems.push(`${where}.failedAt must be an ISO timestamp or null`);
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
    if (w.duplicateRate !== undefined && !isRate(w.duplicateRate))
        problems.push('webhooks.duplicateRate must be in 0..1');
    if (w.dropRate !== undefined && !isRate(w.dropRate))
        problems.push('webhooks.dropRate must be in 0..1');
    if (w.maxCopies !== undefined && !(Number.isInteger(w.maxCopies) && w.maxCopies >= 2))
        problems.push('webhooks.maxCopies must be an integer >= 2');
    const delay = w.delayMs ?? [0, 0];
    if (!Array.isArray(delay) || delay.length !== 2 || !isDuration(delay[0]) || !isDuration(delay[1]) || delay[0] > delay[1]) {
        problems.push('webhooks.delayMs must be [min, max] with 0 <= min <= max');
    }
    const retryDelaysMs = w.retryDelaysMs ?? [50, 200, 1000];
    if (!Array.isArray(retryDelaysMs) || !retryDelaysMs.every(isDuration))
        problems.push('webhooks.retryDelaysMs must be durations >= 0');
    if (w.timeoutMs !== undefined && !(isDuration(w.timeoutMs) && w.timeoutMs > 0))
        problems.push('webhooks.timeoutMs must be > 0');
    const r = options.rateLimit;
    if (r && !(Number.isInteger(r.limit) && r.limit >= 0 && isDuration(r.windowMs) && r.windowMs > 0)) {
        problems.push('rateLimit needs an integer limit >= 0 and windowMs > 0');
    }
    const f = options.apiFaults ?? {};
    if (f.throttleRate !== undefined && !isRate(f.throttleRate))
        problems.push('apiFaults.throttleRate must be in 0..1');
    if (f.errorRate !== undefined && !isRate(f.errorRate))
        problems.push('apiFaults.errorRate must be in 0..1');
    if (f.retryAfterSeconds !== undefined && !isDuration(f.retryAfterSeconds))
        problems.push('apiFaults.retryAfterSeconds must be >= 0');
    const pageSizeDefault = options.pageSizeDefault ?? 100;
    if (!Number.isInteger(pageSizeDefault) || pageSizeDefault < 1 || pageSizeDefault > MAX_PAGE_SIZE) {
        problems.push(`pageSizeDefault must be an integer in 1..${MAX_PAGE_SIZE}`);
    }
    if (options.seed !== undefined && !Number.isFinite(options.seed))
        problems.push('seed must be a finite number');
    if (problems.length > 0)
        throw new errors/* ConfigError */.xL(`Invalid simulator options: ${problems.join('; ')}.`);
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

;// CONCATENATED MODULE: ./src/simulator/demo.ts
/**
 * The demo group `npm start` runs against: a handful of connections with varied, seeded sync
 * durations and one clearly slower than the rest, so the run visibly waits for the slowest.
 */


const SERVICES = ['postgres', 'salesforce', 'stripe', 'hubspot', 'google_sheets', 'shopify', 'zendesk', 'github'];
/**
 * A demo group: `connections` connections (default 6) in group `groupId` (default `demo_group`)
 * whose durations lie in `durationsMs` (default [300, 1500]). One connection, chosen by `seed`
 * (default 1), takes the maximum; the others stay in the lower 60% of the range. Same seed, same group.
 */
function demoGroup(options = {}) {
    const { groupId = 'demo_group', connections = 6, seed = 1, durationsMs = [300, 1500] } = options;
    const [min, max] = durationsMs;
    const problems = [];
    if (!Number.isInteger(connections) || connections < 1)
        problems.push('connections must be an integer >= 1');
    if (!(min >= 0 && max >= min))
        problems.push('durationsMs must be [min, max] with 0 <= min <= max');
    if (problems.length > 0)
        throw new errors/* ConfigError */.xL(`Invalid demo group: ${problems.join('; ')}.`);
    const random = createRandom(deriveSeed(seed, 'demo', groupId));
    const slowest = random.int(0, connections - 1);
    const fastCeiling = min + Math.floor((max - min) * 0.6);
    const ids = new Set();
    const list = [];
    for (let i = 0; i < connections; i++) {
        let id = fivetranStyleId(random);
        while (ids.has(id))
            id = `${fivetranStyleId(random)}_${i}`;
        ids.add(id);
        const service = SERVICES[i % SERVICES.length] ?? 'postgres';
        list.push({
            id,
            name: `${service}_${Math.floor(i / SERVICES.length) + 1}`,
            service,
            syncDurationMs: i === slowest ? max : random.int(min, fastCeiling),
        });
    }
    return { id: groupId, name: 'Demo destination', connections: list };
}

;// CONCATENATED MODULE: ./src/simulator/simulator.ts
/**
 * A Fivetran REST API (v1) + webhook simulator on 127.0.0.1, faithful to the documented API, for
 * integration tests, benchmarks and the CLI demo. `startSimulator` listens; `close()` stops it all.
 */







const success = (data) => ({ status: 200, body: { code: 'Success', data } });
const invalid = (message) => new SimulatedApiError(400, 'InvalidInput', message);
function parseBody(schema, body) {
    const parsed = schema.safeParse(body ?? {});
    if (parsed.success)
        return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw invalid(`Invalid request body: ${problems}`);
}
const webhookUrl = schemas/* string */.YjP().refine((u) => {
    try {
        return ['http:', 'https:'].includes(new URL(u).protocol);
    }
    catch {
        return false;
    }
}, 'must be an http(s) URL');
const events = schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1);
// Fivetran requires HTTPS; the simulator also takes http so loopback receivers work.
const CreateWebhookBody = schemas/* object */.Ikc({
    url: webhookUrl,
    events,
    active: schemas/* boolean */.zMY().default(true),
    secret: schemas/* string */.YjP().nullish(),
});
const UpdateWebhookBody = schemas/* object */.Ikc({ url: webhookUrl.optional(), events: events.optional(), active: schemas/* boolean */.zMY().optional(), secret: schemas/* string */.YjP().nullish() });
const SyncBody = schemas/* object */.Ikc({ force: schemas/* boolean */.zMY().optional() });
const UpdateConnectionBody = schemas/* object */.Ikc({
    paused: schemas/* boolean */.zMY().optional(),
    schedule_type: schemas/* enum */.k5n(['auto', 'manual']).optional(),
    sync_frequency: schemas/* number */.aig().int().positive().optional(),
});
const TestWebhookBody = schemas/* object */.Ikc({ event: schemas/* string */.YjP().min(1).default('sync_start') });
/** Cursor pagination as Fivetran does it: `limit` 1..1000, an opaque `next_cursor` absent on the last page. */
function paginate(items, query, pageSizeDefault) {
    const limitText = query.get('limit');
    let limit = pageSizeDefault;
    if (limitText !== null) {
        limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
        if (!(limit >= 1 && limit <= MAX_PAGE_SIZE))
            throw invalid(`Invalid limit '${limitText}': it must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const cursor = query.get('cursor');
    let offset = 0;
    if (cursor) {
        const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
        const match = /^offset:(\d+)$/.exec(decoded);
        if (!match)
            throw invalid(`Invalid cursor '${cursor}'`);
        offset = Number(match[1]);
    }
    const page = items.slice(offset, offset + limit);
    const next = offset + limit;
    return next < items.length ? { items: page, next_cursor: Buffer.from(`offset:${next}`).toString('base64url') } : { items: page };
}
function createRoutes(account, options) {
    const route = (method, path, handle) => {
        // `{id}` segments capture one path segment; `connections` also answers on the legacy `connectors`.
        const source = path.replace(/\{[a-z_]+\}/g, '([^/]+)').replace(/connections/g, 'connect(?:ion|or)s');
        return { method, pattern: new RegExp(`^${source}$`), name: `${method} ${path}`, handle };
    };
    const param = (params, i) => params[i] ?? '';
    return [
        route('GET', '/groups', ({ query }) => success(paginate(account.groupList(), query, options.pageSizeDefault))),
        route('GET', '/groups/{id}', ({ params }) => success(account.group(param(params, 0)))),
        route('GET', '/groups/{id}/connections', ({ params, query }) => success(paginate(account.groupConnections(param(params, 0)), query, options.pageSizeDefault))),
        route('GET', '/connections/{id}', ({ params }) => success(account.connection(param(params, 0)))),
        route('PATCH', '/connections/{id}', ({ params, body }) => success(account.update(param(params, 0), parseBody(UpdateConnectionBody, body)))),
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
        route('PATCH', '/webhooks/{id}', async ({ params, body }) => success(await account.updateWebhook(param(params, 0), parseBody(UpdateWebhookBody, body)))),
        route('DELETE', '/webhooks/{id}', ({ params }) => {
            const id = param(params, 0);
            account.deleteWebhook(id);
            return { status: 200, body: { code: 'Success', message: `Webhook with id '${id}' has been deleted` } };
        }),
        route('POST', '/webhooks/{id}/test', async ({ params, body }) => success(await account.testWebhook(param(params, 0), parseBody(TestWebhookBody, body).event))),
    ];
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (chunk) => {
            size += chunk.length;
            if (size > 1_000_000)
                reject(new SimulatedApiError(413, 'PayloadTooLarge', 'Request body over 1 MB'));
            else
                chunks.push(chunk);
        });
        req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.once('error', reject);
    });
}
/**
 * Starts the simulator on 127.0.0.1 (a free port). Validates `options` first and throws a
 * `ConfigError` naming every problem. Basic auth with `apiKey:apiSecret` is required on every route.
 */
async function startSimulator(options) {
    const config = normalizeOptions(options);
    const account = new SimulatedAccount(config);
    const stats = account.stats;
    const routes = createRoutes(account, config);
    const expectedAuth = `Basic ${Buffer.from(`${config.apiKey}:${config.apiSecret}`).toString('base64')}`;
    let throttleCount = 0;
    let throttleSeconds = 1;
    let window = { start: -Infinity, used: 0 };
    const faultRandom = createRandom(deriveSeed(config.seed, 'api-faults'));
    const SERVER_ERRORS = [500, 502, 503];
    const send = (res, reply, headers = {}) => {
        const text = JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
        res.end(text);
    };
    const error = (status, code, message) => ({ status, body: { code, message } });
    /** Fixed window; only admitted requests count. Returns the headers to send, and whether to throttle. */
    const rateLimit = () => {
        const limit = config.rateLimit;
        if (throttleCount > 0) {
            throttleCount--;
            return { headers: { 'X-Rate-Limit-Remaining': '0' }, retryAfter: throttleSeconds };
        }
        if (!limit)
            return { headers: {}, retryAfter: null };
        const now = config.now();
        if (now - window.start >= limit.windowMs)
            window = { start: now, used: 0 };
        const headers = { 'X-Rate-Limit': String(limit.limit) };
        if (window.used >= limit.limit) {
            const retryAfter = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000));
            return { headers: { ...headers, 'X-Rate-Limit-Remaining': '0' }, retryAfter };
        }
        window.used++;
        return { headers: { ...headers, 'X-Rate-Limit-Remaining': String(limit.limit - window.used) }, retryAfter: null };
    };
    const handle = async (req, res) => {
        stats.requests++;
        const url = new URL(req.url ?? '/', 'http://simulator');
        const path = url.pathname.replace(/\/+$/, '');
        const method = req.method ?? 'GET';
        const inV1 = path.startsWith('/v1/');
        const subPath = inV1 ? path.slice(3) : path;
        let params = [];
        const matched = inV1
            ? routes.find((r) => {
                if (r.method !== method)
                    return false;
                const m = r.pattern.exec(subPath);
                if (m)
                    params = m.slice(1).map((p) => decodeURIComponent(p));
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
        const faults = config.apiFaults;
        if (faults.throttleRate > 0 && faultRandom.chance(faults.throttleRate)) {
            stats.throttled++;
            req.resume();
            return send(res, error(429, 'TooManyRequests', 'Rate limit exceeded: retry after the Retry-After delay'), {
                ...limit.headers,
                'Retry-After': String(faults.retryAfterSeconds),
            });
        }
        if (faults.errorRate > 0 && faultRandom.chance(faults.errorRate)) {
            stats.serverErrors++;
            req.resume();
            const status = faultRandom.pick(SERVER_ERRORS);
            return send(res, error(status, 'InternalError', 'Simulated server error'), limit.headers);
        }
        if (!matched) {
            req.resume();
            return send(res, error(404, 'NotFound', `No route for ${method} ${url.pathname}`), limit.headers);
        }
        try {
            const text = await readBody(req);
            let body = undefined;
            if (text.trim().length > 0) {
                try {
                    body = JSON.parse(text);
                }
                catch {
                    throw invalid('The request body is not valid JSON');
                }
            }
            send(res, await matched.handle({ params, query: url.searchParams, body }), limit.headers);
        }
        catch (e) {
            if (e instanceof SimulatedApiError)
                return send(res, error(e.status, e.code, e.message), limit.headers);
            send(res, error(500, 'InternalError', (0,errors/* messageOf */.bD)(e)), limit.headers);
        }
    };
    const server = (0,external_node_http_.createServer)((req, res) => {
        handle(req, res).catch((e) => {
            if (!res.headersSent)
                send(res, error(500, 'InternalError', (0,errors/* messageOf */.bD)(e)));
            else
                res.destroy();
        });
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
        });
    });
    const { port } = server.address();
    let closing = null;
    return {
        url: `http://127.0.0.1:${port}/v1`,
        apiKey: config.apiKey,
        apiSecret: config.apiSecret,
        stats,
        close() {
            closing ??= new Promise((resolve) => {
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

// EXTERNAL MODULE: ./src/core/webhook/receiver.ts
var webhook_receiver = __webpack_require__(3868);
;// CONCATENATED MODULE: ./src/engine/local/webhook-listener.ts
/**
 * The local engine's webhook receiver: the receiver core behind Node's own HTTP server, listening
 * next to a local run so signed deliveries complete its waits through local task tokens. One
 * route (`POST /webhook`), the same answers as the self-hosted server; no framework, since the
 * receiver core already does the work and the local engine should start fast.
 */


const PATH = '/webhook';
/** Reads the exact bytes of a body, or null once it passes `limit`. */
async function webhook_listener_readBody(req, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > limit)
            return null;
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
}
async function listenForWebhooks(options) {
    const limit = options.bodyLimitBytes ?? webhook_receiver/* DEFAULT_BODY_LIMIT_BYTES */.xx;
    const receiver = (0,webhook_receiver/* createWebhookReceiver */.bW)({ secrets: options.secrets, store: options.store, completer: options.completer });
    const answer = (status, body, close = false) => ({ status, body, close });
    const server = (0,external_node_http_.createServer)((req, res) => {
        const respond = ({ status, body, close }) => {
            const json = JSON.stringify(body);
            res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), ...(close ? { connection: 'close' } : {}) });
            res.end(json);
        };
        const handle = async () => {
            if (req.url?.split('?')[0] !== PATH)
                return answer(404, { ok: false, message: `No route ${req.method} ${req.url}: webhooks go to POST ${PATH}.` });
            if (req.method !== 'POST')
                return answer(405, { ok: false, message: `Method ${req.method} not allowed: Fivetran delivers webhooks with POST.` });
            if (Number(req.headers['content-length'] ?? 0) > limit)
                return answer(413, { ok: false, message: (0,webhook_receiver/* bodyTooLargeMessage */.ZZ)(limit) }, true);
            const rawBody = await webhook_listener_readBody(req, limit);
            if (rawBody === null)
                return answer(413, { ok: false, message: (0,webhook_receiver/* bodyTooLargeMessage */.ZZ)(limit) }, true);
            const response = await receiver.handle({ headers: req.headers, rawBody });
            return answer(response.status, response.body);
        };
        handle().then(respond, (error) => respond(answer(400, { ok: false, message: `Could not read the request: ${error instanceof Error ? error.message : String(error)}` })));
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const { port } = server.address();
    return {
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${PATH}`,
        close: () => new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }),
    };
}

// EXTERNAL MODULE: ./src/core/asset-path.ts
var asset_path = __webpack_require__(3999);
;// CONCATENATED MODULE: ./src/demo/demo.ts
/**
 * The embedded demo behind `npm start`: the bundled Fivetran simulator with a demo group, the
 * in-process webhook receiver registered on it as a group webhook (as a user would with real
 * Fivetran), and a stand-in dbt that writes run_results.json. No AWS, no Fivetran account.
 */










/** The stand-in dbt the demo runs (plain JS, so it runs from source and from the build alike). */
const DEMO_DBT_SCRIPT = (0,asset_path/* assetPath */.Q)(__webpack_require__.ab + "fake-dbt.mjs");
/** Seed for the demo group and the simulator, so every demo run looks alike. */
const DEMO_SEED = 7;
async function startDemo(options = {}) {
    const group = demoGroup({ connections: options.connections ?? 8, seed: DEMO_SEED, durationsMs: [800, 3000] });
    // One paused connection shows the default policy (skip) in the report.
    const paused = group.connections[group.connections.length - 1];
    if (paused && group.connections.length > 5)
        paused.paused = true;
    const simulator = await startSimulator({ groups: [group], seed: DEMO_SEED });
    const store = new memory_store/* MemoryRunStore */.A();
    const tokens = new local_task_tokens/* LocalTaskTokens */.P();
    const secret = (0,external_node_crypto_.randomBytes)(24).toString('hex');
    const listener = await listenForWebhooks({ secrets: [secret], store, completer: tokens });
    const fivetran = (0,client/* createFivetranClient */.Zx)({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
    await fivetran.createGroupWebhook(group.id, { url: listener.url, events: ['sync_start', 'sync_end'], secret, active: true });
    const cwd = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'fivetran-dbt-demo-'));
    return {
        fivetran,
        groupId: group.id,
        store,
        tokens,
        dbt: { command: process.execPath, commandPrefixArgs: [DEMO_DBT_SCRIPT], cwd },
        webhookUrl: listener.url,
        close: async () => {
            await listener.close();
            await simulator.close();
            await (0,promises_.rm)(cwd, { recursive: true, force: true });
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/local/local-setup.ts
/**
 * Everything a local run needs besides the request, for the CLI and the Action alike: a Fivetran
 * client (real, or the bundled simulator for the demo), the in-memory store and local task tokens,
 * how completion is noticed (polling, or a webhook listener with its secret), and dbt.
 */





/** Prepares a local run. Always `await setup.close()`. */
async function prepareLocalRun(config) {
    const polling = config.pollIntervalMs !== undefined ? { pollIntervalMs: config.pollIntervalMs } : {};
    if (!config.fivetran) {
        const connections = config.demoConnections ?? 8;
        if (!Number.isInteger(connections) || connections < 1 || connections > 5000)
            throw new errors/* ConfigError */.xL('The demo takes 1 to 5000 connections.');
        const demo = await startDemo({ connections });
        return {
            engineOptions: { fivetran: demo.fivetran, store: demo.store, tokens: demo.tokens, completion: { mode: 'webhook', ...polling }, dbt: config.dbt ?? demo.dbt },
            demoGroupId: demo.groupId,
            webhookUrl: demo.webhookUrl,
            close: () => demo.close(),
        };
    }
    if (!config.dbt)
        throw new errors/* ConfigError */.xL('A local run needs dbt: the command and the project directory.');
    const store = new memory_store/* MemoryRunStore */.A();
    const tokens = new local_task_tokens/* LocalTaskTokens */.P();
    const listener = config.webhook
        ? await listenForWebhooks({ secrets: config.webhook.secrets, store, completer: tokens, port: config.webhook.port, host: config.webhook.host ?? '0.0.0.0' })
        : null;
    return {
        engineOptions: { fivetran: config.fivetran, store, tokens, completion: { mode: listener ? 'webhook' : 'poll', ...polling }, dbt: config.dbt },
        demoGroupId: null,
        webhookUrl: listener?.url ?? null,
        close: async () => listener?.close(),
    };
}

// EXTERNAL MODULE: ./src/engine/run-pipeline.ts
var run_pipeline = __webpack_require__(8538);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/credential-providers/dist-cjs/index.js
var dist_cjs = __webpack_require__(9719);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/core/env.ts
var env = __webpack_require__(8792);
;// CONCATENATED MODULE: ./src/action/aws-credentials.ts




const OIDC_AUDIENCE = 'sts.amazonaws.com';
/** Credentials are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A provider the SDK clients share: one AssumeRoleWithWebIdentity per credential lifetime, whatever the number of clients. */
function createOidcCredentials(options) {
    const now = options.now ?? Date.now;
    const sessionName = options.sessionName.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
    const clientConfig = {
        region: (0,env/* clean */.u)(options.env.AWS_REGION) ?? (0,env/* clean */.u)(options.env.AWS_DEFAULT_REGION) ?? 'us-east-1',
        ...((0,clients/* endpointFor */.Lo)('sts', options.env) ? { endpoint: (0,clients/* endpointFor */.Lo)('sts', options.env) } : {}),
    };
    const assume = options.assume ??
        ((token) => (0,dist_cjs/* fromWebToken */.G7)({ roleArn: options.roleArn, webIdentityToken: token, roleSessionName: sessionName, durationSeconds: options.durationSeconds, clientConfig })());
    let cached = null;
    let expiresAt = 0;
    return () => {
        if (cached && now() < expiresAt - REFRESH_MARGIN_MS)
            return cached;
        cached = (async () => {
            let token;
            try {
                token = await options.getIdToken(OIDC_AUDIENCE);
            }
            catch (error) {
                throw new errors/* ConfigError */.xL(`Input role-to-assume needs GitHub's OIDC token: add \`permissions: id-token: write\` to the job (${(0,errors/* messageOf */.bD)(error)}).`, { cause: error });
            }
            const identity = await assume(token);
            expiresAt = identity.expiration?.getTime() ?? now() + options.durationSeconds * 1000;
            return identity;
        })();
        cached.catch(() => {
            cached = null;
        });
        return cached;
    };
}

;// CONCATENATED MODULE: ./src/action/engine-setup.ts
/**
 * The engine a step runs on: a deployed stack (`engine: aws`, with the Action's own refreshing
 * credentials when `role-to-assume` is set; its production or CI state machine by the run's kind), or this runner (`engine: local`: real Fivetran with
 * credentials, the bundled demo without). Always `await setup.close()`.
 */







/** Credentials for AWS clients: OIDC with `role-to-assume`, else undefined (the SDK's default chain). */
function awsCredentials(inputs, env, sessionName) {
    if (!inputs.roleToAssume)
        return undefined;
    return createOidcCredentials({ roleArn: inputs.roleToAssume, durationSeconds: inputs.roleDurationSeconds, sessionName, env, getIdToken: (audience) => core/* getIDToken */.V9(audience) });
}
async function openEngine(inputs, options) {
    if (inputs.engine === 'aws' || inputs.command !== 'run') {
        const poll = inputs.pollIntervalMs ? { initialMs: inputs.pollIntervalMs, maxMs: inputs.pollIntervalMs * 4 } : undefined;
        const sfn = (0,sfn_engine.createSfnEngine)({
            ...((options.stackName ?? inputs.stackName) ? { stackName: options.stackName ?? inputs.stackName } : {}),
            ...(inputs.stateMachineArn ? { stateMachineArn: inputs.stateMachineArn } : {}),
            runKind: options.runKind,
            env: options.env,
            ...(options.credentials ? { credentials: options.credentials } : {}),
            ...(poll ? { poll } : {}),
        });
        return { engine: sfn, sfn, demoGroupId: null, close: () => sfn.close() };
    }
    const pollIntervalMs = inputs.pollIntervalMs;
    if (!inputs.fivetranApiKey || !inputs.fivetranApiSecret) {
        core/* info */.pq('Demo run: fivetran-api-key and fivetran-api-secret are not set, so engine local uses the bundled Fivetran simulator and a stand-in dbt. Set them and group-id to sync real connections.');
        const setup = await prepareLocalRun({ ...(pollIntervalMs ? { pollIntervalMs } : {}) });
        const engine = await (0,run_pipeline/* createEngine */.P)({ kind: 'local', options: setup.engineOptions });
        return { engine, sfn: null, demoGroupId: setup.demoGroupId, close: async () => (await engine.close(), await setup.close()) };
    }
    const fivetran = (0,client/* fivetranClientFromEnv */.G$)(options.env, { apiKey: inputs.fivetranApiKey, apiSecret: inputs.fivetranApiSecret });
    if (inputs.groupId)
        await (0,client/* fivetranClientFromEnv */.G$)(options.env, { apiKey: inputs.fivetranApiKey, apiSecret: inputs.fivetranApiSecret, maxRetries: 2 }).getGroup(inputs.groupId);
    const setup = await prepareLocalRun({ fivetran, ...(pollIntervalMs ? { pollIntervalMs } : {}), dbt: { command: inputs.dbtCommand, cwd: (0,external_node_path_.resolve)(inputs.dbtProjectDir) } });
    const engine = await (0,run_pipeline/* createEngine */.P)({ kind: 'local', options: setup.engineOptions });
    return { engine, sfn: null, demoGroupId: null, close: async () => (await engine.close(), await setup.close()) };
}


/***/ }),

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lo: () => (/* binding */ endpointFor),
/* harmony export */   nV: () => (/* binding */ createAwsClient)
/* harmony export */ });
/* unused harmony exports AwsServices, SDK_CLIENT_DEFAULTS, awsClientConfig */
/* harmony import */ var _core_env_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8792);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * One way to build the project's AWS SDK clients, for the Lambdas, the self-hosted server, the
 * run API and the Action alike. Region and credentials come from the SDK's standard chain; the
 * endpoint of each service may be overridden for local stand-ins (dynalite, the loopback Step
 * Functions endpoint) with the SDK's own variables, read from the `env` given (not only
 * `process.env`, so a test can build clients for two stacks in one process):
 *
 * - `AWS_ENDPOINT_URL_<SERVICE>` (e.g. `AWS_ENDPOINT_URL_SFN`, `AWS_ENDPOINT_URL_DYNAMODB`), then
 *   `AWS_ENDPOINT_URL` for every service;
 * - older names kept as aliases: `DYNAMODB_ENDPOINT`, `SFN_ENDPOINT`, `SECRETS_MANAGER_ENDPOINT`.
 *
 * With an overridden endpoint and no credentials configured, dummy credentials are used (local
 * stand-ins accept any) and the region defaults to `us-east-1`.
 */


/** The services the project calls, with the suffix of their `AWS_ENDPOINT_URL_<SERVICE>` variable. */
const AwsServices = {
    dynamodb: { endpointVariable: 'AWS_ENDPOINT_URL_DYNAMODB', alias: 'DYNAMODB_ENDPOINT' },
    sfn: { endpointVariable: 'AWS_ENDPOINT_URL_SFN', alias: 'SFN_ENDPOINT' },
    secretsManager: { endpointVariable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER', alias: 'SECRETS_MANAGER_ENDPOINT' },
    ecs: { endpointVariable: 'AWS_ENDPOINT_URL_ECS', alias: undefined },
    s3: { endpointVariable: 'AWS_ENDPOINT_URL_S3', alias: undefined },
    cloudformation: { endpointVariable: 'AWS_ENDPOINT_URL_CLOUDFORMATION', alias: undefined },
    cloudwatchLogs: { endpointVariable: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', alias: undefined },
    sts: { endpointVariable: 'AWS_ENDPOINT_URL_STS', alias: undefined },
};
/**
 * `cacheMiddleware` resolves a command's middleware stack once per command type instead of on every
 * call, about a tenth of each call's CPU. Safe here: no command instance carries middleware of its
 * own. Not for clients wrapped in `DynamoDBDocumentClient`, which refuses it.
 */
const SDK_CLIENT_DEFAULTS = { cacheMiddleware: true };
const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
/** The endpoint override for `service` in `env`, or undefined. Throws `ConfigError` naming the variable when it is not an http(s) URL. */
function endpointFor(service, env = process.env) {
    const { endpointVariable, alias } = AwsServices[service];
    for (const name of [endpointVariable, 'AWS_ENDPOINT_URL', alias]) {
        if (!name)
            continue;
        const value = (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env[name]);
        if (value === undefined)
            continue;
        if (!/^https?:\/\/[^\s/]+/.test(value))
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${name} must be an http(s) URL such as http://127.0.0.1:8000 (got "${value}").`);
        return value;
    }
    return undefined;
}
/** Constructor settings for a client of `service` from `env` (see the module header). */
function awsClientConfig(service, env = process.env) {
    const config = {};
    const region = (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env.AWS_REGION) ?? (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env.AWS_DEFAULT_REGION);
    if (region)
        config.region = region;
    const endpoint = endpointFor(service, env);
    if (endpoint) {
        config.endpoint = endpoint;
        config.region ??= 'us-east-1';
        if (service === 's3')
            config.forcePathStyle = true;
    }
    if (endpoint && !CREDENTIAL_VARIABLES.some((name) => (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env[name]))) {
        config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    }
    else if (env !== process.env && (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env.AWS_ACCESS_KEY_ID) && (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env.AWS_SECRET_ACCESS_KEY)) {
        // An environment other than the process's (with or without an endpoint): its keys would not reach the SDK's default chain.
        config.credentials = {
            accessKeyId: (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env.AWS_ACCESS_KEY_ID),
            secretAccessKey: (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env.AWS_SECRET_ACCESS_KEY),
            ...((0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env.AWS_SESSION_TOKEN) ? { sessionToken: (0,_core_env_js__WEBPACK_IMPORTED_MODULE_1__/* .clean */ .u)(env.AWS_SESSION_TOKEN) } : {}),
        };
    }
    return config;
}
/**
 * A client of `service`: `createAwsClient(SFNClient, 'sfn', env, { maxAttempts: 5 })`. `extra`
 * wins over the environment (a test's credentials, a request timeout, a credentials provider).
 */
function createAwsClient(Client, service, env = process.env, extra = {}) {
    const cache = service === 'dynamodb' ? {} : SDK_CLIENT_DEFAULTS;
    return new Client({ ...cache, ...awsClientConfig(service, env), ...extra });
}


/***/ }),

/***/ 3999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ assetPath)
/* harmony export */ });
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_0__);
/** Paths of files shipped next to the code, from sources, the build and a bundle alike. */

/**
 * The path of `url` (`new URL('./file', import.meta.url)`). A bundler such as ncc copies the
 * file next to the bundle and replaces the URL expression by that path as a string: both work.
 */
function assetPath(url) {
    return typeof url === 'string' && !url.startsWith('file:') ? url : (0,node_url__WEBPACK_IMPORTED_MODULE_0__.fileURLToPath)(url);
}


/***/ }),

/***/ 5749:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SS: () => (/* binding */ describeOutcome),
/* harmony export */   a4: () => (/* binding */ applySyncStart),
/* harmony export */   dW: () => (/* binding */ applySyncEnd),
/* harmony export */   e3: () => (/* binding */ registerWaiter),
/* harmony export */   rQ: () => (/* binding */ settleRecord)
/* harmony export */ });
/* unused harmony exports STALE_TOLERANCE_MS, RESCHEDULED, isStale, deliver */
/* harmony import */ var _webhook_event_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3342);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2020);


/**
 * A `sync_end` created within this long after the baseline is taken to be the sync that set the
 * baseline (Fivetran stamps the event a few milliseconds after `succeeded_at`), not a new one.
 */
const STALE_TOLERANCE_MS = 1000;
const RESCHEDULED = 'RESCHEDULED';
/**
 * True when an outcome that ended at `finishedAt` belongs to a sync before the run's baseline.
 * `toleranceMs` covers the gap between a `sync_end`'s `created` and the `succeeded_at` it follows;
 * a read of the connection compares the same timestamps the baseline came from, with no gap (0).
 */
function isStale(baseline, finishedAt, toleranceMs = STALE_TOLERANCE_MS) {
    if (baseline === null)
        return false;
    return Date.parse(finishedAt) <= Date.parse(baseline) + toleranceMs;
}
/** The staleness tolerance of an outcome by its source: webhooks get `STALE_TOLERANCE_MS`, reads none, the run's own verdicts are never stale. */
function toleranceFor(source) {
    if (source === 'webhook')
        return STALE_TOLERANCE_MS;
    return source === 'poll' ? 0 : null;
}
/** A one-line account of an outcome for people: `FAILURE_WITH_TASK (reconnect_warehouse): reason`. */
function describeOutcome(outcome) {
    const head = outcome.taskType ? `${outcome.status} (${outcome.taskType})` : outcome.status;
    return outcome.reason ? `${head}: ${outcome.reason}` : head;
}
/** Hands the record's outcome to its waiter's handle. */
async function deliver(completer, record) {
    const { outcome } = record;
    if (outcome.status === _webhook_event_js__WEBPACK_IMPORTED_MODULE_0__/* .SUCCESSFUL */ .Do) {
        return completer.succeed(record.taskToken, { connectionId: record.connectionId, status: outcome.status, syncId: outcome.syncId });
    }
    return completer.fail(record.taskToken, outcome.status, `Connection ${record.connectionId}: ${describeOutcome(outcome)}`);
}
/** Delivers the outcome to `taskToken`, then notes the record completed. */
async function deliverAndMarkCompleted(deps, record, outcome, taskToken) {
    await deliver(deps.completer, { ...record, outcome, taskToken });
    await deps.store.markCompleted(record.runId, record.connectionId, (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .isoTime */ .Ly)((deps.now ?? Date.now)()));
}
async function deliverIfWaiting(deps, record) {
    if (!record.outcome || !record.taskToken || record.completedAt)
        return false;
    await deliverAndMarkCompleted(deps, record, record.outcome, record.taskToken);
    return true;
}
/**
 * Applies an outcome to one record: ignores it if stale, stores it if first, and delivers it if a
 * waiter is registered. An outcome stored earlier but never delivered (a crash between the two) is
 * delivered now, so a redelivered webhook repairs it.
 */
async function settleRecord(deps, record, outcome) {
    if (record.outcome)
        return (await deliverIfWaiting(deps, record)) ? 'completed' : 'duplicate';
    // A read's timestamp is compared exactly: with the webhook's tolerance, a sync that ended within
    // a second of the previous one would be stale for ever and its run would wait for its deadline.
    const tolerance = toleranceFor(outcome.source);
    if (tolerance !== null && isStale(record.baseline, outcome.finishedAt, tolerance))
        return 'stale';
    const write = await deps.store.recordOutcome(record.runId, record.connectionId, outcome);
    if (!write.stored)
        return (await deliverIfWaiting(deps, write.record)) ? 'completed' : 'duplicate';
    return (await deliverIfWaiting(deps, write.record)) ? 'completed' : 'recorded';
}
/** A signed `sync_end`: settles every open record of the connection (normally one run). */
async function applySyncEnd(deps, event) {
    const records = await deps.store.findOpenRecords(event.connectionId);
    const rescheduled = event.status === RESCHEDULED;
    // One object for every record: the stores copy the outcome they keep.
    const outcome = {
        status: event.status,
        finishedAt: event.createdAt,
        syncId: event.syncId,
        reason: event.reason,
        taskType: event.taskType,
        source: 'webhook',
    };
    const results = [];
    for (const record of records) {
        results.push(rescheduled ? await noteRescheduled(deps, record, event.createdAt) : await settleRecord(deps, record, outcome));
    }
    return results;
}
async function noteRescheduled(deps, record, at) {
    if (record.outcome)
        return 'duplicate';
    if (isStale(record.baseline, at))
        return 'stale';
    await deps.store.markRescheduled(record.runId, record.connectionId, at);
    if (record.taskToken)
        await deps.completer.heartbeat(record.taskToken);
    return 'rescheduled';
}
/** A signed `sync_start`: noted on open records, and a heartbeat for their waiters. */
async function applySyncStart(deps, event) {
    const records = await deps.store.findOpenRecords(event.connectionId);
    const results = [];
    for (const record of records) {
        if (record.outcome || isStale(record.baseline, event.createdAt)) {
            results.push('stale');
            continue;
        }
        await deps.store.recordSyncStart(record.runId, record.connectionId, event.syncId, event.createdAt);
        if (record.taskToken)
            await deps.completer.heartbeat(record.taskToken);
        results.push('started');
    }
    return results;
}
/**
 * The waiter's side (the RegisterWaiter Lambda, the local engine's WaitForSync): stores the handle
 * and, if the outcome is already there, completes at once. Returns whether it is now waiting.
 */
async function registerWaiter(deps, request) {
    const record = await deps.store.attachTaskToken(request.runId, request.connectionId, request.taskToken);
    if (!record.outcome)
        return 'waiting';
    // A redriven wait brings a new token for a record that was completed before: deliver again.
    await deliverAndMarkCompleted(deps, record, record.outcome, request.taskToken);
    return 'completed';
}


/***/ }),

/***/ 8904:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ forEachLimited)
/* harmony export */ });
/** Bounded concurrency for batches of I/O (triggers, conditional writes). */
/**
 * Runs `work` over `items` with at most `limit` (at least 1) in flight. After a failure no new
 * item is started; the first error is thrown once the items in flight have settled.
 */
async function forEachLimited(items, limit, work) {
    let next = 0;
    let failure = null;
    const lane = async () => {
        while (next < items.length && failure === null) {
            try {
                await work(items[next++]);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane));
    if (failure !== null)
        throw failure.error;
}


/***/ }),

/***/ 8740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cv: () => (/* binding */ readRunResults),
/* harmony export */   v$: () => (/* binding */ NO_RUN_RESULTS)
/* harmony export */ });
/* unused harmony export summarizeRunResults */
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4568);
/**
 * Reads dbt's `target/run_results.json` into a small summary: nodes by status and the ones that
 * did not pass. Status values differ across dbt versions, so unknown ones are counted as they are.
 */

const RunResultsSchema = _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    elapsed_time: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()),
    results: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
        unique_id: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        status: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        execution_time: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()),
        message: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
        failures: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()),
    })),
});
const OK_STATUSES = new Set(['success', 'pass']);
const PROBLEM_LIMIT = 20;
/** The note a report shows when dbt left no run_results.json to summarise. */
const NO_RUN_RESULTS = 'dbt wrote no run_results.json';
/** Summarises the JSON text of run_results.json; null when it is not a run_results file. */
function summarizeRunResults(text) {
    const read = readRunResults(text);
    return 'summary' in read ? read.summary : null;
}
/**
 * Summarises the JSON text of run_results.json, or says why it cannot: the note a report shows
 * instead of no nodes (`run_results.json unreadable: ...`).
 */
function readRunResults(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        return { note: `run_results.json unreadable: ${text.trim() === '' ? 'the file is empty' : `not JSON (${error instanceof Error ? error.message : String(error)})`}` };
    }
    const parsed = RunResultsSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        return { note: `run_results.json unreadable: not a dbt run_results file (${issue?.message ?? 'unexpected shape'}${where})` };
    }
    const byStatus = {};
    const problems = [];
    for (const result of parsed.data.results) {
        byStatus[result.status] = (byStatus[result.status] ?? 0) + 1;
        if (!OK_STATUSES.has(result.status) && problems.length < PROBLEM_LIMIT) {
            problems.push({ uniqueId: result.unique_id, status: result.status, message: result.message ?? null });
        }
    }
    return { summary: { elapsedSeconds: parsed.data.elapsed_time ?? null, nodes: parsed.data.results.length, byStatus, problems } };
}


/***/ }),

/***/ 8158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Zx: () => (/* binding */ createFivetranClient),
  G$: () => (/* binding */ fivetranClientFromEnv)
});

// UNUSED EXPORTS: DEFAULT_FIVETRAN_BASE_URL, FIVETRAN_ACCEPT, FIVETRAN_USER_AGENT, FivetranApiError, MAX_PAGE_SIZE

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: ./src/core/schema.ts + 4 modules
var core_schema = __webpack_require__(4568);
// EXTERNAL MODULE: ./src/core/env.ts
var core_env = __webpack_require__(8792);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/fivetran/errors.ts
var fivetran_errors = __webpack_require__(6058);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/core/fivetran/node-http-fetch.ts
/**
 * The `fetch` subset the Fivetran client uses (method, headers, a string body, a signal; the
 * answer's status, headers and text), over node:http/node:https with keep-alive agents. The
 * global fetch costs about twice the CPU per request (WHATWG streams and headers around undici;
 * bench/fivetran-client.ts measures both), a large part of the orchestrator's own CPU when it
 * triggers thousands of syncs. Like fetch it
 * asks for and undoes gzip, deflate and br, and rejects with the socket's error (its `code`, e.g.
 * ECONNREFUSED) or, when the signal aborts, with the signal's reason.
 */



const agents = {
    'http:': new (external_node_http_default()).Agent({ keepAlive: true }),
    'https:': new (external_node_https_default()).Agent({ keepAlive: true }),
};
/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);
function decode(body, encoding) {
    switch (encoding?.trim().toLowerCase()) {
        case 'gzip':
        case 'x-gzip':
            return (0,external_node_zlib_.gunzipSync)(body);
        case 'deflate':
            return (0,external_node_zlib_.inflateSync)(body);
        case 'br':
            return (0,external_node_zlib_.brotliDecompressSync)(body);
        default:
            return body;
    }
}
const nodeHttpFetch = ((input, init = {}) => {
    const url = typeof input === 'string' ? new URL(input) : input;
    const lib = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const signal = init.signal ?? undefined;
    const headers = { 'accept-encoding': 'gzip, deflate, br', ...init.headers };
    const body = typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : undefined;
    if (body)
        headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const req = lib.request(url, { method: init.method ?? 'GET', headers, agent });
        const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted', { cause: signal?.reason }));
        signal?.addEventListener('abort', onAbort, { once: true });
        const done = () => signal?.removeEventListener('abort', onAbort);
        req.once('error', (error) => {
            done();
            reject(signal?.aborted ? signal.reason : error);
        });
        req.once('response', (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.once('error', (error) => {
                done();
                reject(signal?.aborted ? signal.reason : error);
            });
            res.once('end', () => {
                done();
                try {
                    const status = res.statusCode ?? 0;
                    const answerHeaders = new Headers();
                    for (const [name, value] of Object.entries(res.headers)) {
                        if (Array.isArray(value))
                            for (const v of value)
                                answerHeaders.append(name, v);
                        else if (value !== undefined)
                            answerHeaders.set(name, value);
                    }
                    const text = NULL_BODY.has(status) ? null : decode(Buffer.concat(chunks), res.headers['content-encoding']).toString('utf8');
                    answerHeaders.delete('content-encoding');
                    answerHeaders.delete('content-length');
                    resolve(new Response(text, { status, statusText: res.statusMessage ?? '', headers: answerHeaders }));
                }
                catch (error) {
                    reject(error);
                }
            });
        });
        req.end(body);
    });
});

// EXTERNAL MODULE: ./src/core/fivetran/retry.ts
var retry = __webpack_require__(7703);
// EXTERNAL MODULE: ./src/core/fivetran/types.ts
var types = __webpack_require__(7860);
;// CONCATENATED MODULE: ./src/core/fivetran/client.ts
/**
 * The Fivetran REST API client (v1, the `/connections` paths). It reads every page, checks each
 * answer against a schema, and retries: honouring `Retry-After` on 429, backing off on 5xx/network.
 */









const DEFAULT_FIVETRAN_BASE_URL = 'https://api.fivetran.com/v1';
/** Sent as `Accept`: version 2 of the response shapes (the `/connections` field names). */
const FIVETRAN_ACCEPT = 'application/json;version=2';
const FIVETRAN_USER_AGENT = 'fivetran-dbt-orchestrator';
/** Fivetran's largest `limit` for list endpoints. */
const MAX_PAGE_SIZE = 1000;
const DEFAULTS = {
    maxRetries: 6,
    maxBackoffMs: 30_000,
    maxRetryAfterMs: 15 * 60_000,
    requestTimeoutMs: 30_000,
};
// `data` envelope of every Fivetran answer; webhook answers are also accepted bare (older docs).
function enveloped(schema) {
    return core_schema/* pipe */.FsL(core_schema/* looseObject */._H3({ data: schema }), core_schema/* transform */.pdi((body) => body.data));
}
function maybeEnveloped(schema) {
    return core_schema/* pipe */.FsL(core_schema/* transform */.pdi((body) => (isRecord(body) && isRecord(body.data) ? body.data : body)), schema);
}
function pageOf(item) {
    return core_schema/* looseObject */._H3({ items: core_schema/* array */.YOg(item), next_cursor: core_schema/* nullish */.cl6(core_schema/* string */.YjP()) });
}
const ConnectionPageSchema = enveloped(pageOf(types/* ConnectionSchema */.qv));
const ConnectionResponseSchema = enveloped(types/* ConnectionSchema */.qv);
const GroupSchema = core_schema/* looseObject */._H3({ id: core_schema/* string */.YjP(), name: core_schema/* nullish */.cl6(core_schema/* string */.YjP()) });
const GroupResponseSchema = enveloped(GroupSchema);
const GroupPageSchema = enveloped(pageOf(GroupSchema));
const toGroup = (group) => ({ id: group.id, name: group.name ?? null });
const WebhookResponseSchema = maybeEnveloped(types/* WebhookSchema */.rR);
const WebhookPageSchema = maybeEnveloped(pageOf(types/* WebhookSchema */.rR));
const AnyBodySchema = core_schema/* pipe */.FsL(core_schema/* unknown */.L5J(), core_schema/* transform */.pdi((body) => (isRecord(body) && 'data' in body ? body.data : body)));
/** Creates a client. Throws `ConfigError` for a missing key/secret, a bad base URL or bad limits. */
function createFivetranClient(options) {
    const apiKey = options.apiKey;
    const apiSecret = options.apiSecret;
    if (typeof apiKey !== 'string' || apiKey === '')
        throw new errors/* ConfigError */.xL('The Fivetran API key is empty: set FIVETRAN_API_KEY.');
    if (typeof apiSecret !== 'string' || apiSecret === '')
        throw new errors/* ConfigError */.xL('The Fivetran API secret is empty: set FIVETRAN_API_SECRET.');
    const baseUrl = normaliseBaseUrl(options.baseUrl ?? DEFAULT_FIVETRAN_BASE_URL);
    const maxRetries = nonNegative('maxRetries', options.maxRetries ?? DEFAULTS.maxRetries, true);
    const maxBackoffMs = nonNegative('maxBackoffMs', options.maxBackoffMs ?? DEFAULTS.maxBackoffMs);
    const maxRetryAfterMs = nonNegative('maxRetryAfterMs', options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs);
    const requestTimeoutMs = nonNegative('requestTimeoutMs', options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs);
    if (requestTimeoutMs === 0)
        throw new errors/* ConfigError */.xL('requestTimeoutMs must be greater than 0.');
    const fetchImpl = options.fetch ?? nodeHttpFetch;
    const sleep = options.sleep ?? retry/* abortableSleep */.Mf;
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    const { signal, onRetry } = options;
    const token = Buffer.from(`${apiKey}:${apiSecret}`, 'utf8').toString('base64');
    const baseHeaders = {
        Authorization: `Basic ${token}`,
        Accept: FIVETRAN_ACCEPT,
        'User-Agent': FIVETRAN_USER_AGENT,
    };
    const secrets = [`Basic ${token}`, token, `${apiKey}:${apiSecret}`, apiSecret];
    const redact = (text) => secrets.reduce((out, s) => out.split(s).join('[redacted]'), text);
    function fail(call, failure, attempts, message = failure.message) {
        // HTTP failures name the call up front; network ones name the base URL, so add the call here.
        const parts = [failure.status === 0 ? `${call.method} ${call.path}` : null, attempts > 1 ? `gave up after ${attempts} attempts` : null];
        const shown = parts.filter((p) => p !== null);
        const tail = shown.length > 0 ? ` (${shown.join(', ')})` : '';
        return new fivetran_errors/* FivetranApiError */.k(redact(message + tail), { status: failure.status, code: failure.code, method: call.method, path: call.path, retryable: failure.retryable, attempts }, { cause: failure.cause });
    }
    function cancelled(call, attempts, cause) {
        return new fivetran_errors/* FivetranApiError */.k(`Fivetran API ${call.method} ${call.path} was cancelled.`, { status: 0, code: fivetran_errors/* FivetranClientCode */.o.aborted, method: call.method, path: call.path, retryable: false, attempts }, { cause });
    }
    async function attemptOnce(call, url) {
        const timeout = AbortSignal.timeout(requestTimeoutMs);
        const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
        const headers = call.body === undefined ? baseHeaders : { ...baseHeaders, 'Content-Type': 'application/json' };
        let response;
        let text;
        try {
            response = await fetchImpl(url, {
                method: call.method,
                headers,
                body: call.body === undefined ? undefined : JSON.stringify(call.body),
                signal: attemptSignal,
            });
            text = await response.text();
        }
        catch (error) {
            if (signal?.aborted)
                return { ok: false, aborted: true, cause: signal.reason };
            if (timeout.aborted) {
                const detail = `no answer within ${requestTimeoutMs} ms`;
                return { ok: false, failure: unreachable(fivetran_errors/* FivetranClientCode */.o.timeout, detail, error) };
            }
            const code = networkCode(error);
            return { ok: false, failure: unreachable(code, code ?? describeError(error), error) };
        }
        if (!response.ok)
            return { ok: false, failure: httpFailure(call, response, text) };
        if (call.schema === null)
            return { ok: true, value: undefined };
        // An empty 2xx is an answer cut short on the way (a proxy, a reset): worth another attempt.
        if (text.trim() === '')
            return { ok: false, failure: { ...invalidResponse(call, response.status, 'the body is empty', null), retryable: true } };
        let json;
        try {
            json = JSON.parse(text);
        }
        catch (cause) {
            const detail = isHtml(response) ? 'an HTML page, not JSON' : 'the body is not JSON';
            return { ok: false, failure: invalidResponse(call, response.status, detail, cause) };
        }
        const parsed = call.schema.safeParse(json);
        if (!parsed.success)
            return { ok: false, failure: invalidResponse(call, response.status, formatIssues(parsed.error), parsed.error) };
        return { ok: true, value: parsed.data };
    }
    function unreachable(code, detail, cause) {
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
    function httpFailure(call, response, text) {
        const status = response.status;
        const body = parseErrorBody(text);
        const label = body.code ?? (response.statusText || external_node_http_.STATUS_CODES[status] || 'HTTP error');
        const from = body.code === null && isHtml(response) ? ' (an HTML page: a proxy or gateway in front of the API answered, not Fivetran)' : '';
        const head = `Fivetran API ${call.method} ${call.path} failed: ${status} ${label}${body.message ? `: ${body.message}` : ''}${from}`;
        const retryable = status === 429 || status === 408 || status >= 500;
        const retryAfterMs = status === 429 || status === 503 ? (0,retry/* parseRetryAfter */.mu)(response.headers.get('retry-after'), now()) : null;
        const failure = { status, code: body.code, retryable, message: head + hintFor(status), reason: `${status} ${label}`, retryAfterMs };
        if (status === 429) {
            failure.tooLongMessage = (ms) => `${head}: Fivetran's rate limit was reached and Retry-After asks to wait ${Math.ceil(ms / 1000)} s, ` +
                `longer than the ${Math.round(maxRetryAfterMs / 1000)} s this client waits (maxRetryAfterMs)`;
        }
        return failure;
    }
    async function send(call) {
        const url = buildUrl(baseUrl, call.path, call.query);
        for (let attempt = 1;; attempt += 1) {
            if (signal?.aborted)
                throw cancelled(call, attempt - 1, signal.reason);
            const outcome = await attemptOnce(call, url);
            if (outcome.ok)
                return outcome.value;
            if ('aborted' in outcome)
                throw cancelled(call, attempt, outcome.cause);
            const failure = outcome.failure;
            if (!failure.retryable || attempt > maxRetries)
                throw fail(call, failure, attempt);
            let delayMs;
            if (failure.retryAfterMs !== null) {
                if (failure.retryAfterMs > maxRetryAfterMs) {
                    throw fail(call, failure, attempt, failure.tooLongMessage?.(failure.retryAfterMs) ?? failure.message);
                }
                delayMs = failure.retryAfterMs;
            }
            else {
                delayMs = (0,retry/* backoffDelay */.EY)(attempt, { capMs: maxBackoffMs, random });
            }
            if (call.retryUntil !== undefined && now() + delayMs > call.retryUntil) {
                const message = `${failure.message}; not retried: the wait of ${Math.ceil(delayMs / 1000)} s would end past the caller's time limit`;
                throw fail(call, { ...failure, code: fivetran_errors/* FivetranClientCode */.o.outOfTime }, attempt, message);
            }
            onRetry?.({ method: call.method, path: call.path, attempt, delayMs, reason: redact(failure.reason) });
            try {
                await sleep(delayMs, signal);
            }
            catch (error) {
                if (signal?.aborted)
                    throw cancelled(call, attempt, signal.reason);
                throw error;
            }
        }
    }
    async function readAllPages(path, schema, query) {
        const all = [];
        const seen = new Set();
        let cursor;
        for (;;) {
            const page = await send({ method: 'GET', path, query: { ...query, cursor }, schema });
            all.push(...page.items);
            const next = page.next_cursor;
            if (next === null || next === undefined || next === '')
                return all;
            if (seen.has(next)) {
                throw new fivetran_errors/* FivetranApiError */.k(`Fivetran API GET ${path} returned the cursor "${next}" twice: pagination would never end.`, { status: 200, code: fivetran_errors/* FivetranClientCode */.o.cursorLoop, method: 'GET', path, retryable: false, attempts: 1 });
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
                throw new errors/* ConfigError */.xL(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}.`);
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
function fivetranClientFromEnv(env, overrides = {}) {
    const apiKey = overrides.apiKey ?? (0,core_env/* clean */.u)(env.FIVETRAN_API_KEY);
    const apiSecret = overrides.apiSecret ?? (0,core_env/* clean */.u)(env.FIVETRAN_API_SECRET);
    if (!apiKey || !apiSecret) {
        const missing = [apiKey ? null : 'FIVETRAN_API_KEY', apiSecret ? null : 'FIVETRAN_API_SECRET'].filter((n) => n !== null);
        throw new errors/* ConfigError */.xL(`Environment variable${missing.length > 1 ? 's' : ''} required and not set: ${missing.join(', ')} ` +
            '(a system key from Fivetran\'s Account Settings > General > System Keys, or your personal key from your user name > API Key: see docs/first-run.md).');
    }
    const baseUrl = overrides.baseUrl ?? (0,core_env/* clean */.u)(env.FIVETRAN_API_URL) ?? DEFAULT_FIVETRAN_BASE_URL;
    return createFivetranClient({ ...overrides, apiKey, apiSecret, baseUrl });
}
function normaliseBaseUrl(raw) {
    let url;
    try {
        url = new URL(raw.trim());
    }
    catch (cause) {
        throw new errors/* ConfigError */.xL(`The Fivetran API URL "${raw}" is not a URL: check FIVETRAN_API_URL.`, { cause });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors/* ConfigError */.xL(`The Fivetran API URL must be http(s), got "${url.protocol}": check FIVETRAN_API_URL.`);
    }
    // Never echo the URL here: it would carry the credentials.
    if (url.username || url.password)
        throw new errors/* ConfigError */.xL('The Fivetran API URL must not contain credentials: check FIVETRAN_API_URL.');
    if (url.search || url.hash)
        throw new errors/* ConfigError */.xL(`The Fivetran API URL "${raw}" must not have a query or fragment: check FIVETRAN_API_URL.`);
    return url.toString().replace(/\/+$/, '');
}
function nonNegative(name, value, integer = false) {
    if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
        throw new errors/* ConfigError */.xL(`${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${value}.`);
    }
    return value;
}
function segment(name, id) {
    if (typeof id !== 'string' || id.trim() === '')
        throw new errors/* ConfigError */.xL(`${name} must be a non-empty string.`);
    return encodeURIComponent(id);
}
function buildUrl(baseUrl, path, query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}))
        if (value !== undefined)
            params.append(key, value);
    const qs = params.toString();
    return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function parseErrorBody(text) {
    try {
        const body = JSON.parse(text);
        if (isRecord(body)) {
            const code = typeof body.code === 'string' && body.code ? body.code : null;
            const message = typeof body.message === 'string' && body.message ? body.message : null;
            return { code, message };
        }
    }
    catch {
        // Not JSON (a proxy's HTML page, an empty body): the status says enough.
    }
    return { code: null, message: null };
}
function isHtml(response) {
    return /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
}
function hintFor(status) {
    if (status === 401)
        return '; check FIVETRAN_API_KEY and FIVETRAN_API_SECRET';
    if (status === 403)
        return "; check FIVETRAN_API_KEY and FIVETRAN_API_SECRET, and that the key's role allows this";
    if (status === 404)
        return '; check the id and that it belongs to the account of this API key';
    if (status === 429)
        return "; Fivetran's rate limit was reached";
    return '';
}
function invalidResponse(call, status, detail, cause) {
    return {
        status,
        code: fivetran_errors/* FivetranClientCode */.o.invalidResponse,
        retryable: false,
        message: `Fivetran API ${call.method} ${call.path} returned a response this client does not understand (${detail}): ` +
            'is FIVETRAN_API_URL the Fivetran REST API v1?',
        reason: 'invalid response',
        retryAfterMs: null,
        cause,
    };
}
function formatIssues(error) {
    const shown = error.issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
    const more = error.issues.length - shown.length;
    return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
/** The system error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`) anywhere in the cause chain. */
function networkCode(error) {
    let current = error;
    for (let depth = 0; depth < 6 && current; depth += 1) {
        if (isRecord(current) || current instanceof Error) {
            const code = current.code;
            if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code))
                return code;
            const errors = current.errors;
            const next = current.cause ?? (Array.isArray(errors) ? errors[0] : undefined);
            current = next;
        }
        else {
            break;
        }
    }
    return null;
}
function describeError(error) {
    if (error instanceof Error) {
        const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
        return `${error.message}${cause}`;
    }
    return String(error);
}


/***/ }),

/***/ 6058:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ FivetranApiError),
/* harmony export */   o: () => (/* binding */ FivetranClientCode)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * The one error the Fivetran client throws: what was asked (method, path), what came back (HTTP
 * status, Fivetran's error code) and whether asking again later could help.
 */

/** `code` values the client sets itself when there is no Fivetran error code to report. */
const FivetranClientCode = {
    /** The answer was not the JSON shape this client expects (a 2xx that failed its schema). */
    invalidResponse: 'InvalidResponse',
    /** No answer within `requestTimeoutMs`. */
    timeout: 'Timeout',
    /** The caller's `signal` aborted the request or a wait between attempts. */
    aborted: 'Aborted',
    /** A retry was due but its wait would end after the caller's `retryUntil`: the request was not made again. */
    outOfTime: 'OutOfTime',
    /** Pagination returned a cursor it had returned before. */
    cursorLoop: 'CursorLoop',
};
/**
 * A Fivetran API call failed. `status` is the HTTP status, or 0 when no HTTP answer arrived
 * (network error, timeout, cancellation). `code` is Fivetran's error code (`NotFound_Group`), the
 * network error code for status 0 (`ECONNREFUSED`), or one of `FivetranClientCode`.
 * `retryable` says whether the same request could succeed later (it stays true once the client
 * has given up retrying). `path` never includes the query string. The message never contains
 * the API secret or the Authorization header.
 */
class FivetranApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OrchestratorError */ .jD {
    name = 'FivetranApiError';
    status;
    code;
    method;
    path;
    retryable;
    /** Requests made before giving up (1 when the first answer was final). */
    attempts;
    constructor(message, details, options) {
        super(message, options);
        this.status = details.status;
        this.code = details.code;
        this.method = details.method;
        this.path = details.path;
        this.retryable = details.retryable;
        this.attempts = details.attempts;
    }
}


/***/ }),

/***/ 7703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   Mf: () => (/* binding */ abortableSleep),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter)
/* harmony export */ });
/* unused harmony export BACKOFF_BASE_MS */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Retry timing for the Fivetran client: exponential back-off with full jitter, `Retry-After`
 * parsing, and an abortable sleep. Pure functions of their inputs so tests need no clock.
 */

/** First back-off window; attempt n waits a random time in [0, min(cap, BASE * 2^(n-1))). */
const BACKOFF_BASE_MS = 500;
/**
 * Full-jitter exponential back-off (the AWS Architecture Blog variant): a uniform random delay
 * below `min(capMs, baseMs * 2^(attempt - 1))`. `attempt` counts failed attempts from 1.
 * `random` must return a number in [0, 1), like `Math.random`.
 */
function backoffDelay(attempt, options) {
    const base = options.baseMs ?? BACKOFF_BASE_MS;
    const exponent = Math.max(0, Math.min(attempt - 1, 52));
    const window = Math.min(options.capMs, base * 2 ** exponent);
    const r = Math.min(Math.max(options.random(), 0), 1);
    return Math.max(0, Math.floor(window * r));
}
/**
 * Milliseconds to wait according to a `Retry-After` header: delta-seconds (`7`, `1.5`) or an
 * HTTP-date (relative to `now`, never negative). Null when the header is absent or unreadable,
 * so the caller falls back to back-off.
 */
function parseRetryAfter(value, now) {
    if (value === null || value === undefined)
        return null;
    const text = value.trim();
    if (text === '')
        return null;
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.ceil(Number(text) * 1000);
    // A bare negative or otherwise numeric-looking value is not a date; do not let Date.parse guess.
    if (/^[-+]?[\d.]+$/.test(text))
        return null;
    const at = Date.parse(text);
    if (!Number.isFinite(at))
        return null;
    return Math.max(0, at - now);
}
/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts (at once if
 * it already has). The default `sleep` of the client.
 */
async function abortableSleep(ms, signal) {
    signal?.throwIfAborted();
    try {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, signal ? { signal } : undefined);
    }
    catch (error) {
        if (signal?.aborted)
            throw signal.reason;
        throw error;
    }
}


/***/ }),

/***/ 7860:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tt: () => (/* binding */ syncBaseline),
/* harmony export */   V$: () => (/* binding */ finishedSince),
/* harmony export */   qv: () => (/* binding */ ConnectionSchema),
/* harmony export */   rR: () => (/* binding */ WebhookSchema)
/* harmony export */ });
/* unused harmony export ConnectionStatusSchema */
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4568);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2020);
/**
 * The parts of Fivetran's REST API (v1, `Accept: application/json;version=2`) this project reads.
 * Schemas are lenient: unknown fields pass through, optional fields may be absent or null.
 */


const nullableString = _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP());
const notice = _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({ code: nullableString, message: nullableString });
const ConnectionStatusSchema = _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    setup_state: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    sync_state: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    update_state: nullableString,
    is_historical_sync: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()),
    tasks: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(notice)),
    warnings: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(notice)),
});
const ConnectionSchema = _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    id: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    group_id: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    service: nullableString,
    schema: nullableString,
    paused: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    schedule_type: nullableString,
    sync_frequency: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .nullish */ .cl6(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()),
    succeeded_at: nullableString,
    failed_at: nullableString,
    rescheduled_for: nullableString,
    status: ConnectionStatusSchema,
});
const WebhookSchema = _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
    id: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    type: nullableString,
    group_id: nullableString,
    url: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    events: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    active: _schema_js__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    created_at: nullableString,
    created_by: nullableString,
});
/** `max(succeeded_at, failed_at)` as an ISO string, or null for a connection that never synced. */
function syncBaseline(connection) {
    const times = [connection.succeeded_at, connection.failed_at]
        .filter((t) => typeof t === 'string' && t.length > 0)
        .map((t) => Date.parse(t))
        .filter((t) => Number.isFinite(t));
    return times.length === 0 ? null : (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .isoTime */ .Ly)(Math.max(...times));
}
/**
 * The outcome of the newest finished sync if it finished after `baseline`, else null: the rule
 * every Fivetran integration uses (Airflow, Dagster, Prefect) to decide that a sync is done.
 */
function finishedSince(connection, baseline) {
    const after = baseline === null ? -Infinity : Date.parse(baseline);
    const succeeded = connection.succeeded_at ? Date.parse(connection.succeeded_at) : NaN;
    const failed = connection.failed_at ? Date.parse(connection.failed_at) : NaN;
    const newest = Math.max(Number.isFinite(succeeded) ? succeeded : -Infinity, Number.isFinite(failed) ? failed : -Infinity);
    if (!(newest > after))
        return null;
    return { succeeded: newest === succeeded && !(failed > succeeded), finishedAt: (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .isoTime */ .Ly)(newest) };
}


/***/ }),

/***/ 2538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AS: () => (/* binding */ summarizeSyncs),
/* harmony export */   XD: () => (/* binding */ NO_OUTCOME),
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   em: () => (/* binding */ summarizeRecords)
/* harmony export */ });
/* unused harmony exports MAX_PROBLEMS, MAX_REASON_LENGTH, summarizeSyncsResult */
/* harmony import */ var _webhook_event_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3342);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2020);
/* harmony import */ var _completion_outcomes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5749);
/* harmony import */ var _runs_records_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1176);
/**
 * Summaries of a run's records: counts, what did not succeed and why, and whether dbt runs under
 * the failure policy. Shared by the SummarizeSyncs state and every report.
 */




const NO_OUTCOME = 'NO_OUTCOME';
const MESSAGE_LIMIT = 4000;
/** The SummarizeSyncs state's answer lists at most this many problems, reasons cut to `MAX_REASON_LENGTH`. */
const MAX_PROBLEMS = 50;
const MAX_REASON_LENGTH = 500;
/** The SummarizeSyncs state, on both engines: reads the run's records and applies the failure policy. */
async function summarizeSyncs(store, runId, syncFailure) {
    return summarizeSyncsResult(summarizeRecords(await store.listRunRecords(runId), syncFailure));
}
/** A summary as the SummarizeSyncs state answers it: the problems capped. */
function summarizeSyncsResult(summary) {
    return {
        runDbt: summary.runDbt,
        counts: summary.counts,
        message: summary.message,
        problems: summary.problems.slice(0, MAX_PROBLEMS).map((p) => ({ ...p, reason: (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .truncate */ .xv)(p.reason, MAX_REASON_LENGTH) })),
        problemsOmitted: Math.max(0, summary.problems.length - MAX_PROBLEMS),
    };
}
/** The status a record reports: Fivetran's, ours, or NO_OUTCOME when the wait ended without one. */
function statusOf(record) {
    return record.outcome?.status ?? NO_OUTCOME;
}
/** Summarises records under a failure policy (`fail`: no dbt if any sync did not succeed). */
function summarizeRecords(records, syncFailure) {
    const counts = { total: records.length, succeeded: 0, failed: 0, skipped: 0 };
    const problems = [];
    for (const record of records) {
        const status = statusOf(record);
        if (status === _webhook_event_js__WEBPACK_IMPORTED_MODULE_0__/* .SUCCESSFUL */ .Do)
            counts.succeeded += 1;
        else if (status === _runs_records_js__WEBPACK_IMPORTED_MODULE_2__/* .SyncStatus */ .um.skipped)
            counts.skipped += 1;
        else {
            counts.failed += 1;
            problems.push({
                connectionId: record.connectionId,
                name: record.name,
                status,
                reason: record.outcome ? (0,_completion_outcomes_js__WEBPACK_IMPORTED_MODULE_1__/* .describeOutcome */ .SS)(record.outcome) : 'the wait ended without an outcome',
            });
        }
    }
    const runDbt = counts.failed === 0 || syncFailure === 'continue';
    return { runDbt, counts, problems, message: summaryMessage(counts, problems, runDbt) };
}
function summaryMessage(counts, problems, runDbt) {
    const synced = counts.total - counts.skipped;
    const skipped = counts.skipped > 0 ? ` (${counts.skipped} skipped)` : '';
    if (problems.length === 0)
        return `All ${synced} syncs succeeded${skipped}.`;
    const head = `${problems.length} of ${synced} syncs did not succeed${skipped}; ${runDbt ? 'dbt runs on stale data for them (policy continue)' : 'dbt was not run (policy fail)'}: `;
    let message = head;
    for (const [i, p] of problems.entries()) {
        const reason = (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .truncate */ .xv)(p.reason, MAX_REASON_LENGTH);
        const line = `${i === 0 ? '' : '; '}${p.connectionId}${p.name ? ` (${p.name})` : ''}: ${reason}`;
        if (message.length + line.length > MESSAGE_LIMIT) {
            message += `; and ${problems.length - i} more`;
            break;
        }
        message += line;
    }
    return `${message}.`;
}


/***/ }),

/***/ 5990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IW: () => (/* binding */ buildRunReport),
/* harmony export */   qw: () => (/* binding */ liveStatusOf)
/* harmony export */ });
/* unused harmony exports connectionReport, slowestSyncSeconds */
/* harmony import */ var _runs_records_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1176);
/* harmony import */ var _pipeline_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2538);
/* harmony import */ var _webhook_event_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3342);
/* harmony import */ var _completion_outcomes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5749);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2020);





const seconds = (from, to) => (from && to ? Math.max(0, (0,_text_js__WEBPACK_IMPORTED_MODULE_4__/* .roundedSeconds */ .Jp)(Date.parse(to) - Date.parse(from))) : null);
/** Live status of a record while the run goes on (the report uses the outcome once there is one). */
function liveStatusOf(record) {
    if (record.outcome)
        return record.outcome.status;
    if (record.rescheduledAt)
        return 'RESCHEDULED';
    if (record.startedAt)
        return 'SYNCING';
    if (record.triggeredAt)
        return 'TRIGGERED';
    return 'PENDING';
}
/** One connection's line; `final` once the run has ended (a record without an outcome then says NO_OUTCOME). */
function connectionReport(record, final = false) {
    const outcome = record.outcome;
    const skipped = outcome?.status === _runs_records_js__WEBPACK_IMPORTED_MODULE_0__/* .SyncStatus */ .um.skipped;
    return {
        connectionId: record.connectionId,
        name: record.name,
        status: outcome ? (0,_pipeline_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(record) : final ? _pipeline_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .NO_OUTCOME */ .XD : liveStatusOf(record),
        durationSeconds: skipped ? null : seconds(record.triggeredAt ?? record.createdAt, outcome?.finishedAt ?? null),
        reason: outcome
            ? outcome.status !== _webhook_event_js__WEBPACK_IMPORTED_MODULE_2__/* .SUCCESSFUL */ .Do
                ? (outcome.reason ?? (0,_completion_outcomes_js__WEBPACK_IMPORTED_MODULE_3__/* .describeOutcome */ .SS)(outcome))
                : null
            : final
                ? 'the wait ended without an outcome'
                : null,
        source: outcome?.source ?? null,
        retriggers: record.retriggers,
    };
}
/** The longest sync of the records, from its trigger to the end of its wait, in seconds; null when none ended (skips excluded). */
function slowestSyncSeconds(records) {
    let slowest = null;
    for (const record of records) {
        const duration = connectionReport(record, true).durationSeconds;
        if (duration !== null && (slowest === null || duration > slowest))
            slowest = duration;
    }
    return slowest;
}
/** The report of a finished run from its outcome, its records and its dbt step. */
function buildRunReport(input) {
    const summary = (0,_pipeline_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .summarizeRecords */ .em)(input.records, 'continue');
    const dbtRan = input.dbt !== null;
    return {
        runId: input.runId,
        status: input.status,
        executionArn: input.executionArn ?? null,
        consoleUrl: input.consoleUrl ?? null,
        error: input.error,
        cause: input.cause,
        startedAt: input.startedAt,
        finishedAt: input.finishedAt,
        durationSeconds: seconds(input.startedAt, input.finishedAt) ?? 0,
        counts: summary.counts,
        stale: dbtRan ? summary.problems.map((p) => p.connectionId) : [],
        connections: input.records.map((r) => connectionReport(r, input.status !== 'RUNNING')),
        dbt: input.dbt,
    };
}


/***/ }),

/***/ 7391:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ MemoryRunStore)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/**
 * Run records in process memory: the local engine's default store. Same semantics as the
 * DynamoDB store (conditional writes, expiry), one process only.
 */

/** Orders like DynamoDB sort keys (by code unit, not by locale). */
const compareCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Records per page of `listOpenRecords` (DynamoDB pages are bounded by 1 MB instead). */
const MEMORY_PAGE_SIZE = 500;
/** A copy callers may keep: records are flat but for `outcome`. */
const copy = (r) => ({ ...r, outcome: r.outcome ? { ...r.outcome } : null });
class MemoryRunStore {
    /** Records by run, then connection; a second index by connection serves webhooks without a scan. */
    byRun = new Map();
    byConnection = new Map();
    now;
    constructor(options = {}) {
        this.now = options.now ?? Date.now;
    }
    async createRecords(records) {
        for (const r of records) {
            if (this.live(this.byRun.get(r.runId)?.get(r.connectionId)))
                continue;
            const record = {
                runId: r.runId,
                connectionId: r.connectionId,
                groupId: r.groupId,
                name: r.name,
                baseline: r.baseline,
                scheduleType: r.scheduleType,
                createdAt: r.createdAt,
                triggeredAt: null,
                deadline: r.deadline,
                expiresAt: r.expiresAt,
                taskToken: null,
                startedSyncId: null,
                startedAt: null,
                rescheduledAt: null,
                retriggers: 0,
                outcome: r.outcome ? { ...r.outcome } : null,
                completedAt: r.completedAt ?? null,
            };
            index(this.byRun, r.runId, r.connectionId, record);
            index(this.byConnection, r.connectionId, r.runId, record);
        }
    }
    async markTriggered(runId, connectionId, at) {
        this.mustGet(runId, connectionId).triggeredAt = at;
    }
    async attachTaskToken(runId, connectionId, taskToken) {
        const record = this.mustGet(runId, connectionId);
        record.taskToken = taskToken;
        return copy(record);
    }
    async recordOutcome(runId, connectionId, outcome) {
        const record = this.mustGet(runId, connectionId);
        if (record.outcome)
            return { stored: false, record: copy(record) };
        record.outcome = { ...outcome };
        return { stored: true, record: copy(record) };
    }
    async recordSyncStart(runId, connectionId, syncId, at) {
        const record = this.mustGet(runId, connectionId);
        record.startedSyncId = syncId;
        record.startedAt = at;
    }
    async markRescheduled(runId, connectionId, at) {
        const record = this.mustGet(runId, connectionId);
        if (at === null)
            record.retriggers += 1;
        record.rescheduledAt = at;
    }
    async markCompleted(runId, connectionId, at) {
        const record = this.mustGet(runId, connectionId);
        if (record.completedAt)
            return false;
        record.completedAt = at;
        return true;
    }
    async getRecord(runId, connectionId) {
        const record = this.byRun.get(runId)?.get(connectionId);
        return this.live(record) ? copy(record) : null;
    }
    async listRunRecords(runId) {
        return this.liveIn(this.byRun.get(runId), () => true).sort((a, b) => compareCodeUnits(a.connectionId, b.connectionId));
    }
    async findOpenRecords(connectionId) {
        return this.liveIn(this.byConnection.get(connectionId), (r) => r.completedAt === null);
    }
    async *listOpenRecords() {
        const open = [];
        for (const records of this.byRun.values())
            open.push(...this.liveIn(records, (r) => r.completedAt === null));
        open.sort((a, b) => compareCodeUnits(`${a.createdAt}#${a.runId}#${a.connectionId}`, `${b.createdAt}#${b.runId}#${b.connectionId}`));
        for (let start = 0; start < open.length; start += MEMORY_PAGE_SIZE)
            yield open.slice(start, start + MEMORY_PAGE_SIZE);
    }
    async ping() { }
    /** Copies of the live records in `records` that match; expired ones are dropped from both indexes. */
    liveIn(records, predicate) {
        const out = [];
        for (const r of records?.values() ?? []) {
            if (!this.live(r))
                this.forget(r);
            else if (predicate(r))
                out.push(copy(r));
        }
        return out;
    }
    forget(record) {
        unindex(this.byRun, record.runId, record.connectionId);
        unindex(this.byConnection, record.connectionId, record.runId);
    }
    live(record) {
        return record !== undefined && record.expiresAt * 1000 > this.now();
    }
    mustGet(runId, connectionId) {
        const record = this.byRun.get(runId)?.get(connectionId);
        if (!this.live(record))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .recordNotFound */ .lh)(runId, connectionId);
        return record;
    }
}
function index(map, outer, inner, record) {
    let records = map.get(outer);
    if (!records)
        map.set(outer, (records = new Map()));
    records.set(inner, record);
}
function unindex(map, outer, inner) {
    const records = map.get(outer);
    records?.delete(inner);
    if (records?.size === 0)
        map.delete(outer);
}


/***/ }),

/***/ 1176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mb: () => (/* binding */ progressFingerprint),
/* harmony export */   pW: () => (/* binding */ decidedOutcome),
/* harmony export */   um: () => (/* binding */ SyncStatus)
/* harmony export */ });
/* unused harmony export readOpenRecords */
/**
 * Run records: one per (run, connection). The record is written before the sync is triggered and
 * is the only place a run's progress lives, so a restarted receiver or engine loses nothing.
 */
/** Statuses the run gives a connection itself; everything else comes from Fivetran. */
const SyncStatus = {
    skipped: 'SKIPPED',
    triggerFailed: 'TRIGGER_FAILED',
    deadlineExceeded: 'DEADLINE_EXCEEDED',
    cancelled: 'CANCELLED',
    paused: 'PAUSED',
};
/** An outcome the run reports itself (a skip, a trigger error, a deadline, a cancellation). */
function decidedOutcome(status, reason, finishedAt) {
    return { status, finishedAt, syncId: null, reason, taskType: null, source: 'run' };
}
/** Every open record of `store`, the pages of `listOpenRecords` joined. */
async function readOpenRecords(store) {
    const records = [];
    for await (const page of store.listOpenRecords())
        records.push(...page);
    return records;
}
/** What changes in a run's records as it goes on: followers send a progress snapshot when this differs. */
function progressFingerprint(records) {
    return records.map((r) => `${r.connectionId}:${r.triggeredAt ?? ''}:${r.startedAt ?? ''}:${r.rescheduledAt ?? ''}:${r.outcome?.status ?? ''}:${r.completedAt ?? ''}`).join('|');
}


/***/ }),

/***/ 2020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jp: () => (/* binding */ roundedSeconds),
/* harmony export */   Ly: () => (/* binding */ isoTime),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/** Small text and time helpers every layer shares, so each rule is written once. */
/**
 * Cuts `text` to at most `max` UTF-16 code units, marking the cut with an ellipsis, without
 * splitting a surrogate pair.
 */
function truncate(text, max) {
    if (text.length <= max)
        return text;
    let end = max - 1;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        end -= 1;
    return `${text.slice(0, end)}\u2026`;
}
/** An instant (epoch milliseconds) as ISO 8601, the form every record and report uses. */
function isoTime(ms) {
    return new Date(ms).toISOString();
}
/** Milliseconds as seconds rounded to a tenth, the precision of every reported duration. */
function roundedSeconds(ms) {
    return Math.round(ms / 100) / 10;
}


/***/ }),

/***/ 3342:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ SUCCESSFUL),
/* harmony export */   _r: () => (/* binding */ InvalidEventError),
/* harmony export */   wj: () => (/* binding */ parseEvent)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/**
 * Parses a Fivetran webhook body into the few shapes a run cares about. Only `sync_start` and
 * `sync_end` are acted on; test payloads (`test_event`) and every other event are typed as
 * ignorable so the receiver can acknowledge them. Malformed bodies throw `InvalidEventError` (400).
 */


/** A signed body that is not a usable Fivetran event: the receiver answers 400 with this message. */
class InvalidEventError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j$ {
    name = 'InvalidEventError';
    constructor(message, options) {
        super(400, message, options);
    }
}
const SUCCESSFUL = 'SUCCESSFUL';
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);
/**
 * Problems with the fields of a sync_start/sync_end body that a run reads, as `<field>: <what is
 * wrong>`; other fields are not looked at. Plain checks, not a schema: every sync event goes
 * through here, and on a busy receiver a schema library's parse costs more than the HMAC.
 */
function envelopeProblems(body) {
    const problems = [];
    const nullableString = (where, value) => {
        if (value !== undefined && value !== null && typeof value !== 'string')
            problems.push(`${where}: expected a string or null, got ${describe(value)}`);
    };
    const { created, connector_id: connectorId, data } = body;
    if (typeof created !== 'string')
        problems.push(`created: expected an ISO 8601 timestamp string, got ${describe(created)}`);
    else if (!Number.isFinite(Date.parse(created)))
        problems.push('created: must be an ISO 8601 timestamp');
    if (typeof connectorId !== 'string' || connectorId === '')
        problems.push(`connector_id: expected a non-empty string, got ${connectorId === '' ? 'an empty string' : describe(connectorId)}`);
    nullableString('destination_group_id', body.destination_group_id);
    nullableString('group_id', body.group_id);
    nullableString('sync_id', body.sync_id);
    if (isObject(data)) {
        nullableString('data.status', data.status);
        nullableString('data.taskType', data.taskType);
    }
    else if (data !== undefined && data !== null) {
        problems.push(`data: expected an object or null, got ${describe(data)}`);
    }
    return problems;
}
/** Parses the raw body of a verified delivery. */
function parseEvent(rawBody) {
    let text;
    if (typeof rawBody === 'string') {
        text = rawBody;
    }
    else {
        // Decoding would turn bad bytes into U+FFFD silently, and a connection id with them matches nothing.
        if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(rawBody))
            throw new InvalidEventError('Body is not valid UTF-8: a Fivetran webhook is UTF-8 JSON; is a proxy re-encoding it?');
        text = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
    }
    if (text.trim() === '')
        throw new InvalidEventError('Body is empty, not JSON: a Fivetran webhook delivers one JSON object.');
    let json;
    try {
        // V8's JSON.parse is iterative: deeply nested input (100,000 arrays) parses without exhausting the stack.
        json = JSON.parse(text);
    }
    catch (cause) {
        const detail = cause instanceof SyntaxError ? ` (${cause.message})` : '';
        throw new InvalidEventError(`Body is not JSON${detail}: a Fivetran webhook delivers one JSON object; was it truncated?`, { cause });
    }
    // A plain check: every delivery passes here, most of them events nobody uses.
    const event = isObject(json) ? json.event : undefined;
    if (typeof event !== 'string' || event.length === 0) {
        throw new InvalidEventError('Body is not a Fivetran event: expected a JSON object with a string "event" field.');
    }
    if (event !== 'sync_end' && event !== 'sync_start') {
        const why = event === 'test_event' || event === 'test' ? 'test payload' : `event "${event}" is not used by runs`;
        return { type: 'ignored', event, why };
    }
    const problems = envelopeProblems(json);
    if (problems.length > 0)
        throw new InvalidEventError(`Invalid ${event} event: ${problems.join('; ')}.`);
    const body = json;
    const common = {
        connectionId: body.connector_id,
        groupId: body.destination_group_id ?? body.group_id ?? null,
        syncId: body.sync_id ?? null,
        createdAt: new Date(body.created).toISOString(),
    };
    if (event === 'sync_start')
        return { type: 'sync_start', ...common };
    const status = body.data?.status;
    if (!status)
        throw new InvalidEventError('Invalid sync_end event: data.status is missing.');
    return {
        type: 'sync_end',
        ...common,
        status,
        reason: describeReason(body.data?.reason),
        taskType: body.data?.taskType ?? null,
    };
}
/** The failure reason as text. JSON.stringify recurses: a reason nested deep enough to overflow the stack is summarised instead. */
function describeReason(reason) {
    if (reason === undefined || reason === null)
        return null;
    if (typeof reason === 'string')
        return reason;
    try {
        return JSON.stringify(reason);
    }
    catch {
        return '(reason omitted: nested too deeply to print)';
    }
}


/***/ }),

/***/ 3868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZZ: () => (/* binding */ bodyTooLargeMessage),
/* harmony export */   bW: () => (/* binding */ createWebhookReceiver),
/* harmony export */   si: () => (/* binding */ parseWebhookSecrets),
/* harmony export */   xx: () => (/* binding */ DEFAULT_BODY_LIMIT_BYTES)
/* harmony export */ });
/* unused harmony export getHeader */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _completion_outcomes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5749);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3342);
/* harmony import */ var _signature_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(363);
/**
 * The webhook receiver core, shared by the Lambda behind the HttpApi and the self-hosted Express
 * server: `{headers, rawBody}` in, `{status, body}` out, nothing about HTTP frameworks. It
 * verifies the signature before it reads anything, parses the event, and hands `sync_end` /
 * `sync_start` to the completion logic. Status policy (Fivetran's webhook documentation): 401 for a
 * missing or wrong signature, 400 for a signed body that is not a usable event, 2xx for every
 * other signed delivery (including ones nobody waits for), 5xx only when something we should have
 * recorded could not be, so that Fivetran retries.
 *
 * Logging: refusals and failures are logged here (warn, error); a delivery that was applied is
 * logged at debug, since every transport writes one info line per request carrying the answer's
 * `event`, `connectionId` and `outcome` (one line per delivery, not two).
 */




/**
 * Bodies above this are refused with 413 before anything reads them: a Fivetran delivery is a few
 * hundred bytes. One limit for every transport (the server refuses while reading; the Lambda,
 * whose HttpApi passes up to 10 MB, here).
 */
const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;
/** The 413 message every transport gives. */
function bodyTooLargeMessage(limit) {
    return `Body larger than ${limit} bytes: a Fivetran webhook is a few hundred bytes; is this the right URL?`;
}
/** Unsigned event name used in logs and metrics before the body may be read. */
const UNKNOWN_EVENT = 'unknown';
const silent = { debug() { }, info() { }, warn() { }, error() { } };
/** Most significant first: the delivery's `outcome` is the first of these any record reported. */
const SIGNIFICANCE = ['completed', 'recorded', 'rescheduled', 'started', 'duplicate', 'stale'];
/**
 * Reads a header regardless of the case of its name (HTTP names are case-insensitive; Lambda
 * payload 1.0 keeps the sender's case). A repeated header gives its first value.
 */
function getHeader(headers, name) {
    const wanted = name.toLowerCase();
    let value = headers[wanted];
    if (value === undefined) {
        for (const key of Object.keys(headers)) {
            if (key.toLowerCase() === wanted) {
                value = headers[key];
                break;
            }
        }
    }
    return Array.isArray(value) ? value[0] : value;
}
/**
 * Reads a stored webhook secret: either the plain secret, or JSON `{"current": "...",
 * "previous": "..."}` while a rotation is in progress. Returns the non-empty secrets, current first.
 */
function parseWebhookSecrets(value) {
    const text = value.trim();
    if (text.startsWith('{')) {
        let json;
        try {
            json = JSON.parse(text);
        }
        catch {
            // Not JSON after all: a secret may start with "{".
            return text ? [value] : [];
        }
        if (json && typeof json === 'object' && !Array.isArray(json)) {
            const { current, previous } = json;
            return [current, previous].filter((s) => typeof s === 'string' && s.length > 0);
        }
    }
    return text ? [value] : [];
}
function summarize(results) {
    if (results.length === 0)
        return 'unmatched';
    return SIGNIFICANCE.find((r) => results.includes(r)) ?? 'duplicate';
}
function countResults(results) {
    if (results.length === 1)
        return results[0];
    const counts = new Map();
    for (const r of results)
        counts.set(r, (counts.get(r) ?? 0) + 1);
    return [...counts].map(([r, n]) => (n === 1 ? r : `${r} x${n}`)).join(', ');
}
/** Creates the receiver. Dependencies are injected so every transport and test shares one behaviour. */
function createWebhookReceiver(options) {
    const defaultLogger = options.logger ?? silent;
    const clock = options.clock ?? (() => performance.now());
    const deps = { store: options.store, completer: options.completer, now: options.now ?? Date.now };
    const source = options.secrets;
    const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
    async function respond(request, logger) {
        const bodyBytes = typeof request.rawBody === 'string' ? Buffer.byteLength(request.rawBody) : request.rawBody.byteLength;
        if (bodyBytes > bodyLimit) {
            logger.warn('Refused an oversized delivery', { bodyBytes, bodyLimit });
            return { event: UNKNOWN_EVENT, response: reply(413, 'invalid', bodyTooLargeMessage(bodyLimit)) };
        }
        let secrets;
        try {
            // A fixed list needs no await: one microtask less per delivery.
            secrets = typeof source === 'function' ? await source() : source;
        }
        catch (error) {
            logger.error('Could not load the webhook secret', { error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error) });
            return {
                event: UNKNOWN_EVENT,
                response: reply(503, 'error', 'Could not load the webhook secret; the delivery was not read. Fivetran will retry it.'),
            };
        }
        if (!secrets.some((s) => s.length > 0)) {
            logger.error('No webhook secret is configured: every delivery is refused');
            return { event: UNKNOWN_EVENT, response: reply(500, 'error', 'The receiver has no webhook secret configured.') };
        }
        const signature = getHeader(request.headers, _signature_js__WEBPACK_IMPORTED_MODULE_3__/* .SIGNATURE_HEADER */ .D8);
        const rawBody = request.rawBody;
        const unauthorized = checkSignature(secrets, rawBody, signature);
        if (unauthorized) {
            logger.warn('Refused a delivery with a bad signature', { signature: 'invalid', reason: unauthorized.reason, bodyBytes: Buffer.byteLength(rawBody) });
            return { event: UNKNOWN_EVENT, response: reply(401, 'unauthorized', unauthorized.message) };
        }
        let event;
        try {
            event = (0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .parseEvent */ .wj)(rawBody);
        }
        catch (error) {
            if (!(error instanceof _event_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidEventError */ ._r))
                throw error;
            logger.warn('Refused a signed delivery that is not a usable event', { error: error.message });
            return { event: UNKNOWN_EVENT, response: reply(400, 'invalid', error.message) };
        }
        if (event.type === 'ignored') {
            logger.debug('Ignored a delivery', { event: event.event, why: event.why });
            return { event: event.event, response: reply(200, 'ignored', `Ignored: ${event.why}.`, { event: event.event }) };
        }
        const context = { event: event.type, connectionId: event.connectionId, syncId: event.syncId };
        let results;
        try {
            results = event.type === 'sync_end' ? await (0,_completion_outcomes_js__WEBPACK_IMPORTED_MODULE_1__/* .applySyncEnd */ .dW)(deps, event) : await (0,_completion_outcomes_js__WEBPACK_IMPORTED_MODULE_1__/* .applySyncStart */ .a4)(deps, event);
        }
        catch (error) {
            const storeFailed = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StoreError */ .AD;
            logger.error('Could not apply a delivery; answering 5xx so Fivetran retries', {
                ...context,
                error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error),
                errorName: error instanceof Error ? error.name : typeof error,
            });
            const message = storeFailed
                ? `Could not record ${event.type} for connection ${event.connectionId} (run store unavailable); Fivetran will retry the delivery.`
                : `Could not complete ${event.type} for connection ${event.connectionId}; Fivetran will retry the delivery.`;
            return { event: event.type, response: reply(storeFailed ? 503 : 500, 'error', message, { event: event.type, connectionId: event.connectionId }) };
        }
        const outcome = summarize(results);
        const detail = event.type === 'sync_end' ? ` (${event.status})` : '';
        const message = outcome === 'unmatched'
            ? `${event.type}${detail} for connection ${event.connectionId}: no open run waits for it; acknowledged and ignored.`
            : `${event.type}${detail} for connection ${event.connectionId}: ${countResults(results)}.`;
        // Debug only: each transport logs one line per request with the outcome (see the module header).
        logger.debug('Applied a delivery', { ...context, outcome, results });
        return {
            event: event.type,
            response: reply(200, outcome, message, { event: event.type, connectionId: event.connectionId, results }),
        };
    }
    return {
        async handle(request, context) {
            const logger = context?.logger ?? defaultLogger;
            const started = clock();
            let result;
            try {
                result = await respond(request, logger);
            }
            catch (error) {
                // Defensive: nothing above should throw, but a transport must always get an answer.
                const status = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$ ? error.status : 500;
                logger.error('Unexpected error in the webhook receiver', { error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error) });
                const message = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$ ? error.message : 'Unexpected error in the webhook receiver; Fivetran will retry the delivery.';
                result = { event: UNKNOWN_EVENT, response: reply(status, status >= 500 ? 'error' : 'invalid', message) };
            }
            options.metrics?.observeDelivery({
                event: result.event,
                outcome: result.response.body.outcome,
                status: result.response.status,
                durationSeconds: Math.max(0, clock() - started) / 1000,
            });
            return result.response;
        },
    };
}
function reply(status, outcome, message, extra = {}) {
    return { status, body: { ok: status < 400, message, outcome, ...extra } };
}
function checkSignature(secrets, rawBody, signature) {
    if (signature === undefined || signature.trim() === '') {
        return {
            reason: 'missing',
            message: 'Missing X-Fivetran-Signature-256 header: was the webhook created with a secret, and does every proxy in front of the receiver forward this header?',
        };
    }
    const hex = (0,_signature_js__WEBPACK_IMPORTED_MODULE_3__/* .signatureHex */ .Wj)(signature);
    if (hex === null) {
        return {
            reason: 'malformed',
            message: 'X-Fivetran-Signature-256 is not a hex HMAC-SHA256 (64 hex digits): is a proxy rewriting this header?',
        };
    }
    if (!(0,_signature_js__WEBPACK_IMPORTED_MODULE_3__/* .matchesHex */ .Hw)(secrets, rawBody, hex)) {
        return {
            reason: 'mismatch',
            message: 'X-Fivetran-Signature-256 does not match the body: is this the raw request body (not re-serialised JSON or a decoded/re-encoded copy), and is the secret the webhook\'s own (current or previous)?',
        };
    }
    return null;
}


/***/ }),

/***/ 363:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D8: () => (/* binding */ SIGNATURE_HEADER),
/* harmony export */   Hw: () => (/* binding */ matchesHex),
/* harmony export */   Wj: () => (/* binding */ signatureHex),
/* harmony export */   _S: () => (/* binding */ sign)
/* harmony export */ });
/* unused harmony export verifySignature */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Fivetran webhook signatures: `X-Fivetran-Signature-256` is the hex HMAC-SHA256 of the raw
 * request body keyed with the webhook secret. Fivetran sends uppercase hex; compare without case,
 * in constant time, over the exact bytes received (never over re-serialised JSON).
 */

const SIGNATURE_HEADER = 'x-fivetran-signature-256';
/** Signs `rawBody` the way Fivetran does: uppercase hex HMAC-SHA256. */
function sign(secret, rawBody) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', secret).update(rawBody).digest('hex').toUpperCase();
}
const HEX_SHA256 = /^[0-9a-f]{64}$/i;
/**
 * The hex digits of a well-formed signature header (64 hex digits, surrounding whitespace and an
 * optional `sha256=` prefix allowed), or `null` when it is not one.
 */
function signatureHex(signature) {
    const candidate = signature.trim().replace(/^sha256=/i, '');
    return HEX_SHA256.test(candidate) ? candidate : null;
}
/** Secrets as HMAC keys, made once: a string key is converted again on every `createHmac`. */
const keys = new Map();
const MAX_CACHED_KEYS = 16;
function hmacKey(secret) {
    let key = keys.get(secret);
    if (!key) {
        if (keys.size >= MAX_CACHED_KEYS)
            keys.clear();
        key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createSecretKey)(Buffer.from(secret, 'utf8'));
        keys.set(secret, key);
    }
    return key;
}
/**
 * True when `signature` is the HMAC of `rawBody` under any of `secrets` (current and previous,
 * so a secret can be rotated without dropping deliveries). Never throws on malformed input.
 */
function verifySignature(secrets, rawBody, signature) {
    const candidate = signature ? signatureHex(signature) : null;
    return candidate !== null && matchesHex(secrets, rawBody, candidate);
}
/** True when the hex digits `hex` (from `signatureHex`) are the HMAC of `rawBody` under any of `secrets`. */
function matchesHex(secrets, rawBody, hex) {
    const received = Buffer.from(hex, 'hex');
    let matched = false;
    // Check every secret so timing does not reveal which one matched.
    for (const secret of secrets) {
        if (!secret)
            continue;
        const expected = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', hmacKey(secret)).update(rawBody).digest();
        if (expected.length === received.length && (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.timingSafeEqual)(expected, received))
            matched = true;
    }
    return matched;
}


/***/ }),

/***/ 4802:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createSfnEngine: () => (/* binding */ createSfnEngine)
});

// UNUSED EXPORTS: SfnEngine

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var dist_cjs = __webpack_require__(303);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js
var client_dynamodb_dist_cjs = __webpack_require__(4305);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var client_s3_dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sfn/dist-cjs/index.js
var client_sfn_dist_cjs = __webpack_require__(8476);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js
var lib_dynamodb_dist_cjs = __webpack_require__(8907);
// EXTERNAL MODULE: ./src/core/concurrency.ts
var concurrency = __webpack_require__(8904);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/core/runs/table.ts
/**
 * The run-records table's shape as data: key attributes, indexes and TTL, shared by the DynamoDB
 * store, the tests (dynalite) and the CDK stack, so the three cannot drift apart.
 *
 * Layout: one item per (run, connection), partition `RUN#<runId>`, sort `CONN#<connectionId>`.
 * The run is the base key because the run's own reads (SummarizeSyncs decides on dbt right after
 * the last waiter completes, then the reports) must be strongly consistent, and only the base
 * table offers that. Both lookups that tolerate index lag use sparse GSIs whose key attributes
 * exist only while the record is open (`completedAt` unset), so completed records cost nothing:
 * - `openByConnection`: a webhook's open records of one connection (every run), oldest first;
 * - `open`: every open record (the reconciler), spread over `OPEN_SHARD_COUNT` partitions so no
 *   partition takes every open record; each shard oldest first.
 * A stale index read is harmless: every write after it is conditional and returns the fresh item.
 */
/** Attribute names of the keys (base table and indexes) and of the TTL. */
const RunTableAttributes = {
    /** Base partition key: `RUN#<runId>`. */
    pk: 'pk',
    /** Base sort key: `CONN#<connectionId>`. */
    sk: 'sk',
    /** `openByConnection` partition key: `CONN#<connectionId>`; present only while open. */
    openConnectionPk: 'openConnectionPk',
    /** `openByConnection` sort key: `<createdAt>#<runId>`; present only while open. */
    openConnectionSk: 'openConnectionSk',
    /** `open` partition key: the record's shard (`openPartition`); present only while open. */
    openPk: 'openPk',
    /** `open` sort key: `<createdAt>#<runId>#<connectionId>`; present only while open. */
    openSk: 'openSk',
    /** TTL attribute, epoch seconds (the record's own `expiresAt`). */
    expiresAt: 'expiresAt',
};
/** Global secondary index names. */
const RunTableIndexes = {
    openByConnection: 'openByConnection',
    open: 'open',
};
/** The attribute TTL deletes by (DynamoDB deletes lazily, so reads filter on it too). */
const RUN_TABLE_TTL_ATTRIBUTE = RunTableAttributes.expiresAt;
/**
 * How many partitions the `open` index spreads open records over. 16 keeps a 5,000-record
 * reconciler pass at 16 Queries while no partition takes more than a sixteenth of the writes.
 */
const OPEN_SHARD_COUNT = 16;
/**
 * The `open` partition of a record: `OPEN` for shard 0 (the single partition of earlier versions,
 * so records written before sharding are still listed), `OPEN#<n>` for the others.
 */
function openPartition(runId, connectionId) {
    const shard = fnv1a(`${runId}#${connectionId}`) % OPEN_SHARD_COUNT;
    return shard === 0 ? 'OPEN' : `OPEN#${shard}`;
}
/** Every partition of the `open` index. */
const OPEN_PARTITIONS = Array.from({ length: OPEN_SHARD_COUNT }, (_, shard) => (shard === 0 ? 'OPEN' : `OPEN#${shard}`));
/** 32-bit FNV-1a: stable across processes and versions, which a shard must be. */
function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}
/** The table's key schema, indexes and TTL attribute. */
const table_RUN_TABLE_SCHEMA = {
    partitionKey: { name: RunTableAttributes.pk, type: 'S' },
    sortKey: { name: RunTableAttributes.sk, type: 'S' },
    globalSecondaryIndexes: [
        {
            indexName: RunTableIndexes.openByConnection,
            partitionKey: { name: RunTableAttributes.openConnectionPk, type: 'S' },
            sortKey: { name: RunTableAttributes.openConnectionSk, type: 'S' },
            projection: 'ALL',
        },
        {
            indexName: RunTableIndexes.open,
            partitionKey: { name: RunTableAttributes.openPk, type: 'S' },
            sortKey: { name: RunTableAttributes.openSk, type: 'S' },
            projection: 'ALL',
        },
    ],
    timeToLiveAttribute: RUN_TABLE_TTL_ATTRIBUTE,
};
/** The base key of a record. */
function recordKey(runId, connectionId) {
    return { pk: runPartition(runId), sk: `CONN#${connectionId}` };
}
/** The sparse index attributes a record carries while it is open (removed on completion). */
function openIndexAttributes(record) {
    return {
        openConnectionPk: connectionPartition(record.connectionId),
        openConnectionSk: `${record.createdAt}#${record.runId}`,
        openPk: openPartition(record.runId, record.connectionId),
        openSk: `${record.createdAt}#${record.runId}#${record.connectionId}`,
    };
}
/** The partition value of `openByConnection` for a connection. */
function connectionPartition(connectionId) {
    return `CONN#${connectionId}`;
}
/** The partition value of the base table for a run. */
function runPartition(runId) {
    return `RUN#${runId}`;
}

;// CONCATENATED MODULE: ./src/aws/dynamodb-run-store.ts
/**
 * Run records in DynamoDB: the store shared by the Lambdas, the self-hosted receiver and anyone
 * who outgrows one process. Same semantics as `MemoryRunStore`, kept by conditional writes (one
 * item, atomic) instead of a lock; expiry is filtered in every read because TTL deletes late.
 * Absent attributes read as `null`: a record never stores a top-level null, so conditions can
 * say `attribute_not_exists(outcome)`.
 */







/** BatchWriteItem requests in flight while `createRecords` runs. */
const WRITE_CONCURRENCY = 16;
/** DynamoDB's most items per BatchWriteItem. */
const BATCH_SIZE = 25;
/** Attempts at a batch while DynamoDB leaves some of it unprocessed (throttling), with back-off between. */
const BATCH_ATTEMPTS = 6;
const A = RunTableAttributes;
const OPEN_INDEX_ATTRIBUTES = [A.openConnectionPk, A.openConnectionSk, A.openPk, A.openSk];
/** `markCompleted`'s names for the open-index attributes it removes, and the REMOVE clause. */
const OPEN_INDEX_NAMES = Object.fromEntries(OPEN_INDEX_ATTRIBUTES.map((name) => [`#${name}`, name]));
const REMOVE_OPEN_INDEX = `REMOVE ${Object.keys(OPEN_INDEX_NAMES).join(', ')}`;
/** The item exists and has not expired (`:now` is epoch seconds, fractional). */
const LIVE = `attribute_exists(#pk) AND #expiresAt > :now`;
const CONDITION_FAILED = Symbol('condition failed');
/** DynamoDB implementation of `RunStore`. Every SDK error leaves as a `StoreError` with the SDK error as `cause`. */
class DynamoRunStore {
    /** The table the records live in (for logs and readiness reports). */
    tableName;
    doc;
    now;
    pageSize;
    constructor(options) {
        if (!options.tableName)
            throw new errors/* ConfigError */.xL('DynamoRunStore needs a table name (RUNS_TABLE_NAME).');
        this.tableName = options.tableName;
        this.now = options.now ?? Date.now;
        this.pageSize = options.pageSize;
        const client = options.client ?? (0,clients/* createAwsClient */.nV)(client_dynamodb_dist_cjs.DynamoDBClient, 'dynamodb');
        this.doc =
            client instanceof lib_dynamodb_dist_cjs/* DynamoDBDocumentClient */.TG
                ? client
                : lib_dynamodb_dist_cjs/* DynamoDBDocumentClient */.TG.from(client, { marshallOptions: { removeUndefinedValues: true } });
    }
    /**
     * BatchWriteItem cannot condition on an item's absence, so the run's live records are read first
     * and only the missing ones are written, 25 a request (an expired record is missing, as if gone).
     * Calls for the same run must not overlap: StartSyncs, the only creator, runs one at a time.
     */
    async createRecords(records) {
        const key = (r) => `${r.runId}\n${r.connectionId}`;
        const existing = new Set();
        for (const runId of new Set(records.map((r) => r.runId))) {
            for (const record of await this.listRunRecords(runId))
                existing.add(key(record));
        }
        const missing = new Map();
        for (const record of records)
            if (!existing.has(key(record)) && !missing.has(key(record)))
                missing.set(key(record), record);
        const items = [...missing.values()].map(toItem);
        const batches = Array.from({ length: Math.ceil(items.length / BATCH_SIZE) }, (_, i) => items.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE));
        await (0,concurrency/* forEachLimited */.v)(batches, WRITE_CONCURRENCY, (batch) => this.batchPut(batch));
    }
    async markTriggered(runId, connectionId, at) {
        await this.updateLive('markTriggered', runId, connectionId, 'SET #triggeredAt = :at', { '#triggeredAt': 'triggeredAt' }, { ':at': at });
    }
    async attachTaskToken(runId, connectionId, taskToken) {
        return this.updateLive('attachTaskToken', runId, connectionId, 'SET #taskToken = :token', { '#taskToken': 'taskToken' }, { ':token': taskToken });
    }
    async recordOutcome(runId, connectionId, outcome) {
        const result = await this.conditional('recordOutcome', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.tableName,
            Key: recordKey(runId, connectionId),
            UpdateExpression: 'SET #outcome = :outcome',
            ConditionExpression: `${LIVE} AND attribute_not_exists(#outcome)`,
            ExpressionAttributeNames: { '#pk': A.pk, '#expiresAt': A.expiresAt, '#outcome': 'outcome' },
            ExpressionAttributeValues: { ':now': this.nowSeconds(), ':outcome': withoutUndefined(outcome) },
            ReturnValues: 'ALL_NEW',
        })));
        if (result !== CONDITION_FAILED)
            return { stored: true, record: toRecord(result.Attributes ?? {}) };
        // Either another outcome won, or the record is gone: a consistent read tells which.
        const record = await this.getRecord(runId, connectionId);
        if (!record)
            throw (0,errors/* recordNotFound */.lh)(runId, connectionId);
        return { stored: false, record };
    }
    async recordSyncStart(runId, connectionId, syncId, at) {
        const names = { '#startedAt': 'startedAt', '#startedSyncId': 'startedSyncId' };
        if (syncId === null) {
            await this.updateLive('recordSyncStart', runId, connectionId, 'SET #startedAt = :at REMOVE #startedSyncId', names, { ':at': at });
        }
        else {
            await this.updateLive('recordSyncStart', runId, connectionId, 'SET #startedAt = :at, #startedSyncId = :syncId', names, { ':at': at, ':syncId': syncId });
        }
    }
    async markRescheduled(runId, connectionId, at) {
        if (at === null) {
            await this.updateLive('markRescheduled', runId, connectionId, 'ADD #retriggers :one REMOVE #rescheduledAt', { '#retriggers': 'retriggers', '#rescheduledAt': 'rescheduledAt' }, { ':one': 1 });
        }
        else {
            await this.updateLive('markRescheduled', runId, connectionId, 'SET #rescheduledAt = :at', { '#rescheduledAt': 'rescheduledAt' }, { ':at': at });
        }
    }
    async markCompleted(runId, connectionId, at) {
        const result = await this.conditional('markCompleted', () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.tableName,
            Key: recordKey(runId, connectionId),
            // Leaving the sparse indexes is what takes the record off webhook and reconciler lists.
            UpdateExpression: `SET #completedAt = :at ${REMOVE_OPEN_INDEX}`,
            ConditionExpression: `${LIVE} AND attribute_not_exists(#completedAt)`,
            ExpressionAttributeNames: { '#pk': A.pk, '#expiresAt': A.expiresAt, '#completedAt': 'completedAt', ...OPEN_INDEX_NAMES },
            ExpressionAttributeValues: { ':now': this.nowSeconds(), ':at': at },
        })));
        if (result !== CONDITION_FAILED)
            return true;
        if (!(await this.getRecord(runId, connectionId)))
            throw (0,errors/* recordNotFound */.lh)(runId, connectionId);
        return false;
    }
    async getRecord(runId, connectionId) {
        const result = await this.call('getRecord', () => this.doc.send(new lib_dynamodb_dist_cjs/* GetCommand */.s$({ TableName: this.tableName, Key: recordKey(runId, connectionId), ConsistentRead: true })));
        const item = result.Item;
        if (!item || !(typeof item[A.expiresAt] === 'number' && item[A.expiresAt] > this.nowSeconds()))
            return null;
        return toRecord(item);
    }
    async listRunRecords(runId) {
        const records = await this.query('listRunRecords', {
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': A.pk },
            ExpressionAttributeValues: { ':pk': runPartition(runId) },
            ConsistentRead: true,
        });
        // The sort key (`CONN#<id>`) already orders by UTF-8 bytes, which is code-point order: the
        // memory store's order too, so both stores list a run alike whatever the ids' case.
        return records;
    }
    async findOpenRecords(connectionId) {
        return this.query('findOpenRecords', {
            IndexName: RunTableIndexes.openByConnection,
            KeyConditionExpression: '#openConnectionPk = :p',
            ExpressionAttributeNames: { '#openConnectionPk': A.openConnectionPk },
            ExpressionAttributeValues: { ':p': connectionPartition(connectionId) },
            openOnly: true,
        });
    }
    async *listOpenRecords() {
        for (const partition of OPEN_PARTITIONS) {
            yield* this.queryPages('listOpenRecords', {
                IndexName: RunTableIndexes.open,
                KeyConditionExpression: '#openPk = :open',
                ExpressionAttributeNames: { '#openPk': A.openPk },
                ExpressionAttributeValues: { ':open': partition },
                ScanIndexForward: true,
                openOnly: true,
            });
        }
    }
    async ping() {
        const result = await this.call('ping', () => this.doc.send(new client_dynamodb_dist_cjs.DescribeTableCommand({ TableName: this.tableName })));
        const status = result.Table?.TableStatus;
        if (status !== 'ACTIVE' && status !== 'UPDATING') {
            throw new errors/* StoreError */.AD(`DynamoDB table "${this.tableName}" is not usable (status ${status ?? 'unknown'}).`);
        }
    }
    nowSeconds() {
        return this.now() / 1000;
    }
    /** An update of a live record; a missing or expired record is `RecordNotFoundError`. Returns the record after the write. */
    async updateLive(operation, runId, connectionId, updateExpression, names, values) {
        const result = await this.conditional(operation, () => this.doc.send(new lib_dynamodb_dist_cjs/* UpdateCommand */.fR({
            TableName: this.tableName,
            Key: recordKey(runId, connectionId),
            UpdateExpression: updateExpression,
            ConditionExpression: LIVE,
            ExpressionAttributeNames: { '#pk': A.pk, '#expiresAt': A.expiresAt, ...names },
            ExpressionAttributeValues: { ':now': this.nowSeconds(), ...values },
            ReturnValues: 'ALL_NEW',
        })));
        if (result === CONDITION_FAILED)
            throw (0,errors/* recordNotFound */.lh)(runId, connectionId);
        return toRecord(result.Attributes ?? {});
    }
    /** Every record a query returns, live records only. `openOnly` also drops completed ones (a lagging index). */
    async query(operation, input) {
        const out = [];
        for await (const page of this.queryPages(operation, input))
            out.push(...page);
        return out;
    }
    /** A query page by page (DynamoDB's pages), live records only. */
    async *queryPages(operation, input) {
        const { openOnly, ...rest } = input;
        let startKey;
        do {
            const page = await this.call(operation, () => this.doc.send(new lib_dynamodb_dist_cjs/* QueryCommand */.sf({
                ...rest,
                TableName: this.tableName,
                FilterExpression: openOnly ? '#expiresAt > :now AND attribute_not_exists(#completedAt)' : '#expiresAt > :now',
                ExpressionAttributeNames: { ...rest.ExpressionAttributeNames, '#expiresAt': A.expiresAt, ...(openOnly ? { '#completedAt': 'completedAt' } : {}) },
                ExpressionAttributeValues: { ...rest.ExpressionAttributeValues, ':now': this.nowSeconds() },
                ...(this.pageSize ? { Limit: this.pageSize } : {}),
                ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            })));
            const records = (page.Items ?? []).map(toRecord);
            if (records.length > 0)
                yield records;
            startKey = page.LastEvaluatedKey;
        } while (startKey);
    }
    /** Puts `items` with BatchWriteItem, again for what DynamoDB leaves unprocessed. */
    async batchPut(items) {
        let requests = items.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 1; requests.length > 0; attempt += 1) {
            if (attempt > BATCH_ATTEMPTS) {
                throw new errors/* StoreError */.AD(`DynamoDB createRecords on table "${this.tableName}" left ${requests.length} records unwritten after ${BATCH_ATTEMPTS} attempts (throttled): start the run again.`);
            }
            if (attempt > 1)
                await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
            const result = await this.call('createRecords', () => this.doc.send(new lib_dynamodb_dist_cjs/* BatchWriteCommand */.Zp({ RequestItems: { [this.tableName]: requests } })));
            requests = (result.UnprocessedItems?.[this.tableName] ?? []);
        }
    }
    /** Runs a conditional write; a failed condition returns `CONDITION_FAILED` for the caller to interpret. */
    async conditional(operation, send) {
        try {
            return await send();
        }
        catch (error) {
            if (isConditionFailed(error))
                return CONDITION_FAILED;
            throw this.translate(operation, error);
        }
    }
    async call(operation, send) {
        try {
            return await send();
        }
        catch (error) {
            throw this.translate(operation, error);
        }
    }
    translate(operation, error) {
        if (error instanceof errors/* OrchestratorError */.jD)
            return error;
        if (error instanceof Error && error.name === 'ResourceNotFoundException') {
            return new errors/* StoreError */.AD(`DynamoDB table "${this.tableName}" (or its index) was not found in ${operation}: check RUNS_TABLE_NAME and the region, and that the stack is deployed.`, { cause: error });
        }
        return new errors/* StoreError */.AD(`DynamoDB ${operation} on table "${this.tableName}" failed: ${(0,errors/* messageOf */.bD)(error)}`, { cause: error });
    }
}
/**
 * A store configured from `RUNS_TABLE_NAME` (required) with a client from `createAwsClient`
 * (region, credentials and `AWS_ENDPOINT_URL_DYNAMODB` from `env`). `overrides` win over the
 * environment (a `client` given there is used as is). Throws `ConfigError` naming the variable at fault.
 */
function dynamoRunStoreFromEnv(env = process.env, overrides = {}) {
    const tableName = overrides.tableName ?? clean(env.RUNS_TABLE_NAME);
    if (!tableName) {
        throw new ConfigError('Environment variable required and not set: RUNS_TABLE_NAME (the DynamoDB table of run records).');
    }
    return new DynamoRunStore({ ...overrides, tableName, client: overrides.client ?? createAwsClient(DynamoDBClient, 'dynamodb', env) });
}
/**
 * A CreateTable input (on-demand) for tests and local use. TTL is a separate call
 * (`UpdateTimeToLive`, which dynalite does not implement); the CDK stack sets it from
 * `RUN_TABLE_SCHEMA.timeToLiveAttribute`.
 */
function createTableInput(tableName) {
    const keyNames = new Set([RUN_TABLE_SCHEMA.partitionKey.name, RUN_TABLE_SCHEMA.sortKey.name]);
    for (const index of RUN_TABLE_SCHEMA.globalSecondaryIndexes) {
        keyNames.add(index.partitionKey.name);
        keyNames.add(index.sortKey.name);
    }
    return {
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
            { AttributeName: RUN_TABLE_SCHEMA.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: RUN_TABLE_SCHEMA.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: RUN_TABLE_SCHEMA.globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: index.projection },
        })),
    };
}
function isConditionFailed(error) {
    return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
function withoutUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
/** The item for a new record: keys, the open-index attributes unless it is born completed, no top-level nulls. */
function toItem(record) {
    const completedAt = record.completedAt ?? null;
    const fields = {
        runId: record.runId,
        connectionId: record.connectionId,
        groupId: record.groupId,
        name: record.name,
        baseline: record.baseline,
        scheduleType: record.scheduleType,
        createdAt: record.createdAt,
        deadline: record.deadline,
        expiresAt: record.expiresAt,
        retriggers: 0,
        outcome: record.outcome ? withoutUndefined(record.outcome) : null,
        completedAt,
    };
    const item = { ...recordKey(record.runId, record.connectionId), ...(completedAt === null ? openIndexAttributes(record) : {}) };
    for (const [name, value] of Object.entries(fields))
        if (value !== null && value !== undefined)
            item[name] = value;
    return item;
}
function toRecord(item) {
    const text = (name) => (typeof item[name] === 'string' ? item[name] : null);
    return {
        runId: item.runId,
        connectionId: item.connectionId,
        groupId: item.groupId,
        name: text('name'),
        baseline: text('baseline'),
        scheduleType: text('scheduleType'),
        createdAt: item.createdAt,
        triggeredAt: text('triggeredAt'),
        deadline: item.deadline,
        expiresAt: item.expiresAt,
        taskToken: text('taskToken'),
        startedSyncId: text('startedSyncId'),
        startedAt: text('startedAt'),
        rescheduledAt: text('rescheduledAt'),
        retriggers: typeof item.retriggers === 'number' ? item.retriggers : 0,
        outcome: item.outcome ?? null,
        completedAt: text('completedAt'),
    };
}

// EXTERNAL MODULE: ./src/core/dbt/run-results.ts
var run_results = __webpack_require__(8740);
// EXTERNAL MODULE: ./src/core/fivetran/retry.ts
var retry = __webpack_require__(7703);
// EXTERNAL MODULE: ./src/core/pipeline/run-request.ts + 1 modules
var run_request = __webpack_require__(9502);
// EXTERNAL MODULE: ./src/core/report/run-report.ts
var run_report = __webpack_require__(5990);
// EXTERNAL MODULE: ./src/core/runs/records.ts
var runs_records = __webpack_require__(1176);
// EXTERNAL MODULE: ./src/core/stack-contract.ts
var stack_contract = __webpack_require__(7982);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
// EXTERNAL MODULE: ./src/engine/run-api.ts
var run_api = __webpack_require__(7262);
;// CONCATENATED MODULE: ./src/engine/aws/execution-history.ts
/**
 * Reading a Step Functions execution's history incrementally: newest page first, stopping at the
 * last event already seen, so following a long run costs one small GetExecutionHistory per poll
 * instead of re-reading thousands of events.
 */

/** The states a follower reports as phases. */
const PIPELINE_PHASES = new Set(['PrepareRun', 'StartSyncs', 'AwaitSyncs', 'SummarizeSyncs', 'RunDbt']);
/** History event types that end an execution. */
const TERMINAL_EVENTS = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);
/** Events with an id above `afterId`, oldest first (every page back to it is read). */
async function readNewEvents(sfn, executionArn, afterId) {
    const fresh = [];
    let nextToken;
    do {
        const page = await sfn.send(new client_sfn_dist_cjs/* GetExecutionHistoryCommand */.eXg({ executionArn, reverseOrder: true, maxResults: 100, includeExecutionData: true, ...(nextToken ? { nextToken } : {}) }));
        for (const event of page.events ?? []) {
            if ((event.id ?? 0) <= afterId)
                return fresh.reverse();
            fresh.push(event);
        }
        nextToken = page.nextToken;
    } while (nextToken);
    return fresh.reverse();
}
/** The name of the state an event enters, if it is a state-entered event. */
function enteredState(event) {
    return event.type?.endsWith('StateEntered') ? (event.stateEnteredEventDetails?.name ?? null) : null;
}
function parseEcsTask(text) {
    if (!text)
        return null;
    try {
        const json = JSON.parse(text);
        if (json && typeof json === 'object')
            return json.TaskArn ? json : (json.Tasks?.[0] ?? null);
    }
    catch {
        // Not JSON: a cause written by a person or another integration.
    }
    return null;
}

// EXTERNAL MODULE: ./src/engine/aws/stack-resources.ts
var stack_resources = __webpack_require__(6204);
;// CONCATENATED MODULE: ./src/engine/aws/sfn-engine.ts
/**
 * The Step Functions engine: the same run API as the local engine, over a deployed stack.
 * `start` is StartExecution named by the run id (a second start with the same id and input
 * attaches to that execution instead of starting another); following reads the execution's new
 * history events, the run-records table and, while dbt runs, its log; `cancel` is StopExecution,
 * which ends the Map's waits and stops the dbt task (syncs already triggered run on at Fivetran).
 * Polling backs off from 2 s to 30 s while nothing changes, about two Step Functions calls a
 * minute at rest, far inside the account's quotas; throttled calls are retried by the SDK and then
 * by the next poll.
 */


















const TERMINAL_STATUS = {
    SUCCEEDED: run_api/* RunStatus */.i.succeeded,
    FAILED: run_api/* RunStatus */.i.failed,
    TIMED_OUT: run_api/* RunStatus */.i.timedOut,
    ABORTED: run_api/* RunStatus */.i.cancelled,
};
const isMissing = (error, name) => error instanceof Error && error.name === name;
class SfnEngine {
    options;
    kind = 'aws';
    env;
    clientSet = null;
    resourcesPromise = null;
    sleep;
    now;
    constructor(options) {
        this.options = options;
        this.env = options.env ?? process.env;
        this.sleep = options.sleep ?? ((ms, signal) => (0,retry/* abortableSleep */.Mf)(ms, signal).catch(() => undefined));
        this.now = options.now ?? Date.now;
    }
    /** The stack's resources (resolved once). */
    resources(onWarning) {
        this.resourcesPromise ??= (0,stack_resources/* resolveStackResources */.Kl)(this.options, this.env, this.clients().sfn, onWarning).catch((error) => {
            this.resourcesPromise = null;
            throw error;
        });
        return this.resourcesPromise;
    }
    async start(request, options = {}) {
        const kind = this.options.runKind;
        const runId = options.runId ?? `${kind === 'ci' ? stack_contract/* CI_RUN_ID_PREFIX */.Y0 : ''}${(0,run_request/* newRunId */.F$)(new Date(this.now()))}`;
        // PrepareRun's own rules, before the request becomes the execution's input (a refused credential stays out of the history).
        const kindProblem = kind ? (0,stack_contract/* runIdProblem */.w2)(runId, kind) : undefined;
        if (kindProblem)
            throw new errors/* InvalidRunRequestError */.sN(`Invalid run request: ${kindProblem}.`);
        (0,run_request/* prepareRun */.Z0)(request, runId, {});
        const warn = (message) => options.onEvent?.({ type: 'warning', runId, message });
        const resources = await this.resources(warn);
        const input = JSON.stringify(request);
        const executionArn = (0,stack_resources/* executionArnOf */.Pn)(resources.stateMachineArn, runId);
        const existing = await this.describe(executionArn).catch((error) => {
            if (isMissing(error, 'ExecutionDoesNotExist'))
                return null;
            throw error;
        });
        if (existing) {
            if (!sameJson(existing.input, input)) {
                throw new errors/* ConfigError */.xL(`A run named "${runId}" already exists with a different input (${existing.status}): pick another run id, or follow it with \`status ${runId}\`.`);
            }
            return this.follow(resources, executionArn, runId, options, true);
        }
        try {
            const started = await this.clients().sfn.send(new client_sfn_dist_cjs/* StartExecutionCommand */.MX_({ stateMachineArn: resources.stateMachineArn, name: runId, input }));
            return this.follow(resources, started.executionArn ?? executionArn, runId, options, false);
        }
        catch (error) {
            if (isMissing(error, 'ExecutionAlreadyExists')) {
                throw new errors/* ConfigError */.xL(`A run named "${runId}" already exists with a different input: pick another run id.`, { cause: error });
            }
            if (isMissing(error, 'StateMachineDoesNotExist')) {
                throw new errors/* ConfigError */.xL(`State machine ${resources.stateMachineArn} does not exist: deploy the stack, or check the ARN and AWS_REGION.`, { cause: error });
            }
            throw error;
        }
    }
    async attach(runId, options = {}) {
        const resources = await this.resources((message) => options.onEvent?.({ type: 'warning', runId, message }));
        const executionArn = runId.startsWith('arn:') ? runId : (0,stack_resources/* executionArnOf */.Pn)(resources.stateMachineArn, runId);
        try {
            await this.describe(executionArn);
        }
        catch (error) {
            if (isMissing(error, 'ExecutionDoesNotExist'))
                throw new errors/* ConfigError */.xL(`No run "${runId}" on ${resources.stateMachineArn}.`, { cause: error });
            throw error;
        }
        return this.follow(resources, executionArn, executionArn.split(':').pop() ?? runId, options, true);
    }
    async close() {
        if (!this.clientSet)
            return;
        for (const client of Object.values(this.clientSet))
            client.destroy();
        this.clientSet = null;
    }
    clients() {
        if (!this.clientSet) {
            const extra = { maxAttempts: 5, ...(this.options.credentials ? { credentials: this.options.credentials } : {}) };
            this.clientSet = {
                sfn: (0,clients/* createAwsClient */.nV)(client_sfn_dist_cjs/* SFNClient */.ZIB, 'sfn', this.env, extra),
                dynamodb: (0,clients/* createAwsClient */.nV)(client_dynamodb_dist_cjs.DynamoDBClient, 'dynamodb', this.env, extra),
                ecs: (0,clients/* createAwsClient */.nV)(client_ecs_dist_cjs/* ECSClient */.Zgc, 'ecs', this.env, extra),
                s3: (0,clients/* createAwsClient */.nV)(client_s3_dist_cjs/* S3Client */.YxF, 's3', this.env, extra),
                logs: (0,clients/* createAwsClient */.nV)(dist_cjs/* CloudWatchLogsClient */.TFr, 'cloudwatchLogs', this.env, extra),
            };
        }
        return this.clientSet;
    }
    describe(executionArn) {
        return this.clients().sfn.send(new client_sfn_dist_cjs/* DescribeExecutionCommand */.tVP({ executionArn }));
    }
    follow(resources, executionArn, runId, options, attached) {
        const stop = new AbortController();
        let detached = false;
        const emit = (event) => options.onEvent?.(event);
        const store = resources.tableName ? new DynamoRunStore({ tableName: resources.tableName, client: this.clients().dynamodb }) : null;
        const records = async () => (store ? store.listRunRecords(runId) : []);
        const consoleUrl = (0,stack_resources/* consoleUrlOf */.U2)(executionArn);
        // A stop wakes the follower from its pause, so the report comes at once rather than after up to `poll.maxMs`.
        let nap = null;
        let woken = false;
        const wake = () => {
            woken = true;
            nap?.abort();
        };
        const pause = async (ms) => {
            if (woken) {
                woken = false;
                return;
            }
            nap = new AbortController();
            const onStop = () => nap?.abort();
            stop.signal.addEventListener('abort', onStop, { once: true });
            try {
                await this.sleep(ms, nap.signal);
            }
            finally {
                stop.signal.removeEventListener('abort', onStop);
                nap = null;
            }
        };
        let stopping = null;
        const cancel = async (reason = 'cancelled') => {
            stopping ??= this.clients()
                .sfn.send(new client_sfn_dist_cjs/* StopExecutionCommand */.WP$({ executionArn, error: 'Cancelled', cause: `Run cancelled: ${reason}`.slice(0, 32768) }))
                .then(wake);
            await stopping;
            await result;
        };
        const onAbort = () => void cancel((0,run_api/* abortReason */.J)(options.signal)).catch((error) => emit({ type: 'warning', runId, message: `Could not stop ${executionArn}: ${(0,errors/* messageOf */.bD)(error)}` }));
        if (options.signal?.aborted)
            onAbort();
        else
            options.signal?.addEventListener('abort', onAbort, { once: true });
        emit({ type: 'started', runId, attached, executionArn, consoleUrl });
        const result = this.watch({ resources, executionArn, runId, emit, records, pause, detached: () => detached }).finally(() => options.signal?.removeEventListener('abort', onAbort));
        return {
            runId,
            executionArn,
            consoleUrl,
            attached,
            result,
            records,
            cancel,
            detach: () => {
                detached = true;
                stop.abort();
            },
        };
    }
    /** Polls until the execution ends (or the follower detaches), then builds the report. */
    async watch(run) {
        const fromEnv = (name) => (Number(this.env[name]) > 0 ? Number(this.env[name]) : undefined);
        const { initialMs = fromEnv('FIVETRAN_DBT_POLL_INITIAL_MS') ?? 2000, maxMs = fromEnv('FIVETRAN_DBT_POLL_MAX_MS') ?? 30_000, factor = 1.5 } = this.options.poll ?? {};
        const { sfn } = this.clients();
        let lastEventId = 0;
        let lastRecords = '';
        let pause = initialMs;
        let ended = false;
        const dbt = { enteredAt: null, exitedAt: null, taskArn: null, logToken: undefined };
        const warn = (message) => run.emit({ type: 'warning', runId: run.runId, message });
        while (!ended && !run.detached()) {
            let changed = false;
            try {
                const events = await readNewEvents(sfn, run.executionArn, lastEventId);
                for (const event of events) {
                    lastEventId = Math.max(lastEventId, event.id ?? 0);
                    changed = true;
                    this.noteEvent(event, dbt, run.emit, run.runId);
                    if (TERMINAL_EVENTS.has(event.type ?? ''))
                        ended = true;
                }
                const records = await run.records();
                const print = (0,runs_records/* progressFingerprint */.mb)(records);
                if (print !== lastRecords) {
                    lastRecords = print;
                    changed = true;
                    run.emit({ type: 'connections', runId: run.runId, records });
                }
                if (dbt.taskArn && !dbt.exitedAt)
                    await this.streamDbtLog(run.resources, dbt, (line) => run.emit({ type: 'dbt-line', runId: run.runId, line }));
                pause = changed ? initialMs : Math.min(maxMs, pause * factor);
            }
            catch (error) {
                if (isMissing(error, 'ExecutionDoesNotExist'))
                    throw new errors/* ConfigError */.xL(`Execution ${run.executionArn} does not exist.`, { cause: error });
                warn(`Following ${run.runId}: ${(0,errors/* messageOf */.bD)(error)} (trying again)`);
                pause = Math.min(maxMs, Math.max(pause, initialMs) * 2);
            }
            if (!ended && !run.detached())
                await run.pause(pause);
        }
        return this.report(run, dbt);
    }
    noteEvent(event, dbt, emit, runId) {
        const state = enteredState(event);
        if (state && PIPELINE_PHASES.has(state))
            emit({ type: 'phase', runId, phase: state });
        if (state === 'RunDbt')
            dbt.enteredAt = event.timestamp?.getTime() ?? this.now();
        if (dbt.enteredAt === null || dbt.exitedAt !== null)
            return;
        if (event.type === 'TaskSubmitted')
            dbt.taskArn ??= parseEcsTask(event.taskSubmittedEventDetails?.output)?.TaskArn ?? null;
        if (event.type === 'TaskSucceeded') {
            dbt.taskArn ??= parseEcsTask(event.taskSucceededEventDetails?.output)?.TaskArn ?? null;
            dbt.exitedAt = event.timestamp?.getTime() ?? this.now();
        }
        if (event.type === 'TaskFailed' || event.type === 'TaskTimedOut') {
            dbt.taskArn ??= parseEcsTask(event.taskFailedEventDetails?.cause ?? event.taskTimedOutEventDetails?.cause)?.TaskArn ?? null;
            dbt.exitedAt = event.timestamp?.getTime() ?? this.now();
        }
    }
    async report(run, dbt) {
        const execution = await this.describe(run.executionArn);
        const records = await run.records().catch(() => []);
        const status = run.detached() && execution.status === 'RUNNING' ? run_api/* RunStatus */.i.running : (TERMINAL_STATUS[execution.status ?? ''] ?? run_api/* RunStatus */.i.running);
        const dbtReport = dbt.enteredAt === null ? null : await this.dbtReport(run.resources, run.runId, execution, dbt, run.emit);
        return (0,run_report/* buildRunReport */.IW)({
            runId: run.runId,
            status,
            error: status === run_api/* RunStatus */.i.succeeded || status === run_api/* RunStatus */.i.running ? null : (execution.error ?? null),
            cause: status === run_api/* RunStatus */.i.succeeded || status === run_api/* RunStatus */.i.running ? null : (execution.cause ?? null),
            startedAt: (0,core_text/* isoTime */.Ly)(execution.startDate?.getTime() ?? this.now()),
            finishedAt: (0,core_text/* isoTime */.Ly)(execution.stopDate?.getTime() ?? this.now()),
            records,
            dbt: dbtReport,
            executionArn: run.executionArn,
            consoleUrl: (0,stack_resources/* consoleUrlOf */.U2)(run.executionArn),
        });
    }
    /** dbt's part of the report: exit code, stopped reason and log tail from ECS, nodes from run_results.json in S3. */
    async dbtReport(resources, runId, execution, dbt, emit) {
        const warn = (message) => emit({ type: 'warning', runId, message });
        const failedTask = execution.error === 'DbtFailed' ? parseEcsTask(execution.cause) : null;
        const taskArn = dbt.taskArn ?? failedTask?.TaskArn ?? null;
        let exitCode = execution.status === 'SUCCEEDED' ? 0 : (failedTask?.Containers?.[0]?.ExitCode ?? null);
        let stoppedReason = failedTask?.StoppedReason ?? null;
        if (taskArn && resources.dbtClusterArn && execution.status !== 'SUCCEEDED') {
            try {
                const { tasks } = await this.clients().ecs.send(new client_ecs_dist_cjs/* DescribeTasksCommand */.z8X({ cluster: resources.dbtClusterArn, tasks: [taskArn] }));
                const task = tasks?.[0];
                if (task) {
                    stoppedReason = task.stoppedReason ?? stoppedReason;
                    exitCode = task.containers?.[0]?.exitCode ?? exitCode;
                }
            }
            catch (error) {
                warn(`Could not describe the dbt task ${taskArn}: ${(0,errors/* messageOf */.bD)(error)}`);
            }
        }
        let logTail = [];
        if (taskArn && execution.status !== 'SUCCEEDED')
            logTail = await this.logTail(resources, taskArn).catch((error) => {
                warn(`Could not read the dbt log: ${(0,errors/* messageOf */.bD)(error)}`);
                return [];
            });
        let summary = null;
        let summaryNote = null;
        if (resources.artifactsBucket) {
            const location = `s3://${resources.artifactsBucket}/${(0,stack_contract/* runArtifactKey */.T)(runId, 'run_results.json')}`;
            try {
                const object = await this.clients().s3.send(new client_s3_dist_cjs/* GetObjectCommand */.jLs({ Bucket: resources.artifactsBucket, Key: (0,stack_contract/* runArtifactKey */.T)(runId, 'run_results.json') }));
                const read = (0,run_results/* readRunResults */.cv)((await object.Body?.transformToString('utf8')) ?? '');
                if ('summary' in read)
                    summary = read.summary;
                else {
                    summaryNote = read.note;
                    warn(`${location}: ${read.note}`);
                }
            }
            catch (error) {
                if (isMissing(error, 'NoSuchKey'))
                    summaryNote = `${run_results/* NO_RUN_RESULTS */.v$} (nothing at ${location})`;
                else {
                    summaryNote = `run_results.json unreadable: ${(0,errors/* messageOf */.bD)(error)}`;
                    warn(`Could not read dbt's run_results.json: ${(0,errors/* messageOf */.bD)(error)}`);
                }
            }
        }
        const end = dbt.exitedAt ?? execution.stopDate?.getTime() ?? null;
        return {
            exitCode,
            durationSeconds: dbt.enteredAt !== null && end !== null ? (0,core_text/* roundedSeconds */.Jp)(end - dbt.enteredAt) : null,
            summary,
            summaryNote,
            taskArn,
            stoppedReason,
            logTail,
        };
    }
    logStream(resources, taskArn) {
        if (!resources.dbtLogGroup)
            return null;
        const taskId = taskArn.split('/').pop() ?? taskArn;
        return { logGroupName: resources.dbtLogGroup, logStreamName: `${stack_contract/* DBT_LOG_STREAM_PREFIX */.qR}/dbt/${taskId}` };
    }
    async logTail(resources, taskArn) {
        const stream = this.logStream(resources, taskArn);
        if (!stream)
            return [];
        const { events } = await this.clients().logs.send(new dist_cjs/* GetLogEventsCommand */.h7S({ ...stream, limit: this.options.logTailLines ?? 30, startFromHead: false }));
        return (events ?? []).map((e) => e.message ?? '');
    }
    /** New dbt log lines since the last read (the task's stream appears once the container starts). */
    async streamDbtLog(resources, dbt, onLine) {
        const stream = dbt.taskArn ? this.logStream(resources, dbt.taskArn) : null;
        if (!stream)
            return;
        try {
            const page = await this.clients().logs.send(new dist_cjs/* GetLogEventsCommand */.h7S({ ...stream, startFromHead: true, ...(dbt.logToken ? { nextToken: dbt.logToken } : {}) }));
            for (const event of page.events ?? [])
                onLine(event.message ?? '');
            dbt.logToken = page.nextForwardToken ?? dbt.logToken;
        }
        catch (error) {
            if (!isMissing(error, 'ResourceNotFoundException'))
                throw error;
        }
    }
}
function sameJson(a, b) {
    try {
        return JSON.stringify(JSON.parse(a ?? 'null')) === JSON.stringify(JSON.parse(b));
    }
    catch {
        return false;
    }
}
function createSfnEngine(options) {
    return new SfnEngine(options);
}


/***/ }),

/***/ 6204:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fx: () => (/* binding */ readStackOutputs),
/* harmony export */   Kl: () => (/* binding */ resolveStackResources),
/* harmony export */   Pn: () => (/* binding */ executionArnOf),
/* harmony export */   U2: () => (/* binding */ consoleUrlOf)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3805);
/* harmony import */ var _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8476);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _core_stack_contract_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7982);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(201);
/**
 * Finds what a run on AWS needs from the deployed stack: the state machine (production's or the
 * CI one, by the run's kind), the run-records table,
 * the artifacts bucket, the dbt cluster and log group. From a stack name (its outputs), or from a
 * state machine ARN (its `aws:cloudformation:stack-name` tag leads to the outputs; without it only
 * the execution itself can be followed).
 */





/** The outputs of `stackName`. Throws `ConfigError` when the stack does not exist. */
async function readStackOutputs(stackName, env, client) {
    const cloudformation = client ?? (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_2__/* .createAwsClient */ .nV)(_aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_3__/* .CloudFormationClient */ .m1N, 'cloudformation', env);
    try {
        const { Stacks } = await cloudformation.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_3__/* .DescribeStacksCommand */ .Y47({ StackName: stackName }));
        const stack = Stacks?.[0];
        if (!stack)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Stack "${stackName}" was not found: check the stack name and the region (AWS_REGION).`);
        return Object.fromEntries((stack.Outputs ?? []).filter((o) => o.OutputKey && o.OutputValue !== undefined).map((o) => [o.OutputKey, o.OutputValue]));
    }
    catch (error) {
        if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Stack "${stackName}" does not exist in ${env.AWS_REGION ?? 'this region'}: deploy it first, or check the name and AWS_REGION.`, { cause: error });
        }
        throw error;
    }
    finally {
        if (!client)
            cloudformation.destroy();
    }
}
function fromOutputs(outputs, stackName, stateMachineArn) {
    return {
        stateMachineArn,
        stackName,
        tableName: outputs[_core_stack_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .StackOutputs */ .rC.tableName] ?? null,
        artifactsBucket: outputs[_core_stack_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .StackOutputs */ .rC.artifactsBucket] ?? null,
        dbtClusterArn: outputs[_core_stack_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .StackOutputs */ .rC.dbtClusterArn] ?? null,
        dbtLogGroup: outputs[_core_stack_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .StackOutputs */ .rC.dbtLogGroup] ?? null,
        outputs,
    };
}
/**
 * Resolves the stack's resources from `stackName` or `stateMachineArn` (one of them is required).
 * With a stack name, `runKind` picks its state machine (default production); a given ARN is used as is.
 */
async function resolveStackResources(target, env, sfn, onWarning = () => undefined) {
    if (target.stackName) {
        const outputs = await readStackOutputs(target.stackName, env);
        const output = (0,_core_stack_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .stateMachineOutputOf */ .rK)(target.runKind ?? 'production');
        const arn = target.stateMachineArn ?? outputs[output];
        if (!arn && output === _core_stack_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .StackOutputs */ .rC.ciStateMachineArn && outputs[_core_stack_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .StackOutputs */ .rC.stateMachineArn]) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Stack "${target.stackName}" has no ${output} output: it predates the CI state machine. Update the stack (deploy) to run CI runs with the CI credentials.`);
        }
        if (!arn)
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`Stack "${target.stackName}" has no ${output} output: is it a fivetran-dbt-orchestrator stack?`);
        return fromOutputs(outputs, target.stackName, arn);
    }
    const arn = target.stateMachineArn;
    if (!arn)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL('Name the deployed pipeline: a stack name (--stack, stack-name) or a state machine ARN (--state-machine-arn, state-machine-arn).');
    if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/.test(arn)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`"${arn}" is not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>).`);
    }
    try {
        const { tags } = await sfn.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_4__/* .ListTagsForResourceCommand */ .a_e({ resourceArn: arn }));
        const stackName = tags?.find((t) => t.key === 'aws:cloudformation:stack-name')?.value;
        if (stackName)
            return fromOutputs(await readStackOutputs(stackName, env), stackName, arn);
    }
    catch (error) {
        onWarning(`Could not find the stack of ${arn} (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(error)}): following the execution only, without per-connection progress or dbt details.`);
    }
    return fromOutputs({}, null, arn);
}
/** The execution ARN of run `name` on `stateMachineArn` (Step Functions derives it this way). */
function executionArnOf(stateMachineArn, name) {
    return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
/** The AWS console page of an execution. */
function consoleUrlOf(executionArn) {
    const region = executionArn.split(':')[3] ?? 'us-east-1';
    return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}


/***/ }),

/***/ 7942:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ LocalTaskTokens),
/* harmony export */   i: () => (/* binding */ taskError)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Task tokens for the local engine, which has none of its own: a token names a pending promise
 * that the WaitForSync handler returned. Completing it settles the promise, which is exactly what
 * Step Functions' callback pattern does with SendTaskSuccess/Failure.
 */

/** An error with a Step Functions error name (what a Catch's ErrorEquals matches). */
function taskError(name, cause) {
    const error = new Error(cause);
    error.name = name;
    return error;
}
class LocalTaskTokens {
    pending = new Map();
    /** A new token and the promise it settles. */
    create() {
        const token = `local-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
        const promise = new Promise((resolve, reject) => this.pending.set(token, { resolve, reject }));
        return { token, promise };
    }
    get size() {
        return this.pending.size;
    }
    async succeed(token, output) {
        const waiter = this.take(token);
        if (!waiter)
            return 'already-resolved';
        waiter.resolve(output);
        return 'delivered';
    }
    async fail(token, error, cause) {
        const waiter = this.take(token);
        if (!waiter)
            return 'already-resolved';
        waiter.reject(taskError(error, cause));
        return 'delivered';
    }
    async heartbeat(token) {
        return this.pending.has(token) ? 'delivered' : 'already-resolved';
    }
    /** Settles a token's promise as failed without a delivery (the wait was abandoned). */
    abandon(token, error) {
        this.take(token)?.reject(error);
    }
    take(token) {
        const waiter = this.pending.get(token);
        this.pending.delete(token);
        return waiter;
    }
}


/***/ }),

/***/ 7262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ abortReason),
/* harmony export */   i: () => (/* binding */ RunStatus)
/* harmony export */ });
/** Where a run stands. `RUNNING` only in the report of a run that was detached from. */
const RunStatus = {
    running: 'RUNNING',
    succeeded: 'SUCCEEDED',
    failed: 'FAILED',
    cancelled: 'CANCELLED',
    timedOut: 'TIMED_OUT',
};
/** The reason an AbortSignal was aborted with, as text (a cancellation's reason in reports). */
function abortReason(signal) {
    const reason = signal?.reason;
    if (reason instanceof Error)
        return reason.name === 'AbortError' ? 'aborted' : reason.message;
    return typeof reason === 'string' && reason ? reason : 'aborted';
}


/***/ }),

/***/ 8538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ createEngine),
/* harmony export */   a: () => (/* binding */ runPipeline)
/* harmony export */ });
/* harmony import */ var _core_pipeline_run_request_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9502);
/**
 * `runPipeline()`: one run from request to report, the way the CLI and the Action both do it:
 * validate the request (every problem at once), pick the engine, start the run (or attach to the
 * one going under the same id), forward its progress, cancel it when the caller's signal aborts,
 * and hand back the report.
 */

/** Builds the engine `choice` names. */
async function createEngine(choice) {
    if (choice.kind === 'local') {
        const { createLocalEngine } = await Promise.all(/* import() */[__webpack_require__.e(198), __webpack_require__.e(347)]).then(__webpack_require__.bind(__webpack_require__, 3347));
        return createLocalEngine(choice.options);
    }
    const { createSfnEngine } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4802));
    return createSfnEngine(choice.options);
}
/** Runs (or follows) one pipeline run to its report. Throws `InvalidRunRequestError` before starting anything. */
async function runPipeline(run) {
    const options = { signal: run.signal, onEvent: run.onEvent };
    let handle;
    if (run.attachTo !== undefined) {
        handle = await run.engine.attach(run.attachTo, options);
    }
    else {
        if (run.request === undefined)
            throw new TypeError('runPipeline needs a request or attachTo.');
        (0,_core_pipeline_run_request_js__WEBPACK_IMPORTED_MODULE_0__/* .prepareRun */ .Z0)(run.request, run.runId ?? 'validation');
        handle = await run.engine.start(run.request, { ...options, ...(run.runId ? { runId: run.runId } : {}) });
    }
    await run.onHandle?.(handle);
    return { handle, report: await handle.result };
}


/***/ })

};

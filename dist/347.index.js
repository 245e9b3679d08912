export const id = 347;
export const ids = [347];
export const modules = {

/***/ 3347:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createLocalEngine: () => (/* binding */ createLocalEngine)
});

// UNUSED EXPORTS: LocalEngine, handler

;// CONCATENATED MODULE: ./src/engine/local/polyfills.ts
const promiseConstructor = Promise;
if (typeof promiseConstructor.withResolvers !== 'function') {
    promiseConstructor.withResolvers = () => {
        let resolve;
        let reject;
        const promise = new Promise((res, rej) => {
            resolve = res;
            reject = rej;
        });
        return { promise, resolve, reject };
    };
}


// EXTERNAL MODULE: ./node_modules/aws-local-stepfunctions/build/main.node.esm.js + 2 modules
var main_node_esm = __webpack_require__(1198);
// EXTERNAL MODULE: ./src/core/completion/outcomes.ts
var outcomes = __webpack_require__(5749);
// EXTERNAL MODULE: ./src/core/concurrency.ts
var concurrency = __webpack_require__(8904);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/fivetran/types.ts
var types = __webpack_require__(7860);
// EXTERNAL MODULE: ./src/core/webhook/event.ts
var webhook_event = __webpack_require__(3342);
// EXTERNAL MODULE: ./src/core/runs/records.ts
var runs_records = __webpack_require__(1176);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/core/completion/reconcile.ts
/**
 * Completing waiters by reading their connections: the local engine's polling and, on AWS, the
 * reconciler that repairs late or lost webhooks. One pass reads each group's connection list
 * (one request per 1,000 connections, not one per connection), then for every open record:
 * delivers an outcome recorded earlier, fails a waiter past its deadline, completes one whose sync
 * finished after the baseline, fails one whose connection was paused after the trigger (PAUSED), re-triggers a rescheduled sync on a manual schedule once
 * `rescheduled_for` has passed, or sends a heartbeat (closing the record when nobody waits any more).
 */







/**
 * The one rule for which records a reconciling pass (the reconciler Lambda, the local engine's
 * watcher) looks at now: open ones past their deadline, and open, triggered ones old enough that
 * their webhook is late (`afterSeconds`; younger ones are the webhook's, and a trigger still in
 * flight is StartSyncs' business).
 */
function isDueForReconcile(record, now, afterSeconds) {
    if (record.completedAt !== null)
        return false;
    if (Date.parse(record.deadline) <= now)
        return true;
    return record.triggeredAt !== null && Date.parse(record.createdAt) <= now - afterSeconds * 1000;
}
/** SendTaskHeartbeat calls in flight: 10 keeps a pass well under the account's 300-per-second refill. */
const HEARTBEAT_CONCURRENCY = 10;
/**
 * Records settled at once in a pass (each a few store writes and a task completion). One at a
 * time, a pass after an outage of webhooks took seconds per 100 records and fell a whole
 * interval behind; 10 stays well under Step Functions' and DynamoDB's rates.
 */
const SETTLE_CONCURRENCY = 10;
/**
 * Heartbeats every waiter of `records` that has no outcome yet, whatever Fivetran's state: a wait
 * then outlives any outage shorter than its deadline. A waiter that is gone (execution stopped,
 * failed or timed out) gets its record closed as cancelled. Returns the keys of closed records too.
 */
async function heartbeatWaiters(deps, records) {
    const now = deps.now ?? Date.now;
    const report = { heartbeats: 0, cancelled: 0, errors: [], closed: new Set() };
    const waiting = records.filter((r) => r.completedAt === null && r.outcome === null && r.taskToken !== null);
    await forEachLimited(waiting, HEARTBEAT_CONCURRENCY, async (record) => {
        const key = `${record.runId}/${record.connectionId}`;
        try {
            if ((await deps.completer.heartbeat(record.taskToken)) === 'delivered') {
                report.heartbeats += 1;
                return;
            }
            await settleRecord(deps, record, decidedOutcome(SyncStatus.cancelled, 'the run no longer waits for this sync (execution stopped, failed or timed out)', isoTime(now())));
            report.cancelled += 1;
            report.closed.add(key);
        }
        catch (error) {
            report.errors.push(`${key}: ${messageOf(error)}`);
        }
    });
    return report;
}
/** The outcome a connection's state shows for a record, or null while its sync is not done. */
function outcomeFromConnection(record, connection) {
    const finished = (0,types/* finishedSince */.V$)(connection, record.baseline);
    if (!finished)
        return null;
    const task = connection.status.tasks?.[0];
    return {
        // A failure that left a task (the user must act) is what its webhook calls FAILURE_WITH_TASK:
        // the same sync gets the same status whichever way its end became known.
        status: finished.succeeded ? webhook_event/* SUCCESSFUL */.Do : task ? 'FAILURE_WITH_TASK' : 'FAILURE',
        finishedAt: finished.finishedAt,
        syncId: null,
        reason: finished.succeeded ? null : (task?.message ?? 'failed_at moved past the baseline (no task message)'),
        taskType: finished.succeeded ? null : (task?.code ?? null),
        source: 'poll',
    };
}
/**
 * Paused after the trigger with no sync running: nothing will end (a rescheduled sync is not
 * resumed, a re-trigger answers 409), so waiting would last until the deadline.
 */
function wasPausedDuringRun(record, connection) {
    return record.triggeredAt !== null && connection.paused === true && connection.status.sync_state !== 'syncing';
}
function isDue(connection, now) {
    if (connection.status.sync_state !== 'rescheduled' || connection.schedule_type !== 'manual')
        return false;
    const at = connection.rescheduled_for ? Date.parse(connection.rescheduled_for) : NaN;
    return !Number.isFinite(at) || at <= now;
}
/** Reconciles `records` (open ones; completed ones are passed over). */
async function reconcileRecords(deps, records, options = {}) {
    const now = deps.now ?? Date.now;
    const report = { actions: {}, errors: [] };
    const open = records.filter((r) => r.completedAt === null);
    // A group whose listing failed, or that the budget left out, has no entry: its records stay pending.
    const groups = new Map();
    const byAge = [...open].filter((r) => !r.outcome).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const wanted = [...new Set(byAge.map((r) => r.groupId))];
    const listed = wanted.slice(0, options.maxGroupListings ?? wanted.length);
    for (const groupId of deps.fivetran ? listed : []) {
        if (options.stopAt !== undefined && now() >= options.stopAt)
            break;
        try {
            const list = await deps.fivetran.listGroupConnections(groupId);
            groups.set(groupId, new Map(list.map((c) => [c.id, c])));
        }
        catch (error) {
            report.errors.push(`group ${groupId}: ${(0,errors/* messageOf */.bD)(error)}`);
        }
    }
    const deferred = new Set(wanted.filter((g) => !listed.includes(g)));
    await (0,concurrency/* forEachLimited */.v)(open, SETTLE_CONCURRENCY, async (record) => {
        const key = `${record.runId}/${record.connectionId}`;
        if (options.stopAt !== undefined && now() >= options.stopAt) {
            report.actions[key] = 'deferred';
            return;
        }
        try {
            const action = await reconcileOne(deps, record, groups.get(record.groupId), now());
            report.actions[key] = action === 'pending' && deferred.has(record.groupId) ? 'deferred' : action;
        }
        catch (error) {
            report.actions[key] = 'error';
            report.errors.push(`${key}: ${(0,errors/* messageOf */.bD)(error)}`);
        }
    });
    return report;
}
async function reconcileOne(deps, record, group, now) {
    if (record.outcome)
        return (0,outcomes/* settleRecord */.rQ)(deps, record, record.outcome);
    if (Date.parse(record.deadline) <= now) {
        return (0,outcomes/* settleRecord */.rQ)(deps, record, (0,runs_records/* decidedOutcome */.pW)(runs_records/* SyncStatus */.um.deadlineExceeded, `no sync result by the run's deadline ${record.deadline}`, (0,core_text/* isoTime */.Ly)(now)));
    }
    if (!group)
        return 'pending';
    const connection = group.get(record.connectionId);
    if (!connection) {
        return (0,outcomes/* settleRecord */.rQ)(deps, record, (0,runs_records/* decidedOutcome */.pW)('CONNECTION_NOT_FOUND', `connection is no longer in group ${record.groupId}`, (0,core_text/* isoTime */.Ly)(now)));
    }
    const outcome = outcomeFromConnection(record, connection);
    if (outcome)
        return (0,outcomes/* settleRecord */.rQ)(deps, record, outcome);
    if (wasPausedDuringRun(record, connection)) {
        return (0,outcomes/* settleRecord */.rQ)(deps, record, (0,runs_records/* decidedOutcome */.pW)(runs_records/* SyncStatus */.um.paused, 'the connection was paused during the run and no sync is running: none will finish until it is resumed', (0,core_text/* isoTime */.Ly)(now)));
    }
    if (isDue(connection, now) && deps.fivetran) {
        await deps.fivetran.triggerSync(record.connectionId, { force: false });
        await deps.store.markRescheduled(record.runId, record.connectionId, null);
        return 'retriggered';
    }
    if (connection.status.sync_state === 'rescheduled' && record.rescheduledAt === null) {
        await deps.store.markRescheduled(record.runId, record.connectionId, (0,core_text/* isoTime */.Ly)(now));
    }
    return 'pending';
}

// EXTERNAL MODULE: ./src/core/fivetran/retry.ts
var retry = __webpack_require__(7703);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/core/asset-path.ts
var asset_path = __webpack_require__(3999);
;// CONCATENATED MODULE: ./src/core/pipeline/definition.ts
/**
 * The pipeline's one definition (pipeline.asl.json) and its substitutions. The CDK stack passes
 * the same file to `DefinitionBody.fromFile` with real ARNs; the local engine resolves it with
 * placeholders, since its task handlers are chosen by state name.
 */


/** Absolute path of the ASL file. */
const DEFINITION_PATH = (0,asset_path/* assetPath */.Q)(__webpack_require__.ab + "pipeline.asl.json");
/** Every `${Name}` the definition uses. */
const SUBSTITUTION_KEYS = (/* unused pure expression or super */ null && ([
    'PrepareRunFunctionArn',
    'StartSyncsFunctionArn',
    'RegisterWaiterFunctionArn',
    'SummarizeSyncsFunctionArn',
    'DbtClusterArn',
    'DbtTaskDefinitionFamily',
    'DbtSubnetIds',
    'DbtSecurityGroupIds',
    'DbtAssignPublicIp',
    'DbtContainerName',
    'RunKind',
]));
/** Values for the local engine: state names pick the handlers, so ARNs are only labels. */
const LOCAL_SUBSTITUTIONS = {
    PrepareRunFunctionArn: 'arn:aws:lambda:local:000000000000:function:prepare-run',
    StartSyncsFunctionArn: 'arn:aws:lambda:local:000000000000:function:start-syncs',
    RegisterWaiterFunctionArn: 'arn:aws:lambda:local:000000000000:function:register-waiter',
    SummarizeSyncsFunctionArn: 'arn:aws:lambda:local:000000000000:function:summarize-syncs',
    DbtClusterArn: 'arn:aws:ecs:local:000000000000:cluster/local',
    DbtTaskDefinitionFamily: 'dbt',
    DbtSubnetIds: 'subnet-local',
    DbtSecurityGroupIds: 'sg-local',
    DbtAssignPublicIp: 'DISABLED',
    DbtContainerName: 'dbt',
    RunKind: 'production',
};
/** The definition text with its placeholders. */
function readDefinitionText(path = DEFINITION_PATH) {
    return (0,external_node_fs_.readFileSync)(path, 'utf8');
}
/**
 * Replaces every `${Name}` the way Step Functions' definition substitutions do and parses the
 * result. Throws when a placeholder has no value, so a stack and its definition cannot drift.
 */
function resolveDefinition(substitutions, text = readDefinitionText()) {
    const missing = new Set();
    const resolved = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name) => {
        const value = substitutions[name];
        if (value === undefined) {
            missing.add(name);
            return '';
        }
        return JSON.stringify(value).slice(1, -1);
    });
    if (missing.size > 0)
        throw new Error(`No substitution for ${[...missing].join(', ')} in the pipeline definition.`);
    return JSON.parse(resolved);
}

// EXTERNAL MODULE: ./src/core/pipeline/run-request.ts + 1 modules
var run_request = __webpack_require__(9502);
// EXTERNAL MODULE: ./src/core/fivetran/errors.ts
var fivetran_errors = __webpack_require__(6058);
;// CONCATENATED MODULE: ./src/core/pipeline/start-syncs.ts
/**
 * The StartSyncs state: list the group's connections, apply the policies, write every run record,
 * then trigger every sync up front. Records are written before any trigger so that no outcome can
 * arrive for a sync the run does not know about yet.
 *
 * The records also carry the progress: a record with no `triggeredAt` and no outcome of the run's
 * own still waits for its trigger. A call that runs out of time (`stopAt`) returns `done: false`
 * and the state machine calls again with the same input plus that answer; the next call reads the
 * records and triggers only what is left, so a retried or repeated call never triggers twice.
 */







const DAY = 86_400;
/**
 * How long after the run's start a sync may still be triggered; a connection Fivetran has not
 * accepted by then (it kept answering 429 or 5xx) ends TRIGGER_FAILED. Two of Fivetran's hourly
 * rate-limit windows. On AWS it also bounds the repeated StartSyncs calls to about 10 (each gets
 * 13 minutes), 7 history events each, within the room MAX_CONNECTIONS_PER_RUN leaves.
 */
const TRIGGER_WINDOW_MS = 2 * 3600_000;
/** Trigger calls in flight at once unless the caller says otherwise: 32 keeps 5,000 triggers to about a minute at Fivetran's latency, far below its rate limit per hour, and 429s are waited out. */
const DEFAULT_TRIGGER_CONCURRENCY = 32;
/** Which connections a run syncs and which it skips, or the problems that stop it before any trigger. */
function selectConnections(run, connections) {
    const byId = new Map(connections.map((c) => [c.id, c]));
    const problems = [];
    let chosen = [...connections];
    if (run.connectionIds.length > 0) {
        const unknown = run.connectionIds.filter((id) => !byId.has(id));
        if (unknown.length > 0)
            problems.push(`not in group ${run.groupId}: ${unknown.join(', ')}`);
        chosen = run.connectionIds.flatMap((id) => byId.get(id) ?? []);
    }
    const sync = [];
    const unpause = [];
    const skip = [];
    for (const c of chosen) {
        if (c.status.setup_state !== 'connected') {
            const reason = `setup_state is "${c.status.setup_state}"; finish or fix its setup in Fivetran`;
            if (run.policies.notConnected === 'skip')
                skip.push({ connection: c, reason });
            else
                problems.push(`${c.id}${c.schema ? ` (${c.schema})` : ''}: ${reason}`);
            continue;
        }
        if (c.paused) {
            if (run.policies.paused === 'skip')
                skip.push({ connection: c, reason: 'paused' });
            else if (run.policies.paused === 'fail')
                problems.push(`${c.id}${c.schema ? ` (${c.schema})` : ''}: paused (policy paused=fail)`);
            else {
                unpause.push(c);
                sync.push(c);
            }
            continue;
        }
        sync.push(c);
    }
    return { sync, unpause, skip, problems };
}
async function startSyncs(run, deps) {
    const now = deps.now ?? Date.now;
    // A repeated call finds every record written; a retried first call writes what is missing.
    const order = run.started?.done === false ? null : await writeRecords(run, deps, now);
    const records = await deps.store.listRunRecords(run.runId);
    if (order)
        records.sort((a, b) => (order.get(a.connectionId) ?? 0) - (order.get(b.connectionId) ?? 0));
    const createdAt = Math.min(...records.map((r) => Date.parse(r.createdAt)));
    const triggerBy = Math.min(createdAt + TRIGGER_WINDOW_MS, ...records.map((r) => Date.parse(r.deadline)));
    const stopAt = Math.min(deps.stopAt ?? Infinity, triggerBy);
    const triggered = new Set(records.filter((r) => r.triggeredAt !== null).map((r) => r.connectionId));
    const failed = new Set(records.filter((r) => r.outcome?.status === runs_records/* SyncStatus */.um.triggerFailed).map((r) => r.connectionId));
    const left = new Set();
    const failTrigger = async (connectionId, reason) => {
        const outcome = (0,runs_records/* decidedOutcome */.pW)(runs_records/* SyncStatus */.um.triggerFailed, reason, (0,core_text/* isoTime */.Ly)(now()));
        await deps.store.recordOutcome(run.runId, connectionId, outcome);
        await deps.store.markCompleted(run.runId, connectionId, outcome.finishedAt);
        failed.add(connectionId);
    };
    // A lane goes on to its next trigger while the record write is in flight: one round trip, not two, per trigger.
    const writes = [];
    await (0,concurrency/* forEachLimited */.v)(records.filter(awaitsTrigger), deps.triggerConcurrency ?? DEFAULT_TRIGGER_CONCURRENCY, async ({ connectionId }) => {
        if (now() >= stopAt)
            return void left.add(connectionId);
        try {
            await deps.fivetran.triggerSync(connectionId, { force: run.force, ...(Number.isFinite(stopAt) ? { retryUntil: stopAt } : {}) });
        }
        catch (error) {
            if (error instanceof fivetran_errors/* FivetranApiError */.k && error.code === fivetran_errors/* FivetranClientCode */.o.outOfTime)
                left.add(connectionId);
            else
                await failTrigger(connectionId, (0,errors/* messageOf */.bD)(error));
            return;
        }
        triggered.add(connectionId);
        const write = deps.store.markTriggered(run.runId, connectionId, (0,core_text/* isoTime */.Ly)(now()));
        write.catch(() => undefined); // handled below, once every lane is done
        writes.push(write);
    });
    // Every write settles before the answer; a failed one fails the call (the records must say what was triggered).
    const failedWrite = (await Promise.allSettled(writes)).find((w) => w.status === 'rejected');
    if (failedWrite)
        throw failedWrite.reason;
    if (left.size > 0 && now() >= triggerBy) {
        const reason = `not triggered by ${(0,core_text/* isoTime */.Ly)(triggerBy)} (${TRIGGER_WINDOW_MS / 3600_000} hours after the run started, or its deadline): Fivetran kept answering 429 or 5xx`;
        for (const connectionId of left)
            await failTrigger(connectionId, reason);
        left.clear();
    }
    return {
        done: left.size === 0,
        connectionIds: records.filter((r) => triggered.has(r.connectionId)).map((r) => r.connectionId),
        skipped: records.filter((r) => r.outcome?.status === runs_records/* SyncStatus */.um.skipped).length,
        triggerFailed: failed.size,
    };
}
/** A record whose sync is still to be triggered: not triggered, not skipped and not given up by the run. */
function awaitsTrigger(record) {
    return record.triggeredAt === null && record.outcome?.source !== 'run';
}
/**
 * Lists and checks the group's connections, writes a record for each (existing ones are kept) and
 * unpauses what the policy says to. Returns the connections' order in Fivetran's list.
 */
async function writeRecords(run, deps, now) {
    if (!run.groupId)
        throw new errors/* ConnectionsNotReadyError */.ch('No group to sync: the run needs a groupId unless skipSync is set.');
    const connections = await deps.fivetran.listGroupConnections(run.groupId);
    const { sync, unpause, skip, problems } = selectConnections(run, connections);
    if (problems.length > 0) {
        throw new errors/* ConnectionsNotReadyError */.ch(`Cannot start the run for group ${run.groupId}: ${problems.join('; ')}.`);
    }
    if (sync.length === 0 && skip.length === 0) {
        throw new errors/* ConnectionsNotReadyError */.ch(`Group ${run.groupId} has no connections to sync.`);
    }
    // Refused before any record or trigger: a run over the limit would fail midway on AWS.
    if (sync.length > run_request/* MAX_CONNECTIONS_PER_RUN */.BQ)
        throw (0,run_request/* runTooLarge */.pD)(sync.length);
    const createdAt = (0,core_text/* isoTime */.Ly)(now());
    const deadlineMs = now() + run.syncTimeoutSeconds * 1000;
    const deadline = (0,core_text/* isoTime */.Ly)(deadlineMs);
    const expiresAt = Math.ceil(deadlineMs / 1000) + (deps.retentionSeconds ?? 14 * DAY);
    const base = (c) => ({
        runId: run.runId,
        connectionId: c.id,
        groupId: c.group_id,
        name: c.schema ?? null,
        baseline: (0,types/* syncBaseline */.Tt)(c),
        scheduleType: c.schedule_type ?? null,
        createdAt,
        deadline,
        expiresAt,
    });
    const skipped = skip.map(({ connection, reason }) => ({
        ...base(connection),
        outcome: (0,runs_records/* decidedOutcome */.pW)(runs_records/* SyncStatus */.um.skipped, reason, createdAt),
        completedAt: createdAt,
    }));
    await deps.store.createRecords([...skipped, ...sync.map(base)]);
    for (const c of unpause)
        await deps.fivetran.updateConnection(c.id, { paused: false });
    return new Map(connections.map((c, i) => [c.id, i]));
}

// EXTERNAL MODULE: ./src/core/pipeline/summary.ts
var summary = __webpack_require__(2538);
// EXTERNAL MODULE: ./src/core/report/run-report.ts
var run_report = __webpack_require__(5990);
// EXTERNAL MODULE: ./src/core/runs/memory-store.ts
var memory_store = __webpack_require__(7391);
// EXTERNAL MODULE: ./src/engine/run-api.ts
var run_api = __webpack_require__(7262);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
// EXTERNAL MODULE: ./src/core/dbt/run-results.ts
var run_results = __webpack_require__(8740);
;// CONCATENATED MODULE: ./src/engine/local/dbt-process.ts
/**
 * The local engine's RunDbt: dbt as a child process (command, working directory, environment).
 * Its exit code decides, and its `target/run_results.json`, if written, is summarised.
 */






const TAIL_LINES = 20;
/** The summary of run_results.json if this run wrote it (an older file from another run is ignored), or why there is none. */
async function readRunResultsFile(path, startedMs) {
    let text;
    try {
        // Coarse file-system clocks can stamp a fresh file slightly before `startedMs`.
        if ((await (0,promises_.stat)(path)).mtimeMs < startedMs - 1000)
            return { summary: null, note: `${run_results/* NO_RUN_RESULTS */.v$} (target/run_results.json is from an earlier run)` };
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { summary: null, note: run_results/* NO_RUN_RESULTS */.v$ };
        return { summary: null, note: `run_results.json unreadable: ${(0,errors/* messageOf */.bD)(error)}` };
    }
    const read = (0,run_results/* readRunResults */.cv)(text);
    return 'summary' in read ? { summary: read.summary, note: null } : { summary: null, note: read.note };
}
/** Runs dbt to its end; rejects only when it cannot be started (e.g. not installed). */
async function runDbtProcess(options) {
    const started = Date.now();
    const child = (0,external_node_child_process_.spawn)(options.command, [...(options.commandPrefixArgs ?? []), ...options.args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail = [];
    const collect = (line) => {
        tail.push(line);
        if (tail.length > TAIL_LINES)
            tail.shift();
        options.onLine?.(line);
    };
    (0,external_node_readline_.createInterface)({ input: child.stdout }).on('line', collect);
    (0,external_node_readline_.createInterface)({ input: child.stderr }).on('line', collect);
    let killTimer;
    const onAbort = () => {
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 5000);
        killTimer.unref();
    };
    if (options.signal?.aborted)
        onAbort();
    else
        options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
        const [exitCode, signal] = await new Promise((resolve, reject) => {
            child.once('error', reject);
            child.once('close', (code, sig) => resolve([code, sig]));
        });
        const results = await readRunResultsFile((0,external_node_path_.join)(options.cwd, 'target', 'run_results.json'), started);
        return { exitCode, signal, durationMs: Date.now() - started, runResults: results.summary, runResultsNote: results.note, tail };
    }
    finally {
        options.signal?.removeEventListener('abort', onAbort);
        clearTimeout(killTimer);
    }
}

// EXTERNAL MODULE: ./src/engine/local/local-task-tokens.ts
var local_task_tokens = __webpack_require__(7942);
;// CONCATENATED MODULE: ./src/engine/local/local-engine.ts
/**
 * The embedded default engine: runs the pipeline's one definition in-process with
 * aws-local-stepfunctions. Its task handlers call the same core functions as the Lambdas; waits
 * complete through local task tokens, pushed by the in-process webhook receiver or pulled by a
 * watcher that reads the group's connections (the reconciler's logic), which also enforces
 * deadlines and re-triggers rescheduled syncs on manual schedules. Runs live in this process:
 * `attach` follows a run this engine started.
 */

















/** Adapts a typed handler to the engine's JSON-typed signature. */
const handler = (fn) => fn;
/** Waits `ms`, or less when the run ends. */
const sleep = (ms, signal) => (0,retry/* abortableSleep */.Mf)(ms, signal).catch(() => undefined);
/** The report's view of a dbt process: the one place its duration is rounded and its stop explained. */
function dbtReport(result) {
    return {
        exitCode: result.exitCode,
        durationSeconds: (0,core_text/* roundedSeconds */.Jp)(result.durationMs),
        summary: result.runResults,
        summaryNote: result.runResultsNote,
        taskArn: null,
        stoppedReason: result.signal ? `stopped by ${result.signal}` : null,
        logTail: result.exitCode === 0 ? [] : result.tail,
    };
}
class LocalEngine {
    options;
    kind = 'local';
    store;
    tokens;
    machine;
    now;
    mode;
    /** What the completion functions need: the store, the local tokens as completer, the clock. */
    deps;
    runs = new Map();
    constructor(options) {
        this.options = options;
        this.store = options.store ?? new memory_store/* MemoryRunStore */.A({ now: options.now });
        this.tokens = options.tokens ?? new local_task_tokens/* LocalTaskTokens */.P();
        this.now = options.now ?? Date.now;
        this.deps = { store: this.store, completer: this.tokens, now: this.now };
        this.mode = options.completion?.mode ?? 'poll';
        this.machine = new main_node_esm/* StateMachine */.Z3((options.definition ?? resolveDefinition(LOCAL_SUBSTITUTIONS)), {
            validationOptions: { checkArn: false, checkPaths: true },
        });
    }
    async start(request, options = {}) {
        const runId = options.runId ?? (0,run_request/* newRunId */.F$)(new Date(this.now()));
        const going = this.runs.get(runId);
        if (going)
            return this.follow(going, options, true);
        (0,run_request/* prepareRun */.Z0)(request, runId);
        const run = {
            runId,
            abort: new AbortController(),
            tokens: new Set(),
            dbt: null,
            cancelReason: null,
            listeners: new Set(),
            result: Promise.resolve(null),
            execution: null,
        };
        this.runs.set(runId, run);
        const startedAt = (0,core_text/* isoTime */.Ly)(this.now());
        const execution = this.machine.run(request, {
            overrides: { taskResourceLocalHandlers: { ...this.handlers(run), ...this.options.extraHandlers?.(runId) } },
            context: { Execution: { Name: runId, Id: `local:${runId}` }, Task: { Token: 'local' } },
        });
        run.execution = execution;
        const progress = this.watchProgress(run);
        const watcher = this.watch(run);
        run.result = execution.result
            .then(() => ({ status: run_api/* RunStatus */.i.succeeded, error: null, cause: null }), (error) => this.failure(run, error))
            .then(async (end) => {
            run.abort.abort();
            for (const token of run.tokens)
                this.tokens.abandon(token, (0,local_task_tokens/* taskError */.i)('States.Runtime', 'run ended'));
            await Promise.all([watcher, progress]);
            const records = await this.store.listRunRecords(runId);
            this.emit(run, { type: 'connections', runId, records });
            return (0,run_report/* buildRunReport */.IW)({ runId, ...end, startedAt, finishedAt: (0,core_text/* isoTime */.Ly)(this.now()), records, dbt: run.dbt ? dbtReport(run.dbt) : null });
        })
            .finally(() => this.runs.delete(runId));
        return this.follow(run, options, false);
    }
    async attach(runId, options = {}) {
        const run = this.runs.get(runId);
        if (!run) {
            throw new errors/* ConfigError */.xL(`No local run "${runId}" is going in this process: local runs live in the process that started them (follow runs from elsewhere with the aws engine).`);
        }
        return this.follow(run, options, true);
    }
    async close() { }
    /** A handle on `run` for one follower: its listener, its signal, its own detach. */
    follow(run, options, attached) {
        const listener = options.onEvent;
        if (listener)
            run.listeners.add(listener);
        let detach;
        const detached = new Promise((resolve) => (detach = () => resolve('detached')));
        const cancel = async (reason = 'cancelled') => {
            if (run.abort.signal.aborted)
                return run.result.then(() => undefined);
            run.cancelReason = reason;
            await this.settleOpenRecords(run.runId, `run cancelled: ${reason}`).catch(() => undefined);
            run.abort.abort();
            run.execution?.abort();
            await run.result.catch(() => undefined);
        };
        const onAbort = () => void cancel((0,run_api/* abortReason */.J)(options.signal));
        if (options.signal?.aborted)
            onAbort();
        else
            options.signal?.addEventListener('abort', onAbort, { once: true });
        const result = Promise.race([run.result, detached]).then(async (ended) => {
            options.signal?.removeEventListener('abort', onAbort);
            if (listener)
                run.listeners.delete(listener);
            if (ended !== 'detached')
                return ended;
            const records = await this.store.listRunRecords(run.runId);
            return (0,run_report/* buildRunReport */.IW)({ runId: run.runId, status: run_api/* RunStatus */.i.running, error: null, cause: null, startedAt: records[0]?.createdAt ?? (0,core_text/* isoTime */.Ly)(this.now()), finishedAt: (0,core_text/* isoTime */.Ly)(this.now()), records, dbt: null });
        });
        listener?.({ type: 'started', runId: run.runId, attached, executionArn: null, consoleUrl: null });
        return {
            runId: run.runId,
            executionArn: null,
            consoleUrl: null,
            attached,
            result,
            records: () => this.store.listRunRecords(run.runId),
            cancel,
            detach,
        };
    }
    emit(run, event) {
        for (const listener of run.listeners)
            listener(event);
    }
    failure(run, error) {
        if (error instanceof main_node_esm/* ExecutionAbortedError */.uL || run.cancelReason !== null) {
            return { status: run_api/* RunStatus */.i.cancelled, error: 'Cancelled', cause: `Run cancelled: ${run.cancelReason ?? 'aborted'}` };
        }
        if (error instanceof main_node_esm/* ExecutionTimeoutError */.wo)
            return { status: run_api/* RunStatus */.i.timedOut, error: 'States.Timeout', cause: 'The run exceeded its time limit' };
        const inner = error instanceof main_node_esm/* ExecutionError */.Re && error.cause instanceof Error ? error.cause : error;
        return { status: run_api/* RunStatus */.i.failed, error: inner instanceof Error ? inner.name : 'Error', cause: (0,errors/* messageOf */.bD)(inner) };
    }
    handlers(run) {
        const { store, tokens, deps } = this;
        const phase = (name) => this.emit(run, { type: 'phase', runId: run.runId, phase: name });
        return {
            PrepareRun: handler(async (input) => {
                phase('PrepareRun');
                return { Payload: (0,run_request/* prepareRun */.Z0)(input.Payload.request, input.Payload.runId) };
            }),
            StartSyncs: handler(async (input) => {
                phase('StartSyncs');
                const started = await startSyncs(input.Payload, { fivetran: this.options.fivetran, store, now: this.now, triggerConcurrency: this.options.triggerConcurrency });
                await this.snapshot(run);
                phase('AwaitSyncs');
                return { Payload: started };
            }),
            WaitForSync: handler(async (input) => {
                const { token, promise } = tokens.create();
                run.tokens.add(token);
                try {
                    await (0,outcomes/* registerWaiter */.e3)(deps, { runId: input.Payload.runId, connectionId: input.Payload.connectionId, taskToken: token });
                }
                catch (error) {
                    tokens.abandon(token, error instanceof Error ? error : new Error(String(error)));
                }
                return promise.finally(() => run.tokens.delete(token));
            }),
            SummarizeSyncs: handler(async (input) => {
                await this.snapshot(run);
                phase('SummarizeSyncs');
                return { Payload: await (0,summary/* summarizeSyncs */.AS)(store, input.Payload.runId, input.Payload.syncFailure) };
            }),
            RunDbt: handler(async (input) => {
                phase('RunDbt');
                const container = input.Overrides.ContainerOverrides[0];
                const env = Object.fromEntries((container?.Environment ?? []).map((e) => [e.Name, e.Value]));
                const result = await runDbtProcess({
                    command: this.options.dbt.command,
                    commandPrefixArgs: this.options.dbt.commandPrefixArgs,
                    args: container?.Command ?? ['build'],
                    cwd: this.options.dbt.cwd,
                    env: { ...this.options.dbt.env, ...env },
                    signal: run.abort.signal,
                    onLine: (line) => this.emit(run, { type: 'dbt-line', runId: run.runId, line }),
                }).catch((error) => {
                    throw (0,local_task_tokens/* taskError */.i)('States.TaskFailed', `dbt could not be started (${this.options.dbt.command}): ${(0,errors/* messageOf */.bD)(error)}`);
                });
                run.dbt = result;
                const exitCode = result.exitCode ?? -1;
                if (exitCode !== 0) {
                    const how = result.signal ? `was stopped by ${result.signal}` : `exited with code ${exitCode}`;
                    throw (0,local_task_tokens/* taskError */.i)('States.TaskFailed', `dbt ${how}${result.tail.length ? `; last output: ${result.tail.slice(-5).join(' | ')}` : ''}`);
                }
                return { TaskArn: `local:dbt:${run.runId}`, Containers: [{ Name: container?.Name ?? 'dbt', ExitCode: 0 }] };
            }),
        };
    }
    /** Sends the run's records to its followers when they changed since the last snapshot. */
    lastSnapshot = new Map();
    async snapshot(run) {
        if (run.listeners.size === 0)
            return;
        const records = await this.store.listRunRecords(run.runId);
        const print = (0,runs_records/* progressFingerprint */.mb)(records);
        if (this.lastSnapshot.get(run.runId) === print)
            return;
        this.lastSnapshot.set(run.runId, print);
        this.emit(run, { type: 'connections', runId: run.runId, records });
    }
    async watchProgress(run) {
        const interval = this.options.progressIntervalMs ?? 250;
        while (!run.abort.signal.aborted) {
            await sleep(interval, run.abort.signal);
            await this.snapshot(run).catch(() => undefined);
        }
        this.lastSnapshot.delete(run.runId);
    }
    /** Reads connections for the run's open records until the run ends. */
    async watch(run) {
        const interval = this.mode === 'poll' ? (this.options.completion?.pollIntervalMs ?? 10_000) : (this.options.completion?.fallbackIntervalMs ?? 60_000);
        const deps = { ...this.deps, fivetran: this.options.fivetran };
        let wait = Math.min(interval, 1000);
        while (!run.abort.signal.aborted) {
            await sleep(wait, run.abort.signal);
            if (run.abort.signal.aborted)
                break;
            wait = interval;
            try {
                // The watcher's own interval is the delay a webhook gets, so no age threshold here.
                const open = (await this.store.listRunRecords(run.runId)).filter((r) => isDueForReconcile(r, this.now(), 0));
                if (open.length === 0)
                    continue;
                const report = await reconcileRecords(deps, open);
                for (const message of report.errors)
                    this.emit(run, { type: 'warning', runId: run.runId, message });
                const nextDeadline = Math.min(...open.map((r) => Date.parse(r.deadline)));
                wait = Math.max(10, Math.min(interval, nextDeadline - this.now() + 10));
            }
            catch (error) {
                this.emit(run, { type: 'warning', runId: run.runId, message: (0,errors/* messageOf */.bD)(error) });
            }
        }
    }
    /** Closes the run's records that have no outcome yet as cancelled. */
    async settleOpenRecords(runId, reason) {
        for (const record of await this.store.listRunRecords(runId)) {
            if (record.completedAt !== null || record.outcome)
                continue;
            await (0,outcomes/* settleRecord */.rQ)(this.deps, record, (0,runs_records/* decidedOutcome */.pW)(runs_records/* SyncStatus */.um.cancelled, reason, (0,core_text/* isoTime */.Ly)(this.now())));
        }
    }
}
function createLocalEngine(options) {
    return new LocalEngine(options);
}


/***/ })

};

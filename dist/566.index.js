export const id = 566;
export const ids = [566];
export const modules = {

/***/ 9566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cleanupPrCommand: () => (/* binding */ cleanupPrCommand),
  runCommand: () => (/* binding */ runCommand),
  statusCommand: () => (/* binding */ statusCommand)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/stack-contract.ts
var stack_contract = __webpack_require__(7982);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/action/report-markdown.ts

/** A step's summary is at most 1 MiB; leave room for other steps' summaries of the same size check. */
const MAX_SUMMARY_BYTES = 1024 * 1024 - 1024;
/** GitHub refuses a comment body over 65,536 characters. */
const MAX_COMMENT_CHARS = 65_536;
/** The hidden marker the Action finds its own pull-request comment by. */
const COMMENT_MARKER = '<!-- fivetran-dbt-orchestrator:run-report -->';
const ICONS = { SUCCEEDED: '✅', FAILED: '❌', CANCELLED: '⏹️', TIMED_OUT: '⏱️', RUNNING: '🔄' };
const FAILED_NODE = new Set(['error', 'fail', 'runtime error']);
const cell = (value) => (value ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim() || '—';
function formatDuration(seconds) {
    if (seconds === null || seconds === undefined)
        return '—';
    if (seconds < 60)
        return `${Math.round(seconds * 10) / 10}s`;
    const s = Math.round(seconds);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return h > 0 ? `${h}h ${m}m` : `${m}m ${s % 60}s`;
}
/** Failed connections first, then the rest in their order. */
function orderedConnections(connections) {
    const bad = (c) => c.status !== 'SUCCESSFUL' && c.status !== 'SKIPPED';
    return [...connections.filter(bad), ...connections.filter((c) => !bad(c))];
}
function connectionsTable(report, maxRows) {
    if (report.connections.length === 0)
        return [];
    const { counts } = report;
    const lines = [
        `### Connections`,
        '',
        `${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.skipped} skipped of ${counts.total}.${report.stale.length ? ` dbt ran without fresh data for ${report.stale.length} (policy continue).` : ''}`,
        '',
        '| Connection | Status | Duration | Reason |',
        '| --- | --- | --- | --- |',
    ];
    const rows = orderedConnections(report.connections);
    for (const c of rows.slice(0, maxRows)) {
        const name = c.name && c.name !== c.connectionId ? `${c.name} (\`${c.connectionId}\`)` : `\`${c.connectionId}\``;
        lines.push(`| ${cell(name)} | ${cell(c.status)} | ${formatDuration(c.durationSeconds)} | ${cell(c.reason ? (0,core_text/* truncate */.xv)(c.reason, 300) : null)} |`);
    }
    if (rows.length > maxRows)
        lines.push(`| … ${rows.length - maxRows} more (see the \`result\` output) | | | |`);
    lines.push('');
    return lines;
}
/** Failed and erroring nodes first, then warnings and skips. */
function orderedProblems(report) {
    const problems = report.dbt?.summary?.problems ?? [];
    return [...problems.filter((p) => FAILED_NODE.has(p.status)), ...problems.filter((p) => !FAILED_NODE.has(p.status))];
}
function dbtSection(report, options) {
    const dbt = report.dbt;
    if (!dbt)
        return [];
    const lines = [`### ${options.heading}`, ''];
    const facts = [`exit code ${dbt.exitCode ?? '—'}`, `took ${formatDuration(dbt.durationSeconds)}`];
    const summary = dbt.summary;
    if (summary)
        facts.push(`${summary.nodes} nodes: ${Object.entries(summary.byStatus).map(([status, n]) => `${n} ${status}`).join(', ')}`);
    else if (dbt.summaryNote)
        facts.push(cell(dbt.summaryNote));
    lines.push(`${facts.join(' · ')}.`, '');
    if (dbt.stoppedReason)
        lines.push(`**Stopped reason:** ${cell(dbt.stoppedReason)}`, '');
    const problems = orderedProblems(report);
    if (problems.length > 0) {
        lines.push('| Node | Status | Message |', '| --- | --- | --- |');
        for (const p of problems)
            lines.push(`| \`${cell(p.uniqueId)}\` | ${cell(p.status)} | ${cell(p.message ? (0,core_text/* truncate */.xv)(p.message, 300) : null)} |`);
        lines.push('');
    }
    if (options.logTail && dbt.logTail && dbt.logTail.length > 0) {
        lines.push('<details><summary>Last lines of the dbt log</summary>', '', '```text', ...dbt.logTail.map((l) => (0,core_text/* truncate */.xv)(l.replace(/```/g, "'''"), 1000)), '```', '', '</details>', '');
    }
    return lines;
}
/** Mermaid forbids `:`, `#` and `;` in task names. */
const ganttName = (text) => (0,core_text/* truncate */.xv)(text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim() || 'connection', 60);
/** The run's timeline as a mermaid gantt chart: each sync from trigger to end, then dbt. */
function timeline(report, records, maxSyncs = 50) {
    const bars = [];
    const synced = records.filter((r) => r.triggeredAt && r.outcome && r.outcome.status !== 'SKIPPED');
    for (const r of synced.slice(0, maxSyncs)) {
        const start = Date.parse(r.triggeredAt);
        const end = Math.max(start + 1000, Date.parse(r.outcome?.finishedAt ?? r.completedAt ?? report.finishedAt));
        const tag = r.outcome?.status === 'SUCCESSFUL' ? 'done' : 'crit';
        bars.push(`    ${ganttName(r.name ?? r.connectionId)} :${tag}, ${start}, ${end}`);
    }
    const syncBars = bars.length;
    const dbt = report.dbt;
    if (dbt && dbt.durationSeconds !== null) {
        const end = Date.parse(report.finishedAt);
        const start = end - dbt.durationSeconds * 1000;
        bars.push('  section dbt', `    dbt :${dbt.exitCode === 0 ? 'done' : 'crit'}, ${Math.round(start)}, ${Math.max(end, Math.round(start) + 1000)}`);
    }
    if (bars.length === 0)
        return [];
    return [
        '### Timeline',
        '',
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        ...(syncBars > 0 ? ['  section Syncs'] : []),
        ...bars,
        '```',
        ...(synced.length > maxSyncs ? ['', `The first ${maxSyncs} of ${synced.length} syncs are shown.`] : []),
        '',
    ];
}
/** An execution's cause, unless it is a service's JSON (the ECS task of a DbtFailed, which the dbt section tells better). */
function readableCause(cause) {
    if (!cause)
        return null;
    return /^\s*[{[]/.test(cause) ? null : cause;
}
function header(view, level) {
    const { report } = view;
    const lines = [`${level} ${ICONS[view.status] ?? '•'} Fivetran → dbt run \`${report.runId}\`: ${view.status}`, ''];
    const facts = [`took ${formatDuration(report.durationSeconds)}`];
    if (view.sha)
        facts.push(`commit \`${view.sha.slice(0, 7)}\``);
    if (report.consoleUrl)
        facts.push(`[AWS console](${report.consoleUrl})`);
    if (view.runUrl)
        facts.push(`[workflow run](${view.runUrl})`);
    lines.push(`${facts.join(' · ')}`, '');
    if (view.note)
        lines.push(`> ${view.note}`, '');
    if (view.slimCi)
        lines.push(`> ${view.slimCi.note}`, '');
    if (report.status !== 'SUCCEEDED' && report.status !== 'RUNNING' && (report.error || report.cause)) {
        const cause = readableCause(report.cause);
        lines.push(`**${cell(report.error ?? 'Error')}**${cause ? `: ${cell((0,core_text/* truncate */.xv)(cause, 2000))}` : report.dbt ? ': see dbt below.' : ''}`, '');
    }
    return lines;
}
/** Joins `sections` and cuts the text to `max` (as `measure` counts), keeping its head. */
function fit(lines, max, measure) {
    const text = lines.join('\n');
    if (measure(text) <= max)
        return text;
    const marker = '\n\n_… cut to fit GitHub\'s size limit; the full report is the `result` output._\n';
    const budget = max - measure(marker);
    let end = Math.min(text.length, budget);
    while (end > 0 && measure(text.slice(0, end)) > budget)
        end -= Math.max(1, Math.ceil((measure(text.slice(0, end)) - budget) / 4));
    if (end > 0 && /[\ud800-\udbff]/.test(text.charAt(end - 1)))
        end -= 1;
    return text.slice(0, end) + marker;
}
/** The job summary: connections (failed first), dbt (failed nodes first, stopped reason, log tail), the timeline, the console link. */
function renderSummary(view) {
    const lines = [
        ...header(view, '##'),
        ...connectionsTable(view.report, 2000),
        ...dbtSection(view.report, { logTail: true, heading: 'dbt' }),
        ...timeline(view.report, view.records),
    ];
    return fit(lines, MAX_SUMMARY_BYTES, (t) => Buffer.byteLength(t, 'utf8'));
}
/** The pull-request comment: what was built and tested, with the hidden marker that finds it again. */
function renderComment(view) {
    const lines = [
        COMMENT_MARKER,
        ...header(view, '###'),
        ...dbtSection(view.report, { logTail: false, heading: 'What dbt built and tested' }),
        ...connectionsTable(view.report, 100),
        `<sub>Updated ${view.report.finishedAt} by fivetran-dbt-orchestrator.</sub>`,
    ];
    return fit(lines, MAX_COMMENT_CHARS, (t) => t.length);
}

;// CONCATENATED MODULE: ./src/action/annotations.ts

const MAX_ANNOTATIONS_PER_LEVEL = 10;
const annotations_FAILED_NODE = new Set(['error', 'fail', 'runtime error']);
function capped(items, level) {
    if (items.length <= MAX_ANNOTATIONS_PER_LEVEL)
        return items;
    const shown = items.slice(0, MAX_ANNOTATIONS_PER_LEVEL - 1);
    const rest = items.length - shown.length;
    return [...shown, { level, title: `${rest} more`, message: `${rest} more ${level === 'error' ? 'failures' : 'warnings'}: see the job summary.` }];
}
/** The run's failures (errors) and its lesser problems (warnings), at most 10 of each. */
function annotationsOf(report, warnings = []) {
    const errors = [];
    const lesser = warnings.map((message) => ({ level: 'warning', title: 'Run warning', message }));
    const dbt = report.dbt;
    if (dbt && dbt.exitCode !== 0 && dbt.exitCode !== null) {
        errors.push({ level: 'error', title: `dbt exited with ${dbt.exitCode}`, message: dbt.stoppedReason ?? readableCause(report.cause) ?? 'dbt failed: see the job summary.' });
    }
    else if (report.status !== 'SUCCEEDED' && report.status !== 'RUNNING') {
        errors.push({ level: 'error', title: `Run ${report.status.toLowerCase().replace('_', ' ')}`, message: `${report.error ?? report.status}: ${readableCause(report.cause) ?? 'see the job summary'}` });
    }
    for (const node of dbt?.summary?.problems ?? []) {
        const target = annotations_FAILED_NODE.has(node.status) ? errors : lesser;
        target.push({ level: annotations_FAILED_NODE.has(node.status) ? 'error' : 'warning', title: `dbt ${node.status}: ${node.uniqueId}`, message: node.message ?? node.status });
    }
    for (const c of report.connections) {
        const label = c.name ? `${c.name} (${c.connectionId})` : c.connectionId;
        if (c.status === 'SUCCESSFUL')
            continue;
        if (c.status === 'SKIPPED')
            lesser.push({ level: 'warning', title: `Connection skipped: ${label}`, message: c.reason ?? 'skipped' });
        else if (report.stale.includes(c.connectionId))
            lesser.push({ level: 'warning', title: `Stale data: ${label}`, message: `${c.status}: ${c.reason ?? ''} (dbt ran on, policy continue)` });
        else
            errors.push({ level: 'error', title: `Connection ${c.status}: ${label}`, message: c.reason ?? c.status });
    }
    return [...capped(errors, 'error'), ...capped(lesser, 'warning')];
}

// EXTERNAL MODULE: ./src/action/github-context.ts
var github_context = __webpack_require__(8141);
;// CONCATENATED MODULE: ./src/action/build-request.ts
/**
 * The run request an Action step sends: the inputs, the trigger (event, commit, ref, pull
 * request, actor) and, on pull requests, the slim-CI build: no syncs, `dbt build --select
 * state:modified+ --defer --state <production manifest>` on the CI target in a per-PR schema.
 * Also the guard that keeps production's target and manifest to the default branch.
 */


/** Where the dbt entrypoint puts the production manifest it fetches (its PRODUCTION_STATE_DIR default). */
const PRODUCTION_STATE_DIR = 'prod-state';
/** The target named in dbt's arguments (`--target x`, `-t x`, `--target=x`; the last wins), else DBT_TARGET. */
function targetOf(args, env) {
    let target = env.DBT_TARGET;
    args.forEach((arg, i) => {
        if ((arg === '--target' || arg === '-t') && args[i + 1] !== undefined)
            target = args[i + 1];
        else if (arg.startsWith('--target='))
            target = arg.slice('--target='.length);
    });
    return target;
}
/** The PR's schema: `prefix` + number, lower case, only characters every warehouse accepts unquoted. */
function prSchemaName(prefix, number) {
    return `${prefix}${number}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}
/**
 * Refuses production's target and manifest outside the default branch or a protected ref, naming
 * the input and saying why: a pull request's code must not write production's tables or the
 * manifest every later PR build defers to.
 */
function guardProduction(inputs, context, args, env) {
    const trusted = context.pullRequest === undefined && ((0,github_context/* onDefaultBranch */.Lt)(context) || context.refProtected);
    if (trusted)
        return;
    const where = context.pullRequest !== undefined
        ? `pull request #${context.pullRequest}`
        : `${context.ref ?? 'an unknown ref'}, which is not the default branch${context.defaultBranch ? ` (${context.defaultBranch})` : ''} nor a protected branch`;
    if (inputs.publishManifest) {
        throw new errors/* ConfigError */.xL(`Input publish-manifest is refused on ${where}: only the default branch or a protected branch may publish the production manifest that pull-request builds defer to.`);
    }
    if (targetOf(args, env) === inputs.productionTarget) {
        throw new errors/* ConfigError */.xL(`Input dbt-args (or DBT_TARGET in dbt-env) names the production target "${inputs.productionTarget}" on ${where}: production's target runs only from the default branch or a protected branch. Use the CI target (input ci-target).`);
    }
}
/** The request for `command: run` (and deploy-and-run). `productionManifest`: whether latest/manifest.json exists (null: unknown, the local engine). */
function buildRunRequest(inputs, context, options) {
    const pr = context.pullRequest;
    const env = { ...inputs.dbtEnv };
    let args = inputs.dbtArgs;
    let slimCi = null;
    if (pr !== undefined) {
        const schema = prSchemaName(inputs.prSchemaPrefix, pr);
        env.DBT_SCHEMA ??= schema;
        let deferred = false;
        let note;
        if (args) {
            note = `dbt-args given: \`dbt ${args.join(' ')}\` in schema ${env.DBT_SCHEMA}.`;
        }
        else if (options.productionManifest === true) {
            deferred = true;
            env.FETCH_PRODUCTION_MANIFEST = 'true';
            args = ['build', '--select', 'state:modified+', '--defer', '--state', PRODUCTION_STATE_DIR, '--target', inputs.ciTarget];
            note = `Slim CI: only models changed by this pull request and their children are built, deferring to production's manifest; schema ${env.DBT_SCHEMA}.`;
        }
        else {
            args = ['build', '--target', inputs.ciTarget];
            note =
                options.productionManifest === false
                    ? `Full build: there is no production manifest yet (latest/manifest.json), so nothing to compare with; schema ${env.DBT_SCHEMA}. Publish it from the default branch with publish-manifest: true.`
                    : `Full build: the local engine has no production manifest to defer to; schema ${env.DBT_SCHEMA}.`;
        }
        if (targetOf(args, env) === undefined)
            args = [...args, '--target', inputs.ciTarget];
        slimCi = { schema: env.DBT_SCHEMA, deferred, note };
    }
    args ??= ['build'];
    guardProduction(inputs, context, args, env);
    if (inputs.publishManifest) {
        env.PUBLISH_MANIFEST = 'true';
        env.PUBLISH_MANIFEST_TARGET = inputs.productionTarget;
    }
    const skipSync = inputs.skipSync ?? pr !== undefined;
    const groupId = options.groupId ?? inputs.groupId;
    if (!skipSync && !groupId)
        throw new errors/* ConfigError */.xL('Input group-id is required unless skip-sync is true: the Fivetran group whose connections to sync.');
    const request = {
        ...(groupId ? { groupId } : {}),
        connectionIds: inputs.connections,
        skipSync,
        force: inputs.force,
        policies: { paused: inputs.onPaused, notConnected: inputs.onNotConnected, syncFailure: inputs.onSyncFailure },
        ...(inputs.syncTimeoutSeconds ? { syncTimeoutSeconds: inputs.syncTimeoutSeconds } : {}),
        dbt: { args, env },
        trigger: {
            source: `github:${context.eventName}`,
            ...(context.actor ? { actor: context.actor } : {}),
            ...((context.headSha ?? context.sha) ? { sha: context.headSha ?? context.sha } : {}),
            ...(context.ref ? { ref: context.ref } : {}),
            ...(pr !== undefined ? { pullRequest: pr } : {}),
            ...(context.runUrl ? { url: context.runUrl } : {}),
        },
    };
    return { request, slimCi };
}

// EXTERNAL MODULE: ./src/action/engine-setup.ts + 10 modules
var engine_setup = __webpack_require__(6138);
// EXTERNAL MODULE: ./src/core/report/run-report.ts
var run_report = __webpack_require__(5990);
// EXTERNAL MODULE: ./src/engine/run-pipeline.ts
var run_pipeline = __webpack_require__(8538);
;// CONCATENATED MODULE: ./src/action/follow-run.ts
/**
 * Runs (or attaches to) one pipeline run and follows it in the step's log: connection state
 * changes in a "Syncs" group, dbt's start, lines and end in a "dbt" group. Stops the run when the
 * workflow is cancelled (the runner sends SIGINT, SIGTERM 7.5 s later, then kills) or when
 * `timeout-minutes` passes; or, with `on-cancel`/`on-timeout: detach`, leaves it running and says
 * how to follow it.
 */



const SIGNALS = ['SIGINT', 'SIGTERM'];
/** Logs what changed in a run, grouped by phase. */
class RunLog {
    group = null;
    statuses = new Map();
    warnings = [];
    open(name) {
        if (this.group === name)
            return;
        if (this.group)
            core/* endGroup */.N4();
        this.group = name;
        if (name)
            core/* startGroup */.Oh(name);
    }
    close() {
        this.open(null);
    }
    onEvent = (event) => {
        switch (event.type) {
            case 'started':
                core/* info */.pq(`${event.attached ? 'Attached to' : 'Started'} run ${event.runId}${event.executionArn ? ` (${event.executionArn})` : ''}`);
                if (event.consoleUrl)
                    core/* info */.pq(`Console: ${event.consoleUrl}`);
                break;
            case 'phase':
                if (event.phase === 'StartSyncs')
                    this.open('Syncs');
                if (event.phase === 'RunDbt') {
                    this.open('dbt');
                    core/* info */.pq('dbt started');
                }
                else
                    core/* info */.pq(`phase: ${event.phase}`);
                break;
            case 'connections':
                for (const record of event.records) {
                    const status = (0,run_report/* liveStatusOf */.qw)(record);
                    if (this.statuses.get(record.connectionId) === status)
                        continue;
                    this.statuses.set(record.connectionId, status);
                    const reason = record.outcome?.reason ? `: ${record.outcome.reason}` : '';
                    core/* info */.pq(`connection ${record.name ?? record.connectionId} (${record.connectionId}): ${status}${reason}`);
                }
                break;
            case 'dbt-line':
                core/* info */.pq(`dbt | ${event.line}`);
                break;
            case 'warning':
                this.warnings.push(event.message);
                core/* info */.pq(`warning: ${event.message}`);
                break;
        }
    };
}
async function followRun(options) {
    const signals = options.signals ?? process;
    const log = new RunLog();
    const abort = new AbortController();
    let handle = null;
    let ending = 'finished';
    let detachWanted = false;
    const leave = (why) => {
        ending = 'detached';
        detachWanted = true;
        if (handle) {
            core/* info */.pq(`${why}: leaving run ${handle.runId} running. ${options.followHint(handle.runId)}`);
            handle.detach();
        }
    };
    const stop = (why, reason) => {
        if (abort.signal.aborted || ending === 'detached')
            return;
        ending = why;
        core/* info */.pq(`${reason}: stopping the run${handle?.executionArn ? ` (${handle.executionArn})` : ''}...`);
        abort.abort(reason);
    };
    let signalsSeen = 0;
    let followed = false;
    const onSignal = (signal) => {
        // Listeners stay until the process ends, so a late signal does not kill the step while it writes the report.
        if (followed)
            return core/* info */.pq(`${signal}: the run has ended; finishing its report.`);
        signalsSeen += 1;
        if (signalsSeen > 1) {
            core/* info */.pq(`${signal} again: still stopping; the post step stops the run if this step is killed first.`);
            return;
        }
        if (options.onCancel === 'detach')
            leave(`The workflow was cancelled (${signal})`);
        else
            stop('cancelled', `The workflow was cancelled (${signal})`);
    };
    for (const signal of SIGNALS)
        signals.on(signal, () => onSignal(signal));
    const minutes = Math.round((options.timeoutMs / 60_000) * 100) / 100;
    const timer = setTimeout(() => {
        if (options.onTimeout === 'detach')
            leave(`timeout-minutes (${minutes}) passed`);
        else
            stop('timed-out', `Timed out after ${minutes} minutes (input timeout-minutes)`);
    }, options.timeoutMs);
    try {
        const { report } = await (0,run_pipeline/* runPipeline */.a)({
            engine: options.engine,
            ...('attachTo' in options.target ? { attachTo: options.target.attachTo } : { request: options.target.request, runId: options.target.runId }),
            signal: abort.signal,
            onEvent: log.onEvent,
            onHandle: (h) => {
                handle = h;
                options.onHandle(h);
                if (!options.wait) {
                    ending = 'detached';
                    core/* info */.pq(`wait is false: not waiting for run ${h.runId}. ${options.followHint(h.runId)}`);
                    h.detach();
                }
                else if (detachWanted)
                    h.detach();
            },
        });
        log.close();
        if (report.dbt)
            core/* info */.pq(`dbt ended: exit code ${report.dbt.exitCode ?? 'unknown'}${report.dbt.stoppedReason ? ` (${report.dbt.stoppedReason})` : ''}`);
        core/* info */.pq(`Run ${report.runId}: ${report.status}`);
        return { handle: handle, report, ending, warnings: log.warnings };
    }
    finally {
        followed = true;
        log.close();
        clearTimeout(timer);
    }
}

// EXTERNAL MODULE: ./src/action/inputs.ts + 1 modules
var action_inputs = __webpack_require__(8165);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./src/action/pr-comment.ts
/**
 * One pull-request comment per PR, kept up to date: found again by its hidden marker, created the
 * first time, edited afterwards. Two requests a run (a listing, then a create or an update), far
 * inside GITHUB_TOKEN's limits (1,000 requests an hour, ~80 writes a minute).
 */


/** Pages of comments read while looking for the marker (100 each): a PR with more starts a new comment. */
const MAX_PAGES = 10;
/** Creates or updates the run's comment on the PR; returns what was done and the comment's id. */
async function upsertPullRequestComment(target, body) {
    const [owner, repo] = target.repository.split('/');
    const octokit = (0,github/* getOctokit */.Q)(target.token);
    let existing;
    for (let page = 1; page <= MAX_PAGES && existing === undefined; page += 1) {
        const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: target.pullRequest, per_page: 100, page });
        existing = data.find((c) => c.body?.includes(COMMENT_MARKER))?.id;
        if (data.length < 100)
            break;
    }
    if (existing !== undefined) {
        await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body });
        return { action: 'updated', id: existing };
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: target.pullRequest, body });
    return { action: 'created', id: data.id };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sfn/dist-cjs/index.js
var client_sfn_dist_cjs = __webpack_require__(8476);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
;// CONCATENATED MODULE: ./src/action/pull-request-runs.ts
/**
 * What a pull-request build needs from the deployed stack: whether production's manifest exists
 * (slim CI defers to it; without it the build is a full one), and stopping the runs of older
 * commits of the same PR, found by their run id's `pr-<number>-` prefix.
 */






const extra = (aws) => ({ maxAttempts: 3, ...(aws.credentials ? { credentials: aws.credentials } : {}) });
/** True when s3://<artifacts>/latest/manifest.json exists; false when it does not or the stack has no bucket; warnings for other errors (then false). */
async function productionManifestExists(resources, aws, warn) {
    if (!resources.artifactsBucket)
        return false;
    const s3 = (0,clients/* createAwsClient */.nV)(dist_cjs/* S3Client */.YxF, 's3', aws.env, extra(aws));
    try {
        await s3.send(new dist_cjs/* HeadObjectCommand */.l81({ Bucket: resources.artifactsBucket, Key: stack_contract/* LATEST_MANIFEST_KEY */.ex }));
        return true;
    }
    catch (error) {
        const name = error instanceof Error ? error.name : '';
        if (name !== 'NotFound' && name !== 'NoSuchKey')
            warn(`Could not check s3://${resources.artifactsBucket}/${stack_contract/* LATEST_MANIFEST_KEY */.ex} (${(0,errors/* messageOf */.bD)(error)}): building everything.`);
        return false;
    }
    finally {
        s3.destroy();
    }
}
/** Stops every running execution of pull request `number` except `keepRunId`; returns the names stopped. */
async function stopOlderPullRequestRuns(stateMachineArn, kind, number, keepRunId, reason, aws) {
    const sfn = (0,clients/* createAwsClient */.nV)(client_sfn_dist_cjs/* SFNClient */.ZIB, 'sfn', aws.env, extra(aws));
    const prefix = (0,github_context/* pullRequestRunPrefix */.aW)(number, kind);
    const stopped = [];
    try {
        let nextToken;
        do {
            const page = await sfn.send(new client_sfn_dist_cjs/* ListExecutionsCommand */.xzi({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
            for (const execution of page.executions ?? []) {
                if (!execution.name?.startsWith(prefix) || execution.name === keepRunId || !execution.executionArn)
                    continue;
                await sfn.send(new client_sfn_dist_cjs/* StopExecutionCommand */.WP$({ executionArn: execution.executionArn, error: 'Superseded', cause: reason }));
                stopped.push(execution.name);
            }
            nextToken = page.nextToken;
        } while (nextToken);
        return stopped;
    }
    finally {
        sfn.destroy();
    }
}

;// CONCATENATED MODULE: ./src/action/report-outputs.ts
/** Outputs are limited to 1 MB per job; the report keeps well under it. */
const MAX_RESULT_BYTES = 1_000_000;
/** The report as JSON within `max` bytes: connections, then dbt's log tail and node problems are dropped until it fits. */
function resultJson(report, max = MAX_RESULT_BYTES) {
    let json = JSON.stringify(report);
    if (Buffer.byteLength(json) <= max)
        return json;
    const trimmed = { ...report, truncated: true, dbt: report.dbt ? { ...report.dbt, logTail: [] } : null };
    json = JSON.stringify(trimmed);
    let keep = trimmed.connections.length;
    while (Buffer.byteLength(json) > max && keep > 0) {
        keep = Math.floor(keep / 2);
        trimmed.connections = report.connections.filter((c) => c.status !== 'SUCCESSFUL').slice(0, keep);
        json = JSON.stringify(trimmed);
    }
    return json;
}
/** Every output of a run, by name. */
function reportOutputs(report, status) {
    const failed = report.connections.filter((c) => c.status !== 'SUCCESSFUL' && c.status !== 'SKIPPED').map((c) => c.connectionId);
    return {
        'run-id': report.runId,
        'execution-arn': report.executionArn ?? '',
        'console-url': report.consoleUrl ?? '',
        status,
        'dbt-exit-code': report.dbt?.exitCode === null || report.dbt?.exitCode === undefined ? '' : String(report.dbt.exitCode),
        'failed-connections': failed.join(','),
        result: resultJson(report),
    };
}

// EXTERNAL MODULE: ./src/action/step-state.ts
var step_state = __webpack_require__(4634);
;// CONCATENATED MODULE: ./src/action/run-command.ts
/**
 * `command: run`, `status` and `cleanup-pr`: start (or attach to, or follow) a run, follow it,
 * and report it where people look: step outputs, the job summary, annotations and, on a pull
 * request, one comment kept up to date.
 */














/** The run's kind (which state machine), said in the log when it is the CI one. */
function announceRunKind(inputs, context) {
    const kind = (0,action_inputs/* runKindOf */.NW)(inputs, context.eventName);
    if (kind === 'ci' && (inputs.engine === 'aws' || inputs.command !== 'run') && !inputs.stateMachineArn) {
        core/* info */.pq(`Run kind ci${inputs.runKind === 'auto' ? ` (a ${context.eventName} event)` : ''}: the stack's CI state machine, with the CI warehouse credentials.`);
    }
    return kind;
}
function followHint(inputs, stackName, engine, runId) {
    if (!engine.sfn)
        return 'A local run lives in this step only.';
    const where = stackName ? `--stack ${stackName}` : `--state-machine-arn ${inputs.stateMachineArn ?? '<arn>'}`;
    return `Follow it with this Action (command: status, run-id: ${runId}) or \`npx fivetran-dbt status ${runId} --engine aws ${where}\`.`;
}
/** Follows `target` on `setup`'s engine and reports it. `stop`: a cancelled workflow stops the run (false: status follows only). */
async function followAndReport(inputs, context, setup, target, options) {
    const result = await followRun({
        engine: setup.engine,
        target,
        wait: inputs.wait,
        timeoutMs: inputs.timeoutMinutes * 60_000,
        onCancel: options.owned ? inputs.onCancel : 'detach',
        onTimeout: options.owned ? inputs.onTimeout : 'detach',
        followHint: (runId) => followHint(inputs, options.stackName ?? inputs.stackName, setup, runId),
        onHandle: (handle) => {
            core/* saveState */.LZ(step_state/* StepState */.u.runId, handle.runId);
            if (options.owned && handle.executionArn)
                core/* saveState */.LZ(step_state/* StepState */.u.executionArn, handle.executionArn);
            core/* setOutput */.uH('run-id', handle.runId);
            core/* setOutput */.uH('execution-arn', handle.executionArn ?? '');
            core/* setOutput */.uH('console-url', handle.consoleUrl ?? '');
        },
    });
    core/* saveState */.LZ(step_state/* StepState */.u.outcome, result.ending === 'detached' ? 'detached' : 'ended');
    const records = await result.handle.records().catch(() => []);
    await report(inputs, context, result, records, options);
}
async function report(inputs, context, result, records, options) {
    const { report: runReport, ending } = result;
    const status = ending === 'timed-out' ? 'TIMED_OUT' : runReport.status;
    const minutes = inputs.timeoutMinutes;
    const note = ending === 'timed-out'
        ? `The run was stopped: timeout-minutes (${minutes}) passed.`
        : ending === 'cancelled'
            ? 'The run was stopped: the workflow was cancelled.'
            : ending === 'detached' && runReport.status === 'RUNNING'
                ? `The run goes on without this step. ${inputs.stackName ? `Follow it with command: status, run-id: ${runReport.runId}.` : ''}`.trim()
                : null;
    for (const [name, value] of Object.entries(reportOutputs(runReport, status)))
        core/* setOutput */.uH(name, value);
    const view = { report: runReport, records, slimCi: options.slimCi, note, runUrl: context.runUrl, sha: context.headSha ?? context.sha, status };
    if (process.env.GITHUB_STEP_SUMMARY) {
        try {
            await core/* summary */.z.addRaw(renderSummary(view), true).write();
        }
        catch (error) {
            core/* warning */.$e(`Could not write the job summary: ${(0,errors/* messageOf */.bD)(error)}`);
        }
    }
    for (const annotation of annotationsOf(runReport, result.warnings)) {
        if (annotation.level === 'error')
            core/* error */.z3(annotation.message, { title: annotation.title });
        else
            core/* warning */.$e(annotation.message, { title: annotation.title });
    }
    if (options.comment && context.pullRequest !== undefined && inputs.commentOnPr) {
        if (!inputs.githubToken || !context.repository)
            core/* info */.pq('comment-on-pr: no github-token or repository; the pull request is not commented.');
        else {
            try {
                const done = await upsertPullRequestComment({ token: inputs.githubToken, repository: context.repository, pullRequest: context.pullRequest }, renderComment(view));
                core/* info */.pq(`Pull request #${context.pullRequest}: comment ${done.id} ${done.action}.`);
            }
            catch (error) {
                core/* warning */.$e(`Could not comment on pull request #${context.pullRequest} (${(0,errors/* messageOf */.bD)(error)}); a fork's token is read-only: use pull_request_target or give the job pull-requests: write.`);
            }
        }
    }
    if (status === 'SUCCEEDED' || status === 'RUNNING')
        return;
    const cause = readableCause(runReport.cause) ?? (runReport.dbt?.stoppedReason ? `dbt exit code ${runReport.dbt.exitCode ?? 'unknown'}, ${runReport.dbt.stoppedReason}` : null);
    const why = runReport.error ? `${runReport.error}${cause ? `: ${cause}` : ''}` : '';
    core/* setFailed */.C1(`Run ${runReport.runId} ${status}${note ? `. ${note}` : ''}${why ? ` (${why.slice(0, 1000)})` : ''}`);
}
/** `command: run` (and the run of deploy-and-run, on `stackName`). */
async function runCommand(inputs, context, env, stackName) {
    const runKind = announceRunKind(inputs, context);
    const runId = inputs.runId ?? (0,github_context/* actionRunId */.Pz)(context, runKind);
    const aws = { env, credentials: (0,engine_setup/* awsCredentials */.c)(inputs, env, `fivetran-dbt-${runId}`) };
    const setup = await (0,engine_setup/* openEngine */.F)(inputs, { ...(stackName ? { stackName } : {}), runKind, ...aws });
    try {
        let productionManifest = null;
        const resources = setup.sfn ? await setup.sfn.resources((m) => core/* warning */.$e(m)) : null;
        if (resources && context.pullRequest !== undefined && !inputs.dbtArgs)
            productionManifest = await productionManifestExists(resources, aws, (m) => core/* warning */.$e(m));
        if (setup.demoGroupId && inputs.groupId)
            core/* info */.pq(`Demo run: group-id ${inputs.groupId} is replaced by the demo group ${setup.demoGroupId}.`);
        const { request, slimCi } = buildRunRequest(inputs, context, { ...(setup.demoGroupId ? { groupId: setup.demoGroupId } : {}), productionManifest });
        if (slimCi)
            core/* info */.pq(slimCi.note);
        if (resources && context.pullRequest !== undefined) {
            const stopped = await stopOlderPullRequestRuns(resources.stateMachineArn, runKind, context.pullRequest, runId, `Superseded by run ${runId} (commit ${context.headSha ?? context.sha ?? 'unknown'}).`, aws);
            if (stopped.length > 0)
                core/* info */.pq(`Stopped older runs of pull request #${context.pullRequest}: ${stopped.join(', ')}`);
        }
        await followAndReport(inputs, context, setup, { request, runId }, { slimCi, ...(stackName ? { stackName } : {}), owned: true, comment: true });
    }
    finally {
        await setup.close();
    }
}
/** `command: status`: follows `run-id` (to its end, or where it stands with wait: false); cancelling the workflow leaves it running. */
async function statusCommand(inputs, context, env) {
    const setup = await (0,engine_setup/* openEngine */.F)(inputs, { env, runKind: announceRunKind(inputs, context), credentials: (0,engine_setup/* awsCredentials */.c)(inputs, env, `fivetran-dbt-status`) });
    try {
        await followAndReport(inputs, context, setup, { attachTo: inputs.runId }, { slimCi: null, owned: false, comment: false });
    }
    finally {
        await setup.close();
    }
}
/** `command: cleanup-pr` (on a closed PR): stops the PR's runs, then drops its schema with the configured dbt operation. */
async function cleanupPrCommand(inputs, context, env) {
    const pr = context.pullRequest;
    if (pr === undefined)
        throw new Error('Input command cleanup-pr runs on pull_request events (types: [closed]): this event has no pull request.');
    const schema = inputs.dbtEnv.DBT_SCHEMA ?? prSchemaName(inputs.prSchemaPrefix, pr);
    const runKind = announceRunKind(inputs, context);
    const runId = (inputs.runId ?? `${runKind === 'ci' ? stack_contract/* CI_RUN_ID_PREFIX */.Y0 : ''}cleanup-${(0,github_context/* actionRunId */.Pz)(context, 'production')}`).slice(0, 80);
    const aws = { env, credentials: (0,engine_setup/* awsCredentials */.c)(inputs, env, `fivetran-dbt-${runId}`) };
    const setup = await (0,engine_setup/* openEngine */.F)(inputs, { ...aws, runKind });
    try {
        if (setup.sfn) {
            const resources = await setup.sfn.resources((m) => core/* warning */.$e(m));
            const stopped = await stopOlderPullRequestRuns(resources.stateMachineArn, runKind, pr, runId, `Pull request #${pr} was closed.`, aws);
            if (stopped.length > 0)
                core/* info */.pq(`Stopped the runs of pull request #${pr}: ${stopped.join(', ')}`);
        }
        const args = inputs.dbtArgs ?? ['run-operation', inputs.cleanupOperation, '--args', JSON.stringify({ schema }), '--target', inputs.ciTarget];
        core/* info */.pq(`Dropping schema ${schema}: dbt ${args.join(' ')}`);
        const request = {
            skipSync: true,
            dbt: { args, env: { ...inputs.dbtEnv, DBT_SCHEMA: schema } },
            trigger: { source: `github:${context.eventName}`, pullRequest: pr, ...(context.actor ? { actor: context.actor } : {}), ...(context.runUrl ? { url: context.runUrl } : {}) },
        };
        await followAndReport(inputs, context, setup, { request, runId }, { slimCi: null, owned: true, comment: false });
    }
    finally {
        await setup.close();
    }
}


/***/ })

};

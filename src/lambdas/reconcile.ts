/**
 * The reconciler, on an EventBridge schedule (every 5 minutes by default). First it heartbeats
 * every waiting record (all pages of the open index), needing neither Fivetran nor its secret;
 * then it repairs late or lost webhooks by reading the connections of open records older than
 * `RECONCILE_AFTER_SECONDS` (or past their deadline), within an API budget and its own timeout
 * (`reconcileRecords`). Younger records are left to the webhook. Logs and returns a summary.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { TaskCompleter } from '../core/completion/completer.js';
import { heartbeatWaiters, isDueForReconcile, reconcileRecords, type ReconcileAction } from '../core/completion/reconcile.js';
import { messageOf } from '../core/errors.js';
import { readOpenRecords, type RunStore } from '../core/runs/records.js';
import { DEFAULT_METRIC_NAMESPACE, PipelineMetrics } from '../core/stack-contract.js';
import { createRunStore } from './shared/run-store.js';
import { createFivetranSource } from './shared/secrets.js';
import { createTaskCompleter } from './shared/task-completer.js';
import { readLambdaConfig } from './shared/config.js';
import type { FivetranClientSource } from '../aws/fivetran-secret.js';
import { lazy, provide, type Provided } from './shared/lazy.js';
import { beginInvocation, createLogger } from './shared/logger.js';
import { emitMetrics } from './shared/metrics.js';
import { reportingCompletedRuns, reportingStoredOutcomes } from './shared/store-hooks.js';

export type ReconcileSummary = {
  /** Open records found. */
  open: number;
  /** Records old enough (or past their deadline) to be reconciled. */
  checked: number;
  /** How many records ended with each action. */
  actions: Partial<Record<ReconcileAction, number>>;
  /** The first `MAX_REPORTED_ERRORS` errors. */
  errors: string[];
};

export type ReconcileHandler = (event?: Partial<ScheduledEvent>, context?: Context) => Promise<ReconcileSummary>;

export type ReconcileLambdaDeps = {
  store: RunStore;
  completer: TaskCompleter;
  fivetran: FivetranClientSource;
  reconcileAfterSeconds: number;
  /** Where `CompletedByReconciler` goes. @default 'FivetranDbtOrchestrator' */
  metricNamespace?: string;
  now?: () => number;
};

export const MAX_REPORTED_ERRORS = 20;

/**
 * A rate-limit pause longer than this is not waited out: the next tick comes in minutes and the
 * function must finish well within its timeout.
 */
export const RECONCILE_MAX_RETRY_AFTER_MS = 60_000;

/**
 * The Fivetran API budget of one pass: at most this many group listings (each one request per
 * 1,000 connections). Every 5 minutes that is at most 600 listings an hour, about 3% of a paid
 * account's 20,000 requests/hour; groups past it wait for the next pass, oldest first.
 */
export const RECONCILE_MAX_GROUP_LISTINGS = 50;

/** Time kept free before the function's timeout: no new record is started after it. */
export const RECONCILE_TIMEOUT_MARGIN_MS = 20_000;

/** Dependencies from the environment: `RUNS_TABLE_NAME`, `FIVETRAN_SECRET_ARN`, `FIVETRAN_API_URL`, `RECONCILE_AFTER_SECONDS`. */
export function reconcileDepsFromEnv(env: NodeJS.ProcessEnv = process.env): ReconcileLambdaDeps {
  const config = readLambdaConfig(env, ['tableName', 'fivetranSecretArn', 'fivetranApiUrl', 'fivetranSecretMaxAgeSeconds', 'reconcileAfterSeconds', 'metricNamespace']);
  return {
    store: createRunStore(config, env),
    completer: createTaskCompleter(env),
    fivetran: createFivetranSource(config, { maxRetryAfterMs: RECONCILE_MAX_RETRY_AFTER_MS }, env),
    reconcileAfterSeconds: config.reconcileAfterSeconds,
    metricNamespace: config.metricNamespace,
  };
}

export function createReconcileHandler(deps: Provided<ReconcileLambdaDeps>, options: { logger?: Logger } = {}): ReconcileHandler {
  const logger = options.logger ?? createLogger('reconcile');
  return async (event, context) => {
    beginInvocation(logger, event, context);
    const { completer, fivetran, reconcileAfterSeconds, metricNamespace = DEFAULT_METRIC_NAMESPACE, now = Date.now, ...rest } = provide(deps);
    // Sync ends stored from a connection's state (source poll): each is a sync whose sync_end webhook had not arrived by the time the reconciler looked.
    let polled = 0;
    // The runs whose waits this pass completed, for the logs.
    const runIds = new Set<string>();
    const store = reportingCompletedRuns(
      reportingStoredOutcomes(rest.store, (outcome) => {
        if (outcome.source === 'poll') polled += 1;
      }),
      (runId) => runIds.add(runId),
    );
    // Every pass emits the count, 0 included, so a missing data point means the reconciler did not run.
    const emit = () => emitMetrics(logger, metricNamespace, { [PipelineMetrics.completedByReconciler]: polled }, { now: now() });
    const open = await readOpenRecords(store);
    // Heartbeats first: they depend on nothing that can be down but Step Functions itself.
    const beats = await heartbeatWaiters({ store, completer, now }, open);
    const due = open.filter((record) => !beats.closed.has(`${record.runId}/${record.connectionId}`) && isDueForReconcile(record, now(), reconcileAfterSeconds));
    const summary: ReconcileSummary = { open: open.length, checked: due.length, actions: {}, errors: [] };
    if (beats.heartbeats > 0) summary.actions.heartbeat = beats.heartbeats;
    if (beats.cancelled > 0) summary.actions.cancelled = beats.cancelled;
    const errors = [...beats.errors];
    if (due.length === 0) {
      logger.info('Nothing to reconcile', { open: open.length, reconcileAfterSeconds, actions: summary.actions, runIds: [...runIds] });
      emit();
      summary.errors = errors.slice(0, MAX_REPORTED_ERRORS);
      return summary;
    }
    // Without the secret, recorded outcomes and deadlines are still acted on.
    const client = await fivetran().catch((error: unknown) => {
      errors.push(`Fivetran secret: ${messageOf(error)}`);
      return null;
    });
    const stopAt = context ? now() + context.getRemainingTimeInMillis() - RECONCILE_TIMEOUT_MARGIN_MS : undefined;
    const report = await reconcileRecords({ store, completer, fivetran: client, now }, due, {
      maxGroupListings: RECONCILE_MAX_GROUP_LISTINGS,
      ...(stopAt !== undefined ? { stopAt } : {}),
    });
    report.errors.unshift(...errors);
    for (const action of Object.values(report.actions)) summary.actions[action] = (summary.actions[action] ?? 0) + 1;
    summary.errors = report.errors.slice(0, MAX_REPORTED_ERRORS);
    const fields = { open: summary.open, checked: summary.checked, actions: summary.actions, completedByReconciler: polled, runIds: [...runIds], errorCount: report.errors.length };
    emit();
    if (report.errors.length > 0) logger.error('Reconciled with errors', { ...fields, errors: summary.errors });
    else logger.info('Reconciled', fields);
    return summary;
  };
}

/** The Lambda entry point (the stack names `handler`). */
export const handler: ReconcileHandler = createReconcileHandler(lazy(() => reconcileDepsFromEnv(process.env)));

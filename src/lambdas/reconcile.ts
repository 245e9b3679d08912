/**
 * The reconciler, on an EventBridge schedule (every 5 minutes by default): repairs late or lost
 * webhooks by reading the connections of open records older than `RECONCILE_AFTER_SECONDS` (or
 * past their deadline) and completing, failing, re-triggering or heartbeating their waiters
 * (`reconcileRecords`). Younger records are left to the webhook. Logs and returns a summary.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { TaskCompleter } from '../core/completion/completer.js';
import { reconcileRecords, type ReconcileAction } from '../core/completion/reconcile.js';
import type { RunStore, SyncRecord } from '../core/runs/records.js';
import { createFivetranSource, createRunStore, createTaskCompleter } from './shared/aws.js';
import { readLambdaConfig } from './shared/config.js';
import type { FivetranClientSource } from '../aws/fivetran-secret.js';
import { lazy, provide, type Provided } from './shared/lazy.js';
import { createLogger } from './shared/logger.js';

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
  now?: () => number;
};

export const MAX_REPORTED_ERRORS = 20;

/**
 * A rate-limit pause longer than this is not waited out: the next tick comes in minutes and the
 * function must finish well within its timeout.
 */
export const RECONCILE_MAX_RETRY_AFTER_MS = 60_000;

/** Dependencies from the environment: `RUNS_TABLE_NAME`, `FIVETRAN_SECRET_ARN`, `FIVETRAN_API_URL`, `RECONCILE_AFTER_SECONDS`. */
export function reconcileDepsFromEnv(env: NodeJS.ProcessEnv = process.env): ReconcileLambdaDeps {
  const config = readLambdaConfig(env, ['tableName', 'fivetranSecretArn', 'fivetranApiUrl', 'fivetranSecretMaxAgeSeconds', 'reconcileAfterSeconds']);
  return {
    store: createRunStore(config, env),
    completer: createTaskCompleter(env),
    fivetran: createFivetranSource(config, { maxRetryAfterMs: RECONCILE_MAX_RETRY_AFTER_MS }, env),
    reconcileAfterSeconds: config.reconcileAfterSeconds,
  };
}

/** True for a record the reconciler should look at now: old enough, or past its deadline. */
export function isDueForReconcile(record: Pick<SyncRecord, 'createdAt' | 'deadline'>, now: number, afterSeconds: number): boolean {
  return Date.parse(record.createdAt) <= now - afterSeconds * 1000 || Date.parse(record.deadline) <= now;
}

export function createReconcileHandler(deps: Provided<ReconcileLambdaDeps>, options: { logger?: Logger } = {}): ReconcileHandler {
  const logger = options.logger ?? createLogger('reconcile');
  return async (_event, context) => {
    if (context) logger.addContext(context);
    const { store, completer, fivetran, reconcileAfterSeconds, now = Date.now } = provide(deps);
    const open = await store.listOpenRecords();
    const due = open.filter((record) => isDueForReconcile(record, now(), reconcileAfterSeconds));
    const summary: ReconcileSummary = { open: open.length, checked: due.length, actions: {}, errors: [] };
    if (due.length === 0) {
      logger.info('Nothing to reconcile', { open: open.length, reconcileAfterSeconds });
      return summary;
    }
    const report = await reconcileRecords({ store, completer, fivetran: await fivetran(), now }, due, { heartbeat: true });
    for (const action of Object.values(report.actions)) summary.actions[action] = (summary.actions[action] ?? 0) + 1;
    summary.errors = report.errors.slice(0, MAX_REPORTED_ERRORS);
    const fields = { open: summary.open, checked: summary.checked, actions: summary.actions, errorCount: report.errors.length };
    if (report.errors.length > 0) logger.error('Reconciled with errors', { ...fields, errors: summary.errors });
    else logger.info('Reconciled', fields);
    return summary;
  };
}

/** The Lambda entry point (the stack names `handler`). */
export const handler: ReconcileHandler = createReconcileHandler(lazy(() => reconcileDepsFromEnv(process.env)));

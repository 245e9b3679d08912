/**
 * The SummarizeSyncs state's Lambda: reads the run's records and applies the failure policy
 * (`summarizeRecords`, shared with the local engine). Event `{runId, syncFailure}`; returns `{runDbt, counts, message, problems,
 * problemsOmitted}` with the problems capped, so the answer stays far below Step Functions'
 * 256 KiB payload limit however many connections failed. Emits the run's sync figures
 * (`SlowestSyncSeconds`, `StaleConnections`) as one embedded-metric line carrying the run id.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { summarizeRecords, summarizeSyncsResult, type SummarizeSyncsResult } from '../core/pipeline/summary.js';
import { slowestSyncSeconds } from '../core/report/run-report.js';
import type { RunStore } from '../core/runs/records.js';
import { DEFAULT_METRIC_NAMESPACE, PipelineMetrics } from '../core/stack-contract.js';
import { createRunStore } from './shared/run-store.js';
import { readLambdaConfig } from './shared/config.js';
import { InvalidLambdaEventError, eventObject, stringField } from './shared/events.js';
import { lazy, provide, type Provided } from './shared/lazy.js';
import { beginInvocation, createLogger } from './shared/logger.js';
import { emitMetrics } from './shared/metrics.js';

export type SummarizeSyncsEvent = { runId: string; syncFailure: 'fail' | 'continue' };

export type SummarizeSyncsHandler = (event: SummarizeSyncsEvent, context?: Context) => Promise<SummarizeSyncsResult>;

export type SummarizeSyncsLambdaDeps = {
  store: RunStore;
  /** Where the run's sync figures go. @default 'FivetranDbtOrchestrator' */
  metricNamespace?: string;
  now?: () => number;
};

/** Dependencies from the environment: `RUNS_TABLE_NAME`, `METRIC_NAMESPACE`. */
export function summarizeSyncsDepsFromEnv(env: NodeJS.ProcessEnv = process.env): SummarizeSyncsLambdaDeps {
  const config = readLambdaConfig(env, ['tableName', 'metricNamespace']);
  return { store: createRunStore(config, env), metricNamespace: config.metricNamespace };
}

export function createSummarizeSyncsHandler(deps: Provided<SummarizeSyncsLambdaDeps>, options: { logger?: Logger } = {}): SummarizeSyncsHandler {
  const logger = options.logger ?? createLogger('summarize-syncs');
  return async (event, context) => {
    beginInvocation(logger, event, context);
    const input = eventObject(event, 'SummarizeSyncs');
    const runId = stringField(input, 'runId', 'SummarizeSyncs');
    const syncFailure = input.syncFailure;
    if (syncFailure !== 'fail' && syncFailure !== 'continue') {
      throw new InvalidLambdaEventError(`SummarizeSyncs expects "syncFailure" to be "fail" or "continue", got ${JSON.stringify(syncFailure) ?? 'undefined'}.`);
    }
    const { store, metricNamespace = DEFAULT_METRIC_NAMESPACE, now = Date.now } = provide(deps);
    const records = await store.listRunRecords(runId);
    const summary = summarizeRecords(records, syncFailure);
    logger.info('Summarized the syncs', { runId, runDbt: summary.runDbt, ...summary.counts });
    // A run without syncs to measure (every connection skipped) reports no slowest sync.
    const slowest = slowestSyncSeconds(records);
    emitMetrics(
      logger,
      metricNamespace,
      { [PipelineMetrics.staleConnections]: summary.counts.failed, ...(slowest === null ? {} : { [PipelineMetrics.slowestSyncSeconds]: slowest }) },
      { now: now(), units: { [PipelineMetrics.slowestSyncSeconds]: 'Seconds' }, properties: { runId } },
    );
    return summarizeSyncsResult(summary);
  };
}

/** The Lambda entry point (the stack names `handler`). */
export const handler: SummarizeSyncsHandler = createSummarizeSyncsHandler(lazy(() => summarizeSyncsDepsFromEnv(process.env)));

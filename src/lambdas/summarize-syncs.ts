/**
 * The SummarizeSyncs state's Lambda: reads the run's records and applies the failure policy
 * (`summarizeSyncs`, shared with the local engine). Event `{runId, syncFailure}`; returns `{runDbt, counts, message, problems,
 * problemsOmitted}` with the problems capped, so the answer stays far below Step Functions'
 * 256 KiB payload limit however many connections failed.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { summarizeSyncs, type SummarizeSyncsResult } from '../core/pipeline/summary.js';
import type { RunStore } from '../core/runs/records.js';
import { createRunStore } from './shared/run-store.js';
import { readLambdaConfig } from './shared/config.js';
import { InvalidLambdaEventError, eventObject, stringField } from './shared/events.js';
import { lazy, provide, type Provided } from './shared/lazy.js';
import { createLogger } from './shared/logger.js';

export type SummarizeSyncsEvent = { runId: string; syncFailure: 'fail' | 'continue' };

export type SummarizeSyncsHandler = (event: SummarizeSyncsEvent, context?: Context) => Promise<SummarizeSyncsResult>;

export type SummarizeSyncsLambdaDeps = { store: RunStore };

/** Dependencies from the environment: `RUNS_TABLE_NAME`. */
export function summarizeSyncsDepsFromEnv(env: NodeJS.ProcessEnv = process.env): SummarizeSyncsLambdaDeps {
  return { store: createRunStore(readLambdaConfig(env, ['tableName']), env) };
}

export function createSummarizeSyncsHandler(deps: Provided<SummarizeSyncsLambdaDeps>, options: { logger?: Logger } = {}): SummarizeSyncsHandler {
  const logger = options.logger ?? createLogger('summarize-syncs');
  return async (event, context) => {
    if (context) logger.addContext(context);
    const input = eventObject(event, 'SummarizeSyncs');
    const runId = stringField(input, 'runId', 'SummarizeSyncs');
    const syncFailure = input.syncFailure;
    if (syncFailure !== 'fail' && syncFailure !== 'continue') {
      throw new InvalidLambdaEventError(`SummarizeSyncs expects "syncFailure" to be "fail" or "continue", got ${JSON.stringify(syncFailure) ?? 'undefined'}.`);
    }
    const summary = await summarizeSyncs(provide(deps).store, runId, syncFailure);
    logger.info('Summarized the syncs', { runId, runDbt: summary.runDbt, ...summary.counts });
    return summary;
  };
}

/** The Lambda entry point (the stack names `handler`). */
export const handler: SummarizeSyncsHandler = createSummarizeSyncsHandler(lazy(() => summarizeSyncsDepsFromEnv(process.env)));

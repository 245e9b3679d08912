/**
 * The StartSyncs state's Lambda: lists the group's connections, writes every run record, then
 * triggers every sync (`startSyncs`). Event: the `PreparedRun` (with `started` when the state
 * repeats); returns `{done, connectionIds, skipped, triggerFailed}`. It stops triggering
 * `START_SYNCS_RESERVE_MS` before its own timeout and answers `done: false`, and the state machine
 * calls it again; once `done`, the AwaitSyncs Map iterates `connectionIds`.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { startSyncs, type StartSyncsInput, type StartedSyncs } from '../core/pipeline/start-syncs.js';
import type { RunStore } from '../core/runs/records.js';
import { createRunStore } from './shared/run-store.js';
import { createFivetranSource } from './shared/secrets.js';
import { readLambdaConfig } from './shared/config.js';
import { eventObject, stringField } from './shared/events.js';
import type { FivetranClientSource } from '../aws/fivetran-secret.js';
import { lazy, provide, type Provided } from './shared/lazy.js';
import { beginInvocation, createLogger } from './shared/logger.js';

export type StartSyncsHandler = (event: StartSyncsInput, context?: Context) => Promise<StartedSyncs>;

export type StartSyncsLambdaDeps = {
  store: RunStore;
  fivetran: FivetranClientSource;
  now?: () => number;
};

/**
 * The longest `Retry-After` the trigger calls wait out: the function has 14 minutes and the state
 * 15, so a longer rate-limit pause fails the run with Fivetran's 429 message instead of a timeout.
 */
export const START_SYNCS_MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * Time kept back from the function's timeout when it stops triggering: one request attempt in
 * flight (the Fivetran client's 30 s request timeout), its record writes and the answer.
 */
export const START_SYNCS_RESERVE_MS = 60_000;

/** Dependencies from the environment: `RUNS_TABLE_NAME`, `FIVETRAN_SECRET_ARN`, `FIVETRAN_API_URL`. */
export function startSyncsDepsFromEnv(env: NodeJS.ProcessEnv = process.env): StartSyncsLambdaDeps {
  const config = readLambdaConfig(env, ['tableName', 'fivetranSecretArn', 'fivetranApiUrl', 'fivetranSecretMaxAgeSeconds']);
  return {
    store: createRunStore(config, env),
    fivetran: createFivetranSource(config, { maxRetryAfterMs: START_SYNCS_MAX_RETRY_AFTER_MS }, env),
  };
}

export function createStartSyncsHandler(deps: Provided<StartSyncsLambdaDeps>, options: { logger?: Logger } = {}): StartSyncsHandler {
  const logger = options.logger ?? createLogger('start-syncs');
  return async (event, context) => {
    beginInvocation(logger, event, context);
    const runId = stringField(eventObject(event, 'StartSyncs'), 'runId', 'StartSyncs');
    const { store, fivetran, now = Date.now } = provide(deps);
    const stopAt = context ? now() + context.getRemainingTimeInMillis() - START_SYNCS_RESERVE_MS : undefined;
    const started = await startSyncs(event, { store, fivetran: await fivetran(), now, ...(stopAt === undefined ? {} : { stopAt }) });
    logger.info(started.done ? 'Started the syncs' : 'Out of time with syncs still to trigger; the state calls again', {
      runId,
      groupId: event.groupId,
      triggered: started.connectionIds.length,
      skipped: started.skipped,
      triggerFailed: started.triggerFailed,
    });
    return started;
  };
}

/** The Lambda entry point (the stack names `handler`). */
export const handler: StartSyncsHandler = createStartSyncsHandler(lazy(() => startSyncsDepsFromEnv(process.env)));

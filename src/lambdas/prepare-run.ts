/**
 * The PrepareRun state's Lambda: validates the execution input and applies defaults. Event
 * `{runId, request}` (runId is the execution's name); returns the `PreparedRun` every later state
 * reads. An invalid request fails the task with error `InvalidRunRequestError`, whose message
 * names every problem, and so fails the execution with that error and cause.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { InvalidRunRequestError, messageOf } from '../core/errors.js';
import { prepareRun, type PreparedRun } from '../core/pipeline/run-request.js';
import { type RunKind, RunKinds, runIdProblem } from '../core/stack-contract.js';
import { eventObject, stringField } from './shared/events.js';
import { beginInvocation, createLogger } from './shared/logger.js';

/** What the state machine sends: `{"runId.$": "$$.Execution.Name", "runKind": "${RunKind}", "request.$": "$"}`. */
export type PrepareRunEvent = { runId: string; runKind?: string; request: unknown };

export type PrepareRunHandler = (event: PrepareRunEvent, context?: Context) => Promise<PreparedRun>;

export type PrepareRunOptions = { logger?: Logger };

/** Builds the handler; it has no I/O, so nothing else is injected. */
export function createPrepareRunHandler(options: PrepareRunOptions = {}): PrepareRunHandler {
  const logger = options.logger ?? createLogger('prepare-run');
  return async (event, context) => {
    beginInvocation(logger, event, context);
    const input = eventObject(event, 'PrepareRun');
    const runId = stringField(input, 'runId', 'PrepareRun');
    try {
      const kindProblem = runIdProblem(runId, runKindOf(input.runKind));
      if (kindProblem) throw new InvalidRunRequestError(`Invalid run request: ${kindProblem}.`);
      // On AWS dbt runs with the deployed credentials: only allowed commands, no credential overrides.
      const run = prepareRun(input.request, runId, {});
      logger.info('Prepared the run', {
        runId,
        groupId: run.groupId,
        skipSync: run.skipSync,
        connections: run.connectionIds.length,
        trigger: run.trigger.source,
      });
      return run;
    } catch (error) {
      logger.warn('Rejected the run request', { runId, errorName: error instanceof Error ? error.name : 'unknown', error: messageOf(error) });
      throw error;
    }
  };
}

/** The state machine's kind as its definition states it (production when a definition predates kinds). */
function runKindOf(value: unknown): RunKind {
  if (value === undefined) return 'production';
  if (!(RunKinds as readonly unknown[]).includes(value)) throw new Error(`PrepareRun: runKind must be one of ${RunKinds.join(', ')}, got ${JSON.stringify(value)}.`);
  return value as RunKind;
}

/** The Lambda entry point (the stack names `handler`). */
export const handler: PrepareRunHandler = createPrepareRunHandler();

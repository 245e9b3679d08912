/**
 * The WaitForSync state's Lambda (`lambda:invoke.waitForTaskToken`): stores the task token on the
 * run record and, if the sync's outcome is already there, completes the task at once
 * (`registerWaiter`). Otherwise the webhook or the reconciler completes it later. Event
 * `{runId, connectionId, taskToken}`; the return value is not used by the state machine.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { tokenDigest, type TaskCompleter } from '../core/completion/completer.js';
import { registerWaiter } from '../core/completion/outcomes.js';
import type { RunStore } from '../core/runs/records.js';
import { createRunStore } from './shared/run-store.js';
import { createTaskCompleter } from './shared/task-completer.js';
import { readLambdaConfig } from './shared/config.js';
import { eventObject, stringField } from './shared/events.js';
import { lazy, provide, type Provided } from './shared/lazy.js';
import { beginInvocation, createLogger } from './shared/logger.js';

export type RegisterWaiterEvent = { runId: string; connectionId: string; taskToken: string };

/** `waiting`: the token is stored; `completed`: the outcome was there and was delivered. */
export type RegisterWaiterResult = { runId: string; connectionId: string; status: 'waiting' | 'completed' };

export type RegisterWaiterHandler = (event: RegisterWaiterEvent, context?: Context) => Promise<RegisterWaiterResult>;

export type RegisterWaiterLambdaDeps = { store: RunStore; completer: TaskCompleter; now?: () => number };

/** Dependencies from the environment: `RUNS_TABLE_NAME` and the SDK's Step Functions client. */
export function registerWaiterDepsFromEnv(env: NodeJS.ProcessEnv = process.env): RegisterWaiterLambdaDeps {
  const config = readLambdaConfig(env, ['tableName']);
  return { store: createRunStore(config, env), completer: createTaskCompleter(env) };
}

export function createRegisterWaiterHandler(deps: Provided<RegisterWaiterLambdaDeps>, options: { logger?: Logger } = {}): RegisterWaiterHandler {
  const logger = options.logger ?? createLogger('register-waiter');
  return async (event, context) => {
    beginInvocation(logger, event, context);
    const input = eventObject(event, 'WaitForSync');
    const request = {
      runId: stringField(input, 'runId', 'WaitForSync'),
      connectionId: stringField(input, 'connectionId', 'WaitForSync'),
      taskToken: stringField(input, 'taskToken', 'WaitForSync'),
    };
    const status = await registerWaiter(provide(deps), request);
    logger.info(status === 'completed' ? 'The outcome was already recorded: completed the wait' : 'Registered the waiter', {
      runId: request.runId,
      connectionId: request.connectionId,
      token: tokenDigest(request.taskToken),
      status,
    });
    return { runId: request.runId, connectionId: request.connectionId, status };
  };
}

/** The Lambda entry point (the stack names `handler`). */
export const handler: RegisterWaiterHandler = createRegisterWaiterHandler(lazy(() => registerWaiterDepsFromEnv(process.env)));

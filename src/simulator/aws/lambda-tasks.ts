/**
 * The Task states' integrations as Step Functions performs them, for the engine's handlers (chosen
 * by state name): `lambda:invoke` calls the function in-process and wraps its result as
 * `{Payload, StatusCode, ExecutedVersion}`; `lambda:invoke.waitForTaskToken` mints a token, puts
 * it where the definition put `$$.Task.Token`, invokes the function and waits for SendTask*;
 * `ecs:runTask.sync` runs the dbt task and waits for it to stop.
 */
import { statesError } from './aws-errors.js';
import type { CallLog } from './call-log.js';
import type { EcsTasks } from './ecs-service.js';
import type { JSONValue } from './engine-types.js';
import type { StateInfo } from './sfn-history.js';
import type { TaskTokens } from './sfn-task-tokens.js';

/** A Lambda function as the local AWS runs it: the real handler, called with the JSON payload. */
export type LocalLambda = (payload: unknown) => Promise<unknown>;

/** What the engine's context gives for `$$.Task.Token`: replaced by a real token in each wait's payload. */
export const TASK_TOKEN_PLACEHOLDER = '__LOCAL_AWS_TASK_TOKEN__';


export type TaskHandlerDeps = {
  lambdas: Map<string, LocalLambda>;
  tokens: TaskTokens;
  ecs: EcsTasks;
  log: CallLog;
};

/** The execution the handlers work for. */
export type ExecutionScope = { executionArn: string };

const clone = (value: unknown): JSONValue => JSON.parse(JSON.stringify(value ?? null)) as JSONValue;

/** Invokes a function the way Lambda reports to Step Functions: an exception becomes the error `errorType` with a JSON cause. */
export async function invokeLambda(deps: TaskHandlerDeps, functionName: string, payload: unknown): Promise<unknown> {
  deps.log.record('lambda', 'Invoke', { FunctionName: functionName, Payload: payload });
  const fn = deps.lambdas.get(functionName);
  if (!fn) throw statesError('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
  try {
    return clone(await fn(clone(payload)));
  } catch (error) {
    const errorType = error instanceof Error ? error.name : 'Error';
    const errorMessage = error instanceof Error ? error.message : String(error);
    const trace = error instanceof Error ? (error.stack ?? '').split('\n') : [];
    throw statesError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
  }
}

function withToken(value: JSONValue, token: string): JSONValue {
  if (value === TASK_TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((v) => withToken(v, token));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withToken(v, token)]));
  return value;
}

/** One handler per Task state of the definition (Map bodies included), for one execution. */
export function taskHandlers(
  states: Map<string, StateInfo>,
  deps: TaskHandlerDeps,
  scope: ExecutionScope,
): Record<string, (input: JSONValue) => Promise<JSONValue>> {
  const handlers: Record<string, (input: JSONValue) => Promise<JSONValue>> = {};
  for (const [name, state] of states) {
    if (state.type !== 'Task') continue;
    const resource = state.resource ?? '';
    if (resource === 'arn:aws:states:::lambda:invoke') {
      handlers[name] = async (input) => {
        const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
        return clone({ ExecutedVersion: '$LATEST', Payload: await invokeLambda(deps, FunctionName, Payload), StatusCode: 200 });
      };
    } else if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') {
      handlers[name] = async (input) => {
        const { token, result } = deps.tokens.open(scope.executionArn, { heartbeatSeconds: state.heartbeatSeconds, timeoutSeconds: state.timeoutSeconds });
        const { FunctionName, Payload } = withToken(input, token) as { FunctionName: string; Payload: unknown };
        // A failed invocation fails the task; the token is then never completed.
        await invokeLambda(deps, FunctionName, Payload).catch((error: Error) => deps.tokens.fail(token, error.name, error.message));
        return clone(await result);
      };
    } else if (resource === 'arn:aws:states:::ecs:runTask.sync') {
      handlers[name] = async (input) => clone(await deps.ecs.runTaskSync(input as Parameters<EcsTasks['runTaskSync']>[0], scope.executionArn));
    } else {
      handlers[name] = async () => {
        throw statesError('States.Runtime', `The local AWS does not integrate ${resource}.`);
      };
    }
  }
  return handlers;
}

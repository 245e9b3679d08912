/**
 * Executions of the one state machine, run by the local engine (aws-local-stepfunctions) with the
 * integrations of `lambda-tasks.ts`, and their status, output and history as Step Functions keeps
 * them. StartExecution's idempotency, StopExecution's effects (waits closed, the dbt task stopped)
 * and the engine's gaps (no tokens, a 60 s default task timeout) are handled here.
 */
import '../../engine/local/polyfills.js';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { AwsServiceError, statesError } from './aws-errors.js';
import type { JSONValue } from './engine-types.js';
import { taskHandlers, TASK_TOKEN_PLACEHOLDER, type TaskHandlerDeps } from './lambda-tasks.js';
import { ExecutionHistory, stateInfos, type EngineEvent } from './sfn-history.js';
import { MAX_TIMER_MS } from './sfn-task-tokens.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** An execution as DescribeExecution shows it. */
export type ExecutionView = {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
};

type Execution = { view: ExecutionView; history: ExecutionHistory; abort: () => void; settled: Promise<void> };

export type ExecutionsOptions = {
  definition: Record<string, unknown>;
  stateMachineArn: string;
  roleArn: string;
  deps: TaskHandlerDeps;
};

/** Execution names: 1-80 characters, none of whitespace, brackets, wildcards, these specials or control characters. */
function isValidName(name: string): boolean {
  if (name.length < 1 || name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name)) return false;
  return [...name].every((c) => {
    const code = c.charCodeAt(0);
    return code > 0x1f && (code < 0x7f || code > 0x9f);
  });
}

/**
 * The definition the engine runs: Step Functions has no default task timeout, the engine cuts at
 * 60 s, so a Task without TimeoutSeconds gets the longest timer Node can hold (as do longer ones).
 */
export function engineDefinition(definition: Record<string, unknown>): StateMachineDefinition {
  // A JSON copy, not structuredClone: under jest's VM the engine would not see its objects as plain.
  const copy = JSON.parse(JSON.stringify(definition)) as Record<string, unknown>;
  const visit = (machine: Record<string, unknown>) => {
    for (const state of Object.values((machine.States ?? {}) as Record<string, Record<string, unknown>>)) {
      if (state.Type === 'Task' && state.TimeoutSecondsPath === undefined) {
        state.TimeoutSeconds = Math.min(typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : Infinity, Math.floor(MAX_TIMER_MS / 1000));
      }
      const body = (state.ItemProcessor ?? state.Iterator) as Record<string, unknown> | undefined;
      if (body) visit(body);
      for (const branch of (state.Branches ?? []) as Record<string, unknown>[]) visit(branch);
    }
  };
  visit(copy);
  return copy as unknown as StateMachineDefinition;
}

export class Executions {
  private readonly machine: StateMachine;
  private readonly states;
  private readonly executions = new Map<string, Execution>();

  constructor(private readonly options: ExecutionsOptions) {
    this.states = stateInfos(options.definition);
    this.machine = new StateMachine(engineDefinition(options.definition), { validationOptions: { checkArn: false, checkPaths: true } });
  }

  /** StartExecution: a new execution, or the running one of the same name and input (idempotent). */
  start(name: string, inputText: string | undefined): ExecutionView {
    if (!isValidName(name)) throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
    const input = inputText ?? '{}';
    let parsed: JSONValue;
    try {
      parsed = JSON.parse(input) as JSONValue;
    } catch {
      throw new AwsServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not JSON.');
    }
    const arn = `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(arn);
    if (existing) {
      if (existing.view.status === 'RUNNING' && existing.view.input === input) return existing.view;
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const startDate = new Date();
    const view: ExecutionView = { executionArn: arn, stateMachineArn: this.options.stateMachineArn, name, status: 'RUNNING', input, startDate };
    const history = new ExecutionHistory(this.states, this.options.roleArn);
    const handlers = taskHandlers(this.states, this.options.deps, { executionArn: arn });
    const run = this.machine.run(parsed, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: { Id: arn, Name: name, StartTime: startDate.toISOString(), RoleArn: this.options.roleArn },
        StateMachine: { Id: this.options.stateMachineArn, Name: this.options.stateMachineArn.split(':').pop() },
        // The engine makes `$$.Task.Token` one constant; each wait handler swaps in a token of its own.
        Task: { Token: TASK_TOKEN_PLACEHOLDER },
      },
    });
    const drained = (async () => {
      for await (const event of run.eventLogs) history.record(event as unknown as EngineEvent);
    })();
    const execution: Execution = { view, history, abort: run.abort, settled: Promise.resolve() };
    execution.settled = this.settle(execution, run.result, drained);
    this.executions.set(arn, execution);
    return view;
  }

  private async settle(execution: Execution, result: Promise<JSONValue>, drained: Promise<void>): Promise<void> {
    let ending: Partial<ExecutionView>;
    try {
      ending = { status: 'SUCCEEDED', output: JSON.stringify(await result) };
    } catch (error) {
      if (error instanceof ExecutionTimeoutError) ending = { status: 'TIMED_OUT', error: 'States.Timeout' };
      else if (error instanceof ExecutionAbortedError) ending = {};
      else {
        const cause = (error instanceof ExecutionError ? error.cause : error) as Error;
        ending = { status: 'FAILED', error: cause.name, cause: cause.message };
      }
    }
    // The status changes once the history holds the last event, so a caller who sees it can read the whole history.
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 200))]);
    const { view } = execution;
    if (view.status === 'RUNNING') Object.assign(view, ending, { stopDate: new Date() });
    this.options.deps.tokens.closeExecution(view.executionArn, statesError('States.Runtime', 'The execution ended.'));
  }

  get(arn: string): Execution {
    const execution = this.executions.get(arn);
    if (!execution) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  list(): ExecutionView[] {
    return [...this.executions.values()].map((e) => e.view);
  }

  /** StopExecution: ABORTED at once; its waits end (their tokens answer TaskTimedOut) and its dbt task is stopped. */
  stop(arn: string, error?: string, cause?: string): ExecutionView {
    const execution = this.get(arn);
    const { view } = execution;
    if (view.status !== 'RUNNING') return view;
    Object.assign(view, { status: 'ABORTED', stopDate: new Date(), ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
    execution.history.abortedWith = { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
    execution.abort();
    this.options.deps.tokens.closeExecution(arn, statesError('States.Aborted', 'The execution was stopped.'));
    this.options.deps.ecs.stopForExecution(arn);
    return view;
  }

  /** Stops every running execution and waits until each has settled. */
  async stopAll(): Promise<void> {
    for (const execution of this.executions.values()) if (execution.view.status === 'RUNNING') this.stop(execution.view.executionArn, 'LocalAws.Closed', 'The local AWS closed.');
    await Promise.all([...this.executions.values()].map((e) => e.settled));
  }
}

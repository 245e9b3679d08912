/**
 * The execution history as GetExecutionHistory returns it, built from the engine's event log: each
 * engine event becomes the Step Functions events it stands for (a Task state's entry becomes
 * TaskStateEntered, TaskScheduled, TaskStarted; its exit TaskSucceeded, TaskStateExited; ...),
 * numbered from 1, with the typed details field of each type.
 */
import type { JSONValue } from './engine-types.js';

export type HistoryEvent = {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
};

/** What the history needs to know of a state: its type and, for a Task, its resource and limits. */
export type StateInfo = { type: string; resource?: string; timeoutSeconds?: number; heartbeatSeconds?: number };

/** The engine's events, as far as the history reads them. */
export type EngineEvent = {
  type: string;
  timestamp: number;
  input?: JSONValue;
  output?: JSONValue;
  Error?: string;
  Cause?: unknown;
  index?: number;
  state?: { name: string; type: string; input?: JSONValue; output?: JSONValue };
  parentState?: { name: string };
};

const json = (value: unknown): string => JSON.stringify(value ?? null);
const text = (value: unknown): string | undefined => (value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value));

/** `arn:aws:states:::lambda:invoke.waitForTaskToken` → `lambda` and `invoke.waitForTaskToken`. */
function resourceOf(info: StateInfo | undefined): { resourceType: string; resource: string } {
  const integration = (info?.resource ?? '').split(':::')[1] ?? info?.resource ?? '';
  const [resourceType = '', ...rest] = integration.split(':');
  return { resourceType, resource: rest.join(':') };
}

export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];
  /** What StopExecution was given, for the ExecutionAborted event. */
  abortedWith: { error?: string; cause?: string } = {};
  /** Task states whose current attempt failed (a later exit is a catch, not a success). */
  private readonly failed = new Set<string>();

  constructor(
    private readonly states: Map<string, StateInfo>,
    private readonly roleArn: string,
  ) {}

  add(type: string, details: Record<string, unknown> = {}, timestamp = Date.now()): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp, type, ...details });
  }

  /** Appends the events an engine event stands for. */
  record(event: EngineEvent): void {
    const at = event.timestamp;
    const name = event.state?.name ?? '';
    const info = this.states.get(name);
    const key = `${name}#${event.index ?? ''}`;
    const { resourceType, resource } = resourceOf(info);
    switch (event.type) {
      case 'ExecutionStarted':
        return this.add('ExecutionStarted', { executionStartedEventDetails: { input: json(event.input), inputDetails: { truncated: false }, roleArn: this.roleArn } }, at);
      case 'ExecutionSucceeded':
        return this.add('ExecutionSucceeded', { executionSucceededEventDetails: { output: json(event.output), outputDetails: { truncated: false } } }, at);
      case 'ExecutionFailed':
        return this.add('ExecutionFailed', { executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) } }, at);
      case 'ExecutionTimeout':
        return this.add('ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout' } }, at);
      case 'ExecutionAborted':
        return this.add('ExecutionAborted', { executionAbortedEventDetails: { ...this.abortedWith } }, at);
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        return this.add(event.type, { [`m${event.type.slice(1)}EventDetails`]: { name: event.parentState?.name, index: event.index } }, at);
      case 'StateEntered': {
        this.failed.delete(key);
        this.add(`${event.state?.type}StateEntered`, { stateEnteredEventDetails: { name, input: json(event.state?.input), inputDetails: { truncated: false } } }, at);
        if (event.state?.type === 'Task') this.scheduled(event, info, at);
        return;
      }
      case 'StateRetried':
        this.failed.delete(key);
        return this.scheduled(event, info, at);
      case 'StateFailed': {
        if (event.state?.type === 'Map') return this.add('MapStateFailed', { mapStateFailedEventDetails: { error: event.Error, cause: text(event.Cause) } }, at);
        if (event.state?.type !== 'Task') return;
        this.failed.add(key);
        const timedOut = event.Error === 'States.Timeout' || event.Error === 'States.HeartbeatTimeout';
        const details = { resourceType, resource, error: event.Error, cause: text(event.Cause) };
        return this.add(timedOut ? 'TaskTimedOut' : 'TaskFailed', { [timedOut ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails']: details }, at);
      }
      case 'StateExited': {
        const type = event.state?.type;
        const output = json(event.state?.output);
        if (type === 'Task' && !this.failed.has(key)) {
          this.add('TaskSucceeded', { taskSucceededEventDetails: { resourceType, resource, output, outputDetails: { truncated: false } } }, at);
        }
        if (type === 'Map') this.add('MapStateSucceeded', {}, at);
        return this.add(`${type}StateExited`, { stateExitedEventDetails: { name, output, outputDetails: { truncated: false } } }, at);
      }
      default:
        return;
    }
  }

  private scheduled(event: EngineEvent, info: StateInfo | undefined, at: number): void {
    const { resourceType, resource } = resourceOf(info);
    this.add(
      'TaskScheduled',
      {
        taskScheduledEventDetails: {
          resourceType,
          resource,
          region: 'us-east-1',
          parameters: json(event.state?.input),
          ...(info?.timeoutSeconds ? { timeoutInSeconds: info.timeoutSeconds } : {}),
          ...(info?.heartbeatSeconds ? { heartbeatInSeconds: info.heartbeatSeconds } : {}),
        },
      },
      at,
    );
    this.add('TaskStarted', { taskStartedEventDetails: { resourceType, resource } }, at);
  }
}

/** Every state of a definition, Map and Parallel bodies included, by name. */
export function stateInfos(definition: Record<string, unknown>, into = new Map<string, StateInfo>()): Map<string, StateInfo> {
  const states = (definition.States ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, state] of Object.entries(states)) {
    into.set(name, {
      type: String(state.Type),
      ...(typeof state.Resource === 'string' ? { resource: state.Resource } : {}),
      ...(typeof state.TimeoutSeconds === 'number' ? { timeoutSeconds: state.TimeoutSeconds } : {}),
      ...(typeof state.HeartbeatSeconds === 'number' ? { heartbeatSeconds: state.HeartbeatSeconds } : {}),
    });
    const body = (state.ItemProcessor ?? state.Iterator) as Record<string, unknown> | undefined;
    if (body) stateInfos(body, into);
    for (const branch of (state.Branches ?? []) as Record<string, unknown>[]) stateInfos(branch, into);
  }
  return into;
}

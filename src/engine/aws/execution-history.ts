/**
 * Reading a Step Functions execution's history incrementally: newest page first, stopping at the
 * last event already seen, so following a long run costs one small GetExecutionHistory per poll
 * instead of re-reading thousands of events.
 */
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** The states a follower reports as phases. */
export const PIPELINE_PHASES: ReadonlySet<string> = new Set(['PrepareRun', 'StartSyncs', 'AwaitSyncs', 'SummarizeSyncs', 'RunDbt']);

/** History event types that end an execution. */
export const TERMINAL_EVENTS: ReadonlySet<string> = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/** Events with an id above `afterId`, oldest first (every page back to it is read). */
export async function readNewEvents(sfn: SFNClient, executionArn: string, afterId: number): Promise<HistoryEvent[]> {
  const fresh: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 100, includeExecutionData: true, ...(nextToken ? { nextToken } : {}) }),
    );
    for (const event of page.events ?? []) {
      if ((event.id ?? 0) <= afterId) return fresh.reverse();
      fresh.push(event);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return fresh.reverse();
}

/** The name of the state an event enters, if it is a state-entered event. */
export function enteredState(event: HistoryEvent): string | null {
  return event.type?.endsWith('StateEntered') ? (event.stateEnteredEventDetails?.name ?? null) : null;
}

/** The ECS task object Step Functions puts in a runTask.sync output or failure cause. */
export type EcsTaskJson = {
  TaskArn?: string;
  StoppedReason?: string;
  StopCode?: string;
  Containers?: { Name?: string; ExitCode?: number; Reason?: string }[];
  Tasks?: EcsTaskJson[];
};

export function parseEcsTask(text: string | undefined): EcsTaskJson | null {
  if (!text) return null;
  try {
    const json = JSON.parse(text) as EcsTaskJson;
    if (json && typeof json === 'object') return json.TaskArn ? json : (json.Tasks?.[0] ?? null);
  } catch {
    // Not JSON: a cause written by a person or another integration.
  }
  return null;
}

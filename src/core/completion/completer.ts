/**
 * Completing a waiter. On AWS the handle is a Step Functions task token and completion is
 * SendTaskSuccess/Failure/Heartbeat; in the local engine it resolves an in-process promise.
 */

import { createHash } from 'node:crypto';

/**
 * A short, stable stand-in for a task token in logs and errors: whoever holds a token can complete
 * the wait, so the token itself is never written anywhere but the run record.
 */
export function tokenDigest(taskToken: string): string {
  return `token#${createHash('sha256').update(taskToken).digest('hex').slice(0, 12)}`;
}

/** `already-resolved` covers a task that finished, timed out or never existed: nothing to retry. */
export type CompletionResult = 'delivered' | 'already-resolved';

/** The output a successful wait hands to the state machine. Small on purpose. */
export type SyncWaitOutput = { connectionId: string; status: string; syncId: string | null };

export interface TaskCompleter {
  succeed(taskToken: string, output: SyncWaitOutput): Promise<CompletionResult>;
  /** `error` is Fivetran's status (or ours, e.g. DEADLINE_EXCEEDED) and `cause` a reason people can read. */
  fail(taskToken: string, error: string, cause: string): Promise<CompletionResult>;
  heartbeat(taskToken: string): Promise<CompletionResult>;
}

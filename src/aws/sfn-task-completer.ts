/**
 * Completing Step Functions callback tasks (`.waitForTaskToken`) with SendTaskSuccess, Failure and
 * Heartbeat. A task that already finished, timed out or never existed answers `TaskTimedOut`,
 * `TaskDoesNotExist` or `InvalidToken`: that is "already resolved", not an error to retry.
 */
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { tokenDigest, type CompletionResult, type SyncWaitOutput, type TaskCompleter } from '../core/completion/completer.js';
import { truncate } from '../core/text.js';
import { createAwsClient } from './clients.js';

/** Step Functions limits for SendTaskFailure, in characters. */
export const SFN_ERROR_MAX_LENGTH = 256;
export const SFN_CAUSE_MAX_LENGTH = 32768;

/** Error names Step Functions returns for a task that can no longer be completed. */
export const ALREADY_RESOLVED_ERRORS: ReadonlySet<string> = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export type SfnTaskCompleterOptions = {
  /** @default a new `SFNClient` from the environment (region, credentials, `AWS_ENDPOINT_URL_SFN`) */
  client?: SFNClient;
};

function isAlreadyResolved(error: unknown): boolean {
  return error instanceof Error && ALREADY_RESOLVED_ERRORS.has(error.name);
}

/** `TaskCompleter` over the Step Functions API. Other SDK errors pass through, the token in their message replaced by its digest. */
export class SfnTaskCompleter implements TaskCompleter {
  readonly client: SFNClient;

  constructor(options: SfnTaskCompleterOptions = {}) {
    this.client = options.client ?? createAwsClient(SFNClient, 'sfn');
  }

  async succeed(taskToken: string, output: SyncWaitOutput): Promise<CompletionResult> {
    return this.send(taskToken, () => this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
  }

  async fail(taskToken: string, error: string, cause: string): Promise<CompletionResult> {
    return this.send(taskToken, () =>
      this.client.send(
        new SendTaskFailureCommand({
          taskToken,
          error: truncate(error, SFN_ERROR_MAX_LENGTH),
          cause: truncate(cause, SFN_CAUSE_MAX_LENGTH),
        }),
      ),
    );
  }

  async heartbeat(taskToken: string): Promise<CompletionResult> {
    return this.send(taskToken, () => this.client.send(new SendTaskHeartbeatCommand({ taskToken })));
  }

  private async send(taskToken: string, call: () => Promise<unknown>): Promise<CompletionResult> {
    try {
      await call();
      return 'delivered';
    } catch (error) {
      if (isAlreadyResolved(error)) return 'already-resolved';
      // Errors end in logs and reports: some SDK messages quote the token.
      if (error instanceof Error) error.message = error.message.split(taskToken).join(tokenDigest(taskToken));
      throw error;
    }
  }
}

/**
 * Task tokens of `.waitForTaskToken` states. The engine's `$$.Task.Token` is one constant, so each
 * wait mints its own opaque token here and the promise it settles. SendTaskSuccess/Failure settle
 * it; SendTaskHeartbeat restarts the heartbeat clock; a missed heartbeat fails the wait with
 * `States.HeartbeatTimeout`, a wait longer than the state's TimeoutSeconds with `States.Timeout`.
 * A token whose task is over answers `TaskTimedOut`; one never issued `InvalidToken`.
 */
import { randomBytes } from 'node:crypto';
import { AwsServiceError, statesError } from './aws-errors.js';

type Live = {
  executionArn: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  heartbeatMs: number | undefined;
  heartbeat?: NodeJS.Timeout;
  timeout?: NodeJS.Timeout;
};

/** Output limit of SendTaskSuccess (256 KiB). */
const MAX_OUTPUT_BYTES = 262_144;
/** Node's timers overflow past 2^31-1 ms (about 24.8 days): longer limits are clamped to it. */
export const MAX_TIMER_MS = 2_147_483_647;

export class TaskTokens {
  private readonly live = new Map<string, Live>();
  private readonly closed = new Set<string>();

  /** A new token for a wait of `executionArn`, and the promise that settles with its output or failure. */
  open(executionArn: string, limits: { heartbeatSeconds?: number; timeoutSeconds?: number }): { token: string; result: Promise<unknown> } {
    // Real tokens are long opaque base64 strings; this one carries only randomness.
    const token = `AQ${randomBytes(96).toString('base64')}`;
    const result = new Promise<unknown>((resolve, reject) => {
      const entry: Live = { executionArn, resolve, reject, heartbeatMs: limits.heartbeatSeconds ? limits.heartbeatSeconds * 1000 : undefined };
      this.live.set(token, entry);
      if (limits.timeoutSeconds) {
        entry.timeout = setTimeout(() => this.close(token, statesError('States.Timeout', 'The task timed out.')), Math.min(limits.timeoutSeconds * 1000, MAX_TIMER_MS));
      }
      this.armHeartbeat(token, entry);
    });
    return { token, result };
  }

  succeed(token: string, outputText: string): void {
    const entry = this.take(token);
    let output: unknown;
    try {
      if (Buffer.byteLength(outputText) > MAX_OUTPUT_BYTES) throw new Error('too large');
      output = JSON.parse(outputText);
    } catch {
      throw new AwsServiceError('InvalidOutput', 'The output is not valid JSON or is larger than 256 KiB.');
    }
    this.finish(token, entry);
    entry.resolve(output);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const entry = this.take(token);
    this.finish(token, entry);
    entry.reject(statesError(error ?? '', cause ?? ''));
  }

  heartbeat(token: string): void {
    const entry = this.take(token);
    this.armHeartbeat(token, entry);
  }

  /** Ends every wait of the execution (stopped): their tokens answer TaskTimedOut from now on. */
  closeExecution(executionArn: string, error: Error): void {
    for (const [token, entry] of this.live) if (entry.executionArn === executionArn) this.close(token, error);
  }

  /** Ends every wait (the local AWS closes). */
  closeAll(error: Error): void {
    for (const token of [...this.live.keys()]) this.close(token, error);
  }

  private close(token: string, error: Error): void {
    const entry = this.live.get(token);
    if (!entry) return;
    this.finish(token, entry);
    entry.reject(error);
  }

  private armHeartbeat(token: string, entry: Live): void {
    if (entry.heartbeatMs === undefined) return;
    clearTimeout(entry.heartbeat);
    entry.heartbeat = setTimeout(
      () => this.close(token, statesError('States.HeartbeatTimeout', 'The task did not send a heartbeat in time.')),
      Math.min(entry.heartbeatMs, MAX_TIMER_MS),
    );
  }

  private take(token: string): Live {
    const entry = this.live.get(token);
    if (entry) return entry;
    if (this.closed.has(token)) throw new AwsServiceError('TaskTimedOut', 'Task Timed Out');
    throw new AwsServiceError('InvalidToken', 'Invalid token');
  }

  private finish(token: string, entry: Live): void {
    clearTimeout(entry.heartbeat);
    clearTimeout(entry.timeout);
    this.live.delete(token);
    this.closed.add(token);
  }
}

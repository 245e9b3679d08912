/**
 * Task tokens for the local engine, which has none of its own: a token names a pending promise
 * that the WaitForSync handler returned. Completing it settles the promise, which is exactly what
 * Step Functions' callback pattern does with SendTaskSuccess/Failure.
 */
import { randomUUID } from 'node:crypto';
import type { CompletionResult, SyncWaitOutput, TaskCompleter } from '../../core/completion/completer.js';

type Pending = { resolve: (output: SyncWaitOutput) => void; reject: (error: Error) => void };

/** An error with a Step Functions error name (what a Catch's ErrorEquals matches). */
export function taskError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

export class LocalTaskTokens implements TaskCompleter {
  private readonly pending = new Map<string, Pending>();

  /** A new token and the promise it settles. */
  create(): { token: string; promise: Promise<SyncWaitOutput> } {
    const token = `local-${randomUUID()}`;
    const promise = new Promise<SyncWaitOutput>((resolve, reject) => this.pending.set(token, { resolve, reject }));
    return { token, promise };
  }

  get size(): number {
    return this.pending.size;
  }

  async succeed(token: string, output: SyncWaitOutput): Promise<CompletionResult> {
    const waiter = this.take(token);
    if (!waiter) return 'already-resolved';
    waiter.resolve(output);
    return 'delivered';
  }

  async fail(token: string, error: string, cause: string): Promise<CompletionResult> {
    const waiter = this.take(token);
    if (!waiter) return 'already-resolved';
    waiter.reject(taskError(error, cause));
    return 'delivered';
  }

  async heartbeat(token: string): Promise<CompletionResult> {
    return this.pending.has(token) ? 'delivered' : 'already-resolved';
  }

  /** Settles a token's promise as failed without a delivery (the wait was abandoned). */
  abandon(token: string, error: Error): void {
    this.take(token)?.reject(error);
  }

  private take(token: string): Pending | undefined {
    const waiter = this.pending.get(token);
    this.pending.delete(token);
    return waiter;
  }
}

/**
 * The record of every AWS call the local AWS received and the fault injection hook, shared by the
 * services so a test sees one ordered log and one numbering per action.
 */
import { AwsServiceError } from './aws-errors.js';

export type LocalAwsService = 'sfn' | 'ecs' | 's3' | 'logs' | 'cloudformation' | 'secretsmanager';

/** One call as received: `service` is a `LocalAwsService`, or `lambda` for the invocations Step Functions makes. */
export type AwsCallRecord = { service: string; action: string; input: unknown; at: number; fault?: string };

/** Returns an AWS error to answer instead of the real answer; `n` counts the calls of this service and action from 1. */
export type FaultInjector = (call: { service: LocalAwsService; action: string; n: number }) => { code: string; message?: string; status?: number } | undefined;

export class CallLog {
  readonly calls: AwsCallRecord[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly fault?: FaultInjector) {}

  /**
   * Records the call; throws the injected `AwsServiceError` if the fault hook asks for one.
   * `internal`: a call Step Functions makes on its own (StopTask of a stopped execution's task),
   * logged but never faulted.
   */
  record(service: LocalAwsService | 'lambda', action: string, input: unknown, options: { internal?: boolean } = {}): void {
    const key = `${service}:${action}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    const entry: AwsCallRecord = { service, action, input, at: Date.now() };
    this.calls.push(entry);
    if (service === 'lambda' || options.internal || !this.fault) return;
    const injected = this.fault({ service, action, n });
    if (!injected) return;
    entry.fault = injected.code;
    throw new AwsServiceError(injected.code, injected.message ?? `Injected fault: ${injected.code}`, injected.status ?? 400);
  }
}

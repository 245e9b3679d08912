/**
 * Checks on the events the state machine hands the pipeline Lambdas. A malformed event means the
 * definition and the handler disagree: it fails the task with an error that names the field.
 */
import { OrchestratorError } from '../../core/errors.js';

/** The event does not have the shape the state machine is supposed to send. */
export class InvalidLambdaEventError extends OrchestratorError {
  override readonly name: string = 'InvalidLambdaEventError';
}

/** The event as an object, or an `InvalidLambdaEventError` naming the handler. */
export function eventObject(event: unknown, handler: string): Record<string, unknown> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new InvalidLambdaEventError(`${handler} expects an object event, got ${event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event}.`);
  }
  return event as Record<string, unknown>;
}

/** A non-empty string field of the event. */
export function stringField(event: Record<string, unknown>, field: string, handler: string): string {
  const value = event[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidLambdaEventError(`${handler} expects a non-empty string "${field}" in its event, got ${JSON.stringify(value) ?? 'undefined'}.`);
  }
  return value;
}

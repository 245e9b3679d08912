/**
 * The project's error hierarchy. Every error has a stable `name`, keeps the error that caused it
 * in `cause`, and errors that end at an HTTP edge carry the `status` to answer with.
 */

export class OrchestratorError extends Error {
  override readonly name: string = 'OrchestratorError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Configuration or usage is wrong: the user must change a flag, variable or input. CLI exit 2. */
export class ConfigError extends OrchestratorError {
  override readonly name: string = 'ConfigError';
}

/** A run request (CLI flags, Action inputs or execution input) failed validation. */
export class InvalidRunRequestError extends ConfigError {
  override readonly name: string = 'InvalidRunRequestError';
}

/** Something a run needs from Fivetran is not usable: a broken connection, an unknown id. */
export class ConnectionsNotReadyError extends OrchestratorError {
  override readonly name: string = 'ConnectionsNotReadyError';
}

/** A run asks for more connections than one execution's history can hold; nothing was triggered. */
export class RunTooLargeError extends ConfigError {
  override readonly name: string = 'RunTooLargeError';
}

/** An error with an HTTP status, thrown by cores that sit behind an HTTP edge. */
export class HttpError extends OrchestratorError {
  override readonly name: string = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The store could not be read or written; callers at an HTTP edge answer 5xx so the sender retries. */
export class StoreError extends OrchestratorError {
  override readonly name: string = 'StoreError';
}

/** A run record that should exist does not (the run was never prepared, or it expired). */
export class RecordNotFoundError extends StoreError {
  override readonly name: string = 'RecordNotFoundError';
}

/** The `RecordNotFoundError` for the record of `runId` and `connectionId`. */
export function recordNotFound(runId: string, connectionId: string): RecordNotFoundError {
  return new RecordNotFoundError(`No run record for run "${runId}" and connection "${connectionId}" (never written, or expired).`);
}

/** Returns the message of anything thrown, for one-line reports. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

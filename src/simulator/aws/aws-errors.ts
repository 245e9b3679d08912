/**
 * An error the local AWS answers with, the way the real service does: an error code (the SDK's
 * exception name), a message and an HTTP status (400 for client errors, as AWS answers them).
 */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string = code,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = 'AwsServiceError';
  }
}

/** An error with a Step Functions error name: what a state's Retry and Catch `ErrorEquals` match, and its cause as message. */
export function statesError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

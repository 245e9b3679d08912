/**
 * The one error the Fivetran client throws: what was asked (method, path), what came back (HTTP
 * status, Fivetran's error code) and whether asking again later could help.
 */
import { OrchestratorError } from '../errors.js';

/** `code` values the client sets itself when there is no Fivetran error code to report. */
export const FivetranClientCode = {
  /** The answer was not the JSON shape this client expects (a 2xx that failed its schema). */
  invalidResponse: 'InvalidResponse',
  /** No answer within `requestTimeoutMs`. */
  timeout: 'Timeout',
  /** The caller's `signal` aborted the request or a wait between attempts. */
  aborted: 'Aborted',
  /** A retry was due but its wait would end after the caller's `retryUntil`: the request was not made again. */
  outOfTime: 'OutOfTime',
  /** Pagination returned a cursor it had returned before. */
  cursorLoop: 'CursorLoop',
} as const;

export type FivetranApiErrorDetails = {
  status: number;
  code: string | null;
  method: string;
  path: string;
  retryable: boolean;
  attempts: number;
};

/**
 * A Fivetran API call failed. `status` is the HTTP status, or 0 when no HTTP answer arrived
 * (network error, timeout, cancellation). `code` is Fivetran's error code (`NotFound_Group`), the
 * network error code for status 0 (`ECONNREFUSED`), or one of `FivetranClientCode`.
 * `retryable` says whether the same request could succeed later (it stays true once the client
 * has given up retrying). `path` never includes the query string. The message never contains
 * the API secret or the Authorization header.
 */
export class FivetranApiError extends OrchestratorError {
  override readonly name: string = 'FivetranApiError';
  readonly status: number;
  readonly code: string | null;
  readonly method: string;
  readonly path: string;
  readonly retryable: boolean;
  /** Requests made before giving up (1 when the first answer was final). */
  readonly attempts: number;

  constructor(message: string, details: FivetranApiErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.status = details.status;
    this.code = details.code;
    this.method = details.method;
    this.path = details.path;
    this.retryable = details.retryable;
    this.attempts = details.attempts;
  }
}

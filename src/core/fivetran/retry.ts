/**
 * Retry timing for the Fivetran client: exponential back-off with full jitter, `Retry-After`
 * parsing, and an abortable sleep. Pure functions of their inputs so tests need no clock.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** First back-off window; attempt n waits a random time in [0, min(cap, BASE * 2^(n-1))). */
export const BACKOFF_BASE_MS = 500;

/**
 * Full-jitter exponential back-off (the AWS Architecture Blog variant): a uniform random delay
 * below `min(capMs, baseMs * 2^(attempt - 1))`. `attempt` counts failed attempts from 1.
 * `random` must return a number in [0, 1), like `Math.random`.
 */
export function backoffDelay(
  attempt: number,
  options: { capMs: number; random: () => number; baseMs?: number },
): number {
  const base = options.baseMs ?? BACKOFF_BASE_MS;
  const exponent = Math.max(0, Math.min(attempt - 1, 52));
  const window = Math.min(options.capMs, base * 2 ** exponent);
  const r = Math.min(Math.max(options.random(), 0), 1);
  return Math.max(0, Math.floor(window * r));
}

/**
 * Milliseconds to wait according to a `Retry-After` header: delta-seconds (`7`, `1.5`) or an
 * HTTP-date (relative to `now`, never negative). Null when the header is absent or unreadable,
 * so the caller falls back to back-off.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // A bare negative or otherwise numeric-looking value is not a date; do not let Date.parse guess.
  if (/^[-+]?[\d.]+$/.test(text)) return null;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - now);
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts (at once if
 * it already has). The default `sleep` of the client.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}

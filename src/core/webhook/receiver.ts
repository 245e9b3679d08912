/**
 * The webhook receiver core, shared by the Lambda behind the HttpApi and the self-hosted Express
 * server: `{headers, rawBody}` in, `{status, body}` out, nothing about HTTP frameworks. It
 * verifies the signature before it reads anything, parses the event, and hands `sync_end` /
 * `sync_start` to the completion logic. Status policy (Fivetran's webhook documentation): 401 for a
 * missing or wrong signature, 400 for a signed body that is not a usable event, 2xx for every
 * other signed delivery (including ones nobody waits for), 5xx only when something we should have
 * recorded could not be, so that Fivetran retries.
 *
 * Logging: refusals and failures are logged here (warn, error); a delivery that was applied is
 * logged at debug, since every transport writes one info line per request carrying the answer's
 * `event`, `connectionId` and `outcome` (one line per delivery, not two).
 */
import { HttpError, StoreError, messageOf } from '../errors.js';
import type { TaskCompleter } from '../completion/completer.js';
import { applySyncEnd, applySyncStart, type SettleResult } from '../completion/outcomes.js';
import type { RunStore } from '../runs/records.js';
import { InvalidEventError, parseEvent, type WebhookEvent } from './event.js';
import { matchesHex, SIGNATURE_HEADER, signatureHex } from './signature.js';

/** Header values as Node's `IncomingMessage` and the Lambda events give them. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** One delivery as any transport sees it. `rawBody` must be the exact bytes received. */
export type WebhookRequest = { headers: WebhookHeaders; rawBody: Buffer | Uint8Array | string };

/** What happened to a delivery; also the `outcome` label of the deliveries metric. */
export type DeliveryOutcome =
  | 'unauthorized' // signature missing, malformed or wrong: nothing was read
  | 'invalid' // signed, but not a usable Fivetran event
  | 'ignored' // signed test payload or an event runs do not use
  | 'unmatched' // no open run waits for the connection
  | 'error' // could not load the secret or record the event: 5xx, Fivetran retries
  | SettleResult; // the most significant result of the records the event touched

export type WebhookResponseBody = {
  ok: boolean;
  /** For the people reading Fivetran's delivery log or our logs: what happened, or what is wrong. */
  message: string;
  outcome: DeliveryOutcome;
  /** The `event` field of a signed delivery. */
  event?: string;
  connectionId?: string;
  /** One entry per open run record of the connection the event touched (normally one). */
  results?: SettleResult[];
};

export type WebhookResponse = { status: number; body: WebhookResponseBody };

/** The current and previous secrets (rotation), or a function that returns them (cached by the caller). */
export type SecretSource = readonly string[] | (() => readonly string[] | Promise<readonly string[]>);

/** Structured logging the adapters map onto pino or the Powertools Logger. Never given secrets or bodies. */
export type ReceiverLogger = {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

/** One delivery, as the server's Prometheus metrics (or any other sink) count it. */
export type DeliveryObservation = {
  /** `sync_end`, `sync_start`, another event name of a signed delivery, or `unknown`. */
  event: string;
  outcome: DeliveryOutcome;
  status: number;
  durationSeconds: number;
};

export type ReceiverMetrics = { observeDelivery(observation: DeliveryObservation): void };

/**
 * Bodies above this are refused with 413 before anything reads them: a Fivetran delivery is a few
 * hundred bytes. One limit for every transport (the server refuses while reading; the Lambda,
 * whose HttpApi passes up to 10 MB, here).
 */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/** The 413 message every transport gives. */
export function bodyTooLargeMessage(limit: number): string {
  return `Body larger than ${limit} bytes: a Fivetran webhook is a few hundred bytes; is this the right URL?`;
}

export type WebhookReceiverOptions = {
  secrets: SecretSource;
  /** @default DEFAULT_BODY_LIMIT_BYTES */
  bodyLimitBytes?: number;
  store: RunStore;
  completer: TaskCompleter;
  logger?: ReceiverLogger;
  metrics?: ReceiverMetrics;
  /** Wall clock (epoch ms) for the timestamps written to records. @default Date.now */
  now?: () => number;
  /** Monotonic clock (ms) for latency. @default performance.now */
  clock?: () => number;
};

/** Per-delivery context from the transport. */
export type HandleContext = {
  /** Replaces the receiver's logger for this delivery (a child logger carrying the request id). */
  logger?: ReceiverLogger;
};

export type WebhookReceiver = { handle(request: WebhookRequest, context?: HandleContext): Promise<WebhookResponse> };

/** Unsigned event name used in logs and metrics before the body may be read. */
const UNKNOWN_EVENT = 'unknown';

const silent: ReceiverLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Most significant first: the delivery's `outcome` is the first of these any record reported. */
const SIGNIFICANCE: readonly SettleResult[] = ['completed', 'recorded', 'rescheduled', 'started', 'duplicate', 'stale'];

/**
 * Reads a header regardless of the case of its name (HTTP names are case-insensitive; Lambda
 * payload 1.0 keeps the sender's case). A repeated header gives its first value.
 */
export function getHeader(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let value = headers[wanted];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === wanted) {
        value = headers[key];
        break;
      }
    }
  }
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads a stored webhook secret: either the plain secret, or JSON `{"current": "...",
 * "previous": "..."}` while a rotation is in progress. Returns the non-empty secrets, current first.
 */
export function parseWebhookSecrets(value: string): string[] {
  const text = value.trim();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON after all: a secret may start with "{".
      return text ? [value] : [];
    }
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const { current, previous } = json as Record<string, unknown>;
      return [current, previous].filter((s): s is string => typeof s === 'string' && s.length > 0);
    }
  }
  return text ? [value] : [];
}

function summarize(results: readonly SettleResult[]): DeliveryOutcome {
  if (results.length === 0) return 'unmatched';
  return SIGNIFICANCE.find((r) => results.includes(r)) ?? 'duplicate';
}

function countResults(results: readonly SettleResult[]): string {
  if (results.length === 1) return results[0] as string;
  const counts = new Map<SettleResult, number>();
  for (const r of results) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => (n === 1 ? r : `${r} x${n}`)).join(', ');
}

/** Creates the receiver. Dependencies are injected so every transport and test shares one behaviour. */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const defaultLogger = options.logger ?? silent;
  const clock = options.clock ?? (() => performance.now());
  const deps = { store: options.store, completer: options.completer, now: options.now ?? Date.now };
  const source = options.secrets;

  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  async function respond(request: WebhookRequest, logger: ReceiverLogger): Promise<{ response: WebhookResponse; event: string }> {
    const bodyBytes = typeof request.rawBody === 'string' ? Buffer.byteLength(request.rawBody) : request.rawBody.byteLength;
    if (bodyBytes > bodyLimit) {
      logger.warn('Refused an oversized delivery', { bodyBytes, bodyLimit });
      return { event: UNKNOWN_EVENT, response: reply(413, 'invalid', bodyTooLargeMessage(bodyLimit)) };
    }
    let secrets: readonly string[];
    try {
      // A fixed list needs no await: one microtask less per delivery.
      secrets = typeof source === 'function' ? await source() : source;
    } catch (error) {
      logger.error('Could not load the webhook secret', { error: messageOf(error) });
      return {
        event: UNKNOWN_EVENT,
        response: reply(503, 'error', 'Could not load the webhook secret; the delivery was not read. Fivetran will retry it.'),
      };
    }
    if (!secrets.some((s) => s.length > 0)) {
      logger.error('No webhook secret is configured: every delivery is refused');
      return { event: UNKNOWN_EVENT, response: reply(500, 'error', 'The receiver has no webhook secret configured.') };
    }

    const signature = getHeader(request.headers, SIGNATURE_HEADER);
    const rawBody = request.rawBody;
    const unauthorized = checkSignature(secrets, rawBody, signature);
    if (unauthorized) {
      logger.warn('Refused a delivery with a bad signature', { signature: 'invalid', reason: unauthorized.reason, bodyBytes: Buffer.byteLength(rawBody) });
      return { event: UNKNOWN_EVENT, response: reply(401, 'unauthorized', unauthorized.message) };
    }

    let event: WebhookEvent;
    try {
      event = parseEvent(rawBody);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      logger.warn('Refused a signed delivery that is not a usable event', { error: error.message });
      return { event: UNKNOWN_EVENT, response: reply(400, 'invalid', error.message) };
    }

    if (event.type === 'ignored') {
      logger.debug('Ignored a delivery', { event: event.event, why: event.why });
      return { event: event.event, response: reply(200, 'ignored', `Ignored: ${event.why}.`, { event: event.event }) };
    }

    const context = { event: event.type, connectionId: event.connectionId, syncId: event.syncId };
    let results: SettleResult[];
    try {
      results = event.type === 'sync_end' ? await applySyncEnd(deps, event) : await applySyncStart(deps, event);
    } catch (error) {
      const storeFailed = error instanceof StoreError;
      logger.error('Could not apply a delivery; answering 5xx so Fivetran retries', {
        ...context,
        error: messageOf(error),
        errorName: error instanceof Error ? error.name : typeof error,
      });
      const message = storeFailed
        ? `Could not record ${event.type} for connection ${event.connectionId} (run store unavailable); Fivetran will retry the delivery.`
        : `Could not complete ${event.type} for connection ${event.connectionId}; Fivetran will retry the delivery.`;
      return { event: event.type, response: reply(storeFailed ? 503 : 500, 'error', message, { event: event.type, connectionId: event.connectionId }) };
    }

    const outcome = summarize(results);
    const detail = event.type === 'sync_end' ? ` (${event.status})` : '';
    const message =
      outcome === 'unmatched'
        ? `${event.type}${detail} for connection ${event.connectionId}: no open run waits for it; acknowledged and ignored.`
        : `${event.type}${detail} for connection ${event.connectionId}: ${countResults(results)}.`;
    // Debug only: each transport logs one line per request with the outcome (see the module header).
    logger.debug('Applied a delivery', { ...context, outcome, results });
    return {
      event: event.type,
      response: reply(200, outcome, message, { event: event.type, connectionId: event.connectionId, results }),
    };
  }

  return {
    async handle(request, context) {
      const logger = context?.logger ?? defaultLogger;
      const started = clock();
      let result: { response: WebhookResponse; event: string };
      try {
        result = await respond(request, logger);
      } catch (error) {
        // Defensive: nothing above should throw, but a transport must always get an answer.
        const status = error instanceof HttpError ? error.status : 500;
        logger.error('Unexpected error in the webhook receiver', { error: messageOf(error) });
        const message = error instanceof HttpError ? error.message : 'Unexpected error in the webhook receiver; Fivetran will retry the delivery.';
        result = { event: UNKNOWN_EVENT, response: reply(status, status >= 500 ? 'error' : 'invalid', message) };
      }
      options.metrics?.observeDelivery({
        event: result.event,
        outcome: result.response.body.outcome,
        status: result.response.status,
        durationSeconds: Math.max(0, clock() - started) / 1000,
      });
      return result.response;
    },
  };
}

function reply(status: number, outcome: DeliveryOutcome, message: string, extra: Partial<WebhookResponseBody> = {}): WebhookResponse {
  return { status, body: { ok: status < 400, message, outcome, ...extra } };
}

function checkSignature(
  secrets: readonly string[],
  rawBody: string | Uint8Array,
  signature: string | undefined,
): { reason: 'missing' | 'malformed' | 'mismatch'; message: string } | null {
  if (signature === undefined || signature.trim() === '') {
    return {
      reason: 'missing',
      message:
        'Missing X-Fivetran-Signature-256 header: was the webhook created with a secret, and does every proxy in front of the receiver forward this header?',
    };
  }
  const hex = signatureHex(signature);
  if (hex === null) {
    return {
      reason: 'malformed',
      message: 'X-Fivetran-Signature-256 is not a hex HMAC-SHA256 (64 hex digits): is a proxy rewriting this header?',
    };
  }
  if (!matchesHex(secrets, rawBody, hex)) {
    return {
      reason: 'mismatch',
      message:
        'X-Fivetran-Signature-256 does not match the body: is this the raw request body (not re-serialised JSON or a decoded/re-encoded copy), and is the secret the webhook\'s own (current or previous)?',
    };
  }
  return null;
}

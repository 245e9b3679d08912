/**
 * The self-hosted receiver's Express app: a thin adapter over the webhook receiver core plus the
 * operational routes (`/livez`, `/readyz`, `/metrics`). `createApp` never listens; `main.ts` owns
 * the process (listen, signals, drain).
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { HttpError, messageOf } from '../core/errors.js';
import type { RunStore } from '../core/runs/records.js';
import { bodyTooLargeMessage, DEFAULT_BODY_LIMIT_BYTES, type ReceiverLogger, type WebhookReceiver, type WebhookResponseBody } from '../core/webhook/receiver.js';
import type { ServerMetrics } from './metrics.js';

export type AppDeps = {
  receiver: WebhookReceiver;
  /** Only `ping` is used, by `/readyz`. */
  store: Pick<RunStore, 'ping'>;
  logger: Logger;
  /** Served at `/metrics` and fed by the receiver (wire the same object into both). */
  metrics?: ServerMetrics;
  /** @default '/webhook' */
  webhookPath?: string;
  /** Bodies above this get 413 before they are read. @default 262144 */
  bodyLimitBytes?: number;
  /** True once shutdown started: `/readyz` answers 503 and responses close their connections. */
  isShuttingDown?: () => boolean;
};

/** Request ids from an upstream proxy are reused when they look like ids; anything else is replaced. */
const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** Routes logged at debug: probes and scrapes would drown the deliveries. */
const QUIET_PATHS: ReadonlySet<string> = new Set(['/livez', '/readyz', '/metrics']);

type Locals = { requestId: string; started: number; log: RequestLogger; delivery?: Pick<WebhookResponseBody, 'event' | 'connectionId' | 'outcome'> };

/** Builds the app. Every answer is JSON `{ ok, message, ... }` except `/metrics`. */
export function createApp(deps: AppDeps): Express {
  const webhookPath = deps.webhookPath ?? '/webhook';
  const bodyLimit = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const shuttingDown = deps.isShuttingDown ?? (() => false);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, res, next) => {
    const upstream = req.get('x-request-id');
    const requestId = upstream && REQUEST_ID.test(upstream) ? upstream : randomUUID();
    // A child logger per request costs more than the request's own work: lines carry the id instead.
    const locals = res.locals as Locals;
    locals.requestId = requestId;
    locals.started = performance.now();
    locals.log = new RequestLogger(deps.logger, requestId);
    res.setHeader('x-request-id', requestId);
    next();
  });

  app.post(webhookPath, readRawBody(bodyLimit), async (req: Request, res: Response) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : EMPTY;
    const { status, body } = await deps.receiver.handle({ headers: req.headers, rawBody }, { logger: (res.locals as Locals).log });
    (res.locals as Locals).delivery = { event: body.event, connectionId: body.connectionId, outcome: body.outcome };
    send(req, res, status, body);
  });
  app.all(webhookPath, (req, res) => {
    res.setHeader('allow', 'POST');
    send(req, res, 405, { ok: false, message: `Method ${req.method} not allowed: Fivetran delivers webhooks with POST.` });
  });

  app.get('/livez', (req, res) => send(req, res, 200, { ok: true, message: 'live' }));

  app.get('/readyz', async (req, res) => {
    if (shuttingDown()) return send(req, res, 503, { ok: false, message: 'shutting down' });
    try {
      await deps.store.ping();
      send(req, res, 200, { ok: true, message: 'ready' });
    } catch (error) {
      (res.locals as Locals).log.warn('readiness check failed: run store unreachable', { error: messageOf(error) });
      send(req, res, 503, { ok: false, message: 'run store unreachable' });
    }
  });

  app.get('/metrics', async (req, res) => {
    if (!deps.metrics) return send(req, res, 404, { ok: false, message: 'metrics are not enabled' });
    const { contentType, body } = await deps.metrics.render();
    res.status(200).type(contentType).send(body);
    logRequest(req, res);
  });

  app.use((req, res) => send(req, res, 404, { ok: false, message: `No route ${req.method} ${req.path}: webhooks go to POST ${webhookPath}.` }));

  const onError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const log = (res.locals as Partial<Locals>).log ?? new RequestLogger(deps.logger, null);
    if (error instanceof HttpError) {
      // The rest of a refused body is not read: close the connection instead of draining it.
      if (error.status === 413) res.setHeader('connection', 'close');
      return send(req, res, error.status, { ok: false, message: error.message });
    }
    log.error('unhandled error', { error: messageOf(error) });
    send(req, res, 500, { ok: false, message: 'Unexpected error; Fivetran will retry the delivery.' });
  };
  app.use(onError);

  /**
   * Answers JSON and logs the request line. Written with Node's own response API: Express's
   * `res.json` also works out charsets, ETags and freshness, which no answer here needs.
   */
  function send(req: Request, res: Response, status: number, body: WebhookResponseBody | { ok: boolean; message: string }): void {
    if (res.headersSent) return;
    // While draining, close each connection after its answer so the listener can finish closing.
    if (shuttingDown()) res.setHeader('connection', 'close');
    const json = JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(json));
    res.end(json);
    logRequest(req, res);
  }

  /** One line per request: info for deliveries, debug for probes and scrapes. */
  function logRequest(req: Request, res: Response): void {
    const { requestId, started, delivery } = res.locals as Partial<Locals>;
    const quiet = QUIET_PATHS.has(req.path);
    if (quiet && !deps.logger.isLevelEnabled('debug')) return;
    const durationMs = started === undefined ? undefined : Math.round((performance.now() - started) * 100) / 100;
    const fields = { requestId, method: req.method, path: req.path, status: res.statusCode, durationMs, ...delivery };
    if (quiet) deps.logger.debug(fields, 'request');
    else deps.logger.info(fields, 'request');
  }

  return app;
}

/**
 * The receiver's logging over pino's `(fields, message)` order, each line tagged with the request
 * id when there is one; methods, not closures, since one is made per request.
 */
class RequestLogger implements ReceiverLogger {
  constructor(
    private readonly logger: Logger,
    private readonly requestId: string | null,
  ) {}
  debug(message: string, fields?: Record<string, unknown>): void {
    if (this.logger.isLevelEnabled('debug')) this.logger.debug(this.tag(fields), message);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.logger.info(this.tag(fields), message);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.logger.warn(this.tag(fields), message);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.logger.error(this.tag(fields), message);
  }
  private tag(fields: Record<string, unknown> | undefined): Record<string, unknown> {
    return this.requestId === null ? (fields ?? {}) : { requestId: this.requestId, ...fields };
  }
}

/** Maps the receiver's logging onto a pino logger. */
export function pinoReceiverLogger(logger: Logger): ReceiverLogger {
  return new RequestLogger(logger, null);
}

const EMPTY = Buffer.alloc(0);

/**
 * Reads the request body as the exact bytes received, as the signature covers them: no charset
 * decoding, no inflating (Fivetran does not compress deliveries; a compressed body is refused with
 * 415 rather than verified against bytes it was not signed over). Over `limit` bytes: 413, decided
 * from Content-Length when there is one. Leaner than body-parser's raw(), which matters per delivery.
 */
export function readRawBody(limit: number): RequestHandler {
  const tooLarge = () =>
    new HttpError(413, bodyTooLargeMessage(limit));
  return (req, _res, next) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) return next(tooLarge());
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      return next(new HttpError(415, `Content-Encoding "${encoding}" is not supported: send the body exactly as Fivetran signed it.`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error?: HttpError) => {
      if (settled) return;
      settled = true;
      // Listeners stay: `settled` mutes them, and removing four per request costs more than it saves.
      if (error) {
        req.off('data', onData);
        return next(error);
      }
      req.body = size === 0 ? EMPTY : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      next();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => settle();
    // Errors are built only when they decide the answer: 'close' follows every request, and an
    // error's stack trace costs more than the rest of reading the body.
    const onError = (error: Error) => {
      if (!settled) settle(new HttpError(400, `Could not read the request body: ${error.message}`, { cause: error }));
    };
    const onClose = () => {
      if (!settled) settle(new HttpError(400, 'The request was aborted before its body was complete.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  };
}

/**
 * The webhook Lambda behind the HttpApi: translates an API Gateway event (HTTP API payload 2.0,
 * or REST API 1.0) into a call on the shared receiver core and its answer back into a Lambda
 * result. Secrets come from Secrets Manager (`WEBHOOK_SECRET_ARN`, cached), never from plain
 * environment values; records from DynamoDB (`RUNS_TABLE_NAME`); completion is SendTask*.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { messageOf } from '../core/errors.js';
import {
  createWebhookReceiver,
  type ReceiverLogger,
  type WebhookReceiver,
  type WebhookRequest,
  type WebhookResponse,
} from '../core/webhook/receiver.js';
import { createSecretsManagerSource } from '../aws/webhook-secret-source.js';
import { createRunStore } from './shared/run-store.js';
import { createSecretsClient } from './shared/secrets.js';
import { createTaskCompleter } from './shared/task-completer.js';
import { readLambdaConfig } from './shared/config.js';
import { lazy, provide, type Provided } from './shared/lazy.js';
import { beginInvocation, createLogger } from './shared/logger.js';
import { reportingCompletedRuns } from './shared/store-hooks.js';

const SERVICE_NAME = 'fivetran-webhook';

/** The events this handler accepts: HTTP API (payload 2.0) and REST API (payload 1.0) proxy events. */
export type WebhookLambdaEvent = APIGatewayProxyEventV2 | APIGatewayProxyEvent;

/** Assignable to both `APIGatewayProxyStructuredResultV2` and `APIGatewayProxyResult`. */
export type WebhookLambdaResult = APIGatewayProxyStructuredResultV2 &
  APIGatewayProxyResult & { headers: Record<string, string> };

export type WebhookHandler = (event: WebhookLambdaEvent, context?: Context) => Promise<WebhookLambdaResult>;

function isV2(event: WebhookLambdaEvent): event is APIGatewayProxyEventV2 {
  return (event as APIGatewayProxyEventV2).version === '2.0';
}

/** The HTTP method, the delivery as the receiver takes it, and API Gateway's request id. */
export function toWebhookRequest(event: WebhookLambdaEvent): { method: string; requestId: string | undefined; request: WebhookRequest } {
  const body = event.body ?? '';
  // Decode base64 to bytes (never to a string and back): the signature covers the exact bytes.
  const rawBody = event.isBase64Encoded ? Buffer.from(body, 'base64') : body;
  // Read as is: the receiver only reads headers, so the event's own object serves without a copy.
  const headers: WebhookRequest['headers'] = event.headers ?? {};
  if (isV2(event)) {
    return { method: event.requestContext?.http?.method ?? 'POST', requestId: event.requestContext?.requestId, request: { headers, rawBody } };
  }
  return { method: event.httpMethod ?? 'POST', requestId: event.requestContext?.requestId, request: { headers, rawBody } };
}

/** A receiver answer as a Lambda proxy result. */
export function toLambdaResult(response: WebhookResponse, extraHeaders: Record<string, string> = {}): WebhookLambdaResult {
  return {
    statusCode: response.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extraHeaders },
    body: JSON.stringify(response.body),
  };
}

/** Maps the receiver's logging onto a Powertools Logger. */
export function powertoolsReceiverLogger(logger: Logger): ReceiverLogger {
  return {
    debug: (message, fields) => logger.debug(message, fields ?? {}),
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
  };
}

/**
 * The receiver the deployed Lambda uses, from its environment: `WEBHOOK_SECRET_ARN` and
 * `RUNS_TABLE_NAME` (required), `WEBHOOK_SECRET_MAX_AGE_SECONDS` (cache, default 60), the SDK's
 * usual region and endpoint variables. Throws `ConfigError` naming every variable at fault.
 */
export function createReceiverFromEnv(env: NodeJS.ProcessEnv, logger: Logger): WebhookReceiver {
  const config = readLambdaConfig(env, ['tableName', 'webhookSecretArn', 'webhookSecretMaxAgeSeconds']);
  return createWebhookReceiver({
    secrets: createSecretsManagerSource({
      secretId: config.webhookSecretArn,
      maxAgeSeconds: config.webhookSecretMaxAgeSeconds,
      client: createSecretsClient(env),
    }),
    store: reportingCompletedRuns(createRunStore(config, env), noteCompletedRun),
    completer: createTaskCompleter(env),
    logger: powertoolsReceiverLogger(logger),
  });
}

/** The runs whose waits the delivery being handled completed (one set per delivery, however many run at once). */
const completedRuns = new AsyncLocalStorage<Set<string>>();

/** Notes that the current delivery completed a wait of `runId`: its log line names the run. */
export function noteCompletedRun(runId: string): void {
  completedRuns.getStore()?.add(runId);
}

export type WebhookHandlerOptions = {
  /** The receiver, or a function that gives it (a `lazy` one builds it on the first invocation and again after a failure). */
  receiver: Provided<WebhookReceiver>;
  logger?: Logger;
};

/** Builds a handler over a receiver; the exported `handler` is this over `createReceiverFromEnv`. */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const logger = options.logger ?? createLogger(SERVICE_NAME);

  return async (event, context) => {
    beginInvocation(logger, event, context);
    const { method, requestId, request } = toWebhookRequest(event);
    logger.appendKeys({ apiRequestId: requestId });
    if (method.toUpperCase() !== 'POST') {
      return toLambdaResult(
        { status: 405, body: { ok: false, outcome: 'invalid', message: `Method ${method} not allowed: Fivetran delivers webhooks with POST.` } },
        { allow: 'POST' },
      );
    }
    let receiver: WebhookReceiver;
    try {
      receiver = provide(options.receiver);
    } catch (error) {
      logger.error('The webhook Lambda is misconfigured', { error: messageOf(error) });
      return toLambdaResult({
        status: 500,
        body: { ok: false, outcome: 'error', message: 'The webhook receiver is misconfigured; see its logs. Fivetran will retry the delivery.' },
      });
    }
    const runIds = new Set<string>();
    const response = await completedRuns.run(runIds, () => receiver.handle(request));
    // One line per delivery, like the server's access log (the receiver logs applied ones at debug);
    // a delivery belongs to no run until it completes one, so the line names the runs it completed.
    const { event: deliveryEvent, connectionId, outcome } = response.body;
    logger.info('delivery', { status: response.status, event: deliveryEvent, connectionId, outcome, runIds: [...runIds] });
    return toLambdaResult(response);
  };
}

const defaultLogger = createLogger(SERVICE_NAME);

/** The Lambda entry point (CDK names `handler`). Building the receiver waits for the first event. */
export const handler: WebhookHandler = createWebhookHandler({
  receiver: lazy(() => createReceiverFromEnv(process.env, defaultLogger)),
  logger: defaultLogger,
});

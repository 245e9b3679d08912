/**
 * The webhook Lambda behind the HttpApi: translates an API Gateway event (HTTP API payload 2.0,
 * or REST API 1.0) into a call on the shared receiver core and its answer back into a Lambda
 * result. Secrets come from Secrets Manager (`WEBHOOK_SECRET_ARN`, cached), never from plain
 * environment values; records from DynamoDB (`RUNS_TABLE_NAME`); completion is SendTask*.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { SfnTaskCompleter } from '../core/completion/sfn-completer.js';
import { ConfigError, messageOf } from '../core/errors.js';
import { dynamoRunStoreFromEnv } from '../core/runs/dynamodb-store.js';
import {
  createWebhookReceiver,
  type ReceiverLogger,
  type WebhookReceiver,
  type WebhookRequest,
  type WebhookResponse,
} from '../core/webhook/receiver.js';
import { createSecretsManagerSource, DEFAULT_SECRET_MAX_AGE_SECONDS } from '../core/webhook/secret-source.js';
import { LambdaEnv } from './shared/config.js';

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
  const headers: WebhookRequest['headers'] = { ...(event.headers ?? {}) };
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
 * The receiver the deployed Lambda uses, from its environment: `WEBHOOK_SECRET_ARN` (required),
 * `WEBHOOK_SECRET_MAX_AGE_SECONDS` (cache, default 60), `RUNS_TABLE_NAME` (required), the SDK's
 * usual region and endpoint variables. Throws `ConfigError` naming the variable at fault.
 */
export function createReceiverFromEnv(env: NodeJS.ProcessEnv, logger: Logger): WebhookReceiver {
  const secretId = env[LambdaEnv.webhookSecretArn]?.trim();
  if (!secretId) {
    throw new ConfigError(
      `Environment variable required and not set: ${LambdaEnv.webhookSecretArn} (the Secrets Manager secret holding the webhook secret).`,
    );
  }
  const maxAgeText = env.WEBHOOK_SECRET_MAX_AGE_SECONDS?.trim();
  const maxAgeSeconds = maxAgeText ? Number(maxAgeText) : DEFAULT_SECRET_MAX_AGE_SECONDS;
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
    throw new ConfigError(`WEBHOOK_SECRET_MAX_AGE_SECONDS must be a whole number of seconds, got "${maxAgeText}".`);
  }
  return createWebhookReceiver({
    secrets: createSecretsManagerSource({ secretId, maxAgeSeconds }),
    store: dynamoRunStoreFromEnv(env),
    completer: new SfnTaskCompleter(),
    logger: powertoolsReceiverLogger(logger),
  });
}

export type WebhookHandlerOptions = {
  /** The receiver, or a function that builds it on the first invocation (retried after a failure). */
  receiver: WebhookReceiver | (() => WebhookReceiver);
  logger?: Logger;
};

/** Builds a handler over a receiver; the exported `handler` is this over `createReceiverFromEnv`. */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const logger = options.logger ?? new Logger({ serviceName: 'fivetran-webhook' });
  let receiver: WebhookReceiver | null = typeof options.receiver === 'function' ? null : options.receiver;

  return async (event, context) => {
    if (context) logger.addContext(context);
    const { method, requestId, request } = toWebhookRequest(event);
    logger.appendKeys({ apiRequestId: requestId });
    if (method.toUpperCase() !== 'POST') {
      return toLambdaResult(
        { status: 405, body: { ok: false, outcome: 'invalid', message: `Method ${method} not allowed: Fivetran delivers webhooks with POST.` } },
        { allow: 'POST' },
      );
    }
    if (!receiver) {
      try {
        receiver = (options.receiver as () => WebhookReceiver)();
      } catch (error) {
        logger.error('The webhook Lambda is misconfigured', { error: messageOf(error) });
        return toLambdaResult({
          status: 500,
          body: { ok: false, outcome: 'error', message: 'The webhook receiver is misconfigured; see its logs. Fivetran will retry the delivery.' },
        });
      }
    }
    const response = await receiver.handle(request);
    // One line per delivery, like the server's access log (the receiver logs applied ones at debug).
    const { event: deliveryEvent, connectionId, outcome } = response.body;
    logger.info('delivery', { status: response.status, event: deliveryEvent, connectionId, outcome });
    return toLambdaResult(response);
  };
}

const defaultLogger = new Logger({ serviceName: 'fivetran-webhook' });

/** The Lambda entry point (CDK names `handler`). Building the receiver waits for the first event. */
export const handler: WebhookHandler = createWebhookHandler({
  receiver: () => createReceiverFromEnv(process.env, defaultLogger),
  logger: defaultLogger,
});

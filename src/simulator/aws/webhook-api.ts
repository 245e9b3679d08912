/**
 * The stack's HTTP API in front of the webhook Lambda: `POST /webhook` becomes an API Gateway
 * payload 2.0 event for the real handler, whose result becomes the HTTP answer. Like the HTTP API,
 * it refuses bodies over 10 MB (413) and answers 404 on other routes; everything else is the
 * receiver's decision.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { WebhookHandler } from '../../lambdas/webhook.js';
import { listenOnLoopback, readBody, type Listening } from './http-listen.js';
import { LOCAL_ACCOUNT_ID } from './stack-assembly.js';

/** API Gateway's payload limit. */
export const HTTP_API_MAX_BODY_BYTES = 10 * 1024 * 1024;

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

/** Header names lowercased, repeated values joined with commas, as payload 2.0 has them. */
function eventHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), Array.isArray(v) ? v.join(',') : v]])));
}

export function toHttpApiEvent(method: string, url: URL, headers: Record<string, string>, body: Buffer, sourceIp: string): APIGatewayProxyEventV2 {
  // HTTP APIs pass text bodies as they are and everything else base64-encoded.
  const asText = TEXT_TYPES.test(headers['content-type'] ?? '') && Buffer.from(body.toString('utf8')).equals(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${method} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: `${method} ${url.pathname}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: asText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !asText,
  };
}

export async function startWebhookApi(handler: WebhookHandler): Promise<Listening> {
  return listenOnLoopback((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const answer = (status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
        res.writeHead(status, headers);
        res.end(body);
      };
      if (url.pathname !== '/webhook' || req.method !== 'POST') {
        await readBody(req);
        return answer(404, JSON.stringify({ message: 'Not Found' }));
      }
      const body = await readBody(req, HTTP_API_MAX_BODY_BYTES);
      if (body === null) return answer(413, JSON.stringify({ message: 'Request Entity Too Large' }));
      try {
        const event = toHttpApiEvent('POST', url, eventHeaders(req.headers), body, req.socket.remoteAddress ?? '127.0.0.1');
        const result = await handler(event);
        const text = result.body ?? '';
        answer(result.statusCode ?? 200, result.isBase64Encoded ? Buffer.from(text, 'base64').toString('utf8') : text, result.headers ?? {});
      } catch {
        // What the HTTP API answers when the integration fails.
        answer(500, JSON.stringify({ message: 'Internal Server Error' }));
      }
    })();
  });
}

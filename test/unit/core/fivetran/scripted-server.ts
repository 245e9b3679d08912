/**
 * A node:http server on 127.0.0.1 (port 0) that answers each request with the next scripted reply
 * and records what it received, so client tests run against a real HTTP stack.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedPort } from '../../../support/ports.js';

export type RecordedRequest = {
  method: string;
  /** Path and query as received, e.g. `/v1/groups/g1/connections?limit=100`. */
  url: string;
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
};

/** `body`: an object is sent as JSON, a string as is. `hang`: never answer (for timeouts). */
export type Reply = { status?: number; headers?: Record<string, string>; body?: unknown; hang?: boolean };
export type Handler = (request: RecordedRequest) => Reply;

export type ScriptedServer = {
  /** `http://127.0.0.1:<port>/v1` */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queues replies, answered in order; a request with nothing queued gets the fallback handler or a 599. */
  script(...replies: Array<Reply | Handler>): void;
  /** Answers every request not covered by `script`. */
  fallback(handler: Handler): void;
  close(): Promise<void>;
};

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Array<Reply | Handler> = [];
  const requests: RecordedRequest[] = [];
  let fallback: Handler | null = null;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const [path = '/', query = ''] = url.split('?', 2);
      const request: RecordedRequest = {
        method: req.method ?? '',
        url,
        path,
        query,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const next = queue.shift() ?? fallback ?? { status: 599, body: { code: 'Unscripted', message: `no reply scripted for ${url}` } };
      const reply = typeof next === 'function' ? next(request) : next;
      if (reply.hang) return;
      const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const headers = { ...(typeof reply.body === 'object' ? { 'Content-Type': 'application/json' } : {}), ...reply.headers };
      res.writeHead(reply.status ?? 200, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    fallback: (handler) => void (fallback = handler),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A loopback base URL on which nothing listens (the port was just freed). */
export async function closedPortBaseUrl(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}/v1`;
}

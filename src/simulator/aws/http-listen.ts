/** Starting and stopping the local AWS's loopback HTTP servers. */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Listening = { url: string; server: Server; close(): Promise<void> };

/** How long `close()` lets the requests in flight finish before it cuts their connections. */
const DRAIN_DEADLINE_MS = 10_000;

/** Listens on 127.0.0.1, port 0. `close()` stops accepting, lets the requests in flight finish, then cuts open connections (SDK keep-alive sockets). */
export function listenOnLoopback(listener: RequestListener): Promise<Listening> {
  return listen(createServer(listener));
}

/**
 * Counts the requests the server's handlers have not answered yet. Once `drain()` is called, new
 * requests are answered 503 with `connection: close` (a closing endpoint, retryable by the SDK)
 * so the count can only fall; `drain()` resolves when it reaches 0 or after `deadlineMs`.
 */
function trackRequests(server: Server): { drain(deadlineMs: number): Promise<void> } {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | undefined;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (closing) {
      req.resume();
      res.writeHead(503, { connection: 'close' }).end();
      return;
    }
    inFlight += 1;
    let answered = false;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (!answered) {
        answered = true;
        inFlight -= 1;
        if (inFlight === 0) drained?.();
      }
      return end(...args);
    }) as ServerResponse['end'];
    for (const handle of handlers) handle.call(server, req, res);
  });
  return {
    async drain(deadlineMs) {
      closing = true;
      if (inFlight === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        drained = resolve;
        timer = setTimeout(resolve, deadlineMs);
      });
      clearTimeout(timer);
    },
  };
}

/** `listenOnLoopback` for a server made elsewhere (dynalite's). */
export async function listen(server: Server): Promise<Listening> {
  const requests = trackRequests(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await requests.drain(DRAIN_DEADLINE_MS);
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The request body, refusing more than `limit` bytes (resolves `null` then, having drained the rest). */
export async function readBody(req: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) over = true;
    if (!over) chunks.push(chunk);
  }
  return over ? null : Buffer.concat(chunks);
}

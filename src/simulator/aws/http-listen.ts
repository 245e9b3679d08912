/** Starting and stopping the local AWS's loopback HTTP servers. */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Listening = { url: string; server: Server; close(): Promise<void> };

/** Listens on 127.0.0.1, port 0. `close()` cuts open connections (SDK keep-alive sockets) and stops the server. */
export function listenOnLoopback(listener: RequestListener): Promise<Listening> {
  return listen(createServer(listener));
}

/** `listenOnLoopback` for a server made elsewhere (dynalite's). */
export async function listen(server: Server): Promise<Listening> {
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
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
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

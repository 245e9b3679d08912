/**
 * The local engine's webhook receiver: the receiver core behind Node's own HTTP server, listening
 * next to a local run so signed deliveries complete its waits through local task tokens. One
 * route (`POST /webhook`), the same answers as the self-hosted server; no framework, since the
 * receiver core already does the work and the local engine should start fast.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TaskCompleter } from '../../core/completion/completer.js';
import type { RunStore } from '../../core/runs/records.js';
import { bodyTooLargeMessage, createWebhookReceiver, DEFAULT_BODY_LIMIT_BYTES, type WebhookResponse } from '../../core/webhook/receiver.js';

export type WebhookListener = { url: string; close(): Promise<void> };

export type WebhookListenerOptions = {
  secrets: readonly string[];
  store: RunStore;
  completer: TaskCompleter;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** Larger bodies are refused with 413 (a Fivetran delivery is a few hundred bytes). @default 262144 */
  bodyLimitBytes?: number;
};

const PATH = '/webhook';

/** Reads the exact bytes of a body, or null once it passes `limit`. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export async function listenForWebhooks(options: WebhookListenerOptions): Promise<WebhookListener> {
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const receiver = createWebhookReceiver({ secrets: options.secrets, store: options.store, completer: options.completer });
  const answer = (status: number, body: object, close = false) => ({ status, body, close });
  const server: Server = createServer((req, res) => {
    const respond = ({ status, body, close }: { status: number; body: object; close: boolean }) => {
      const json = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), ...(close ? { connection: 'close' } : {}) });
      res.end(json);
    };
    const handle = async () => {
      if (req.url?.split('?')[0] !== PATH) return answer(404, { ok: false, message: `No route ${req.method} ${req.url}: webhooks go to POST ${PATH}.` });
      if (req.method !== 'POST') return answer(405, { ok: false, message: `Method ${req.method} not allowed: Fivetran delivers webhooks with POST.` });
      if (Number(req.headers['content-length'] ?? 0) > limit) return answer(413, { ok: false, message: bodyTooLargeMessage(limit) }, true);
      const rawBody = await readBody(req, limit);
      if (rawBody === null) return answer(413, { ok: false, message: bodyTooLargeMessage(limit) }, true);
      const response: WebhookResponse = await receiver.handle({ headers: req.headers, rawBody });
      return answer(response.status, response.body);
    };
    handle().then(respond, (error: unknown) => respond(answer(400, { ok: false, message: `Could not read the request: ${error instanceof Error ? error.message : String(error)}` })));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

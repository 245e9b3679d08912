/**
 * The CLI's in-process webhook receiver: the self-hosted server's app, listening next to a local
 * run so signed deliveries complete its waits through local task tokens.
 */
import type { Server } from 'node:http';
import { pino } from 'pino';
import { createWebhookReceiver } from '../core/webhook/receiver.js';
import type { RunStore } from '../core/runs/records.js';
import type { TaskCompleter } from '../core/completion/completer.js';
import { createApp } from '../server/app.js';

export type WebhookListener = { url: string; close(): Promise<void> };

export async function listenForWebhooks(options: {
  secrets: readonly string[];
  store: RunStore;
  completer: TaskCompleter;
  host?: string;
  port?: number;
}): Promise<WebhookListener> {
  const path = '/webhook';
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' }, process.stderr);
  const receiver = createWebhookReceiver({ secrets: options.secrets, store: options.store, completer: options.completer });
  const app = createApp({ receiver, store: options.store, logger, webhookPath: path });
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

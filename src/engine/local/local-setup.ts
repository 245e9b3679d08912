/**
 * Everything a local run needs besides the request, for the CLI and the Action alike: a Fivetran
 * client (real, or the bundled simulator for the demo), the in-memory store and local task tokens,
 * how completion is noticed (polling, or a webhook listener with its secret), and dbt.
 */
import { ConfigError } from '../../core/errors.js';
import type { FivetranClient } from '../../core/fivetran/client.js';
import { MemoryRunStore } from '../../core/runs/memory-store.js';
import { startDemo } from '../../demo/demo.js';
import type { LocalEngineOptions } from './local-engine.js';
import { LocalTaskTokens } from './local-task-tokens.js';
import { listenForWebhooks } from './webhook-listener.js';

export type LocalSetupConfig = {
  /** The Fivetran client; absent: the demo (the bundled simulator and a stand-in dbt). */
  fivetran?: FivetranClient;
  /** Connections in the demo group. @default 8 */
  demoConnections?: number;
  /** Receive signed webhooks on this port (with `webhookSecrets`) instead of polling only. */
  webhook?: { port: number; host?: string; secrets: readonly string[] };
  /** How often connections are read when polling, in ms. @default 10000 */
  pollIntervalMs?: number;
  /** dbt; the demo's stand-in when absent in a demo. */
  dbt?: LocalEngineOptions['dbt'];
};

export type LocalSetup = {
  engineOptions: LocalEngineOptions;
  /** The demo group's id (demo only). */
  demoGroupId: string | null;
  /** Where webhooks are received, when they are. */
  webhookUrl: string | null;
  close(): Promise<void>;
};

/** Prepares a local run. Always `await setup.close()`. */
export async function prepareLocalRun(config: LocalSetupConfig): Promise<LocalSetup> {
  const polling = config.pollIntervalMs !== undefined ? { pollIntervalMs: config.pollIntervalMs } : {};
  if (!config.fivetran) {
    const connections = config.demoConnections ?? 8;
    if (!Number.isInteger(connections) || connections < 1 || connections > 5000) throw new ConfigError('The demo takes 1 to 5000 connections.');
    const demo = await startDemo({ connections });
    return {
      engineOptions: { fivetran: demo.fivetran, store: demo.store, tokens: demo.tokens, completion: { mode: 'webhook', ...polling }, dbt: config.dbt ?? demo.dbt },
      demoGroupId: demo.groupId,
      webhookUrl: demo.webhookUrl,
      close: () => demo.close(),
    };
  }
  if (!config.dbt) throw new ConfigError('A local run needs dbt: the command and the project directory.');
  const store = new MemoryRunStore();
  const tokens = new LocalTaskTokens();
  const listener = config.webhook
    ? await listenForWebhooks({ secrets: config.webhook.secrets, store, completer: tokens, port: config.webhook.port, host: config.webhook.host ?? '0.0.0.0' })
    : null;
  return {
    engineOptions: { fivetran: config.fivetran, store, tokens, completion: { mode: listener ? 'webhook' : 'poll', ...polling }, dbt: config.dbt },
    demoGroupId: null,
    webhookUrl: listener?.url ?? null,
    close: async () => listener?.close(),
  };
}

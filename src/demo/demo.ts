/**
 * The embedded demo behind `npm start`: the bundled Fivetran simulator with a demo group, the
 * in-process webhook receiver registered on it as a group webhook (as a user would with real
 * Fivetran), and a stand-in dbt that writes run_results.json. No AWS, no Fivetran account.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFivetranClient, type FivetranClient } from '../core/fivetran/client.js';
import { MemoryRunStore } from '../core/runs/memory-store.js';
import { LocalTaskTokens } from '../engine/local/local-task-tokens.js';
import { demoGroup, startSimulator } from '../simulator/simulator.js';
import { listenForWebhooks } from '../engine/local/webhook-listener.js';
import { assetPath } from '../core/asset-path.js';

/** The stand-in dbt the demo runs (plain JS, so it runs from source and from the build alike). */
export const DEMO_DBT_SCRIPT = assetPath(new URL('../../demo/dbt/fake-dbt.mjs', import.meta.url));

/** Seed for the demo group and the simulator, so every demo run looks alike. */
const DEMO_SEED = 7;

export type Demo = {
  fivetran: FivetranClient;
  groupId: string;
  store: MemoryRunStore;
  tokens: LocalTaskTokens;
  dbt: { command: string; commandPrefixArgs: string[]; cwd: string };
  /** The in-process receiver the simulator delivers the group's webhooks to. */
  webhookUrl: string;
  close(): Promise<void>;
};

export async function startDemo(options: { connections?: number } = {}): Promise<Demo> {
  const group = demoGroup({ connections: options.connections ?? 8, seed: DEMO_SEED, durationsMs: [800, 3000] });
  // One paused connection shows the default policy (skip) in the report.
  const paused = group.connections[group.connections.length - 1];
  if (paused && group.connections.length > 5) paused.paused = true;
  const simulator = await startSimulator({ groups: [group], seed: DEMO_SEED });
  const store = new MemoryRunStore();
  const tokens = new LocalTaskTokens();
  const secret = randomBytes(24).toString('hex');
  const listener = await listenForWebhooks({ secrets: [secret], store, completer: tokens });
  const fivetran = createFivetranClient({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
  await fivetran.createGroupWebhook(group.id, { url: listener.url, events: ['sync_start', 'sync_end'], secret, active: true });
  const cwd = await mkdtemp(join(tmpdir(), 'fivetran-dbt-demo-'));
  return {
    fivetran,
    groupId: group.id,
    store,
    tokens,
    dbt: { command: process.execPath, commandPrefixArgs: [DEMO_DBT_SCRIPT], cwd },
    webhookUrl: listener.url,
    close: async () => {
      await listener.close();
      await simulator.close();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

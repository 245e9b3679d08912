/**
 * Benchmark: 200 simulated connections with syncs of 1-5 s, run by the local engine on the shared
 * definition (every sync triggered up front, then waited on 40 at a time), beside the original
 * design (each sync triggered inside its Map iteration, 40 at a time) on the same workload, in the
 * same process. Prints wall time, its overhead over (slowest sync + dbt), and the ratio.
 *
 *   npx tsx bench/local-pipeline.ts [--connections 200] [--min 1000] [--max 5000]
 */
import { parseArgs } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFivetranClient, type FivetranClient } from '../src/core/fivetran/client.js';
import { LOCAL_SUBSTITUTIONS, resolveDefinition } from '../src/core/pipeline/definition.js';
import { MemoryRunStore } from '../src/core/runs/memory-store.js';
import { DEMO_DBT_SCRIPT } from '../src/demo/demo.js';
import { listenForWebhooks } from '../src/engine/local/webhook-listener.js';
import { createLocalEngine, handler, type LocalHandlers } from '../src/engine/local/local-engine.js';
import { LocalTaskTokens } from '../src/engine/local/local-task-tokens.js';
import { createRandom } from '../src/simulator/random.js';
import { startSimulator, type SimulatedConnection } from '../src/simulator/simulator.js';

type Design = 'up-front' | 'in-iteration';

export type PipelineFigures = { design: Design; wallMs: number; slowestSyncMs: number; dbtMs: number; overheadMs: number; succeeded: number };

/**
 * The original write-up's shape: the Map iteration triggers its own sync, then waits. Built from
 * the shared definition so everything else stays identical.
 */
export function inIterationDefinition(base: Record<string, unknown> = resolveDefinition(LOCAL_SUBSTITUTIONS)): Record<string, unknown> {
  const definition = structuredClone(base) as { States: Record<string, Record<string, unknown>> };
  const map = definition.States.AwaitSyncs as { ItemProcessor: { StartAt: string; States: Record<string, unknown> } };
  map.ItemProcessor.States = {
    TriggerSync: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'trigger-sync', 'Payload.$': '$' },
      ResultPath: null,
      Next: 'WaitForSync',
    },
    ...map.ItemProcessor.States,
  };
  map.ItemProcessor.StartAt = 'TriggerSync';
  return definition;
}

function workload(n: number, minMs: number, maxMs: number): SimulatedConnection[] {
  const random = createRandom(42);
  return Array.from({ length: n }, (_, i) => ({ id: `conn_${String(i).padStart(4, '0')}`, syncDurationMs: random.int(minMs, maxMs) }));
}

/** One run of `design` on `connections`; `definition` is the shared one unless given (e.g. the synthesized one). */
export async function runOnce(design: Design, connections: SimulatedConnection[], definition?: Record<string, unknown>): Promise<PipelineFigures> {
  const simulator = await startSimulator({ groups: [{ id: 'bench', connections }], seed: 1 });
  const store = new MemoryRunStore();
  const tokens = new LocalTaskTokens();
  const secret = 'bench-secret';
  const listener = await listenForWebhooks({ secrets: [secret], store, completer: tokens });
  const real = createFivetranClient({ apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, baseUrl: simulator.url });
  await real.createGroupWebhook('bench', { url: listener.url, events: ['sync_start', 'sync_end'], secret });
  const cwd = await mkdtemp(join(tmpdir(), 'bench-'));
  // In the original design StartSyncs only lists and records; the iteration triggers.
  const fivetran: FivetranClient = design === 'up-front' ? real : { ...real, triggerSync: async () => undefined };
  const extraHandlers = (): LocalHandlers => ({
    TriggerSync: handler(async (input: { Payload: { connectionId: string } }) => {
      await real.triggerSync(input.Payload.connectionId);
      return { Payload: null };
    }),
  });
  const engine = createLocalEngine({
    fivetran,
    store,
    tokens,
    completion: { mode: 'webhook' },
    dbt: { command: process.execPath, commandPrefixArgs: [DEMO_DBT_SCRIPT], cwd },
    ...(design === 'in-iteration' ? { definition: inIterationDefinition(definition), extraHandlers } : definition ? { definition } : {}),
  });
  try {
    const started = performance.now();
    const handle = await engine.start({ groupId: 'bench' });
    const report = await handle.result;
    const wallMs = performance.now() - started;
    if (report.status !== 'SUCCEEDED') throw new Error(`${design} run ${report.status}: ${report.cause}`);
    const records = await store.listRunRecords(handle.runId);
    const slowestSyncMs = Math.max(...connections.map((c) => c.syncDurationMs ?? 0));
    const dbtMs = (report.dbt?.durationSeconds ?? 0) * 1000;
    return { design, wallMs, slowestSyncMs, dbtMs, overheadMs: wallMs - slowestSyncMs - dbtMs, succeeded: records.filter((r) => r.outcome?.status === 'SUCCESSFUL').length };
  } finally {
    await listener.close();
    await simulator.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

export async function main(argv: string[] = []): Promise<PipelineFigures[]> {
  const { values } = parseArgs({ args: argv, options: { connections: { type: 'string', default: '200' }, min: { type: 'string', default: '1000' }, max: { type: 'string', default: '5000' } } });
  const connections = workload(Number(values.connections), Number(values.min), Number(values.max));
  console.log(`Local pipeline: ${connections.length} connections, syncs ${values.min}-${values.max} ms, Map MaxConcurrency 40, webhooks on loopback`);
  const results: PipelineFigures[] = [];
  for (const design of ['up-front', 'in-iteration'] as const) results.push(await runOnce(design, connections));
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log('| design | wall | slowest sync | dbt | overhead (wall - slowest - dbt) | succeeded |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.design === 'up-front' ? 'triggers up front (this project)' : 'trigger inside each iteration (original)'} | ${s(r.wallMs)} | ${s(r.slowestSyncMs)} | ${s(r.dbtMs)} | ${s(r.overheadMs)} | ${r.succeeded} |`);
  const [ours, original] = results as [PipelineFigures, PipelineFigures];
  console.log(`Ratio original / this project: ${(original.wallMs / ours.wallMs).toFixed(2)}x; overhead of this project ${s(ours.overheadMs)} (target <= 1 s).`);
  return results;
}

// Not when bundled into another benchmark (bench/bundle.ts): then import.meta.url is that bundle's.
if (import.meta.url === `file://${process.argv[1]}` && import.meta.url.endsWith('/local-pipeline.ts')) await main(process.argv.slice(2));

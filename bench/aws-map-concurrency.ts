/**
 * Benchmark: the state machine as the CDK stack deploys it (the definition asset and substitutions
 * of the synthesized template in dist/stack), run in the local engine with 100 connections whose
 * syncs all take the same time. Shows that the inline Map's 40-iteration cap holds no sync back:
 * the run takes about one sync length, where triggering inside each iteration takes three.
 *
 *   npx tsx bench/aws-map-concurrency.ts [--connections 100] [--sync 3000]
 */
import { parseArgs } from 'node:util';
import { synthesizedDefinition } from '../src/simulator/aws/stack-assembly.js';
import { runOnce, type PipelineFigures } from './local-pipeline.js';

export async function main(argv: string[] = []): Promise<PipelineFigures[]> {
  const { values } = parseArgs({ args: argv, options: { connections: { type: 'string', default: '100' }, sync: { type: 'string', default: '3000' } } });
  const n = Number(values.connections);
  const syncMs = Number(values.sync);
  const definition = synthesizedDefinition();
  const map = (definition.States as Record<string, { MaxConcurrency?: number }>).AwaitSyncs;
  const connections = Array.from({ length: n }, (_, i) => ({ id: `conn_${String(i).padStart(3, '0')}`, syncDurationMs: syncMs }));
  console.log(`Synthesized definition (dist/stack) in the local engine: ${n} connections, every sync ${syncMs} ms, Map MaxConcurrency ${map?.MaxConcurrency}`);
  const results: PipelineFigures[] = [];
  for (const design of ['up-front', 'in-iteration'] as const) results.push(await runOnce(design, connections, definition));
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log('| design | wall | wall in sync lengths (without dbt) | succeeded |');
  console.log('|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.design === 'up-front' ? 'triggers up front (deployed definition)' : 'trigger inside each iteration'} | ${s(r.wallMs)} | ${((r.wallMs - r.dbtMs) / syncMs).toFixed(2)} | ${r.succeeded} |`);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));

/**
 * Benchmark: the state machine as the CDK stack deploys it (the definition asset and substitutions
 * of the synthesized template in dist/stack), run in the local engine with 100 connections whose
 * syncs all take the same time. Shows that the inline Map's 40-iteration cap holds no sync back:
 * the run takes about one sync length, where triggering inside each iteration takes three.
 *
 *   npx tsx bench/aws-map-concurrency.ts [--connections 100] [--sync 3000]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveDefinition, SUBSTITUTION_KEYS, type Substitutions } from '../src/core/pipeline/definition.js';
import { runOnce, type PipelineFigures } from './local-pipeline.js';

const ASSEMBLY = fileURLToPath(new URL('../dist/stack', import.meta.url));

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

/** A CloudFormation value as a stand-in string (ARNs and ids only label the handlers locally). */
function fake(value: unknown): string {
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  const logicalId = /"(?:Ref|Fn::GetAtt)":\s*\[?"([A-Za-z0-9]+)"/.exec(text)?.[1] ?? 'Resource';
  return `arn:aws:local:us-east-1:000000000000:${logicalId}`;
}

/** The state machine of the synthesized template: its definition text and its substitutions as CloudFormation values. */
export function readSynthesizedMachine(assemblyDir: string = ASSEMBLY): { text: string; substitutions: Record<string, unknown> } {
  const templatePath = join(assemblyDir, 'FivetranDbt.template.json');
  if (!existsSync(templatePath)) throw new Error(`No synthesized template in ${assemblyDir}: run \`npm run bundle\` first.`);
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as Template;
  const machine = Object.values(template.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  if (!machine) throw new Error('The template has no state machine.');
  const location = machine.Properties.DefinitionS3Location as { Key: string } | undefined;
  const text = location ? readFileSync(join(assemblyDir, `asset.${location.Key}`), 'utf8') : String(machine.Properties.DefinitionString);
  return { text, substitutions: machine.Properties.DefinitionSubstitutions as Record<string, unknown> };
}

/** The deployed definition: the template's definition asset with its substitutions resolved (to stand-ins). */
export function synthesizedDefinition(assemblyDir: string = ASSEMBLY): Record<string, unknown> {
  const { text, substitutions } = readSynthesizedMachine(assemblyDir);
  const resolved = Object.fromEntries(SUBSTITUTION_KEYS.map((key) => [key, fake(substitutions[key])])) as Substitutions;
  return resolveDefinition(resolved, text);
}

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

/**
 * Synthesizes the CDK app into dist/stack/, the cloud assembly the GitHub Action deploys without
 * aws-cdk-lib at action time (templates, asset manifests, Lambda bundles, the state machine
 * definition). Deterministic: the same sources give byte-identical files, so `git diff --exit-code
 * dist/` after a fresh run proves the committed assembly matches the code.
 *
 *   npx tsx scripts/synth-assembly.ts [outdir]     (default: dist/stack)
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPipelineApp, type PipelineAppOptions } from '../infra/lib/pipeline-app.js';
import { REPO_ROOT } from '../infra/lib/pipeline-construct.js';

export const DEFAULT_ASSEMBLY_DIR = path.join(REPO_ROOT, 'dist', 'stack');

export type AssemblySummary = { outdir: string; stacks: string[]; templates: string[]; files: number; bytes: number };

/** Files and total size under `dir`. */
function measure(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = measure(full);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files += 1;
      bytes += statSync(full).size;
    }
  }
  return { files, bytes };
}

/**
 * Drops what depends on the machine rather than the sources: the stack traces CDK records with
 * every acknowledgement (absolute paths) in `*.metadata.json`.
 */
function stripMachineDetails(outdir: string): void {
  for (const name of readdirSync(outdir).filter((n) => n.endsWith('.metadata.json'))) {
    const file = path.join(outdir, name);
    const metadata = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Array<Record<string, unknown>>>;
    for (const entries of Object.values(metadata)) for (const entry of entries) delete entry.trace;
    writeFileSync(file, `${JSON.stringify(metadata, null, 2)}\n`);
  }
}

/**
 * Synthesizes into `outdir`, replacing an earlier assembly there (a folder that is not an assembly
 * is refused rather than wiped). cdk-nag runs: an unacknowledged finding fails the synthesis.
 */
export function synthAssembly(outdir: string = DEFAULT_ASSEMBLY_DIR, options: Omit<PipelineAppOptions, 'outdir'> = {}): AssemblySummary {
  if (existsSync(outdir) && readdirSync(outdir).length > 0 && !existsSync(path.join(outdir, 'manifest.json'))) {
    throw new Error(`${outdir} is not empty and holds no cloud assembly (manifest.json): refusing to replace it.`);
  }
  rmSync(outdir, { recursive: true, force: true });
  const { app } = createPipelineApp({ ...options, outdir });
  const assembly = app.synth();
  stripMachineDetails(outdir);
  const stacks = assembly.stacks.map((s) => s.stackName);
  const templates = assembly.stacks.map((s) => s.templateFile);
  return { outdir, stacks, templates, ...measure(outdir) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outdir = path.resolve(process.argv[2] ?? DEFAULT_ASSEMBLY_DIR);
  const summary = synthAssembly(outdir);
  console.log(
    `Synthesized ${summary.stacks.join(', ')} into ${path.relative(process.cwd(), summary.outdir) || '.'}: ` +
      `${summary.files} files, ${(summary.bytes / 1024).toFixed(0)} KiB (templates: ${summary.templates.join(', ')}).`,
  );
}

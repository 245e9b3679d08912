/**
 * Builds a benchmark script into one ESM file (esbuild, node_modules left external) so each child
 * process bench/run-all.ts starts runs on plain Node: through tsx, starting a critical-path child
 * (and the Fivetran fake it forks) cost about twice the CPU, and on a busy machine many seconds of
 * wall time per child. `import.meta.url` in the project's sources is replaced by the source file's
 * own URL, so the files they find next to themselves (the ASL definition, dist/stack, the demo dbt
 * script) resolve as they do unbundled; in bench/ it stays the bundle's, so a script can tell it
 * runs as a bundle and fork itself.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Inside the worktree, so that the externals resolve from node_modules. */
export const BUNDLE_DIR = join(ROOT, '.bench-cache', 'bundles');

const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** Bundles `bench/<script>`; returns the .mjs path. */
export async function bundleBench(script: string): Promise<string> {
  const outfile = join(BUNDLE_DIR, basename(script).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(ROOT, 'bench', script)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    plugins: [sourceUrls],
    logLevel: 'warning',
  });
  return outfile;
}

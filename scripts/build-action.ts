/**
 * Bundles the Action (src/action/index.ts) with @vercel/ncc into dist/: index.js, its chunks and
 * assets, and a package.json of type module (the bundle is ESM). dist/stack (the CDK assembly,
 * built by synth-assembly.ts) is left alone. `npx tsx scripts/build-action.ts [outDir]`; the
 * check-dist test builds into a temporary folder and compares.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build owns in dist/: everything but the assembly. */
const KEEP = new Set(['stack']);

/** Builds the bundle into `outDir` (default dist/), replacing what an earlier build left there. */
export function buildAction(outDir = join(ROOT, 'dist')): string[] {
  const temp = mkdtempSync(join(tmpdir(), 'action-bundle-'));
  try {
    const cli = fileURLToPath(import.meta.resolve('@vercel/ncc/dist/ncc/cli.js'));
    // transpile-only: `npm run typecheck` checks the types; ncc only bundles.
    const built = spawnSync(process.execPath, [cli, 'build', 'src/action/index.ts', '-o', temp, '--minify', '--transpile-only', '--target', 'es2022', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (built.status !== 0) throw new Error(`ncc failed with exit code ${built.status}`);
    writeFileSync(join(temp, 'package.json'), '{ "type": "module" }\n');
    mkdirSync(outDir, { recursive: true });
    for (const name of readdirSync(outDir, { withFileTypes: true })) if (!KEEP.has(name.name)) rmSync(join(outDir, name.name), { recursive: true, force: true });
    cpSync(temp, outDir, { recursive: true });
    return readdirSync(temp).sort();
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  console.log(`Action bundle in ${out}: ${buildAction(out).join(', ')}`);
}

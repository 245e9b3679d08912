/**
 * The second half of `npm run build`: after tsc has compiled src/ and infra/lib/ into lib/ (the
 * repository's layout, so the construct's paths relative to the repository root hold there too),
 * copy what the compiled code reads from disk:
 *   - the state machine definition, read by the local engine and the construct;
 *   - the demo's stand-in dbt (demo/dbt), which the demo runs as a process;
 *   - the Lambda entry files, which the construct bundles with esbuild at synth time (their
 *     imports resolve to the compiled modules beside them);
 *   - the lock file the construct anchors Lambda bundling on: npm never packs a root
 *     package-lock.json, so the installed package carries it as lib/package-lock.json.
 *
 *   npx tsx scripts/stage-package.ts
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const lib = path.join(root, 'lib');

function copy(from: string, to: string): void {
  mkdirSync(path.dirname(path.join(lib, to)), { recursive: true });
  copyFileSync(path.join(root, from), path.join(lib, to));
}

if (!existsSync(path.join(lib, 'src', 'cli', 'main.js'))) {
  throw new Error('lib/src/cli/main.js is missing: run `tsc -p tsconfig.build.json` first (npm run build does both).');
}
copy('src/core/pipeline/pipeline.asl.json', 'src/core/pipeline/pipeline.asl.json');
for (const entry of readdirSync(path.join(root, 'demo', 'dbt'))) copy(`demo/dbt/${entry}`, `demo/dbt/${entry}`);
for (const entry of readdirSync(path.join(root, 'src', 'lambdas'))) {
  if (entry.endsWith('.ts')) copy(`src/lambdas/${entry}`, `src/lambdas/${entry}`);
}
copy('package-lock.json', 'package-lock.json');

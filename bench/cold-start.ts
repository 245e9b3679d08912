/**
 * Cold start and size: each Lambda bundled as the construct bundles it (esbuild, ESM, minified,
 * keep-names, `@aws-sdk/*` external: infra/lib/pipeline-construct.ts), its bytes and what they are
 * (esbuild's metafile, by package), and the time a fresh Node process takes to import it; the
 * Action's dist/index.js when it is built; `fivetran-dbt --help` through tsx and compiled to lib/.
 * Prints one JSON line.
 *
 *   npx tsx bench/cold-start.ts [--samples 5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Metafile } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Inside the worktree so that externals and the compiled CLI resolve from node_modules. */
const CACHE = join(ROOT, '.bench-cache');
const LAMBDAS = ['prepare-run', 'start-syncs', 'register-waiter', 'summarize-syncs', 'reconcile', 'webhook'] as const;
const BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export type LambdaFigures = {
  name: string;
  bytes: number;
  /** The AWS SDK packages the bundle imports (external: the Lambda runtime provides them). */
  sdkPackages: string[];
  /** A fresh process importing those SDK packages, then the bundle: each part and the sum (medians). */
  sdkImportMs: number;
  ownImportMs: number;
  importMs: number;
  topInputs: { input: string; bytes: number }[];
};
export type ColdStartFigures = {
  lambdas: LambdaFigures[];
  action: { built: boolean; bytes: number | null; importMs: number | null };
  cliHelpMs: { tsx: number; compiled: number | null };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Bytes in the output by package (or by source folder for this project's files). */
function attribute(metafile: Metafile): { input: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.replace(/^(src\/[^/]+(\/[^/]+)?).*/, '$1');
      totals.set(pkg, (totals.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 6);
}

/**
 * A fresh Node process imports the SDK packages `sdk`, then `file`, as the Lambda runtime's INIT
 * would; the medians over `samples` of each part and of the sum. Importing the SDK first separates
 * what loading it costs from what evaluating the bundle's own code costs.
 */
function importMs(file: string, sdk: readonly string[], samples: number): { sdkImportMs: number; ownImportMs: number; importMs: number } {
  const script =
    `const t0 = performance.now(); for (const m of ${JSON.stringify(sdk)}) await import(m); const t1 = performance.now(); ` +
    `await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(JSON.stringify([t1 - t0, performance.now() - t1]));`;
  const runs: [number, number][] = [];
  for (let i = 0; i < samples; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT', NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    runs.push(JSON.parse(out) as [number, number]);
  }
  return { sdkImportMs: median(runs.map((r) => r[0])), ownImportMs: median(runs.map((r) => r[1])), importMs: median(runs.map((r) => r[0] + r[1])) };
}

function commandMs(args: string[], samples: number): number {
  const runs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}`);
    runs.push(performance.now() - t);
  }
  return median(runs);
}

async function measureLambdas(samples: number): Promise<LambdaFigures[]> {
  const out: LambdaFigures[] = [];
  for (const name of LAMBDAS) {
    const outfile = join(CACHE, 'lambdas', name, 'index.mjs');
    const result = await build({
      entryPoints: [join(ROOT, 'src/lambdas', `${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      external: ['@aws-sdk/*'],
      banner: { js: BANNER },
      minify: true,
      keepNames: true,
      metafile: true,
      logLevel: 'silent',
    });
    const sdkPackages = [...new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path)))];
    out.push({ name, bytes: statSync(outfile).size, sdkPackages, ...importMs(outfile, sdkPackages, samples), topInputs: attribute(result.metafile) });
  }
  return out;
}

/** `fivetran-dbt --help` from the sources through tsx, and from lib/ compiled into a scratch copy. */
function measureCli(samples: number, compile = true): ColdStartFigures['cliHelpMs'] {
  const tsx = commandMs([join(ROOT, 'bin/fivetran-dbt.js'), '--help'], samples);
  if (!compile) return { tsx, compiled: null };
  const scratch = join(CACHE, 'cli');
  let compiled: number | null = null;
  try {
    mkdirSync(join(scratch, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'bin/fivetran-dbt.js'), join(scratch, 'bin/fivetran-dbt.js'));
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(scratch, 'lib'), '--declaration', 'false', '--sourceMap', 'false'], { cwd: ROOT, stdio: 'ignore' });
    copyFileSync(join(ROOT, 'src/core/pipeline/pipeline.asl.json'), join(scratch, 'lib/core/pipeline/pipeline.asl.json'));
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));
    compiled = commandMs([join(scratch, 'bin/fivetran-dbt.js'), '--help'], samples);
  } catch {
    compiled = null;
  }
  return { tsx, compiled };
}

export async function measureColdStart(samples: number, compiled = true): Promise<ColdStartFigures> {
  rmSync(CACHE, { recursive: true, force: true });
  try {
    const lambdas = await measureLambdas(samples);
    const dist = join(ROOT, 'dist/index.js');
    const built = existsSync(dist);
    const action = { built, bytes: built ? statSync(dist).size : null, importMs: null };
    return { lambdas, action, cliHelpMs: compiled ? measureCli(samples) : { tsx: measureCli(samples, false).tsx, compiled: null } };
  } finally {
    rmSync(CACHE, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { samples: { type: 'string', default: '5' }, 'no-compiled': { type: 'boolean', default: false } } });
  process.stdout.write(`${JSON.stringify(await measureColdStart(Number(values.samples), !values['no-compiled']))}\n`);
}

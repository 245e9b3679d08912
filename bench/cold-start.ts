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
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { startStep } from '../test/support/action-process.js';

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
  /** The alternative: the SDK clients bundled into the Lambda (tree-shaken, minified) instead of the runtime's. */
  withSdkBundled: { bytes: number; importMs: number } | null;
  topInputs: { input: string; bytes: number }[];
};
export type ColdStartFigures = {
  lambdas: LambdaFigures[];
  /** dist/index.js (the entry) and every dist/*.js chunk with it; ms from spawning it to its first AWS API call. */
  action: { built: boolean; bytes: number | null; totalBytes: number | null; firstCallMs: number | null };
  cliHelpMs: { tsx: number; compiled: number | null };
  /** `node -e 0`: Node's own start on this machine, the floor of any command's time. */
  nodeStartMs: number;
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

/** Each Lambda as the construct bundles it (SDK external) and, for comparison, with the SDK bundled in. */
async function measureLambdas(samples: number): Promise<LambdaFigures[]> {
  const out: LambdaFigures[] = [];
  for (const name of LAMBDAS) {
    const bundle = async (sdkExternal: boolean) => {
      const outfile = join(CACHE, 'lambdas', name, sdkExternal ? 'index.mjs' : 'with-sdk.mjs');
      const result = await build({
        entryPoints: [join(ROOT, 'src/lambdas', `${name}.ts`)],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'esm',
        mainFields: ['module', 'main'],
        external: sdkExternal ? ['@aws-sdk/*'] : [],
        banner: { js: BANNER },
        minify: true,
        keepNames: true,
        metafile: true,
        logLevel: 'silent',
      });
      return { outfile, metafile: result.metafile };
    };
    const deployed = await bundle(true);
    const sdkPackages = [...new Set(Object.values(deployed.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path)))];
    const withSdk = sdkPackages.length > 0 ? await bundle(false) : null;
    out.push({
      name,
      bytes: statSync(deployed.outfile).size,
      sdkPackages,
      ...importMs(deployed.outfile, sdkPackages, samples),
      withSdkBundled: withSdk ? { bytes: statSync(withSdk.outfile).size, importMs: importMs(withSdk.outfile, [], samples).importMs } : null,
      topInputs: attribute(deployed.metafile),
    });
  }
  return out;
}

/**
 * `fivetran-dbt --help` from the sources through tsx (a checkout), and compiled as the installed
 * package runs it: lib/ beside bin/, one module per source file as `npm run build` (tsc) lays it
 * out. The scratch lib/ is transpiled with esbuild, file by file, which gives the same modules in
 * a second where tsc takes most of a minute on this machine.
 */
async function measureCli(samples: number, compile = true): Promise<ColdStartFigures['cliHelpMs']> {
  const tsx = commandMs([join(ROOT, 'bin/fivetran-dbt.js'), '--help'], samples);
  if (!compile) return { tsx, compiled: null };
  const scratch = join(CACHE, 'cli');
  mkdirSync(join(scratch, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin/fivetran-dbt.js'), join(scratch, 'bin/fivetran-dbt.js'));
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await build({ entryPoints: sources.map((f) => join(ROOT, 'src', f)), outdir: join(scratch, 'lib/src'), outbase: join(ROOT, 'src'), bundle: false, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent' });
  copyFileSync(join(ROOT, 'src/core/pipeline/pipeline.asl.json'), join(scratch, 'lib/src/core/pipeline/pipeline.asl.json'));
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));
  return { tsx, compiled: commandMs([join(scratch, 'bin/fivetran-dbt.js'), '--help'], samples) };
}

/**
 * The Action as the runner starts it (test/support/action-process.ts: a node process on
 * dist/index.js with INPUT_* variables), `command: run` on `engine: aws` with a state machine ARN,
 * every AWS endpoint pointed at a loopback stub: ms from the spawn to the stub's first request
 * (loading the bundle, reading the inputs, building the clients). The stub refuses the call and
 * the process is stopped there.
 */
async function firstCallMs(): Promise<number> {
  let spawnedAt = 0;
  let firstAt: ((ms: number) => void) | undefined;
  const first = new Promise<number>((resolveFirst) => (firstAt = resolveFirst));
  const stub = createServer((req, res) => {
    firstAt?.(performance.now() - spawnedAt);
    req.resume();
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({ __type: 'AccessDeniedException', message: 'benchmark stub' }));
  });
  await new Promise<void>((listening) => stub.listen(0, '127.0.0.1', listening));
  const endpoint = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  spawnedAt = performance.now();
  const step = startStep({
    inputs: { command: 'run', engine: 'aws', 'state-machine-arn': 'arn:aws:states:us-east-1:000000000000:stateMachine:bench', 'group-id': 'bench' },
    env: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
  });
  const timeout = setTimeout(() => step.child.kill('SIGKILL'), 60_000);
  try {
    return await Promise.race([first, step.done.then((r) => Promise.reject(new Error(`the Action exited (${r.code}) before calling AWS: ${r.log.slice(-500)}`)))]);
  } finally {
    clearTimeout(timeout);
    step.child.kill('SIGKILL');
    await step.done.catch(() => undefined);
    stub.close();
  }
}

async function measureAction(samples: number): Promise<ColdStartFigures['action']> {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.js'))) return { built: false, bytes: null, totalBytes: null, firstCallMs: null };
  const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const runs: number[] = [];
  for (let i = 0; i < samples; i++) runs.push(await firstCallMs());
  return {
    built: true,
    bytes: statSync(join(dist, 'index.js')).size,
    totalBytes: chunks.reduce((n, f) => n + statSync(join(dist, f)).size, 0),
    firstCallMs: median(runs),
  };
}

export async function measureColdStart(samples: number, compiled = true): Promise<ColdStartFigures> {
  rmSync(CACHE, { recursive: true, force: true });
  try {
    const lambdas = await measureLambdas(samples);
    const action = await measureAction(samples);
    return { lambdas, action, cliHelpMs: await measureCli(samples, compiled), nodeStartMs: commandMs(['-e', '0'], samples) };
  } finally {
    rmSync(CACHE, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { samples: { type: 'string', default: '5' }, 'no-compiled': { type: 'boolean', default: false } } });
  process.stdout.write(`${JSON.stringify(await measureColdStart(Number(values.samples), !values['no-compiled']))}\n`);
}

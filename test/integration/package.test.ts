/**
 * The package as a user gets it: `npm pack` (which builds lib/ in `prepack`), the tarball installed
 * into a scratch folder, then the installed `fivetran-dbt` command (`--help`, the demo) and the
 * installed construct synthesized in a scratch CDK app. Slow (a build and an install): skip it
 * with FIVETRAN_DBT_SKIP_PACK_TEST=1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const skip = process.env.FIVETRAN_DBT_SKIP_PACK_TEST === '1';
const describePack = skip ? describe.skip : describe;

type Result = { code: number | null; stdout: string; stderr: string };

function exec(command: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Result> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  // Jest's flags and the test's credentials stay out of the child processes.
  delete base.NODE_OPTIONS;
  delete base.FIVETRAN_API_KEY;
  delete base.FIVETRAN_API_SECRET;
  delete base.FIVETRAN_API_URL;
  const child = spawn(command, args, { cwd, env: { ...base, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOk(result: Result, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${result.stderr.slice(-4000)}\n${result.stdout.slice(-2000)}`);
}

const CDK_APP = `
import { App, Stack } from 'aws-cdk-lib';
import { FivetranDbtPipeline } from 'fivetran-dbt-orchestrator/construct';

const app = new App({ outdir: process.argv[2] });
const stack = new Stack(app, 'Consumer', { env: { account: '123456789012', region: 'eu-west-1' } });
new FivetranDbtPipeline(stack, 'Pipeline');
app.synth();
`;

describePack('the packed package, installed', () => {
  let scratch: string;
  let bin: string;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'fivetran-dbt-pack-'));
    const started = Date.now();
    const lap = (what: string) => process.stderr.write(`${what}: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    const packed = await exec('npm', ['pack', '--pack-destination', scratch, '--json'], REPO);
    expectOk(packed, 'npm pack');
    lap('npm pack (with the build)');
    const tarball = path.join(scratch, (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? '');
    const app = path.join(scratch, 'app');
    rmSync(app, { recursive: true, force: true });
    writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    expectOk(await exec('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], scratch), 'npm install <tarball>');
    lap('npm install <tarball>');
    // The CDK libraries (optional peers) and esbuild (which NodejsFunction bundles with) from this
    // repository: the same versions a consumer would pin, without a second download.
    for (const name of ['aws-cdk-lib', 'constructs', 'esbuild']) {
      symlinkSync(path.join(REPO, 'node_modules', name), path.join(scratch, 'node_modules', name), 'dir');
    }
    symlinkSync(path.join('..', 'esbuild', 'bin', 'esbuild'), path.join(scratch, 'node_modules', '.bin', 'esbuild'));
    writeFileSync(path.join(scratch, 'app.mjs'), CDK_APP);
    bin = path.join(scratch, 'node_modules', '.bin', 'fivetran-dbt');
  }, 600_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('ships the compiled CLI, the construct and the demo, not the sources', () => {
    const installed = path.join(scratch, 'node_modules', 'fivetran-dbt-orchestrator');
    const top = readdirSync(installed).sort();
    expect(top).toEqual(expect.arrayContaining(['bin', 'lib', 'package.json', 'README.md']));
    expect(top).not.toContain('src');
    expect(readdirSync(path.join(installed, 'lib', 'infra', 'lib'))).toContain('pipeline-construct.js');
    expect(readdirSync(path.join(installed, 'lib', 'demo', 'dbt'))).toContain('fake-dbt.mjs');
  });

  it('runs `fivetran-dbt --help` from lib/', async () => {
    const result = await exec(bin, ['--help'], scratch);
    expectOk(result, 'fivetran-dbt --help');
    expect(result.stdout).toContain('Usage: fivetran-dbt');
    expect(result.stdout).toMatch(/\brun\b/);
  });

  it('runs the demo: the simulator, its webhooks and the stand-in dbt', async () => {
    const result = await exec(bin, ['run', '--demo-connections', '3', '--json', '--no-progress'], scratch);
    expectOk(result, 'fivetran-dbt run --demo-connections 3');
    const report = JSON.parse(result.stdout) as { status: string; counts: { total: number }; dbt: { exitCode: number } };
    expect(report).toMatchObject({ status: 'SUCCEEDED', counts: { total: 3 }, dbt: { exitCode: 0 } });
  });

  it('synthesizes the installed construct in a CDK app of its own', async () => {
    const out = path.join(scratch, 'cdk.out');
    const result = await exec(process.execPath, ['app.mjs', out], scratch);
    expectOk(result, 'the scratch CDK app');
    const template = JSON.parse(readFileSync(path.join(out, 'Consumer.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
    const types = Object.values(template.Resources).map((r) => r.Type);
    expect(types).toContain('AWS::StepFunctions::StateMachine');
    expect(types.filter((t) => t === 'AWS::Lambda::Function').length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});

/**
 * The dbt container's entrypoint, run without Docker: `sh docker/dbt/entrypoint.sh` with a fake
 * `dbt` on PATH (writes target/run_results.json and exits with a chosen code) and a fake uploader
 * (UPLOAD_ARTIFACTS_CMD) that records its arguments. Also upload_artifacts.py against a fake
 * boto3, and the metrics line run_metrics.py prints, where python3 is available.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emfMetrics } from '../../support/emf.js';

const DOCKER_DIR = resolve('docker/dbt');
const ENTRYPOINT = join(DOCKER_DIR, 'entrypoint.sh');
const UPLOADER = join(DOCKER_DIR, 'upload_artifacts.py');
const RUN_METRICS = join(DOCKER_DIR, 'run_metrics.py');
const RUN_ID = 'run-20261125T101500-abc123';
const BUCKET = 'artifacts-bucket';

const FAKE_DBT = `#!/bin/sh
# Fake dbt: records its arguments, writes artifacts unless told not to, exits with FAKE_DBT_EXIT.
printf '%s\\n' "$*" > "$FAKE_LOG_DIR/dbt-args"
if [ -f prod-state/manifest.json ]; then cp prod-state/manifest.json "$FAKE_LOG_DIR/state-seen"; fi
target=\${DBT_TARGET_PATH:-target}
mkdir -p "$target"
if [ "\${FAKE_DBT_NO_ARTIFACTS:-}" != 1 ]; then
  if [ -n "\${FAKE_DBT_RESULTS:-}" ]; then printf '%s' "$FAKE_DBT_RESULTS"; else printf '{"results":[]}'; fi > "$target/run_results.json"
  if [ "\${FAKE_DBT_NO_MANIFEST:-}" != 1 ]; then printf '{"nodes":{}}' > "$target/manifest.json"; fi
fi
if [ "\${FAKE_DBT_WAIT_FOR_SIGNAL:-}" = 1 ]; then
  # SIGKILL: a TERM sent between fork and exec of the sleeper can be lost. The sleeper does not
  # hold the test's pipes, so even a leaked one cannot keep the test waiting.
  trap 'kill -KILL "$sleeper" 2>/dev/null; echo "fake-dbt: stopped" >&2; exit 143' TERM
  sleep 600 </dev/null >/dev/null 2>&1 &
  sleeper=$!
  echo "fake-dbt: waiting"
  wait "$sleeper"
fi
exit "\${FAKE_DBT_EXIT:-0}"
`;

const FAKE_UPLOADER = `#!/bin/sh
# Fake uploader: one line per call, and which of the files existed when it was called. With
# --fetch, writes a manifest into the folder given.
if [ "$1" = --fetch ]; then
  printf '%s\\n' "$*" >> "$FAKE_LOG_DIR/uploads"
  if [ "\${FAKE_FETCH_EXIT:-0}" != 0 ]; then exit "$FAKE_FETCH_EXIT"; fi
  mkdir -p "$3" && printf '{"production":true}' > "$3/manifest.json"
  exit 0
fi
line="$1"
shift
for f in "$@"; do
  if [ -f "$f" ]; then line="$line $f"; else line="$line MISSING:$f"; fi
done
printf '%s\\n' "$line" >> "$FAKE_LOG_DIR/uploads"
exit "\${FAKE_UPLOAD_EXIT:-0}"
`;

type Result = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

let root: string;
let project: string;
let logs: string;
let bin: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dbt-entrypoint-'));
  project = join(root, 'project');
  logs = join(root, 'logs');
  bin = join(root, 'bin');
  for (const dir of [project, logs, bin]) mkdirSync(dir);
  writeFileSync(join(bin, 'dbt'), FAKE_DBT);
  chmodSync(join(bin, 'dbt'), 0o755);
  writeFileSync(join(bin, 'fake-upload'), FAKE_UPLOADER);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function baseEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: root,
    FAKE_LOG_DIR: logs,
    ARTIFACTS_BUCKET: BUCKET,
    ORCHESTRATOR_RUN_ID: RUN_ID,
    UPLOAD_ARTIFACTS_CMD: `/bin/sh ${join(bin, 'fake-upload')}`,
  };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs the entrypoint; `onStdout` may act on the output as it arrives (e.g. send a signal). */
function runEntrypoint(args: string[], env: Record<string, string | undefined> = {}, onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('/bin/sh', [ENTRYPOINT, ...args], { cwd: project, env: baseEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

const uploads = (): string[] => (existsSync(join(logs, 'uploads')) ? readFileSync(join(logs, 'uploads'), 'utf8').trim().split('\n') : []);
const dbtArgs = (): string => readFileSync(join(logs, 'dbt-args'), 'utf8').trim();
const runPrefix = `s3://${BUCKET}/runs/${RUN_ID}/`;

describe('entrypoint.sh', () => {
  it.each([0, 1, 2])('exits with dbt exit code %i and uploads the artifacts either way', async (exit) => {
    const result = await runEntrypoint(['build'], { FAKE_DBT_EXIT: String(exit) });
    expect(result.code).toBe(exit);
    expect(uploads()).toEqual([`${runPrefix} target/run_results.json target/manifest.json`]);
    expect(result.stderr).toContain(`entrypoint [runId=${RUN_ID}]: dbt exited with ${exit}`);
  });

  it('names the run on each of its log lines, and on none when it has no run id', async () => {
    const result = await runEntrypoint(['build'], { UPLOAD_ARTIFACTS_CMD: `python3 ${UPLOADER}`, PYTHONPATH: join(root, 'no-boto3') });
    const lines = result.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines.filter((l) => /^(entrypoint|upload_artifacts)/.test(l))) expect(line).toMatch(new RegExp(`^(entrypoint|upload_artifacts) \\[runId=${RUN_ID}\\]: `));
    const anonymous = await runEntrypoint(['build'], { ORCHESTRATOR_RUN_ID: undefined });
    expect(anonymous.stderr).toContain('entrypoint: ORCHESTRATOR_RUN_ID is not set');
  });

  it('runs `dbt build` without arguments and passes arguments through as given', async () => {
    await runEntrypoint([]);
    expect(dbtArgs()).toBe('build');
    await runEntrypoint(['dbt', 'run', '--select', 'state:modified+', '--target', 'pr']);
    expect(dbtArgs()).toBe('run --select state:modified+ --target pr');
  });

  it.each([
    [0, 3],
    [1, 1],
    [2, 255],
  ])('keeps dbt exit code %i when the upload fails with %i', async (exit, uploadExit) => {
    const result = await runEntrypoint(['build'], { FAKE_DBT_EXIT: String(exit), FAKE_UPLOAD_EXIT: String(uploadExit) });
    expect(result.code).toBe(exit);
    expect(uploads()).toHaveLength(1);
    expect(result.stderr).toContain(`artifact upload to ${runPrefix} failed (exit ${uploadExit}); dbt's exit code ${exit} stands`);
  });

  it('keeps dbt exit code when the uploader cannot even start', async () => {
    const result = await runEntrypoint(['build'], { FAKE_DBT_EXIT: '1', UPLOAD_ARTIFACTS_CMD: join(root, 'no-such-uploader') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/artifact upload .* failed \(exit 127\)/);
  });

  it('uploads run_results.json alone when dbt wrote no manifest', async () => {
    const result = await runEntrypoint(['test'], { FAKE_DBT_NO_MANIFEST: '1', FAKE_DBT_EXIT: '1' });
    expect(result.code).toBe(1);
    expect(uploads()).toEqual([`${runPrefix} target/run_results.json`]);
    expect(result.stderr).toContain('target/manifest.json not found');
  });

  it('never uploads stale artifacts left in the target folder', async () => {
    mkdirSync(join(project, 'target'));
    writeFileSync(join(project, 'target', 'run_results.json'), '{"stale":true}');
    writeFileSync(join(project, 'target', 'manifest.json'), '{"stale":true}');
    const result = await runEntrypoint(['build'], { FAKE_DBT_NO_ARTIFACTS: '1', FAKE_DBT_EXIT: '2' });
    expect(result.code).toBe(2);
    expect(uploads()).toEqual([]);
  });

  it('honours DBT_TARGET_PATH', async () => {
    await runEntrypoint(['build'], { DBT_TARGET_PATH: 'out/artifacts' });
    expect(uploads()).toEqual([`${runPrefix} out/artifacts/run_results.json out/artifacts/manifest.json`]);
  });

  it.each([
    ['ARTIFACTS_BUCKET is not set', { ARTIFACTS_BUCKET: undefined }],
    ['ORCHESTRATOR_RUN_ID is not set', { ORCHESTRATOR_RUN_ID: undefined }],
    ['is not a safe S3 key segment', { ORCHESTRATOR_RUN_ID: '../other-run' }],
  ])('uploads nothing when %s', async (message, env) => {
    const result = await runEntrypoint(['build'], { ...env, FAKE_DBT_EXIT: '1' });
    expect(result.code).toBe(1);
    expect(uploads()).toEqual([]);
    expect(result.stderr).toContain(message);
  });

  describe('PUBLISH_MANIFEST', () => {
    const latest = `s3://${BUCKET}/latest/ target/manifest.json`;

    it.each([
      ['--target prod', ['build', '--target', 'prod'], {}],
      ['-t prod', ['build', '-t', 'prod'], {}],
      ['--target=prod', ['build', '--target=prod'], {}],
      ['DBT_TARGET=prod', ['build'], { DBT_TARGET: 'prod' }],
      ['a custom production target', ['build', '--target', 'production'], { PUBLISH_MANIFEST_TARGET: 'production' }],
    ])('publishes the manifest to latest/ after a successful production run (%s)', async (_, args, env) => {
      const result = await runEntrypoint(args, { PUBLISH_MANIFEST: 'true', ...env });
      expect(result.code).toBe(0);
      expect(uploads()).toEqual([`${runPrefix} target/run_results.json target/manifest.json`, latest]);
    });

    it('does not publish when dbt failed', async () => {
      const result = await runEntrypoint(['build', '--target', 'prod'], { PUBLISH_MANIFEST: 'true', FAKE_DBT_EXIT: '1' });
      expect(result.code).toBe(1);
      expect(uploads()).toEqual([`${runPrefix} target/run_results.json target/manifest.json`]);
      expect(result.stderr).toContain('not publishing the manifest: dbt exited with 1');
    });

    it.each([
      ['another target', ['build', '--target', 'pr'], "target 'pr' is not 'prod'"],
      ['no explicit target', ['build'], "target '<profile default>' is not 'prod'"],
    ])('does not publish for %s', async (_, args, message) => {
      const result = await runEntrypoint(args, { PUBLISH_MANIFEST: 'true' });
      expect(result.code).toBe(0);
      expect(uploads()).toHaveLength(1);
      expect(result.stderr).toContain(message);
    });

    it('does not publish unless PUBLISH_MANIFEST is true', async () => {
      await runEntrypoint(['build', '--target', 'prod']);
      expect(uploads()).toHaveLength(1);
    });

    it('keeps exit code 0 when publishing fails', async () => {
      const result = await runEntrypoint(['build', '--target', 'prod'], { PUBLISH_MANIFEST: 'true', FAKE_UPLOAD_EXIT: '1' });
      expect(result.code).toBe(0);
      expect(uploads()).toHaveLength(2);
      expect(result.stderr).toContain(`publishing the manifest to s3://${BUCKET}/latest/ failed (exit 1)`);
    });
  });

  describe('FETCH_PRODUCTION_MANIFEST', () => {
    it('downloads latest/manifest.json into prod-state/ before dbt runs', async () => {
      const result = await runEntrypoint(['build', '--select', 'state:modified+', '--defer', '--state', 'prod-state'], { FETCH_PRODUCTION_MANIFEST: 'true' });
      expect(result.code).toBe(0);
      expect(uploads()[0]).toBe(`--fetch s3://${BUCKET}/latest/manifest.json prod-state`);
      expect(readFileSync(join(logs, 'state-seen'), 'utf8')).toBe('{"production":true}');
    });

    it('honours PRODUCTION_STATE_DIR', async () => {
      await runEntrypoint(['build'], { FETCH_PRODUCTION_MANIFEST: 'true', PRODUCTION_STATE_DIR: 'state/prod' });
      expect(uploads()[0]).toBe(`--fetch s3://${BUCKET}/latest/manifest.json state/prod`);
    });

    it('still runs dbt, and keeps its exit code, when the fetch fails', async () => {
      const result = await runEntrypoint(['build'], { FETCH_PRODUCTION_MANIFEST: 'true', FAKE_FETCH_EXIT: '1', FAKE_DBT_EXIT: '1' });
      expect(result.code).toBe(1);
      expect(dbtArgs()).toBe('build');
      expect(result.stderr).toContain(`fetching s3://${BUCKET}/latest/manifest.json failed (exit 1); dbt runs without it`);
      expect(uploads()).toHaveLength(2);
    });
  });

  it('keeps dbt exit code, and prints no metrics line, when the metrics tool fails', async () => {
    const result = await runEntrypoint(['build'], { FAKE_DBT_EXIT: '1', METRIC_NAMESPACE: 'FivetranDbtOrchestrator/Test', RUN_METRICS_CMD: join(root, 'no-such-tool') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/printing the metrics line failed \(exit 127\)/);
    expect(uploads()).toHaveLength(1);
  });

  it('prints no metrics line without METRIC_NAMESPACE', async () => {
    const result = await runEntrypoint(['build'], { RUN_METRICS_CMD: join(root, 'no-such-tool') });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('_aws');
    expect(result.stderr).not.toContain('metrics');
  });

  it('forwards SIGTERM to dbt, then still uploads and exits with dbt exit code', async () => {
    let sent = false;
    const result = await runEntrypoint(['build'], { FAKE_DBT_WAIT_FOR_SIGNAL: '1' }, (stdout, kill) => {
      if (!sent && stdout.includes('fake-dbt: waiting')) {
        sent = true;
        kill('SIGTERM');
      }
    });
    expect(sent).toBe(true);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(143);
    expect(result.stderr).toContain('received SIGTERM; stopping dbt');
    expect(result.stderr).toContain('fake-dbt: stopped');
    expect(uploads()).toEqual([`${runPrefix} target/run_results.json target/manifest.json`]);
  });
});

const hasPython = spawnSync('python3', ['--version']).status === 0;
const describePython = hasPython ? describe : describe.skip;

describePython('run_metrics.py: the run\'s figures as an embedded-metric line', () => {
  const NAMESPACE = 'FivetranDbtOrchestrator/Test';
  const metricsEnv = (extra: Record<string, string | undefined> = {}) => ({ METRIC_NAMESPACE: NAMESPACE, RUN_METRICS_CMD: `python3 ${RUN_METRICS}`, ...extra });
  const jsonLines = (stdout: string) =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const results = (...statuses: string[]) => JSON.stringify({ elapsed_time: 12.5, results: statuses.map((status, i) => ({ unique_id: `model.shop.m${i}`, status })) });

  it('prints one line after dbt: how long dbt ran and the nodes that ended error or fail, with the run id', async () => {
    const result = await runEntrypoint(['build'], metricsEnv({ FAKE_DBT_EXIT: '1', FAKE_DBT_RESULTS: results('success', 'error', 'fail', 'warn', 'skipped', 'pass') }));

    expect(result.code).toBe(1);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(emfMetrics(line)).toEqual({
      namespace: NAMESPACE,
      values: { DbtDurationSeconds: expect.any(Number), DbtFailedNodes: 2 },
      units: { DbtDurationSeconds: 'Seconds', DbtFailedNodes: 'Count' },
    });
    expect(line.DbtDurationSeconds).toBeGreaterThanOrEqual(0);
    // The run id is a plain property for Logs Insights, never a dimension.
    expect(line).toMatchObject({ runId: RUN_ID, dbtExitCode: 1, _aws: { CloudWatchMetrics: [{ Dimensions: [[]] }] } });
    expect(uploads()).toHaveLength(1);
  });

  it('counts no failed node for a clean run', async () => {
    const result = await runEntrypoint(['build'], metricsEnv({ FAKE_DBT_RESULTS: results('success', 'pass') }));
    expect(emfMetrics(jsonLines(result.stdout)[0]!).values.DbtFailedNodes).toBe(0);
  });

  it.each([
    ['dbt wrote no run_results.json', { FAKE_DBT_NO_ARTIFACTS: '1' }, 'not found'],
    ['run_results.json is not one', { FAKE_DBT_RESULTS: '{"nodes":{}}' }, 'is not a run_results file'],
  ])('reports only the duration when %s, and keeps dbt exit code', async (_, env, message) => {
    const result = await runEntrypoint(['build'], metricsEnv({ FAKE_DBT_EXIT: '2', ...env }));
    expect(result.code).toBe(2);
    expect(emfMetrics(jsonLines(result.stdout)[0]!).values).toEqual({ DbtDurationSeconds: expect.any(Number) });
    expect(result.stderr).toContain(message);
  });
});

describePython('upload_artifacts.py (fake boto3)', () => {
  let fakeModules: string;
  let s3Log: string;

  beforeEach(() => {
    fakeModules = join(root, 'pylib');
    s3Log = join(logs, 's3.jsonl');
    mkdirSync(join(fakeModules, 'boto3'), { recursive: true });
    mkdirSync(join(fakeModules, 'botocore'), { recursive: true });
    writeFileSync(
      join(fakeModules, 'boto3', '__init__.py'),
      [
        'import json, os',
        'class _S3:',
        '    def upload_file(self, path, bucket, key, ExtraArgs=None):',
        "        if os.environ.get('FAKE_S3_FAIL') and key.endswith(os.environ['FAKE_S3_FAIL']):",
        "            raise RuntimeError('An error occurred (AccessDenied)')",
        "        with open(os.environ['FAKE_S3_LOG'], 'a') as f:",
        "            f.write(json.dumps([os.path.basename(path), bucket, key, ExtraArgs]) + '\\n')",
        '    def download_file(self, bucket, key, path):',
        "        if os.environ.get('FAKE_S3_FAIL'):",
        "            open(path, 'w').write('partial')",
        "            raise RuntimeError('An error occurred (404)')",
        "        with open(path, 'w') as f:",
        "            f.write(json.dumps({'bucket': bucket, 'key': key}))",
        'def client(service, config=None):',
        "    assert service == 's3' and config.kwargs['retries']['mode'] == 'standard'",
        '    return _S3()',
        '',
      ].join('\n'),
    );
    writeFileSync(join(fakeModules, 'botocore', '__init__.py'), '');
    writeFileSync(join(fakeModules, 'botocore', 'config.py'), 'class Config:\n    def __init__(self, **kwargs):\n        self.kwargs = kwargs\n');
    mkdirSync(join(project, 'target'));
    writeFileSync(join(project, 'target', 'run_results.json'), '{}');
    writeFileSync(join(project, 'target', 'manifest.json'), '{}');
  });

  const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH, PYTHONPATH: fakeModules, FAKE_S3_LOG: s3Log, ...extra });
  const runUploader = (args: string[], extra: Record<string, string> = {}) => spawnSync('python3', [UPLOADER, ...args], { cwd: project, env: env(extra), encoding: 'utf8' });
  const s3Calls = () => (existsSync(s3Log) ? readFileSync(s3Log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown) : []);

  it('uploads each file under the prefix by its name, as JSON', () => {
    const result = runUploader([`s3://${BUCKET}/runs/${RUN_ID}`, 'target/run_results.json', 'target/manifest.json']);
    expect(result.status).toBe(0);
    expect(s3Calls()).toEqual([
      ['run_results.json', BUCKET, `runs/${RUN_ID}/run_results.json`, { ContentType: 'application/json' }],
      ['manifest.json', BUCKET, `runs/${RUN_ID}/manifest.json`, { ContentType: 'application/json' }],
    ]);
  });

  it('skips a missing file and still succeeds', () => {
    const result = runUploader([`s3://${BUCKET}/latest/`, 'target/nope.json', 'target/manifest.json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('target/nope.json not found: skipped');
    expect(s3Calls()).toHaveLength(1);
  });

  it('reports a failed file, uploads the others, and exits 1', () => {
    const result = runUploader([`s3://${BUCKET}/runs/x/`, 'target/run_results.json', 'target/manifest.json'], { FAKE_S3_FAIL: 'run_results.json' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`failed to upload target/run_results.json to s3://${BUCKET}/runs/x/run_results.json: RuntimeError`);
    expect(s3Calls()).toEqual([['manifest.json', BUCKET, 'runs/x/manifest.json', { ContentType: 'application/json' }]]);
  });

  it.each([[['bucket/runs/', 'a.json']], [['s3:///runs/', 'a.json']], [['s3://bucket/']]])('exits 2 on bad usage %j', (args) => {
    const result = runUploader(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: upload_artifacts.py');
  });

  it('fetches one object into a folder with --fetch', () => {
    const result = runUploader(['--fetch', `s3://${BUCKET}/latest/manifest.json`, 'prod-state']);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(project, 'prod-state', 'manifest.json'), 'utf8'))).toEqual({ bucket: BUCKET, key: 'latest/manifest.json' });
  });

  it('leaves no partial file when a fetch fails, and exits 1', () => {
    const result = runUploader(['--fetch', `s3://${BUCKET}/latest/manifest.json`, 'prod-state'], { FAKE_S3_FAIL: 'x' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('failed to fetch');
    expect(existsSync(join(project, 'prod-state', 'manifest.json.part'))).toBe(false);
    expect(existsSync(join(project, 'prod-state', 'manifest.json'))).toBe(false);
  });

  it.each([[['--fetch', 's3://bucket/latest/', 'dir']], [['--fetch', 's3://bucket/key']]])('exits 2 on a bad fetch %j', (args) => {
    expect(runUploader(args).status).toBe(2);
  });

  it('is what the entrypoint calls by default, end to end', async () => {
    const result = await runEntrypoint(['build'], { FAKE_DBT_EXIT: '2', UPLOAD_ARTIFACTS_CMD: `python3 ${UPLOADER}`, PYTHONPATH: fakeModules, FAKE_S3_LOG: s3Log });
    expect(result.code).toBe(2);
    expect(s3Calls()).toEqual([
      ['run_results.json', BUCKET, `runs/${RUN_ID}/run_results.json`, { ContentType: 'application/json' }],
      ['manifest.json', BUCKET, `runs/${RUN_ID}/manifest.json`, { ContentType: 'application/json' }],
    ]);
  });
});

describePython('entrypoint.sh: the warehouse secret (DBT_WAREHOUSE_CREDENTIALS)', () => {
  // Values a shell would mangle or run if they were ever evaluated unquoted.
  const PASSWORD = `pa$$ 'w"o\`rd$(touch pwned)`;
  const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

  beforeEach(() => {
    // A dbt that records the environment it was started with, as `env -0` does (values may hold newlines).
    writeFileSync(join(bin, 'dbt'), `#!/bin/sh\nenv -0 > "$FAKE_LOG_DIR/dbt-env"\nexit "\${FAKE_DBT_EXIT:-0}"\n`);
    chmodSync(join(bin, 'dbt'), 0o755);
  });

  const dbtEnv = (): Record<string, string> =>
    Object.fromEntries(
      readFileSync(join(logs, 'dbt-env'), 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
    );

  it('exports every field as a variable of its own name, unsets the secret itself, and never prints a value', async () => {
    const secret = JSON.stringify({ SNOWFLAKE_ACCOUNT: 'acme-prod', SNOWFLAKE_PASSWORD: PASSWORD, SNOWFLAKE_PRIVATE_KEY: PRIVATE_KEY, SNOWFLAKE_PORT: 443, SNOWFLAKE_INSECURE: false });
    const result = await runEntrypoint(['build'], { DBT_WAREHOUSE_CREDENTIALS: secret });
    expect(result.code).toBe(0);
    const env = dbtEnv();
    expect(env).toMatchObject({ SNOWFLAKE_ACCOUNT: 'acme-prod', SNOWFLAKE_PASSWORD: PASSWORD, SNOWFLAKE_PRIVATE_KEY: PRIVATE_KEY, SNOWFLAKE_PORT: '443', SNOWFLAKE_INSECURE: 'false' });
    expect(env).not.toHaveProperty('DBT_WAREHOUSE_CREDENTIALS');
    expect(existsSync(join(project, 'pwned'))).toBe(false);
    expect(result.stderr).toContain('warehouse credentials: SNOWFLAKE_ACCOUNT, SNOWFLAKE_INSECURE, SNOWFLAKE_PASSWORD, SNOWFLAKE_PORT, SNOWFLAKE_PRIVATE_KEY');
    for (const value of ['acme-prod', 'pa$$', 'MIIEvQ', 'BEGIN PRIVATE KEY']) {
      expect(result.stdout + result.stderr).not.toContain(value);
    }
  });

  it('lets the secret win over a variable of the same name already in the environment', async () => {
    await runEntrypoint(['build'], { SNOWFLAKE_ACCOUNT: 'from-the-task', DBT_WAREHOUSE_CREDENTIALS: '{"SNOWFLAKE_ACCOUNT":"from-the-secret"}' });
    expect(dbtEnv().SNOWFLAKE_ACCOUNT).toBe('from-the-secret');
  });

  it('runs dbt and says so when the secret is still the empty object the stack creates', async () => {
    const result = await runEntrypoint(['build'], { DBT_WAREHOUSE_CREDENTIALS: '{}' });
    expect(result.code).toBe(0);
    expect(existsSync(join(logs, 'dbt-env'))).toBe(true);
    expect(result.stderr).toContain('DBT_WAREHOUSE_CREDENTIALS holds no fields: fill the warehouse secret (stack output WarehouseSecretArn)');
  });

  it.each([
    ['not JSON', `password=${PASSWORD}`, 'DBT_WAREHOUSE_CREDENTIALS is not JSON'],
    ['an array', JSON.stringify([PASSWORD]), 'DBT_WAREHOUSE_CREDENTIALS is a JSON list, not an object'],
    ['an object with a bad name', JSON.stringify({ 'SNOWFLAKE-PASSWORD': PASSWORD }), "'SNOWFLAKE-PASSWORD' is not an environment variable name"],
    ['an object with names the pipeline sets', JSON.stringify({ ARTIFACTS_BUCKET: 'elsewhere', PATH: '/tmp/evil' }), 'ARTIFACTS_BUCKET is set by the pipeline or the image'],
    ['an object with AWS credentials', JSON.stringify({ AWS_SECRET_ACCESS_KEY: PASSWORD }), 'AWS_SECRET_ACCESS_KEY is set by the pipeline or the image'],
    ['an object with a nested value', JSON.stringify({ SNOWFLAKE_PASSWORD: { value: PASSWORD } }), 'SNOWFLAKE_PASSWORD must be a string, a number or a boolean'],
  ])('does not start dbt (exit 2) when the secret is %s, saying why without the value', async (_, secret, message) => {
    const result = await runEntrypoint(['build'], { DBT_WAREHOUSE_CREDENTIALS: secret });
    expect(result.code).toBe(2);
    expect(existsSync(join(logs, 'dbt-env'))).toBe(false);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('dbt not started: the warehouse secret cannot be used');
    expect(result.stdout + result.stderr).not.toContain('pa$$');
    expect(result.stdout + result.stderr).not.toContain('/tmp/evil');
  });
});

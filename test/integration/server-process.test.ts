/**
 * The self-hosted receiver as a real process, built and started exactly as the Dockerfile builds
 * and starts it (this test reads the Dockerfile's esbuild line and CMD): a signed delivery
 * completes a waiter end to end against dynalite and a Step Functions stub, and SIGTERM with a
 * delivery in flight lets it finish, refuses new connections, and exits 0.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { DynamoRunStore } from '../../src/aws/dynamodb-run-store.js';
import { holdCalls, startAwsJsonStub, type AwsJsonStub } from '../support/aws-json-stub.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';
import { Payloads, SECRET, postDelivery, signed, waitingRecord } from '../support/webhook-cases.js';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const OUTFILE = 'dist/server/main.mjs';

/** The Dockerfile's bundling command (continuation lines joined) and its CMD. */
async function readDockerfile(): Promise<{ bundle: string; cmd: string[] }> {
  const text = (await readFile(join(ROOT, 'Dockerfile'), 'utf8')).replace(/\\\n\s*/g, ' ');
  const bundle = text.split('\n').find((line) => line.startsWith('RUN npx esbuild '));
  const cmd = text.split('\n').find((line) => line.startsWith('CMD '));
  if (!bundle || !cmd) throw new Error('Dockerfile: expected a "RUN npx esbuild ..." line and a CMD');
  return { bundle: bundle.slice('RUN '.length), cmd: JSON.parse(cmd.slice('CMD '.length)) as string[] };
}

type LogLine = Record<string, unknown> & { msg?: string };

/** A started receiver process with its parsed stdout. */
class ReceiverProcess {
  readonly lines: LogLine[] = [];
  private waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      this.lines.push(line);
      this.waiters = this.waiters.filter((w) => (w.match(line) ? (w.resolve(line), false) : true));
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves with the first log line with message `msg` (already seen or to come); rejects if the process exits first. */
  waitFor(msg: string): Promise<LogLine> {
    const seen = this.lines.find((l) => l.msg === msg);
    if (seen) return Promise.resolve(seen);
    return Promise.race([
      new Promise<LogLine>((resolve) => this.waiters.push({ match: (l) => l.msg === msg, resolve })),
      this.exited.then(({ code }) => Promise.reject(new Error(`receiver exited (${code}) before "${msg}":\n${this.stderr}`))),
    ]);
  }
}

let workdir: string;
let cmd: string[];
let dynalite: DynaliteHandle;
let stub: AwsJsonStub;
let store: DynamoRunStore;
let tableName: string;
const started: ChildProcess[] = [];

function startReceiver(env: Record<string, string>): ReceiverProcess {
  const [program, ...args] = cmd;
  // `node` in the image is this Node here; everything else is the Dockerfile's CMD, run where the bundle is.
  const child = spawn(program === 'node' ? process.execPath : (program as string), args, {
    cwd: workdir,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return new ReceiverProcess(child);
}

beforeAll(async () => {
  const dockerfile = await readDockerfile();
  cmd = dockerfile.cmd;
  workdir = await mkdtemp(join(tmpdir(), 'receiver-image-'));
  expect(dockerfile.bundle).toContain(`--outfile=${OUTFILE}`);
  // The runtime stage holds nothing but the bundle: build it into an empty folder and run it there.
  const bundle = dockerfile.bundle.replace(`--outfile=${OUTFILE}`, `--outfile=${join(workdir, OUTFILE)}`);
  await promisify(execFile)('sh', ['-c', bundle], { cwd: ROOT });
  expect(cmd).toEqual(['node', OUTFILE]);

  dynalite = await startDynalite();
  tableName = await dynalite.createTable();
  store = new DynamoRunStore({ tableName, client: dynalite.client });
  stub = await startAwsJsonStub();
});

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await stub?.close();
  await dynalite?.close();
  if (workdir) await rm(workdir, { recursive: true, force: true });
});

async function waitingFor(connectionId: string, taskToken: string): Promise<void> {
  // The process has the real clock: the record must be live by it.
  const record = waitingRecord({ runId: `run-${connectionId}`, connectionId, expiresAt: Math.floor(Date.now() / 1000) + 3600 });
  await store.createRecords([record]);
  await store.attachTaskToken(record.runId, connectionId, taskToken);
}

describe('the receiver process (the Dockerfile\'s bundle and CMD)', () => {
  it('refuses to start without its configuration, naming what is missing (exit 2)', async () => {
    const receiver = startReceiver({});
    expect(await receiver.exited).toEqual({ code: 2, signal: null });
    expect(receiver.stderr).toContain('FIVETRAN_WEBHOOK_SECRET or WEBHOOK_SECRET_ARN: one is required');
    expect(receiver.stderr).toContain('RUNS_TABLE_NAME: required');
  });

  it('completes a waiter end to end, then drains a delivery in flight on SIGTERM and exits 0', async () => {
    const receiver = startReceiver({
      PORT: '0',
      HOST: '127.0.0.1',
      FIVETRAN_WEBHOOK_SECRET: SECRET,
      RUNS_TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynalite.endpoint,
      SFN_ENDPOINT: stub.endpoint,
    });
    const url = (await receiver.waitFor('receiver listening')).url as string;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    // 1. A signed delivery completes the waiting task: DynamoDB record, then SendTaskSuccess.
    await waitingFor('assimilate_seem', 'token-a');
    const first = await postDelivery(url, signed(Payloads.success));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, outcome: 'completed', connectionId: 'assimilate_seem' });
    expect(stub.sfnCalls()).toEqual([expect.objectContaining({ action: 'SendTaskSuccess', input: expect.objectContaining({ taskToken: 'token-a' }) })]);
    expect(await store.getRecord('run-assimilate_seem', 'assimilate_seem')).toMatchObject({ outcome: { status: 'SUCCESSFUL' }, completedAt: expect.any(String) });
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('fivetran_webhook_deliveries_total{event="sync_end",outcome="completed"} 1');

    // 2. SIGTERM while a second delivery waits on Step Functions.
    await waitingFor('second_conn', 'token-b');
    const hold = holdCalls();
    stub.setHandler(hold.handler);
    const inFlight = postDelivery(url, signed(Payloads.failure.replace('assimilate_seem', 'second_conn')));
    expect((await hold.reached).target).toBe('AWSStepFunctions.SendTaskFailure');
    receiver.child.kill('SIGTERM');
    await receiver.waitFor('shutdown started: readiness 503');
    await expect(fetch(`${url}/livez`)).rejects.toThrow();

    hold.release();
    const second = await inFlight;
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ outcome: 'completed', connectionId: 'second_conn' });
    expect(await receiver.exited).toEqual({ code: 0, signal: null });
    expect(receiver.lines.map((l) => l.msg)).toContain('shutdown complete');
    expect(await store.getRecord('run-second_conn', 'second_conn')).toMatchObject({ outcome: { status: 'FAILURE_WITH_TASK' }, completedAt: expect.any(String) });
    expect(JSON.stringify(receiver.lines)).not.toContain(SECRET);
  });
});

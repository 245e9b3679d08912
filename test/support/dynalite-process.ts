/**
 * dynalite in a process of its own, for tests that load a receiver hard: in the test's process it
 * would share one event loop with the load generator and the Step Functions stub, and each would
 * slow the others. `startDynaliteProcess()` starts it and resolves with its endpoint and a fresh
 * run-records table; run directly (`node --import tsx`), this file is the child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startDynalite } from './dynalite.js';

export type DynaliteProcess = { endpoint: string; tableName: string; child: ChildProcess; close(): Promise<void> };

/** How long the child may take to start and create its table (tsx compiles it first). */
const START_DEADLINE_MS = 60_000;

export async function startDynaliteProcess(): Promise<DynaliteProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const deadline = setTimeout(() => child.kill('SIGKILL'), START_DEADLINE_MS);
  try {
    const first = await Promise.race([
      once(lines, 'line').then(([line]) => JSON.parse(line as string) as { endpoint: string; tableName: string }),
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`dynalite process exited (${String(code)}) before it was ready:\n${stderr}`))),
    ]);
    return {
      ...first,
      child,
      async close() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      },
    };
  } finally {
    clearTimeout(deadline);
  }
}

async function serve(): Promise<void> {
  const dynalite = await startDynalite();
  const tableName = await dynalite.createTable();
  process.stdout.write(`${JSON.stringify({ endpoint: dynalite.endpoint, tableName })}\n`);
  process.on('SIGTERM', () => void dynalite.close().finally(() => process.exit(0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  serve().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

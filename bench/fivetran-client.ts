/**
 * The Fivetran client's own cost per request, against the Fivetran fake in its own process: N
 * `triggerSync` calls, 32 in flight (as StartSyncs makes them), through the global fetch and
 * through the node:http keep-alive transport the client uses by default, in alternating rounds.
 * Prints one JSON line: per transport, the CPU time of this process per request and the wall time.
 *
 *   npx tsx bench/fivetran-client.ts [--requests 1000] [--rounds 3]
 */
import { parseArgs } from 'node:util';
import { createFivetranClient } from '../src/core/fivetran/client.js';
import { nodeHttpFetch } from '../src/core/fivetran/node-http-fetch.js';
import { startFivetranFake } from './fivetran-fake.js';
import { workload } from './critical-path.js';

export type ClientFigures = { requests: number; rounds: number; transports: { name: string; cpuMicrosPerRequest: number; wallMs: number }[] };

const CONCURRENCY = 32;

export async function measureClient(requests: number, rounds: number): Promise<ClientFigures> {
  // Syncs long enough that none ends (and sends a webhook) while we measure.
  const connections = workload(requests, 600_000, 600_000);
  const fake = await startFivetranFake({ groupId: 'bench', connections });
  try {
    const transports = [
      { name: 'global fetch (undici)', fetch: ((input, init) => fetch(input, init)) as typeof fetch },
      { name: 'node:http keep-alive (default)', fetch: nodeHttpFetch },
    ];
    const totals = transports.map((t) => ({ name: t.name, cpu: 0, wall: 0 }));
    for (let round = 0; round < rounds + 1; round++) {
      for (const [i, t] of transports.entries()) {
        const client = createFivetranClient({ apiKey: fake.apiKey, apiSecret: fake.apiSecret, baseUrl: fake.url, fetch: t.fetch });
        let next = 0;
        const cpu = process.cpuUsage();
        const started = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < connections.length) await client.triggerSync((connections[next++] as { id: string }).id, { force: true });
          }),
        );
        const used = process.cpuUsage(cpu);
        // Round 0 warms up both transports (JIT, sockets) and is not counted.
        if (round > 0) {
          (totals[i] as (typeof totals)[number]).cpu += used.user + used.system;
          (totals[i] as (typeof totals)[number]).wall += performance.now() - started;
        }
      }
    }
    return { requests, rounds, transports: totals.map((t) => ({ name: t.name, cpuMicrosPerRequest: t.cpu / (rounds * requests), wallMs: t.wall / rounds })) };
  } finally {
    await fake.close();
  }
}

if (process.argv[1] && process.argv[2] !== '--fake' && /fivetran-client\.(ts|mjs)$/.test(process.argv[1])) {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' } } });
  process.stdout.write(`${JSON.stringify(await measureClient(Number(values.requests), Number(values.rounds)))}\n`);
}

/**
 * `fivetran-dbt simulate`: the bundled Fivetran API simulator on loopback until interrupted, so
 * the CLI (or any Fivetran tooling with a configurable base URL) can be tried without an account.
 */
import { ConfigError } from '../core/errors.js';
import { demoGroup, startSimulator } from '../simulator/simulator.js';
import { parseDuration, parsePort } from '../core/options.js';
import { EXIT, type CliIO } from './cli-io.js';

export type SimulateOptions = { port: string; connections: string; group: string; seed: string; failures: string; minSync: string; maxSync: string };

const integer = (flag: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${flag} must be an integer >= ${min} (got "${value}").`);
  return n;
};

export async function simulateCommand(options: SimulateOptions, io: CliIO): Promise<number> {
  const connections = integer('--connections', options.connections, 1);
  const failures = integer('--failures', options.failures, 0);
  if (failures > connections) throw new ConfigError('--failures cannot exceed --connections.');
  const seed = integer('--seed', options.seed, 0);
  const durationsMs: [number, number] = [parseDuration('--min-sync', options.minSync) * 1000, parseDuration('--max-sync', options.maxSync) * 1000];
  const group = demoGroup({ groupId: options.group, connections, seed, durationsMs });
  for (const c of group.connections.slice(0, failures)) {
    c.outcome = 'failure';
    c.taskType = 'reconnect_warehouse';
    c.failureReason = 'java.lang.RuntimeException: simulated failure';
  }
  const simulator = await startSimulator({ groups: [group], seed, port: parsePort('--port', options.port) });
  io.stdout.write(
    [
      `Fivetran simulator listening at ${simulator.url}`,
      `  group ${group.id} with ${connections} connections (${failures} failing)`,
      '',
      'Try it with:',
      `  FIVETRAN_API_URL=${simulator.url} FIVETRAN_API_KEY=${simulator.apiKey} FIVETRAN_API_SECRET=${simulator.apiSecret} \\`,
      `    fivetran-dbt run --group ${group.id} --poll-interval 1s      (npm run cli -- run ... in a checkout)`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      io.signals?.off('SIGINT', stop);
      io.signals?.off('SIGTERM', stop);
      resolve();
    };
    io.signals?.on('SIGINT', stop);
    io.signals?.on('SIGTERM', stop);
  });
  await simulator.close();
  return EXIT.ok;
}

/**
 * The demo group `npm start` runs against: a handful of connections with varied, seeded sync
 * durations and one clearly slower than the rest, so the run visibly waits for the slowest.
 */
import { ConfigError } from '../core/errors.js';
import { createRandom, deriveSeed, fivetranStyleId } from './random.js';
import type { SimulatedConnection, SimulatedGroup } from './scenario.js';

const SERVICES = ['postgres', 'salesforce', 'stripe', 'hubspot', 'google_sheets', 'shopify', 'zendesk', 'github'] as const;

/**
 * A demo group: `connections` connections (default 6) in group `groupId` (default `demo_group`)
 * whose durations lie in `durationsMs` (default [300, 1500]). One connection, chosen by `seed`
 * (default 1), takes the maximum; the others stay in the lower 60% of the range. Same seed, same group.
 */
export function demoGroup(
  options: { groupId?: string; connections?: number; seed?: number; durationsMs?: [number, number] } = {},
): SimulatedGroup {
  const { groupId = 'demo_group', connections = 6, seed = 1, durationsMs = [300, 1500] } = options;
  const [min, max] = durationsMs;
  const problems: string[] = [];
  if (!Number.isInteger(connections) || connections < 1) problems.push('connections must be an integer >= 1');
  if (!(min >= 0 && max >= min)) problems.push('durationsMs must be [min, max] with 0 <= min <= max');
  if (problems.length > 0) throw new ConfigError(`Invalid demo group: ${problems.join('; ')}.`);

  const random = createRandom(deriveSeed(seed, 'demo', groupId));
  const slowest = random.int(0, connections - 1);
  const fastCeiling = min + Math.floor((max - min) * 0.6);
  const ids = new Set<string>();
  const list: SimulatedConnection[] = [];
  for (let i = 0; i < connections; i++) {
    let id = fivetranStyleId(random);
    while (ids.has(id)) id = `${fivetranStyleId(random)}_${i}`;
    ids.add(id);
    const service = SERVICES[i % SERVICES.length] ?? 'postgres';
    list.push({
      id,
      name: `${service}_${Math.floor(i / SERVICES.length) + 1}`,
      service,
      syncDurationMs: i === slowest ? max : random.int(min, fastCeiling),
    });
  }
  return { id: groupId, name: 'Demo destination', connections: list };
}

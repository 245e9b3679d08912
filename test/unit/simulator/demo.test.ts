/**
 * The seeded randomness the simulator draws from, and the demo group `npm start` runs against.
 */
import fc from 'fast-check';
import { ConfigError } from '../../../src/core/errors.js';
import { demoGroup } from '../../../src/simulator/demo.js';
import { createRandom, deriveSeed } from '../../../src/simulator/random.js';

describe('seeded randomness', () => {
  it('the same seed gives the same stream; derived streams differ by what they decide', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    expect(deriveSeed(1, 'sync', 'a', 0)).toBe(deriveSeed(1, 'sync', 'a', 0));
    expect(deriveSeed(1, 'sync', 'a', 0)).not.toBe(deriveSeed(1, 'sync', 'a', 1));
    expect(deriveSeed(1, 'sync', 'a', 0)).not.toBe(deriveSeed(2, 'sync', 'a', 0));
  });

  it('int() stays within bounds, chance() honours 0 and 1, uuid() is v4-shaped', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, min, span) => {
        const random = createRandom(seed);
        const n = random.int(min, min + span);
        return Number.isInteger(n) && n >= min && n <= min + span && !random.chance(0) && random.chance(1);
      }),
      { seed: 7 },
    );
    expect(createRandom(9).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('demoGroup', () => {
  it('is deterministic by seed, with unique ids, durations in range and exactly one at the maximum', () => {
    const group = demoGroup({ connections: 10, seed: 5, durationsMs: [100, 1000] });
    expect(demoGroup({ connections: 10, seed: 5, durationsMs: [100, 1000] })).toEqual(group);
    expect(demoGroup({ connections: 10, seed: 6, durationsMs: [100, 1000] })).not.toEqual(group);
    expect(group.id).toBe('demo_group');
    expect(new Set(group.connections.map((c) => c.id)).size).toBe(10);
    const durations = group.connections.map((c) => c.syncDurationMs ?? 0);
    expect(durations.every((d) => d >= 100 && d <= 1000)).toBe(true);
    expect(durations.filter((d) => d === 1000)).toHaveLength(1);
    expect(durations.filter((d) => d !== 1000).every((d) => d <= 640)).toBe(true);
  });

  it('has sensible defaults and rejects impossible options', () => {
    const group = demoGroup();
    expect(group.connections.length).toBeGreaterThan(1);
    expect(demoGroup({ groupId: 'g' }).id).toBe('g');
    expect(() => demoGroup({ connections: 0 })).toThrow(ConfigError);
    expect(() => demoGroup({ durationsMs: [10, 1] })).toThrow(/durationsMs/);
  });
});

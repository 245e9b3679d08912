/**
 * Seeded randomness for the simulator. Every random choice draws from a stream derived from
 * (seed, what is being decided), so results do not depend on the order timers happen to fire.
 */

/** A small deterministic source of random values. */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p` (0 never, 1 always). Always draws, so later draws stay aligned. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An RFC 4122 version-4 shaped UUID built from this stream. */
  uuid(): string;
};

/** mulberry32: a tiny 32-bit PRNG, good enough for simulation and fully reproducible. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed for the stream that decides `parts` (e.g. `'sync', connectionId, 3`) under the
 * scenario's `seed`: FNV-1a over the parts, then a murmur3 finaliser to spread the bits.
 */
export function deriveSeed(seed: number, ...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A `Random` over mulberry32 seeded with `seed`. */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => {
    const low = Math.ceil(Math.min(min, max));
    const high = Math.floor(Math.max(min, max));
    return low + Math.floor(next() * (high - low + 1));
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick() needs at least one item');
      return items[int(0, items.length - 1)] as T;
    },
    uuid: () => {
      const bytes = Array.from({ length: 16 }, () => Math.floor(next() * 256));
      bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
      bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
      const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

const VERBS = [
  'assimilate', 'borrow', 'carve', 'dazzle', 'echo', 'fathom', 'gather', 'harbor', 'imply', 'juggle',
  'kindle', 'linger', 'mingle', 'nudge', 'orbit', 'ponder', 'quiver', 'ripple', 'shimmer', 'tumble',
  'unfold', 'venture', 'wander', 'yield',
] as const;
const NOUNS = [
  'seem', 'anchor', 'breeze', 'canyon', 'dune', 'ember', 'fjord', 'glacier', 'harvest', 'island',
  'jungle', 'kettle', 'lantern', 'meadow', 'nectar', 'oasis', 'pebble', 'quarry', 'river', 'summit',
  'thicket', 'upland', 'valley', 'willow',
] as const;

/** An id shaped like Fivetran's (`assimilate_seem`): two lowercase words joined by `_`. */
export function fivetranStyleId(random: Random): string {
  return `${random.pick(VERBS)}_${random.pick(NOUNS)}`;
}

/**
 * A seeded pseudo-random source for the benchmark's generator.
 *
 * Why mulberry32: `Math.random` cannot be seeded, and the generator must give byte-identical
 * shows for one seed. mulberry32 keeps 32 bits of state, costs a handful of integer operations
 * per number (millions per second, so 4,000 episodes and 20,000 articles take seconds) and its
 * output is evenly spread enough for fake prose. It is not for anything secret.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** A mulberry32 generator started from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p) => next() < p,
  };
}

/**
 * A seed for one item of one stream (`episode` 17, `article` 3,020): each item gets its own
 * generator, so episode 17 is the same whether the show has 1,000 or 4,000 episodes.
 */
export function seedFor(seed: number, stream: string, index: number): number {
  // FNV-1a over the stream name, mixed with the seed and the index.
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (index >>> 0), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

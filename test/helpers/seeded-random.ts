import type { RandomSource } from '../../src/text/random-source.ts';

/**
 * A small seeded stream (mulberry32) for tests. The product takes its streams from src/random;
 * the offline user only needs `next()`, so tests need not depend on that module.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

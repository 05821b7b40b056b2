/**
 * The randomness the engine needs. The project's one seeded PRNG (src/random) provides it;
 * each conversation gets its own stream so results do not depend on concurrency.
 */
export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
}

/** Uniform integer in [min, max], both included. */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

/** k distinct items in random order (Python's random.sample). */
export function sample<T>(random: RandomSource, items: readonly T[], k: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  for (let i = 0; i < Math.min(k, pool.length); i++) {
    const j = i + Math.floor(random.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    out.push(pool[i] as T);
  }
  return out;
}

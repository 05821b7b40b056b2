/**
 * The least a seeded stream must offer: uniform numbers in [0, 1). The engine passes a stream of
 * the project's one seeded generator (src/random); nothing here may call Math.random.
 */
export interface RandomSource {
  next(): number;
}

/** An index in [0, length), or 0 for an empty range. */
export function randomIndex(random: RandomSource, length: number): number {
  if (length <= 1) return 0;
  return Math.min(length - 1, Math.floor(random.next() * length));
}

export function pick<T>(random: RandomSource, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[randomIndex(random, items.length)] as T;
}

export function chance(random: RandomSource, probability: number): boolean {
  return random.next() < probability;
}

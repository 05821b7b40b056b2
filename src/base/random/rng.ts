import { hash128 } from './hash.ts';
import { Xoshiro128 } from './xoshiro128.ts';

/**
 * The one source of randomness in simsim. Every stream is named by a label path, so a stream's
 * values depend only on the seed and its label, never on what other streams drew before it:
 * conversations can run in any order or concurrently and still get the same values.
 */
export interface Rng {
  /** The label path this stream was derived from (for debugging and recording). */
  readonly label: string;
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both inclusive, without modulo bias. */
  int(min: number, max: number): number;
  /** One element, uniformly. Throws on an empty list. */
  choice<T>(items: readonly T[]): T;
  /** `k` distinct elements (by position) in random order, like Python's `random.sample`. */
  sample<T>(items: readonly T[], k: number): T[];
  /** A shuffled copy (Fisher–Yates); the input is not changed. */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream derived from this one's label and `label`, unaffected by draws so far. */
  fork(label: string): Rng;
}

const TWO_32 = 0x1_0000_0000;

class XoshiroRng implements Rng {
  readonly label: string;
  private readonly source: Xoshiro128;

  constructor(label: string) {
    this.label = label;
    this.source = new Xoshiro128(hash128(label));
  }

  uint32(): number {
    return this.source.nextUint32();
  }

  next(): number {
    return this.source.nextUint32() / TWO_32;
  }

  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): bounds must be integers with min <= max`);
    }
    const range = max - min + 1;
    if (range <= TWO_32) {
      const limit = TWO_32 - (TWO_32 % range);
      let u = this.source.nextUint32();
      while (u >= limit) u = this.source.nextUint32();
      return min + (u % range);
    }
    // Wider than 32 bits: combine two draws into 53 bits (still uniform enough for dates and ids).
    const high = this.source.nextUint32() >>> 11;
    const low = this.source.nextUint32();
    const unit = (high * TWO_32 + low) / 2 ** 53;
    return min + Math.floor(unit * range);
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice() from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  sample<T>(items: readonly T[], k: number): T[] {
    const count = Math.max(0, Math.min(Math.floor(k), items.length));
    const pool = items.slice();
    for (let i = 0; i < count; i++) {
      const j = this.int(i, pool.length - 1);
      const picked = pool[j] as T;
      pool[j] = pool[i] as T;
      pool[i] = picked;
    }
    return pool.slice(0, count);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const swap = out[i] as T;
      out[i] = out[j] as T;
      out[j] = swap;
    }
    return out;
  }

  fork(label: string): Rng {
    return new XoshiroRng(`${this.label}/${label}`);
  }
}

/** The root stream of a run. `seed` is what the user passes as `--seed` (or the fresh one). */
export function createRng(seed: number | string): Rng {
  return new XoshiroRng(`simsim:${String(seed)}`);
}

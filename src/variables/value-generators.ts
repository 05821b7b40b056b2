import type { Rng } from '../base/random/rng.ts';
import type { VarFunction } from '../model/function-syntax.ts';
import type { VarValue } from '../model/value-text.ts';

/** Yields a variable's value list for each conversation in turn; keeps its position across them. */
export interface ValueGenerator {
  next(): VarValue[];
}

/**
 * Sensei's per-variable generators for default(), random(...) and another(...). Each is
 * created once per profile with its own random stream.
 */
export function createValueGenerator(
  fn: Exclude<VarFunction, { kind: 'forward' } | { kind: 'pairwise' }>,
  values: readonly VarValue[],
  rng: Rng,
): ValueGenerator {
  switch (fn.kind) {
    case 'default':
      return { next: () => values.slice() };
    case 'random': {
      const count = fn.count;
      if (count === undefined) return { next: () => [rng.choice(values)] };
      if (count === 'rand') return { next: () => rng.sample(values, rng.int(1, values.length)) };
      return { next: () => rng.sample(values, Math.min(count, values.length)) };
    }
    case 'another': {
      // Shuffle, hand out slices of `size`, reshuffle when the pass is used up (the last slice may be short).
      const size = fn.count ?? 1;
      let pass: VarValue[] = [];
      let position = 0;
      return {
        next: () => {
          if (position >= pass.length) {
            pass = rng.shuffle(values);
            position = 0;
          }
          const slice = pass.slice(position, position + size);
          position += size;
          return slice;
        },
      };
    }
  }
}

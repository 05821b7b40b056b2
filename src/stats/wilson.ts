import { assertCount } from './binomial.ts';

/** The two-sided 95% normal quantile, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * The Wilson score interval of a proportion: unlike the plain normal interval it stays inside
 * [0, 1] and is not empty at 0 or n successes, which matters for the few trials a run plays.
 * Undefined for n = 0 (no trials, no estimate).
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | undefined {
  assertCount(successes, 'successes');
  assertCount(trials, 'trials');
  if (successes > trials) throw new RangeError(`successes (${successes}) cannot exceed trials (${trials})`);
  if (trials === 0) return undefined;
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp the rounding dust at the ends: at s = 0 the low bound is exactly 0, at s = n the high is 1.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

import { assertCount, bigRatio, binomial, gcd } from './binomial.ts';

/** A probability as an exact fraction in lowest terms, with its value as a double. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
  readonly value: number;
}

export function fraction(numerator: bigint, denominator: bigint): Fraction {
  const divisor = numerator === 0n ? denominator : gcd(numerator, denominator);
  const num = numerator / divisor;
  const den = denominator / divisor;
  return { numerator: num, denominator: den, value: bigRatio(num, den) };
}

export interface PassHatK {
  readonly k: number;
  /** The chance that k trials drawn without replacement from the n played all passed. */
  readonly value: number;
  readonly exact: Fraction;
}

function checkTrials(successes: number, trials: number): void {
  assertCount(successes, 'successes');
  assertCount(trials, 'trials');
  if (successes > trials) throw new RangeError(`successes (${successes}) cannot exceed trials (${trials})`);
}

/**
 * pass^k = C(s, k) / C(n, k): the unbiased estimate, from s successes in n trials, of the chance
 * that k fresh trials all pass (the estimator of tau2-bench). 0 once k > s; 1 at k = 0.
 */
export function passHatK(successes: number, trials: number, k: number): PassHatK {
  checkTrials(successes, trials);
  assertCount(k, 'k');
  if (k > trials) throw new RangeError(`k (${k}) cannot exceed the number of trials (${trials})`);
  const exact = fraction(binomial(successes, k), binomial(trials, k));
  return { k, value: exact.value, exact };
}

/** pass^k for every k from 1 to n (empty when n = 0). */
export function passHatKCurve(successes: number, trials: number): PassHatK[] {
  checkTrials(successes, trials);
  const curve: PassHatK[] = [];
  for (let k = 1; k <= trials; k++) curve.push(passHatK(successes, trials, k));
  return curve;
}

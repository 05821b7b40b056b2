import { assertCount, bigRatio, binomial } from './binomial.ts';

export interface McNemarResult {
  /** Pairs that passed in the first run and failed in the second (regressions). */
  readonly b: number;
  /** Pairs that failed in the first run and passed in the second (fixes). */
  readonly c: number;
  /** Two-sided exact p-value; 1 when there is no discordant pair. */
  readonly pValue: number;
}

/**
 * The exact McNemar test: under "no change" each of the n = b + c discordant pairs is a fair
 * coin, so the two-sided p-value is 2·P(X <= min(b, c)) for X ~ Binomial(n, 1/2), capped at 1.
 * Computed exactly with bigints (Σ C(n, i) / 2ⁿ). The mid-p variant is not used: the plain exact
 * test never flags more often than alpha says, which is what a CI gate needs.
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  assertCount(b, 'b');
  assertCount(c, 'c');
  const n = b + c;
  if (n === 0) return { b, c, pValue: 1 };
  const low = Math.min(b, c);
  let tail = 0n;
  for (let i = 0; i <= low; i++) tail += binomial(n, i);
  const pValue = Math.min(1, bigRatio(2n * tail, 1n << BigInt(n)));
  return { b, c, pValue };
}

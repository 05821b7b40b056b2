import { describe, expect, it } from 'vitest';
import {
  BINARY_LABELS,
  VERDICT_LABELS,
  binomial,
  classifyTrials,
  cohenKappa,
  mcnemarExact,
  passHatK,
  passHatKCurve,
  summarizeOutcomes,
  wilsonInterval,
} from './index.ts';

describe('binomial', () => {
  it('is exact, also far past the range of doubles', () => {
    expect(binomial(5, 2)).toBe(10n);
    expect(binomial(10, 0)).toBe(1n);
    expect(binomial(3, 5)).toBe(0n);
    expect(binomial(60, 30)).toBe(118264581564861424n);
    expect(binomial(2000, 1000).toString(2).length).toBeGreaterThan(1990);
  });

  it('refuses what is not a count', () => {
    expect(() => binomial(-1, 0)).toThrow(RangeError);
    expect(() => binomial(2.5, 1)).toThrow(RangeError);
  });
});

describe('pass^k = C(s,k) / C(n,k)', () => {
  it('3 passes out of 5 trials', () => {
    // k=1: 3/5; k=2: C(3,2)/C(5,2) = 3/10; k=3: 1/10; k=4, k=5: C(3,k) = 0.
    const curve = passHatKCurve(3, 5);
    expect(curve.map((p) => p.k)).toEqual([1, 2, 3, 4, 5]);
    expect(curve.map((p) => p.value)).toEqual([0.6, 0.3, 0.1, 0, 0]);
    expect(curve.map((p) => `${p.exact.numerator}/${p.exact.denominator}`)).toEqual([
      '3/5',
      '3/10',
      '1/10',
      '0/1',
      '0/1',
    ]);
  });

  it('all passes give 1 for every k, none give 0', () => {
    expect(passHatKCurve(4, 4).map((p) => p.value)).toEqual([1, 1, 1, 1]);
    expect(passHatKCurve(0, 3).map((p) => p.value)).toEqual([0, 0, 0]);
    expect(passHatKCurve(0, 0)).toEqual([]);
  });

  it('stays exact when the binomials do not fit a double', () => {
    // C(n-1, k) / C(n, k) = (n - k) / n, so 1999 of 2000 at k = 1000 is exactly 1/2.
    const half = passHatK(1999, 2000, 1000);
    expect(half.value).toBe(0.5);
    expect(half.exact).toMatchObject({ numerator: 1n, denominator: 2n });
    // C(8, 4) / C(10, 4) = 70 / 210 = 1/3.
    expect(passHatK(8, 10, 4).exact).toMatchObject({ numerator: 1n, denominator: 3n });
  });

  it('refuses impossible counts', () => {
    expect(() => passHatK(6, 5, 1)).toThrow(RangeError);
    expect(() => passHatK(3, 5, 6)).toThrow(RangeError);
  });
});

describe('Wilson 95% score interval', () => {
  // centre = (p + z²/2n) / (1 + z²/n), half = z / (1 + z²/n) · √(p(1-p)/n + z²/4n²), z = 1.95996.
  it('8 of 10: centre 0.7167, half-width 0.2266', () => {
    const interval = wilsonInterval(8, 10);
    expect(interval?.low).toBeCloseTo(0.4902, 4);
    expect(interval?.high).toBeCloseTo(0.9433, 4);
  });

  it('0 of 10 and 10 of 10 are not empty and stay in [0, 1]', () => {
    expect(wilsonInterval(0, 10)?.low).toBe(0);
    expect(wilsonInterval(0, 10)?.high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)?.low).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(10, 10)?.high).toBe(1);
  });

  it('1 of 1: (0.2065, 1); no trials: no interval', () => {
    expect(wilsonInterval(1, 1)?.low).toBeCloseTo(0.2065, 4);
    expect(wilsonInterval(0, 0)).toBeUndefined();
  });
});

describe('trial classification', () => {
  it('all_pass, flaky, all_fail', () => {
    expect(classifyTrials(3, 3)).toBe('all_pass');
    expect(classifyTrials(1, 3)).toBe('flaky');
    expect(classifyTrials(0, 3)).toBe('all_fail');
    expect(classifyTrials(0, 0)).toBeUndefined();
  });

  it('summarizes a list of outcomes', () => {
    const summary = summarizeOutcomes([true, false, true, true]);
    expect(summary).toMatchObject({ successes: 3, trials: 4, passRate: 0.75, classification: 'flaky' });
    expect(summary.passHatK.map((p) => p.value)).toEqual([0.75, 0.5, 0.25, 0]);
  });
});

describe('exact McNemar test', () => {
  it('computes 2 · P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2)', () => {
    expect(mcnemarExact(5, 0).pValue).toBe(2 / 32);
    expect(mcnemarExact(6, 1).pValue).toBe((2 * (1 + 7)) / 128);
    // n = 12: (C(12,0) + C(12,1) + C(12,2)) = 1 + 12 + 66 = 79; p = 2 · 79 / 4096.
    expect(mcnemarExact(10, 2).pValue).toBe(158 / 4096);
    expect(mcnemarExact(2, 10).pValue).toBe(158 / 4096);
  });

  it('is 1 without discordant pairs, and capped at 1 when b = c', () => {
    expect(mcnemarExact(0, 0).pValue).toBe(1);
    expect(mcnemarExact(3, 3).pValue).toBe(1);
    expect(mcnemarExact(1000, 1000).pValue).toBe(1);
  });

  it('handles thousands of pairs', () => {
    // 2 · (1 + 1500) / 2^1500 underflows to 0 as a double: nothing in between is lost to NaN or Infinity.
    expect(mcnemarExact(1500, 1).pValue).toBe(0);
    const p = mcnemarExact(540, 460).pValue;
    expect(p).toBeGreaterThan(0.01);
    expect(p).toBeLessThan(0.02);
  });
});

describe("Cohen's kappa", () => {
  it('binary: 35 of 50 agree, chance 0.5, kappa 0.4', () => {
    const pairs = [
      ...Array.from({ length: 20 }, () => ({ reference: 'passed', rated: 'passed' }) as const),
      ...Array.from({ length: 5 }, () => ({ reference: 'passed', rated: 'failed' }) as const),
      ...Array.from({ length: 10 }, () => ({ reference: 'failed', rated: 'passed' }) as const),
      ...Array.from({ length: 15 }, () => ({ reference: 'failed', rated: 'failed' }) as const),
    ];
    const result = cohenKappa(pairs, BINARY_LABELS);
    expect(result.matrix).toEqual([
      [20, 5],
      [10, 15],
    ]);
    expect(result.observed).toBe(0.7);
    // rows 25/25, columns 30/20: 0.5·0.6 + 0.5·0.4 = 0.5.
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it('three labels', () => {
    // reference x rated: passed→passed 4, passed→inconclusive 1, failed→failed 3, inconclusive→failed 1, inconclusive→inconclusive 1.
    const pairs = [
      ...Array.from({ length: 4 }, () => ({ reference: 'passed', rated: 'passed' }) as const),
      { reference: 'passed', rated: 'inconclusive' } as const,
      ...Array.from({ length: 3 }, () => ({ reference: 'failed', rated: 'failed' }) as const),
      { reference: 'inconclusive', rated: 'failed' } as const,
      { reference: 'inconclusive', rated: 'inconclusive' } as const,
    ];
    const result = cohenKappa(pairs, VERDICT_LABELS);
    expect(result.matrix).toEqual([
      [4, 0, 1],
      [0, 3, 0],
      [0, 1, 1],
    ]);
    // po = 8/10; rows 5,3,2; columns 4,4,2: pe = (5·4 + 3·4 + 2·2) / 100 = 0.36; kappa = 0.44 / 0.64 = 0.6875.
    expect(result.observed).toBe(0.8);
    expect(result.expected).toBeCloseTo(0.36, 12);
    expect(result.kappa).toBeCloseTo(0.6875, 12);
  });

  it('perfect agreement is 1; opposite labels below 0', () => {
    expect(
      cohenKappa(
        [
          { reference: 'passed', rated: 'passed' },
          { reference: 'failed', rated: 'failed' },
        ],
        BINARY_LABELS,
      ).kappa,
    ).toBe(1);
    expect(
      cohenKappa(
        [
          { reference: 'passed', rated: 'failed' },
          { reference: 'failed', rated: 'passed' },
        ],
        BINARY_LABELS,
      ).kappa,
    ).toBe(-1);
  });

  it('is undefined, with the reason, when every label is the same, or nothing was labelled', () => {
    const same = cohenKappa(
      [
        { reference: 'passed', rated: 'passed' },
        { reference: 'passed', rated: 'passed' },
      ],
      BINARY_LABELS,
    );
    expect(same).toMatchObject({
      observed: 1,
      expected: 1,
      kappa: undefined,
      undefinedReason: 'both raters labelled every item "passed"',
    });
    expect(cohenKappa([], BINARY_LABELS)).toMatchObject({
      n: 0,
      observed: undefined,
      kappa: undefined,
      undefinedReason: 'no labelled items',
    });
  });

  it('refuses a label outside the set', () => {
    expect(() => cohenKappa([{ reference: 'passed', rated: 'inconclusive' as 'passed' }], BINARY_LABELS)).toThrow(
      /not one of passed, failed/,
    );
  });
});

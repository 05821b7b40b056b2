import { describe, expect, it } from 'vitest';
import { distribution, histogram, histogramBins, ValueCounts } from './profile-stats.ts';

/** What the report computed before it counted values: the sorted list of every value. */
function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.ceil(pos)] ?? a;
  return a + (b - a) * (pos - lo);
}

function listDistribution(values: readonly number[]) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    median: quantileOfSorted(sorted, 0.5),
    p90: quantileOfSorted(sorted, 0.9),
    max: sorted[sorted.length - 1] ?? 0,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

/** A small seeded generator, so a failure can be replayed. */
function numbers(seed: number, count: number, distinct: number): number[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () => Math.round(next() * distinct) / 1000 + (next() < 0.01 ? 40 : 0));
}

describe('ValueCounts', () => {
  it('gives the same distribution as the sorted list of every value, bit for bit', () => {
    for (const [seed, count, distinct] of [
      [1, 1, 5],
      [2, 2, 5],
      [3, 7, 3],
      [4, 1000, 50],
      [5, 5000, 4000],
      [6, 333, 100_000],
    ] as const) {
      const values = numbers(seed, count, distinct);
      const counted = ValueCounts.of(values);
      expect(counted.size).toBe(values.length);
      const want = listDistribution(values);
      const got = distribution(counted);
      for (const key of ['count', 'min', 'median', 'p90', 'max', 'mean'] as const)
        expect(Object.is(got?.[key], want?.[key]), `${key} of ${count} values (seed ${seed})`).toBe(true);
    }
    expect(distribution(new ValueCounts())).toBeNull();
  });

  it('gives the same histogram bins and counts as the list, merged from parts in any order', () => {
    const parts = [numbers(7, 800, 300), numbers(8, 1200, 2000), numbers(9, 5, 10)];
    const all = parts.flat();
    const merged = new ValueCounts();
    for (const part of [...parts].reverse()) merged.addAll(ValueCounts.of(part));
    const bins = histogramBins(merged);
    expect(bins).toEqual(histogramBins(all));
    for (const part of parts) expect(histogram(ValueCounts.of(part), bins)).toEqual(histogram(part, bins));
  });

  it('holds each distinct value once however many times it comes', () => {
    const counts = new ValueCounts();
    for (let i = 0; i < 100_000; i++) counts.add((i % 250) / 1000);
    expect(counts.size).toBe(100_000);
    expect([...counts.entries()]).toHaveLength(250);
    expect(counts.max).toBe(0.249);
  });
});

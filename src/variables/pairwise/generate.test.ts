import { describe, expect, it } from 'vitest';
import { createRng } from '../../base/random/rng.ts';
import { aetg } from './aetg.ts';
import { binaryCoveringArray, orthogonalArray } from './constructions.ts';
import { pairwiseRows } from './generate.ts';
import { ipog } from './ipog.ts';
import { countMissingPairs } from './pair-space.ts';

const spec = (text: string) =>
  text.split(' ').flatMap((token) => {
    const [v, k] = token.split('^').map(Number);
    return Array<number>(k ?? 1).fill(v ?? 1);
  });

/** Independent, exhaustive check: every pair of values of every two columns appears in some row. */
function coversAllPairs(levels: readonly number[], rows: readonly (readonly number[])[]): boolean {
  for (const row of rows) {
    if (row.length !== levels.length) return false;
    for (const [c, x] of row.entries()) if (!Number.isInteger(x) || x < 0 || x >= (levels[c] ?? 0)) return false;
  }
  for (let a = 0; a < levels.length; a++) {
    for (let b = a + 1; b < levels.length; b++) {
      const seen = new Set(rows.map((row) => `${row[a]},${row[b]}`));
      if (seen.size !== (levels[a] ?? 0) * (levels[b] ?? 0)) return false;
    }
  }
  return true;
}

describe('pairwise rows', () => {
  it('cover every pair on many random small models, for every algorithm', () => {
    const rng = createRng('pairwise-test');
    for (let i = 0; i < 150; i++) {
      const levels = Array.from({ length: rng.int(2, 9) }, () => rng.int(1, 7));
      const sorted = [...levels].sort((a, b) => b - a);
      expect(coversAllPairs(levels, pairwiseRows(levels)), `model ${levels.join(' ')}`).toBe(true);
      expect(coversAllPairs(sorted, ipog(sorted, rng.fork(`i${i}`))), `ipog ${sorted.join(' ')}`).toBe(true);
      expect(coversAllPairs(sorted, aetg(sorted, rng.fork(`a${i}`), 5)), `aetg ${sorted.join(' ')}`).toBe(true);
    }
  });

  it.each([
    ['3^4', 9],
    ['3^13', 18],
    ['4^15 3^17 2^29', 37],
    ['4^1 3^39 2^35', 27],
    ['2^100', 15],
    ['10^20', 200],
    ['5^10', 46],
    ['6^10', 64],
  ])('%s: covers every pair in at most %i rows (PICT published size, or pict-wasm for 5^10/6^10)', (model, limit) => {
    const levels = spec(model);
    const rows = pairwiseRows(levels);
    expect(coversAllPairs(levels, rows)).toBe(true);
    expect(countMissingPairs(levels, rows)).toBe(0);
    expect(rows.length).toBeLessThanOrEqual(limit);
  });

  it('reaches the lower bound on chatbot-sized models', () => {
    for (const [model, bound] of [
      ['2^3', 4],
      ['3^3', 9],
      ['4^2 3^2', 16],
      ['5^1 4^1 3^2 2^2', 20],
      ['6^2 4^2 2^3', 36],
    ] as const) {
      const rows = pairwiseRows(spec(model));
      expect(coversAllPairs(spec(model), rows)).toBe(true);
      expect(rows.length, model).toBe(bound);
    }
  });

  it('keeps parameters in the given order even when they are not sorted', () => {
    const levels = [2, 5, 3];
    const rows = pairwiseRows(levels);
    expect(coversAllPairs(levels, rows)).toBe(true);
    expect(rows.length).toBe(15);
  });

  it('is deterministic, and the seed only changes which valid rows come out', () => {
    const levels = spec('4^3 3^4 2^2');
    expect(pairwiseRows(levels)).toEqual(pairwiseRows(levels));
    const other = pairwiseRows(levels, { seed: 99 });
    expect(coversAllPairs(levels, other)).toBe(true);
  });

  it('lists the values of a single parameter and nothing for none', () => {
    expect(pairwiseRows([3])).toEqual([[0], [1], [2]]);
    expect(pairwiseRows([])).toEqual([]);
    expect(() => pairwiseRows([2, 0])).toThrow(RangeError);
  });

  it('builds the algebraic constructions correctly', () => {
    expect(coversAllPairs(spec('5^6'), orthogonalArray(spec('5^6')) ?? [])).toBe(true);
    expect(orthogonalArray(spec('5^6'))).toHaveLength(25);
    expect(orthogonalArray(spec('3^13'))).toBeUndefined();
    for (const k of [2, 3, 10, 35, 100, 127])
      expect(coversAllPairs(spec(`2^${k}`), binaryCoveringArray(k)), `2^${k}`).toBe(true);
    expect(binaryCoveringArray(100)).toHaveLength(10);
  });
});

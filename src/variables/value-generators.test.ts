import { describe, expect, it } from 'vitest';
import { createRng } from '../base/random/rng.ts';
import { createValueGenerator } from './value-generators.ts';

const DATA = ['a', 'b', 'c', 'd', 'e'];
const take = (n: number, next: () => unknown[]) => Array.from({ length: n }, next);

describe('default(), random(...) and another(...) generators (§5.2)', () => {
  it('default() gives the whole list every time', () => {
    const g = createValueGenerator({ kind: 'default' }, DATA, createRng(1));
    expect(take(3, () => g.next())).toEqual([DATA, DATA, DATA]);
  });

  it('random() gives one value, with replacement', () => {
    const g = createValueGenerator({ kind: 'random', count: undefined }, DATA, createRng(1));
    const picks = take(200, () => g.next());
    for (const p of picks) expect(p).toHaveLength(1);
    expect(new Set(picks.map((p) => p[0])).size).toBe(5);
  });

  it('random(n) gives min(n, len) distinct values', () => {
    const g = createValueGenerator({ kind: 'random', count: 3 }, DATA, createRng(2));
    for (const p of take(50, () => g.next())) expect(new Set(p).size).toBe(3);
    const big = createValueGenerator({ kind: 'random', count: 9 }, DATA, createRng(2));
    expect([...big.next()].sort()).toEqual(DATA);
  });

  it('random(rand) gives between 1 and len distinct values', () => {
    const g = createValueGenerator({ kind: 'random', count: 'rand' }, DATA, createRng(3));
    const sizes = new Set<number>();
    for (const p of take(300, () => g.next())) {
      expect(new Set(p).size).toBe(p.length);
      sizes.add(p.length);
    }
    expect([...sizes].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('another() hands out each value once per pass, then reshuffles', () => {
    const g = createValueGenerator({ kind: 'another', count: undefined }, DATA, createRng(4));
    const picks = take(15, () => g.next()).map((p) => p[0]);
    for (let pass = 0; pass < 3; pass++) expect([...picks.slice(pass * 5, pass * 5 + 5)].sort()).toEqual(DATA);
  });

  it('another(n) hands out slices of n, the last one of a pass shorter', () => {
    const g = createValueGenerator({ kind: 'another', count: 2 }, DATA, createRng(5));
    const picks = take(6, () => g.next());
    expect(picks.map((p) => p.length)).toEqual([2, 2, 1, 2, 2, 1]);
    expect(picks.slice(0, 3).flat().sort()).toEqual(DATA);
    expect(picks.slice(3).flat().sort()).toEqual(DATA);
  });
});

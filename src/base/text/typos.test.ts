import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.ts';
import { addTypos } from './typos.ts';

const SENTENCE = 'I would like a small margarita pizza with mushrooms and two cans of Sprite, please.';

function wordDiffs(a: string, b: string): number {
  const x = a.split(' ');
  const y = b.split(' ');
  return x.filter((word, i) => word !== y[i]).length;
}

describe('addTypos', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const first = addTypos(SENTENCE, createRng(1));
    expect(addTypos(SENTENCE, createRng(1))).toBe(first);
    expect(first).not.toBe(SENTENCE);
    const others = [2, 3, 4, 5].map((seed) => addTypos(SENTENCE, createRng(seed)));
    expect(others.some((text) => text !== first)).toBe(true);
  });

  it('keeps the text readable: a few words changed, each by one edit, first letters kept', () => {
    for (let seed = 0; seed < 50; seed++) {
      const out = addTypos(SENTENCE, createRng(seed));
      const changed = wordDiffs(SENTENCE, out);
      expect(changed).toBeGreaterThanOrEqual(1);
      expect(changed).toBeLessThanOrEqual(8);
      expect(out.split(' ').map((w) => w[0])).toEqual(SENTENCE.split(' ').map((w) => w[0]));
      expect(Math.abs(out.length - SENTENCE.length)).toBeLessThanOrEqual(changed);
    }
  });

  it('never touches numbers, prices, e-mails, links or protected phrases', () => {
    const text =
      'Please confirm order 3dbb3f for $15.50 to jon@example.com, see https://pizza.example/menu now. Margarita pizza';
    for (let seed = 0; seed < 30; seed++) {
      const out = addTypos(text, createRng(seed), { rate: 1, protect: ['margarita pizza'] });
      for (const kept of ['3dbb3f', '$15.50', 'jon@example.com,', 'https://pizza.example/menu', 'Margarita pizza'])
        expect(out).toContain(kept);
    }
  });

  it('uses keyboard neighbours for substitutions', () => {
    const out = addTypos('aaaa', createRng(7), { rate: 1 });
    expect(out).toMatch(/^a[aqwszx]*$/);
  });

  it('adds more typos at a higher rate, and none when there is nothing to change', () => {
    const count = (rate: number) =>
      Array.from({ length: 20 }, (_, s) => wordDiffs(SENTENCE, addTypos(SENTENCE, createRng(s), { rate }))).reduce(
        (a, b) => a + b,
        0,
      );
    expect(count(0.8)).toBeGreaterThan(count(0.1));
    expect(addTypos('12 to 3, ok', createRng(1))).toBe('12 to 3, ok');
    expect(addTypos('', createRng(1))).toBe('');
  });

  it('keeps the case of the letter it replaces and handles accented words', () => {
    const out = addTypos('QUESO CHAMPIÑONES', createRng(3), { rate: 1 });
    expect(out).toBe(out.toUpperCase());
    expect(out).not.toBe('QUESO CHAMPIÑONES');
  });
});

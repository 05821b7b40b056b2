import { describe, expect, it } from 'vitest';
import { wordErrorRate } from './word-error-rate.ts';

describe('word error rate', () => {
  it('counts substitutions, deletions and insertions over the words said, ignoring case and punctuation', () => {
    expect(wordErrorRate('Your order is confirmed.', 'your order is confirmed')).toBe(0);
    expect(
      wordErrorRate('We have small, medium and large pizzas.', 'we have small medium and large pizza'),
    ).toBeCloseTo(1 / 7);
    expect(wordErrorRate('the total is twelve euros', 'total is twelve')).toBeCloseTo(2 / 5);
    expect(wordErrorRate('hello', 'hello there you')).toBe(2);
    expect(wordErrorRate('', '')).toBe(0);
  });
});

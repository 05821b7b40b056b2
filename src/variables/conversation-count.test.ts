import { describe, expect, it } from 'vitest';
import { conversationCount } from './conversation-count.ts';
import { parseConversationNumber } from '../model/conversation-number.ts';
import { roundHalfEven } from './round-half-even.ts';

const count = (raw: unknown, forward: number, pairwise: number) => {
  const parsed = parseConversationNumber(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return conversationCount(parsed.value, { forward, forwardSource: 'chain a × b', pairwise });
};

describe('conversation.number (§7)', () => {
  it("rounds half to even like Python's round()", () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4999, 2.5001, 4.5, -0.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3, 4, 0]);
  });

  it('uses an int as is', () => {
    expect(count(4, 9, 0)).toEqual({ count: 4, explanation: 'conversation.number is 4' });
  });

  it('combinations takes the larger of forward and pairwise', () => {
    expect(count('combinations', 9, 11).count).toBe(11);
    expect(count('combinations', 9, 0).count).toBe(9);
    expect(count('all_combinations', 9, 4).count).toBe(9);
    expect(count('combinations', 9, 11).explanation).toBe(
      'combinations: the larger of forward() combinations 9 (chain a × b) and pairwise() rows 11 = 11',
    );
  });

  it('combinations(f) multiplies and rounds half to even', () => {
    expect(count('combinations(0.5)', 9, 0).count).toBe(4);
    expect(count('combinations(0.5)', 11, 0).count).toBe(6);
    expect(count('combinations(2)', 9, 0).count).toBe(18);
    expect(count('combinations(0.5)', 9, 0).explanation).toMatch(/× 0.5 = 4.5, rounded half to even = 4$/);
    expect(count('sample(0.5)', 5, 0).count).toBe(2);
  });

  it('combinations(f, forward|pairwise) and combinations(forward) pick one source (fix 1)', () => {
    expect(count('combinations(1, forward)', 9, 11).count).toBe(9);
    expect(count('combinations(0.5, pairwise)', 9, 11).count).toBe(6);
    expect(count('combinations(forward)', 9, 11).count).toBe(9);
    expect(count('combinations(pairwise)', 9, 11).count).toBe(11);
  });

  it('refuses combinations when there are none', () => {
    expect(() => count('combinations', 0, 0)).toThrow(/there are none/);
    expect(() => count('combinations(1, pairwise)', 9, 0)).toThrow(/there are none/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseConversationNumber } from './conversation-number.ts';

describe('parseConversationNumber', () => {
  it.each([
    [3, { kind: 'fixed', count: 3 }],
    [0, { kind: 'fixed', count: 0 }],
    ['5', { kind: 'fixed', count: 5 }],
    ['combinations', { kind: 'combinations', factor: 1, source: 'max' }],
    ['all_combinations', { kind: 'combinations', factor: 1, source: 'max' }],
    ['combinations(0.5)', { kind: 'combinations', factor: 0.5, source: 'max' }],
    ['combinations(2, forward)', { kind: 'combinations', factor: 2, source: 'forward' }],
    ['combinations(1.5,pairwise)', { kind: 'combinations', factor: 1.5, source: 'pairwise' }],
    ['combinations(forward)', { kind: 'combinations', factor: 1, source: 'forward' }],
    ['combinations(pairwise)', { kind: 'combinations', factor: 1, source: 'pairwise' }],
    ['sample(0.2)', { kind: 'combinations', factor: 0.2, source: 'max' }],
    ['  combinations  ', { kind: 'combinations', factor: 1, source: 'max' }],
  ])('parses %j', (raw, value) => {
    expect(parseConversationNumber(raw)).toMatchObject({ ok: true, value });
  });

  it.each([-1, 2.5, 'sample(x)', 'combinations(0)', 'combinations(2, random)', 'combinatons', 'sample()', true])(
    'rejects %j with the forms it accepts',
    (raw) => {
      const parsed = parseConversationNumber(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.hint).toContain('sample(0.2)');
    },
  );
});

import { describe, expect, it } from 'vitest';
import { goalPhrase, substitute, type Substitution } from './goal-text.ts';

const subs = new Map<string, Substitution>([
  ['size', { list: ['small'] }],
  ['toppings', { list: ['cheese', 'ham'] }],
  ['cans', { value: 2 }],
  ['flag', { value: true }],
]);

describe('substitution and the goal phrase (§5.5)', () => {
  it("replaces every occurrence, joining lists with ', '", () => {
    expect(substitute('a {{size}} pizza with {{toppings}}, {{size}}', subs)).toBe(
      'a small pizza with cheese, ham, small',
    );
    expect(substitute('{{cans}} cans, {{ size }}, {{flag}}', subs)).toBe('2 cans, small, True');
  });

  it('leaves unknown placeholders as they are', () => {
    expect(substitute('{{unknown}} and {{size}}', subs)).toBe('{{unknown}} and small');
    expect(substitute('{{not valid}}', subs)).toBe('{{not valid}}');
  });

  it('uses one sentence as is, and joins several after "please, ask about"', () => {
    expect(goalPhrase([])).toBe('');
    expect(goalPhrase(['a pizza'])).toBe('a pizza');
    expect(goalPhrase(['a pizza', 'a drink'])).toBe('please, ask about a pizza and a drink');
    expect(goalPhrase(['a', 'b', 'c'])).toBe('please, ask about a, b and c');
  });
});

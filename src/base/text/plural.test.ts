import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it('agrees the noun with the count', () => {
    expect(plural(1, 'profile')).toBe('1 profile');
    expect(plural(0, 'profile')).toBe('0 profiles');
    expect(plural(2, 'missing output')).toBe('2 missing outputs');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
});

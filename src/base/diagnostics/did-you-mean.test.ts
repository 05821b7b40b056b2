import { describe, expect, it } from 'vitest';
import { closest } from './did-you-mean.ts';

describe('closest', () => {
  it.each([
    ['goal', ['goals', 'role'], 'goals'],
    ['flaot', ['float', 'int'], 'float'],
    ['Englsh', ['English', 'Spanish'], 'English'],
    ['random_steps', ['random steps', 'steps'], 'random steps'],
    ['formal', ['formal-user', 'rude-user'], 'formal-user'],
    ['xyz', ['goals', 'role'], undefined],
    ['', ['a'], undefined],
  ])('%s -> %s', (input, candidates, expected) => {
    expect(closest(input, candidates)).toBe(expected);
  });
});

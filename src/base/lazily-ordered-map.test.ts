import { describe, expect, it } from 'vitest';
import { LazilyOrderedMap } from './lazily-ordered-map.ts';

describe('a lazily ordered map', () => {
  it('answers lookups without working out the order, and works it out once to go through it', () => {
    let asked = 0;
    const map = new LazilyOrderedMap(
      new Map([
        ['b', 2],
        ['a', 1],
      ]),
      () => {
        asked++;
        return new Map([
          ['a', 1],
          ['b', 2],
        ]);
      },
    );
    expect([map.get('a'), map.get('c'), map.has('b'), map.has('c'), map.size]).toEqual([1, undefined, true, false, 2]);
    expect(asked).toBe(0);
    expect([...map.keys()]).toEqual(['a', 'b']);
    expect([...map.values()]).toEqual([1, 2]);
    expect([...map.entries()]).toEqual([...map]);
    const seen: string[] = [];
    map.forEach((value, key, self) => seen.push(`${key}=${value}:${self === map}`));
    expect(seen).toEqual(['a=1:true', 'b=2:true']);
    expect(asked).toBe(1);
  });
});

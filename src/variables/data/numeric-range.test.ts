import { describe, expect, it } from 'vitest';
import { arange, linspace, rangeWithMax } from './numeric-range.ts';

describe("Sensei's numeric ranges", () => {
  it('appends max after arange, as Sensei does', () => {
    expect(rangeWithMax(1, 6, 2)).toEqual([1, 3, 5, 6]);
    expect(rangeWithMax(1, 3, 1)).toEqual([1, 2, 3]);
    expect(rangeWithMax(5, 5, 1)).toEqual([5]);
    expect(rangeWithMax(0, 1, 0.25)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('excludes max in an int range without step', () => {
    expect(arange(1, 4)).toEqual([1, 2, 3]);
    expect(arange(4, 1)).toEqual([]);
    expect(() => arange(0, 1, 0)).toThrow(RangeError);
  });

  it('fills float steps like numpy (start + i * delta), keeping float noise', () => {
    expect(arange(0, 1, 0.1)).toHaveLength(10);
    expect(arange(0, 0.35, 0.1)[3]).toBe(0.30000000000000004);
  });

  it('spaces linspace values evenly, both ends included', () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 3, 1)).toEqual([2]);
    expect(linspace(2, 3, 0)).toEqual([]);
    expect(linspace(0, 1, 3)[2]).toBe(1);
  });
});

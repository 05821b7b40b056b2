import { describe, expect, it } from 'vitest';
import { pythonFloat } from './python-float.ts';

describe('pythonFloat prints like Python repr(float)', () => {
  it.each([
    [5.64e-5, '5.64e-05'],
    [0, '0.0'],
    [4.4699999999999996e-5, '4.4699999999999996e-05'],
    [3e-6, '3e-06'],
    [0.0001, '0.0001'],
    [0.00012, '0.00012'],
    [1.5, '1.5'],
    [2, '2.0'],
    [123.456, '123.456'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [-0.25, '-0.25'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('%d -> %s', (value, text) => {
    expect(pythonFloat(value)).toBe(text);
  });
});

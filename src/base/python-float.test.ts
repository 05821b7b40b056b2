import { describe, expect, it } from 'vitest';
import { pythonFloat, pyyamlFloat, roundTo } from './python-float.ts';

describe('pyyamlFloat', () => {
  it('writes floats the way Python repr and PyYAML do', () => {
    const cases: [number, string][] = [
      [0, '0.0'],
      [1, '1.0'],
      [12.5, '12.5'],
      [0.0005841, '0.0005841'],
      [0.0001, '0.0001'],
      [5.64e-5, '5.64e-05'],
      [1e-7, '1.0e-07'],
      [1234567.25, '1234567.25'],
      [1e16, '1.0e+16'],
      [-2.5, '-2.5'],
      [NaN, '.nan'],
      [Infinity, '.inf'],
      [-Infinity, '-.inf'],
    ];
    for (const [value, text] of cases) expect(pyyamlFloat(value), String(value)).toBe(text);
  });

  it('rounds report figures', () => {
    expect(roundTo(13.2381394, 6)).toBe(13.238139);
    expect(roundTo(0.000584104, 8)).toBe(0.0005841);
  });
});

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
    [-2.5e-10, '-2.5e-10'],
    [1e-100, '1e-100'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [-0.25, '-0.25'],
    [0.1 + 0.2, '0.30000000000000004'],
    // Exact halfway values: the shortest digits, as repr prints them, not rounded half up.
    [1234567.00048828125, '1234567.0004882812'],
    [31213623310.6640625, '31213623310.664062'],
    [9999999999999998, '9999999999999998.0'],
  ])('%d -> %s', (value, text) => {
    expect(pythonFloat(value)).toBe(text);
  });
});

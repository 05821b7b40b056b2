import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, roundTo } from './python-float.ts';

describe('pythonFloatRepr', () => {
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
    for (const [value, text] of cases) expect(pythonFloatRepr(value), String(value)).toBe(text);
  });

  it('rounds report figures', () => {
    expect(roundTo(13.2381394, 6)).toBe(13.238139);
    expect(roundTo(0.000584104, 8)).toBe(0.0005841);
  });
});

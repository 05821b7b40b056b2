import { asciiDigits } from '../expression/conversions.ts';
import { shortTypeName, typeError, type PyValue } from '../expression/values.ts';
import { defineHelper } from './define.ts';

// Python's \d matches every Unicode decimal digit.
const THOUSANDS_COMMA = /(?<=\p{Nd}),(?=\p{Nd})/gu;
const NUMBER = /[-+]?\p{Nd}*\.\p{Nd}+|\p{Nd}+/u;

/**
 * Sensei's `extract_float(s)`, exactly: commas between two digits are removed (so `1,5` is 15
 * and `12,50 €` is 1250.0), then the first `[-+]?\d*\.\d+|\d+` is read as a float, so a sign
 * is kept only on numbers with a dot (`-5` gives 5.0). No number: None. Not a str: TypeError.
 */
export function extractFloat(value: PyValue): number | null {
  if (typeof value !== 'string') throw typeError(`expected string or bytes-like object, got '${shortTypeName(value)}'`);
  const match = NUMBER.exec(value.replace(THOUSANDS_COMMA, ''));
  return match ? Number(asciiDigits(match[0])) : null;
}

export const EXTRACT_FLOAT = defineHelper('extract_float', [{ name: 'string' }], ([s]) => extractFloat(s ?? null));

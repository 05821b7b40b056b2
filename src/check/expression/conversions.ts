import { bits, LimitExceeded, type Budget } from './budget.ts';
import { pyRepr } from './repr.ts';
import {
  isInt,
  PyBytes,
  PyDict,
  PyException,
  PyIterator,
  PyList,
  PyRange,
  PySet,
  PyTuple,
  shortTypeName,
  toBigInt,
  typeError,
  valueError,
  type PyValue,
} from './values.ts';

const HAS_ASTRAL = /[\uD800-\uDFFF]/;

/** Python counts code points, JavaScript UTF-16 units: the same unless the text has astral characters. */
export function codePoints(text: string): string[] {
  return HAS_ASTRAL.test(text) ? [...text] : text.split('');
}

/** `text[from:to]` in code points, without splitting the whole text when it has no astral characters. */
export function codePointSlice(text: string, from: number, to: number): string {
  return HAS_ASTRAL.test(text) ? [...text].slice(from, to).join('') : text.slice(from, to);
}

export function strLength(text: string): number {
  return HAS_ASTRAL.test(text) ? [...text].length : text.length;
}

/** `for x in value`: lists, tuples, str (characters), dict (keys), sets, ranges, generators. */
export function* iterate(value: PyValue, budget?: Budget): Generator<PyValue> {
  if (typeof value === 'string') {
    for (const char of codePoints(value)) {
      budget?.step();
      yield char;
    }
    return;
  }
  if (value instanceof PyList || value instanceof PyTuple) {
    // A snapshot: a list changed while it is walked behaves as in Python closely enough here.
    for (const item of value.items) {
      budget?.step();
      yield item;
    }
    return;
  }
  if (value instanceof PyDict) {
    for (const key of value.keys()) {
      budget?.step();
      yield key;
    }
    return;
  }
  if (value instanceof PySet) {
    for (const item of value.items) {
      budget?.step();
      yield item;
    }
    return;
  }
  if (value instanceof PyRange) {
    const { start, stop, step } = value;
    // Each next int of `range(2 ** 100000, 0, -1)` is an addition on 1,500 words.
    const words = budget ? Math.max(bits(start), bits(stop), bits(step)) / 64 : 0;
    for (let i = start; step > 0n ? i < stop : i > stop; i += step) {
      if (words > 1) budget?.charge(words);
      budget?.step();
      yield i;
    }
    return;
  }
  if (value instanceof PyIterator) {
    for (let next = value.source.next(); !next.done; next = value.source.next()) {
      budget?.step();
      yield next.value;
    }
    return;
  }
  if (value instanceof PyBytes) {
    for (const byte of value.data) yield BigInt(byte);
    return;
  }
  throw typeError(`'${shortTypeName(value)}' object is not iterable`);
}

export function toList(value: PyValue, budget?: Budget): PyValue[] {
  const out: PyValue[] = [];
  for (const item of iterate(value, budget)) {
    out.push(item);
    if (budget && out.length > budget.limits.maxSize) budget.size(out.length);
  }
  return out;
}

export function pyLen(value: PyValue): bigint {
  if (typeof value === 'string') return BigInt(strLength(value));
  if (value instanceof PyList || value instanceof PyTuple) return BigInt(value.items.length);
  if (value instanceof PyDict) return BigInt(value.size);
  if (value instanceof PySet) return BigInt(value.entries.size);
  if (value instanceof PyBytes) return BigInt(value.data.length);
  if (value instanceof PyRange) return value.length;
  throw typeError(`object of type '${shortTypeName(value)}' has no len()`);
}

const INT_TEXT = /^[-+]?(?:\d(?:_?\d)*)$/;
// Each digit can match one way only: `\d*\.?\d+` splits a run of digits anywhere, and backtracks
// quadratically over a long string that turns out not to be a float.
const FLOAT_TEXT =
  /^[-+]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][-+]?\d(?:_?\d)*)?|inf(?:inity)?|nan)$/i;

/** CPython's default `sys.get_int_max_str_digits()`: decimal conversion is quadratic past it. */
const MAX_STR_DIGITS = 4300;

function checkStrDigits(body: string): void {
  const digits = body.replace(/[-+_]/g, '').length;
  if (digits > MAX_STR_DIGITS)
    throw valueError(
      `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
}

/** Unicode decimal digits (Arabic-Indic, full-width ...) as ASCII, as Python's int() and float() read them. */
export function asciiDigits(text: string): string {
  return text.replace(/[^\P{Nd}0-9]/gu, (digit) => {
    const code = digit.codePointAt(0) ?? 48;
    let zero = code;
    // Decimal digits come in runs of ten consecutive code points; walk back to the run's zero.
    while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1)) && code - zero < 9) zero--;
    return String((code - zero) % 10);
  });
}

function stripPy(text: string): string {
  // eslint-disable-next-line no-control-regex -- Python's str.strip() also strips the file/group/record/unit separators
  return text.replace(/^[\s\u001c-\u001f\u0085]+|[\s\u001c-\u001f\u0085]+$/gu, '');
}

export function toInt(value: PyValue, base?: bigint, budget?: Budget): bigint {
  if (isInt(value)) return toBigInt(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw valueError('cannot convert float NaN to integer');
    if (!Number.isFinite(value)) throw new PyException('OverflowError', 'cannot convert float infinity to integer');
    return BigInt(Math.trunc(value));
  }
  if (typeof value === 'string') {
    const text = asciiDigits(stripPy(value));
    if (base !== undefined && base !== 10n) {
      const radix = Number(base);
      const body = text
        .replace(/^[-+]/, '')
        .replace(/^0[xob]/i, '')
        .replaceAll('_', '');
      const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
      if (body !== '' && [...body.toLowerCase()].every((c) => digits.includes(c))) {
        const bitsPerDigit = Math.log2(radix);
        if (!Number.isInteger(bitsPerDigit)) checkStrDigits(body);
        else if (budget && body.length * bitsPerDigit > budget.limits.maxIntBits)
          throw new LimitExceeded(`the expression built an int of more than ${budget.limits.maxIntBits} bits`);
        const prefix = radix === 2 ? '0b' : radix === 8 ? '0o' : radix === 16 ? '0x' : undefined;
        if (prefix !== undefined) {
          const n = BigInt(prefix + body);
          return text.startsWith('-') ? -n : n;
        }
        let n = 0n;
        for (const c of body.toLowerCase()) n = n * base + BigInt(digits.indexOf(c));
        return text.startsWith('-') ? -n : n;
      }
    } else if (INT_TEXT.test(text)) {
      checkStrDigits(text);
      return BigInt(text.replaceAll('_', ''));
    }
    throw valueError(`invalid literal for int() with base ${base ?? 10n}: ${pyRepr(value)}`);
  }
  throw typeError(
    `int() argument must be a string, a bytes-like object or a real number, not '${shortTypeName(value)}'`,
  );
}

export function toFloat(value: PyValue): number {
  if (typeof value === 'number') return value;
  if (isInt(value)) {
    const f = Number(toBigInt(value));
    if (!Number.isFinite(f)) throw new PyException('OverflowError', 'int too large to convert to float');
    return f;
  }
  if (typeof value === 'string') {
    const text = asciiDigits(stripPy(value));
    if (FLOAT_TEXT.test(text)) {
      const lower = text.toLowerCase().replaceAll('_', '');
      if (lower.endsWith('nan')) return NaN;
      if (lower.includes('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
      return Number(lower);
    }
    throw valueError(`could not convert string to float: ${pyRepr(value)}`);
  }
  throw typeError(`float() argument must be a string or a real number, not '${shortTypeName(value)}'`);
}

/** An index argument (`x[i]`, `range(n)`): ints and bools only. */
export function toIndex(value: PyValue, what: string): bigint {
  if (isInt(value)) return toBigInt(value);
  throw typeError(`${what} must be integers or slices, not ${shortTypeName(value)}`);
}

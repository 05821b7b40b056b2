import { pyRepr } from './repr.ts';
import {
  hashKey,
  isInt,
  isNumber,
  PyDate,
  PyDateTime,
  PyDict,
  PyException,
  PyList,
  PyNamespace,
  PyRange,
  PySet,
  PyTuple,
  shortTypeName,
  toBigInt,
  typeError,
  type PyValue,
} from './values.ts';
import type { Budget } from './budget.ts';

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

/** Compares an int with a float exactly, as Python does (no rounding of big ints). */
function compareIntFloat(a: bigint, b: number): number {
  if (Number.isNaN(b)) return NaN;
  if (b === Infinity) return -1;
  if (b === -Infinity) return 1;
  const floor = Math.floor(b);
  const fb = BigInt(floor);
  if (a < fb) return -1;
  if (a > fb) return 1;
  return floor === b ? 0 : -1;
}

/** -1, 0, 1 for numbers (NaN when unordered). */
function compareNumbers(a: bigint | boolean | number, b: bigint | boolean | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === 'number') return -compareIntFloat(toBigInt(b as bigint | boolean), a);
  if (typeof b === 'number') return compareIntFloat(toBigInt(a), b);
  const x = toBigInt(a);
  const y = toBigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function dateOrdinal(date: PyDate): number {
  return date.year * 10000 + date.month * 100 + date.day;
}

function dateTimeKey(value: PyDateTime): number {
  const local =
    Date.UTC(value.date.year, value.date.month - 1, value.date.day, value.hour, value.minute, value.second) * 1000 +
    value.microsecond;
  return local - (value.offsetMinutes ?? 0) * 60_000_000;
}

export function pyEquals(a: PyValue, b: PyValue, budget?: Budget, depth = 0): boolean {
  if (depth > 200) throw new PyException('RecursionError', 'maximum recursion depth exceeded in comparison');
  budget?.step();
  if (a === null || b === null) return a === b;
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) === 0;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a instanceof PyList && b instanceof PyList) return sequenceEquals(a.items, b.items, budget, depth);
  if (a instanceof PyTuple && b instanceof PyTuple) return sequenceEquals(a.items, b.items, budget, depth);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    for (const [hash, entry] of a.entries) {
      const other = b.entries.get(hash);
      if (!other || !pyEquals(entry.value, other.value, budget, depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet)
    return a.entries.size === b.entries.size && [...a.entries.keys()].every((k) => b.entries.has(k));
  if (a instanceof PyDate && b instanceof PyDate) return dateOrdinal(a) === dateOrdinal(b);
  if (a instanceof PyDateTime && b instanceof PyDateTime) {
    if ((a.offsetMinutes === null) !== (b.offsetMinutes === null)) return false;
    return dateTimeKey(a) === dateTimeKey(b);
  }
  if (a instanceof PyNamespace && b instanceof PyNamespace) {
    if (a.attrs.size !== b.attrs.size) return false;
    for (const [key, value] of a.attrs) {
      if (!b.attrs.has(key) || !pyEquals(value, b.attrs.get(key) ?? null, budget, depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof PyRange && b instanceof PyRange) return hashKey(a) === hashKey(b);
  return a === b;
}

function sequenceEquals(
  a: readonly PyValue[],
  b: readonly PyValue[],
  budget: Budget | undefined,
  depth: number,
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!pyEquals(a[i] ?? null, b[i] ?? null, budget, depth + 1)) return false;
  return true;
}

function unorderable(op: string, a: PyValue, b: PyValue): PyException {
  return typeError(`'${op}' not supported between instances of '${shortTypeName(a)}' and '${shortTypeName(b)}'`);
}

/** Three-way comparison for `<` and friends; NaN when the values are unordered (float nan). */
function order(op: string, a: PyValue, b: PyValue, budget: Budget | undefined): number {
  budget?.step();
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const x = a.items;
    const y = b.items;
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (!pyEquals(x[i] ?? null, y[i] ?? null, budget)) return order(op, x[i] ?? null, y[i] ?? null, budget);
    }
    return x.length - y.length;
  }
  if (a instanceof PyDate && b instanceof PyDate) return Math.sign(dateOrdinal(a) - dateOrdinal(b));
  if (a instanceof PyDateTime && b instanceof PyDateTime) {
    if ((a.offsetMinutes === null) !== (b.offsetMinutes === null))
      throw typeError("can't compare offset-naive and offset-aware datetimes");
    return Math.sign(dateTimeKey(a) - dateTimeKey(b));
  }
  throw unorderable(op, a, b);
}

function setCompare(op: CompareOperator, a: PySet, b: PySet): boolean {
  const subset = (x: PySet, y: PySet) => [...x.entries.keys()].every((k) => y.entries.has(k));
  switch (op) {
    case '<':
      return a.entries.size < b.entries.size && subset(a, b);
    case '<=':
      return subset(a, b);
    case '>':
      return b.entries.size < a.entries.size && subset(b, a);
    default:
      return subset(b, a);
  }
}

/** `needle in haystack`: substring for str, hash lookup for dict/set, equality scan otherwise. */
export function pyContains(
  haystack: PyValue,
  needle: PyValue,
  budget: Budget | undefined,
  iterate: (v: PyValue) => Iterable<PyValue>,
): boolean {
  if (typeof haystack === 'string') {
    if (typeof needle !== 'string')
      throw typeError(`'in <string>' requires string as left operand, not ${shortTypeName(needle)}`);
    budget?.charge(haystack.length / 64);
    return haystack.includes(needle);
  }
  if (haystack instanceof PyDict) return haystack.has(needle);
  if (haystack instanceof PySet) return haystack.has(needle);
  if (haystack instanceof PyRange) {
    if (!isNumber(needle)) return false;
    if (typeof needle === 'number' && !Number.isInteger(needle)) return false;
    const n = typeof needle === 'number' ? BigInt(needle) : toBigInt(needle);
    const { start, stop, step } = haystack;
    const inside = step > 0n ? n >= start && n < stop : n <= start && n > stop;
    return inside && (n - start) % step === 0n;
  }
  if (haystack instanceof PyList || haystack instanceof PyTuple) {
    for (const item of haystack.items) if (needle === item || pyEquals(item, needle, budget)) return true;
    return false;
  }
  if (
    haystack === null ||
    isNumber(haystack) ||
    haystack instanceof PyNamespace ||
    haystack instanceof PyDate ||
    haystack instanceof PyDateTime
  ) {
    throw typeError(`argument of type '${shortTypeName(haystack)}' is not iterable`);
  }
  for (const item of iterate(haystack)) if (pyEquals(item, needle, budget)) return true;
  return false;
}

/** `is`: identity for objects; values (None, bools, numbers, strings) are compared as CPython's caches make them look. */
export function pyIs(a: PyValue, b: PyValue): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  return a === b;
}

export function compare(
  op: CompareOperator,
  a: PyValue,
  b: PyValue,
  budget: Budget | undefined,
  iterate: (v: PyValue) => Iterable<PyValue>,
): boolean {
  switch (op) {
    case '==':
      return pyEquals(a, b, budget);
    case '!=':
      return !pyEquals(a, b, budget);
    case 'in':
      return pyContains(b, a, budget, iterate);
    case 'not in':
      return !pyContains(b, a, budget, iterate);
    case 'is':
      return pyIs(a, b);
    case 'is not':
      return !pyIs(a, b);
  }
  if (a instanceof PySet && b instanceof PySet) return setCompare(op, a, b);
  const c = order(op, a, b, budget);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function asFloat(value: bigint | boolean | number): number {
  if (typeof value === 'number') return value;
  const n = toBigInt(value);
  const f = Number(n);
  if (!Number.isFinite(f)) throw new PyException('OverflowError', 'int too large to convert to float');
  return f;
}

function floorDivInt(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function modInt(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

function modFloat(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

const zeroDivision = (message: string) => new PyException('ZeroDivisionError', message);

function unsupported(op: string, a: PyValue, b: PyValue): PyException {
  return typeError(`unsupported operand type(s) for ${op}: '${shortTypeName(a)}' and '${shortTypeName(b)}'`);
}

function repeat<T>(items: readonly T[], times: bigint, budget: Budget | undefined): T[] {
  const n = times < 0n ? 0 : Number(times);
  budget?.size(items.length * n);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(...items);
  return out;
}

function arithmeticInts(op: BinaryOperator, x: bigint, y: bigint, budget: Budget | undefined): PyValue {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      budget?.intSize(x, y);
      return x * y;
    case '/':
      if (y === 0n) throw zeroDivision('division by zero');
      return asFloat(x) / asFloat(y);
    case '//':
      if (y === 0n) throw zeroDivision('integer division or modulo by zero');
      return floorDivInt(x, y);
    case '%':
      if (y === 0n) throw zeroDivision('integer modulo by zero');
      return modInt(x, y);
    case '**':
      if (y < 0n) {
        if (x === 0n) throw zeroDivision('0.0 cannot be raised to a negative power');
        return asFloat(x) ** asFloat(y);
      }
      budget?.power(x, y);
      return x ** y;
    case '<<':
      if (y < 0n) throw valueErrorShift();
      budget?.power(2n, y);
      return x << y;
    case '>>':
      if (y < 0n) throw valueErrorShift();
      return x >> y;
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    default:
      throw typeError(`unsupported operand type(s) for ${op}: 'int' and 'int'`);
  }
}

const valueErrorShift = () => new PyException('ValueError', 'negative shift count');

function arithmeticFloats(op: BinaryOperator, x: number, y: number): PyValue {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw zeroDivision('float division by zero');
      return x / y;
    case '//':
      if (y === 0) throw zeroDivision('float floor division by zero');
      return Math.floor(x / y);
    case '%':
      if (y === 0) throw zeroDivision('float modulo');
      return modFloat(x, y);
    case '**':
      if (x === 0 && y < 0) throw zeroDivision('0.0 cannot be raised to a negative power');
      if (x < 0 && !Number.isInteger(y)) throw new PyException('ValueError', 'complex results are not supported');
      return x ** y;
    default:
      throw typeError(`unsupported operand type(s) for ${op}: 'float' and 'float'`);
  }
}

export function binary(
  op: BinaryOperator,
  a: PyValue,
  b: PyValue,
  budget: Budget | undefined,
  formatPercent: (format: string, args: PyValue) => string,
): PyValue {
  budget?.step();
  if (isInt(a) && isInt(b)) {
    if (typeof a === 'boolean' && typeof b === 'boolean' && (op === '&' || op === '|' || op === '^')) {
      return op === '&' ? a && b : op === '|' ? a || b : a !== b;
    }
    return arithmeticInts(op, toBigInt(a), toBigInt(b), budget);
  }
  if (isNumber(a) && isNumber(b)) {
    if (['<<', '>>', '&', '|', '^', '@'].includes(op)) throw unsupported(op, a, b);
    return arithmeticFloats(op, asFloat(a), asFloat(b));
  }
  if (op === '+') {
    if (typeof a === 'string' && typeof b === 'string') {
      budget?.size(a.length + b.length);
      return a + b;
    }
    if (a instanceof PyList && b instanceof PyList) {
      budget?.size(a.items.length + b.items.length);
      return new PyList([...a.items, ...b.items]);
    }
    if (a instanceof PyTuple && b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
    if (typeof a === 'string' || typeof b === 'string') {
      const other = typeof a === 'string' ? b : a;
      throw typeError(
        typeof a === 'string'
          ? `can only concatenate str (not "${shortTypeName(other)}") to str`
          : `unsupported operand type(s) for +: '${shortTypeName(a)}' and 'str'`,
      );
    }
    if (a instanceof PyList) throw typeError(`can only concatenate list (not "${shortTypeName(b)}") to list`);
  }
  if (op === '*') {
    const seq = isInt(a) ? b : a;
    const times = isInt(a) ? a : b;
    if (isInt(times)) {
      const n = toBigInt(times);
      if (typeof seq === 'string') {
        budget?.size(seq.length * Math.max(0, Number(n)));
        return n <= 0n ? '' : seq.repeat(Number(n));
      }
      if (seq instanceof PyList) return new PyList(repeat(seq.items, n, budget));
      if (seq instanceof PyTuple) return new PyTuple(repeat(seq.items, n, budget));
    }
  }
  if (op === '%' && typeof a === 'string') return formatPercent(a, b);
  if (op === '-' && a instanceof PySet && b instanceof PySet) return new PySet(a.items.filter((x) => !b.has(x)));
  if (op === '&' && a instanceof PySet && b instanceof PySet) return new PySet(a.items.filter((x) => b.has(x)));
  if (op === '|' && a instanceof PySet && b instanceof PySet) return new PySet([...a.items, ...b.items]);
  if (op === '|' && a instanceof PyDict && b instanceof PyDict) return PyDict.of([...a.items(), ...b.items()]);
  throw unsupported(op, a, b);
}

export function unary(op: '-' | '+' | '~', value: PyValue): PyValue {
  if (isInt(value)) {
    const n = toBigInt(value);
    return op === '-' ? -n : op === '+' ? n : ~n;
  }
  if (typeof value === 'number' && op !== '~') return op === '-' ? -value : value;
  throw typeError(`bad operand type for unary ${op}: '${shortTypeName(value)}'`);
}

/** For messages: `KeyError: 'x'` shows the key's repr, like Python. */
export function keyErrorFor(key: PyValue): PyException {
  return new PyException('KeyError', pyRepr(key));
}

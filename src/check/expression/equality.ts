import {
  hashKey,
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
  toBigInt,
  type PyValue,
} from './values.ts';
import type { Budget } from './budget.ts';

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
export function compareNumbers(a: bigint | boolean | number, b: bigint | boolean | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === 'number') return -compareIntFloat(toBigInt(b as bigint | boolean), a);
  if (typeof b === 'number') return compareIntFloat(toBigInt(a), b);
  const x = toBigInt(a);
  const y = toBigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The keys of dates and datetimes, shared with ordering (comparisons.ts) so that `==` and `<` agree. */
export function dateOrdinal(date: PyDate): number {
  return date.year * 10000 + date.month * 100 + date.day;
}

export function dateTimeKey(value: PyDateTime): number {
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
  if (a instanceof PySet && b instanceof PySet) {
    budget?.charge(a.entries.size);
    return a.entries.size === b.entries.size && [...a.entries.keys()].every((k) => b.entries.has(k));
  }
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

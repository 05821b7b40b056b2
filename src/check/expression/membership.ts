import { pyEquals } from './equality.ts';
import {
  isNumber,
  PyDate,
  PyDateTime,
  PyDict,
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

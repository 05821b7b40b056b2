import { compareNumbers, dateOrdinal, dateTimeKey, pyEquals } from './equality.ts';
import { pyContains } from './membership.ts';
import {
  isNumber,
  PyDate,
  PyDateTime,
  type PyException,
  PyList,
  PySet,
  PyTuple,
  shortTypeName,
  typeError,
  type PyValue,
} from './values.ts';
import type { Budget } from './budget.ts';

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

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
  if (a instanceof PySet && b instanceof PySet) {
    budget?.charge(a.entries.size);
    return setCompare(op, a, b);
  }
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

import { bits, type Budget } from './budget.ts';
import { iterate, pyLen, toFloat, toIndex, toInt, toList } from './conversions.ts';
import { fixedPoint, percentFormat, pyFormat } from './format.ts';
import { attribute, hasAttribute } from './methods.ts';
import { binary } from './arithmetic.ts';
import { compare } from './comparisons.ts';
import { pyRepr, pyStr } from './repr.ts';
import {
  isInt,
  isNumber,
  PyDict,
  PyException,
  PyFunction,
  PyIterator,
  PyList,
  PyRange,
  PySet,
  PyTuple,
  shortTypeName,
  toBigInt,
  truthy,
  typeError,
  valueError,
  type CallArgs,
  type CallContext,
  type PyValue,
} from './values.ts';

type Builtin = (args: CallArgs, budget: Budget, context: CallContext) => PyValue;

/** One item of each source a row, read lazily, until the shortest source ends: `zip` and `map` walk alike. */
function* lockstep(sources: readonly Iterator<PyValue>[]): Generator<PyValue[]> {
  if (sources.length === 0) return;
  for (;;) {
    const row: PyValue[] = [];
    for (const source of sources) {
      const next = source.next();
      if (next.done) return;
      row.push(next.value);
    }
    yield row;
  }
}

function expect(name: string, args: CallArgs, min: number, max: number, keywords: readonly string[] = []): void {
  const n = args.positional.length;
  if (n < min || n > max) {
    const what = min === max ? `exactly ${min}` : n < min ? `at least ${min}` : `at most ${max}`;
    throw typeError(`${name}() takes ${what} argument${(n < min ? min : max) === 1 ? '' : 's'} (${n} given)`);
  }
  for (const key of args.keywords.keys()) {
    if (!keywords.includes(key)) throw typeError(`${name}() got an unexpected keyword argument '${key}'`);
  }
}

const arg = (args: CallArgs, index: number): PyValue => args.positional[index] ?? null;

function lessThan(a: PyValue, b: PyValue, budget: Budget): boolean {
  return compare('<', a, b, budget, (v) => iterate(v, budget));
}

function callKey(key: PyValue | undefined, value: PyValue, context: CallContext): PyValue {
  if (key === undefined || key === null) return value;
  if (!(key instanceof PyFunction)) throw typeError(`'${shortTypeName(key)}' object is not callable`);
  return key.call({ positional: [value], keywords: new Map() }, context);
}

/** A stable merge sort that compares with Python's `<` (so mixed types raise TypeError). */
function sortValues(items: PyValue[], keys: PyValue[], budget: Budget, reverse: boolean): PyValue[] {
  const order = items.map((_, i) => i);
  const before = (i: number, j: number) =>
    reverse ? lessThan(keys[j] ?? null, keys[i] ?? null, budget) : lessThan(keys[i] ?? null, keys[j] ?? null, budget);
  const merge = (list: number[]): number[] => {
    if (list.length <= 1) return list;
    const mid = list.length >> 1;
    const left = merge(list.slice(0, mid));
    const right = merge(list.slice(mid));
    const out: number[] = [];
    let a = 0;
    let b = 0;
    while (a < left.length && b < right.length) {
      budget.step();
      if (before(right[b] as number, left[a] as number)) out.push(right[b++] as number);
      else out.push(left[a++] as number);
    }
    return out.concat(left.slice(a), right.slice(b));
  };
  return merge(order).map((i) => items[i] ?? null);
}

function extreme(name: 'min' | 'max', args: CallArgs, budget: Budget, context: CallContext): PyValue {
  expect(name, args, 1, Number.MAX_SAFE_INTEGER, ['key', 'default']);
  const items = args.positional.length === 1 ? toList(arg(args, 0), budget) : [...args.positional];
  if (items.length === 0) {
    if (args.keywords.has('default')) return args.keywords.get('default') ?? null;
    throw valueError(`${name}() iterable argument is empty`);
  }
  const key = args.keywords.get('key');
  let best = items[0] ?? null;
  let bestKey = callKey(key, best, context);
  for (const item of items.slice(1)) {
    const k = callKey(key, item, context);
    if (name === 'min' ? lessThan(k, bestKey, budget) : lessThan(bestKey, k, budget)) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

/** Python's round(): ties to even, on the exact binary value. */
function pyRound(value: PyValue, digits: PyValue | undefined): PyValue {
  if (digits === undefined || digits === null) {
    if (isInt(value)) return toBigInt(value);
    if (typeof value !== 'number') throw typeError(`type ${shortTypeName(value)} doesn't define __round__ method`);
    if (!Number.isFinite(value))
      throw Number.isNaN(value)
        ? valueError('cannot convert float NaN to integer')
        : new PyException('OverflowError', 'cannot convert float infinity to integer');
    return BigInt(fixedPoint(value, 0));
  }
  const n = Number(toIndex(digits, 'ndigits'));
  if (isInt(value)) {
    const v = toBigInt(value);
    if (n >= 0) return v;
    // 10 ** -n past every digit of v rounds it to 0, without building that power of ten.
    if (-n > bits(v)) return 0n;
    const unit = 10n ** BigInt(-n);
    const q = v / unit;
    const r = v - q * unit;
    const twice = (r < 0n ? -r : r) * 2n;
    const up = twice > unit || (twice === unit && q % 2n !== 0n);
    return (up ? q + (v < 0n ? -1n : 1n) : q) * unit;
  }
  if (typeof value !== 'number') throw typeError(`type ${shortTypeName(value)} doesn't define __round__ method`);
  if (!Number.isFinite(value) || n > 308) return value;
  if (n >= 0) return Number(fixedPoint(value, n));
  // 10 ** 309 is infinity as a float, and the value over it rounds to a zero of the value's sign.
  if (n < -308) return value * 0;
  const unit = 10 ** -n;
  return Number(fixedPoint(value / unit, 0)) * unit;
}

function sum(args: CallArgs, budget: Budget): PyValue {
  expect('sum', args, 1, 2, ['start']);
  let total: PyValue = args.positional[1] ?? args.keywords.get('start') ?? 0n;
  if (typeof total === 'string') throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
  for (const item of iterate(arg(args, 0), budget)) total = binary('+', total, item, budget, percentFormat);
  return total;
}

function rangeOf(args: CallArgs, budget: Budget): PyRange {
  expect('range', args, 1, 3);
  const ints = args.positional.map((v) => toIndex(v, "'range' arguments"));
  const [start, stop, step] =
    ints.length === 1 ? [0n, ints[0] ?? 0n, 1n] : [ints[0] ?? 0n, ints[1] ?? 0n, ints[2] ?? 1n];
  if (step === 0n) throw valueError('range() arg 3 must not be zero');
  const range = new PyRange(start, stop, step);
  budget.step();
  return range;
}

function dictOf(args: CallArgs, budget: Budget): PyDict {
  const dict = new PyDict();
  const source = args.positional[0];
  if (source instanceof PyDict) {
    budget.charge(source.size);
    for (const [k, v] of source.items()) dict.set(k, v);
  } else if (source !== undefined) {
    for (const pair of iterate(source, budget)) {
      const items = toList(pair, budget);
      if (items.length !== 2)
        throw valueError(`dictionary update sequence element has length ${items.length}; 2 is required`);
      dict.set(items[0] ?? null, items[1] ?? null);
    }
  }
  for (const [k, v] of args.keywords) dict.set(k, v);
  return dict;
}

const BUILTINS: Record<string, Builtin> = {
  len: (args) => {
    expect('len', args, 1, 1);
    return pyLen(arg(args, 0));
  },
  str: (args) => {
    expect('str', args, 0, 1);
    return args.positional.length === 0 ? '' : pyStr(arg(args, 0));
  },
  repr: (args) => {
    expect('repr', args, 1, 1);
    return pyRepr(arg(args, 0));
  },
  int: (args, budget) => {
    expect('int', args, 0, 2, ['base']);
    if (args.positional.length === 0) return 0n;
    const base = args.positional[1] ?? args.keywords.get('base');
    return toInt(arg(args, 0), base === undefined ? undefined : toIndex(base, 'base'), budget);
  },
  float: (args) => {
    expect('float', args, 0, 1);
    return args.positional.length === 0 ? 0 : toFloat(arg(args, 0));
  },
  bool: (args) => {
    expect('bool', args, 0, 1);
    return truthy(arg(args, 0));
  },
  abs: (args) => {
    expect('abs', args, 1, 1);
    const value = arg(args, 0);
    if (isInt(value)) {
      const n = toBigInt(value);
      return n < 0n ? -n : n;
    }
    if (typeof value === 'number') return Math.abs(value);
    throw typeError(`bad operand type for abs(): '${shortTypeName(value)}'`);
  },
  hasattr: (args) => {
    expect('hasattr', args, 2, 2);
    const name = arg(args, 1);
    if (typeof name !== 'string') throw typeError('hasattr(): attribute name must be string');
    return hasAttribute(arg(args, 0), name);
  },
  getattr: (args, budget) => {
    expect('getattr', args, 2, 3);
    const name = arg(args, 1);
    if (typeof name !== 'string') throw typeError('getattr(): attribute name must be string');
    if (args.positional.length === 3 && !hasAttribute(arg(args, 0), name)) return arg(args, 2);
    return attribute(arg(args, 0), name, budget);
  },
  all: (args, budget) => {
    expect('all', args, 1, 1);
    for (const item of iterate(arg(args, 0), budget)) if (!truthy(item)) return false;
    return true;
  },
  any: (args, budget) => {
    expect('any', args, 1, 1);
    for (const item of iterate(arg(args, 0), budget)) if (truthy(item)) return true;
    return false;
  },
  min: (args, budget, context) => extreme('min', args, budget, context),
  max: (args, budget, context) => extreme('max', args, budget, context),
  sum,
  round: (args) => {
    expect('round', args, 1, 2, ['ndigits']);
    return pyRound(arg(args, 0), args.positional[1] ?? args.keywords.get('ndigits'));
  },
  sorted: (args, budget, context) => {
    expect('sorted', args, 1, 1, ['key', 'reverse']);
    const items = toList(arg(args, 0), budget);
    const key = args.keywords.get('key');
    const keys = items.map((item) => callKey(key, item, context));
    return new PyList(sortValues(items, keys, budget, truthy(args.keywords.get('reverse') ?? false)));
  },
  reversed: (args, budget) => {
    expect('reversed', args, 1, 1);
    const value = arg(args, 0);
    if (value instanceof PySet || value instanceof PyIterator)
      throw typeError(`'${shortTypeName(value)}' object is not reversible`);
    return new PyIterator(toList(value, budget).reverse()[Symbol.iterator](), 'list_reverseiterator');
  },
  list: (args, budget) => {
    expect('list', args, 0, 1);
    return new PyList(args.positional.length === 0 ? [] : toList(arg(args, 0), budget));
  },
  tuple: (args, budget) => {
    expect('tuple', args, 0, 1);
    return new PyTuple(args.positional.length === 0 ? [] : toList(arg(args, 0), budget));
  },
  set: (args, budget) => {
    expect('set', args, 0, 1);
    return new PySet(args.positional.length === 0 ? [] : toList(arg(args, 0), budget));
  },
  frozenset: (args, budget) => {
    expect('frozenset', args, 0, 1);
    return new PySet(args.positional.length === 0 ? [] : toList(arg(args, 0), budget), true);
  },
  dict: (args, budget) => {
    expect('dict', args, 0, 1, [...args.keywords.keys()]);
    return dictOf(args, budget);
  },
  range: rangeOf,
  enumerate: (args, budget) => {
    expect('enumerate', args, 1, 2, ['start']);
    let index = toIndex(args.positional[1] ?? args.keywords.get('start') ?? 0n, 'start');
    const source = iterate(arg(args, 0), budget);
    return new PyIterator(
      (function* () {
        for (const item of source) yield new PyTuple([index++, item]);
      })(),
      'enumerate',
    );
  },
  zip: (args, budget) => {
    expect('zip', args, 0, Number.MAX_SAFE_INTEGER, ['strict']);
    const sources = args.positional.map((a) => iterate(a, budget));
    return new PyIterator(
      (function* () {
        for (const row of lockstep(sources)) yield new PyTuple(row);
      })(),
      'zip',
    );
  },
  map: (args, budget, context) => {
    expect('map', args, 2, Number.MAX_SAFE_INTEGER);
    const fn = arg(args, 0);
    if (!(fn instanceof PyFunction)) throw typeError(`'${shortTypeName(fn)}' object is not callable`);
    const sources = args.positional.slice(1).map((a) => iterate(a, budget));
    return new PyIterator(
      (function* () {
        for (const row of lockstep(sources)) yield fn.call({ positional: row, keywords: new Map() }, context);
      })(),
      'map',
    );
  },
  filter: (args, budget, context) => {
    expect('filter', args, 2, 2);
    const fn = arg(args, 0);
    const source = iterate(arg(args, 1), budget);
    return new PyIterator(
      (function* () {
        for (const item of source) {
          const keep =
            fn === null
              ? truthy(item)
              : fn instanceof PyFunction
                ? truthy(fn.call({ positional: [item], keywords: new Map() }, context))
                : false;
          if (keep) yield item;
        }
      })(),
      'filter',
    );
  },
  format: (args) => {
    expect('format', args, 1, 2);
    const spec = arg(args, 1);
    return pyFormat(arg(args, 0), typeof spec === 'string' ? spec : '');
  },
  isinstance: () => {
    throw typeError('isinstance() is not available in rules; compare values instead');
  },
  divmod: (args, budget) => {
    expect('divmod', args, 2, 2);
    const [a, b] = [arg(args, 0), arg(args, 1)];
    if (!isNumber(a) || !isNumber(b))
      throw typeError(`unsupported operand type(s) for divmod(): '${shortTypeName(a)}' and '${shortTypeName(b)}'`);
    return new PyTuple([binary('//', a, b, budget, percentFormat), binary('%', a, b, budget, percentFormat)]);
  },
  pow: (args, budget) => {
    expect('pow', args, 2, 2);
    return binary('**', arg(args, 0), arg(args, 1), budget, percentFormat);
  },
};

/** The Python builtins rules may call. */
export const BUILTIN_FUNCTIONS: ReadonlyMap<string, PyFunction> = new Map(
  Object.entries(BUILTINS).map(([name, fn]) => [
    name,
    new PyFunction(name, (args, context) => fn(args, context.budget, context)),
  ]),
);

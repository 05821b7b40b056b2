import {
  isInt,
  isNumber,
  PyDict,
  PyException,
  PyList,
  PySet,
  PyTuple,
  shortTypeName,
  toBigInt,
  typeError,
  type PyValue,
} from './values.ts';
import { bits, type Budget } from './budget.ts';

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';

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
  if (times <= 0n) return [];
  const n = Number(times);
  budget?.items(items.length * n);
  // Filled by index, up to the result's size: `push(...items)` passes every item as an argument,
  // which overflows the stack for a list of a million, and a loop over `times` would run 2 ** 70
  // times for `[] * 2 ** 70`.
  const out = new Array<T>(items.length * n);
  for (let i = 0; i < out.length; i++) out[i] = items[i % items.length] as T;
  return out;
}

const WORD = 1n << 64n;

function arithmeticInts(op: BinaryOperator, x: bigint, y: bigint, budget: Budget | undefined): PyValue {
  // Work on big ints is proportional to their words; one step each would let 2 ** 100000 be
  // divided a million times.
  if (budget && (x >= WORD || x <= -WORD || y >= WORD || y <= -WORD)) budget.charge((bits(x) + bits(y)) / 64);
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
      if (x === 0n) return 0n;
      budget?.power(2n, y);
      budget?.intSize(x, 1n << y);
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
      budget?.items(a.items.length + b.items.length);
      return new PyList(a.items.concat(b.items));
    }
    if (a instanceof PyTuple && b instanceof PyTuple) {
      budget?.items(a.items.length + b.items.length);
      return new PyTuple(a.items.concat(b.items));
    }
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
  if (a instanceof PySet && b instanceof PySet) budget?.charge(a.entries.size + b.entries.size);
  if (a instanceof PyDict && b instanceof PyDict) budget?.charge(a.size + b.size);
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

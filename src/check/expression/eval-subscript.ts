import type { Expr, SliceExpr } from './ast.ts';
import type { Budget } from './budget.ts';
import { codePoints, strLength, toIndex } from './conversions.ts';
import { pyRepr } from './repr.ts';
import type { Scope, Walker } from './scope.ts';
import {
  PyBytes,
  PyDict,
  PyException,
  PyFunction,
  PyList,
  PyRange,
  PyTuple,
  shortTypeName,
  typeError,
  type PyValue,
} from './values.ts';

/** For messages: `KeyError: 'x'` shows the key's repr, like Python. */
function keyErrorFor(key: PyValue): PyException {
  return new PyException('KeyError', pyRepr(key));
}

/** A str's characters, indexable; split apart only when astral characters make code points differ from units. */
function characters(text: string, budget: Budget): ArrayLike<string> {
  budget.charge(text.length / 64);
  return strLength(text) === text.length ? text : codePoints(text);
}

/** The caller evaluates `value`; the index is evaluated here, after it, which is Python's order. */
export function evaluateSubscript(walker: Walker, value: PyValue, index: Expr | SliceExpr, scope: Scope): PyValue {
  if (index.kind === 'slice') {
    const part = (e: Expr | undefined) => (e === undefined ? null : walker.eval(e, scope));
    return sliceOf(value, part(index.lower), part(index.upper), part(index.step), walker.budget);
  }
  const key = walker.eval(index, scope);
  if (value instanceof PyDict) {
    const found = value.get(key);
    if (found === undefined) throw keyErrorFor(key);
    return found;
  }
  if (
    typeof value === 'string' ||
    value instanceof PyList ||
    value instanceof PyTuple ||
    value instanceof PyRange ||
    value instanceof PyBytes
  ) {
    const what = typeof value === 'string' ? 'string' : shortTypeName(value);
    const i = toIndex(key, `${what} indices`);
    const items =
      typeof value === 'string'
        ? characters(value, walker.budget)
        : value instanceof PyRange
          ? null
          : value instanceof PyBytes
            ? Array.from(value.data, (b) => BigInt(b))
            : value.items;
    const length = items === null ? (value as PyRange).length : BigInt(items.length);
    const at = i < 0n ? i + length : i;
    if (at < 0n || at >= length) throw new PyException('IndexError', `${what} index out of range`);
    if (items === null) {
      const range = value as PyRange;
      return range.start + at * range.step;
    }
    return items[Number(at)] ?? null;
  }
  if (value instanceof PyFunction)
    throw typeError(
      `'${value.kind === 'method' ? 'builtin_function_or_method' : 'function'}' object is not subscriptable`,
    );
  throw typeError(`'${shortTypeName(value)}' object is not subscriptable`);
}

function sliceOf(value: PyValue, lower: PyValue, upper: PyValue, stepValue: PyValue, budget: Budget): PyValue {
  const step = stepValue === null ? 1 : Number(toIndex(stepValue, 'slice indices'));
  if (step === 0) throw new PyException('ValueError', 'slice step cannot be zero');
  const items: ArrayLike<PyValue> | null =
    typeof value === 'string'
      ? characters(value, budget)
      : value instanceof PyList || value instanceof PyTuple
        ? value.items
        : null;
  if (items === null) throw typeError(`'${shortTypeName(value)}' object is not subscriptable`);
  const length = items.length;
  const bound = (v: PyValue, fallback: number, low: number, high: number) => {
    if (v === null) return fallback;
    let n = Number(toIndex(v, 'slice indices'));
    if (n < 0) n += length;
    return Math.min(Math.max(n, low), high);
  };
  const start = step > 0 ? bound(lower, 0, 0, length) : bound(lower, length - 1, -1, length - 1);
  const stop = step > 0 ? bound(upper, length, 0, length) : bound(upper, -1, -1, length - 1);
  budget.items(Math.max(0, Math.ceil((stop - start) / step)));
  const out: PyValue[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(items[i] ?? null);
  if (typeof value === 'string') return (out as string[]).join('');
  return value instanceof PyTuple ? new PyTuple(out) : new PyList(out);
}

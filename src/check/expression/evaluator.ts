import type { Comprehension, Expr, FStringPart, SliceExpr, Target } from './ast.ts';
import { Budget, DEFAULT_LIMITS, LimitExceeded, type Limits } from './budget.ts';
import { codePoints, iterate, toIndex, toList } from './conversions.ts';
import { percentFormat, pyFormat } from './format.ts';
import { attribute } from './methods.ts';
import { binary, compare, keyErrorFor, unary } from './operators.ts';
import { pyRepr, pyStr } from './repr.ts';
import {
  PyBytes,
  PyDict,
  PyException,
  PyFunction,
  PyIterator,
  PyList,
  PyRange,
  PySet,
  PyTuple,
  shortTypeName,
  truthy,
  typeError,
  type CallContext,
  type PyValue,
} from './values.ts';

/** Where names are looked up: the rule's variables, helpers and builtins, layered by the caller. */
export interface Scope {
  lookup(name: string): PyValue | undefined;
}

/** Layers of names; the first layer that has a name wins. */
export class LayeredScope implements Scope {
  readonly #layers: readonly ReadonlyMap<string, PyValue>[];
  constructor(layers: readonly ReadonlyMap<string, PyValue>[]) {
    this.#layers = layers;
  }
  lookup(name: string): PyValue | undefined {
    for (const layer of this.#layers) {
      const value = layer.get(name);
      if (value !== undefined || layer.has(name)) return value ?? null;
    }
    return undefined;
  }
}

class LocalScope implements Scope {
  readonly names = new Map<string, PyValue>();
  readonly #parent: Scope;
  constructor(parent: Scope) {
    this.#parent = parent;
  }
  lookup(name: string): PyValue | undefined {
    return this.names.has(name) ? (this.names.get(name) ?? null) : this.#parent.lookup(name);
  }
}

/** Why an expression has no value: Sensei counts such a rule as "not applicable" for the conversation. */
export interface NotApplicable {
  readonly reason: string;
  /** python-error: the expression raised; limit: a step or size limit; unavailable: a helper cannot run here. */
  readonly kind: 'python-error' | 'limit' | 'unavailable' | 'internal';
}

export type Evaluation =
  { readonly ok: true; readonly value: PyValue } | { readonly ok: false; readonly notApplicable: NotApplicable };

/** Thrown by a helper that cannot give a value here (an LLM helper with no model): not applicable, with this reason. */
export class Unavailable extends Error {
  override readonly name = 'Unavailable';
}

/**
 * Thrown by a helper that needs asynchronous work first (an LLM call). It passes through
 * `evaluate`; `evaluateAsync` does the work and evaluates again, the helper then answering
 * from what was done.
 */
export class Suspension extends Error {
  override readonly name = 'Suspension';
  readonly work: () => Promise<void>;
  constructor(work: () => Promise<void>) {
    super('suspended');
    this.work = work;
  }
}

export interface EvaluateOptions {
  readonly limits?: Limits | undefined;
  /** Handed to helpers through their call context. */
  readonly host?: unknown;
  /** Share one budget over several evaluations (a helper evaluating nested expressions). */
  readonly budget?: Budget | undefined;
}

/**
 * Evaluates a parsed expression with Python's semantics. Never throws for anything the
 * expression does: a Python exception, a limit, or a helper that cannot run becomes
 * `{ ok: false, notApplicable }`. Only `Suspension` passes through (see evaluateAsync).
 */
export function evaluate(ast: Expr, scope: Scope, options: EvaluateOptions = {}): Evaluation {
  const budget = options.budget ?? new Budget(options.limits ?? DEFAULT_LIMITS);
  const context: CallContext = { budget, host: options.host };
  try {
    return { ok: true, value: new Evaluator(budget, context).eval(ast, scope) };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Evaluates inside a running evaluation (a helper evaluating a nested expression string), on
 * the same budget: Python exceptions propagate to the outer expression, as they do in Python.
 */
export function evaluateNested(ast: Expr, scope: Scope, context: CallContext): PyValue {
  return new Evaluator(context.budget, context).eval(ast, scope);
}

/** Evaluates, doing the asynchronous work helpers ask for between attempts (at most `maxRounds`). */
export async function evaluateAsync(
  ast: Expr,
  scope: Scope,
  options: EvaluateOptions & { readonly maxRounds?: number } = {},
): Promise<Evaluation> {
  const rounds = options.maxRounds ?? 1000;
  for (let round = 0; round < rounds; round++) {
    try {
      return evaluate(ast, scope, options.budget ? { ...options, budget: new Budget(options.budget.limits) } : options);
    } catch (error) {
      if (!(error instanceof Suspension)) return failure(error);
      try {
        await error.work();
      } catch (workError) {
        return failure(workError);
      }
    }
  }
  return {
    ok: false,
    notApplicable: { reason: `the expression needed more than ${rounds} model calls`, kind: 'limit' },
  };
}

function failure(error: unknown): Evaluation {
  if (error instanceof Suspension) throw error;
  if (error instanceof PyException) return { ok: false, notApplicable: { reason: error.reason, kind: 'python-error' } };
  if (error instanceof LimitExceeded) return { ok: false, notApplicable: { reason: error.message, kind: 'limit' } };
  if (error instanceof Unavailable) return { ok: false, notApplicable: { reason: error.message, kind: 'unavailable' } };
  if (error instanceof RangeError)
    return { ok: false, notApplicable: { reason: `RecursionError: ${error.message}`, kind: 'limit' } };
  return {
    ok: false,
    notApplicable: {
      reason: `internal error in simsim: ${error instanceof Error ? error.message : String(error)}`,
      kind: 'internal',
    },
  };
}

const nameError = (name: string) => new PyException('NameError', `name '${name}' is not defined`);

class Evaluator {
  readonly #budget: Budget;
  readonly #context: CallContext;
  readonly #iter: (value: PyValue) => Iterable<PyValue>;

  constructor(budget: Budget, context: CallContext) {
    this.#budget = budget;
    this.#context = context;
    this.#iter = (value) => iterate(value, budget);
  }

  eval(node: Expr, scope: Scope): PyValue {
    this.#budget.step();
    switch (node.kind) {
      case 'constant':
        return node.value;
      case 'name': {
        const value = scope.lookup(node.id);
        if (value === undefined) throw nameError(node.id);
        return value;
      }
      case 'fstring':
        return this.#fstring(node.parts, scope);
      case 'list':
        return new PyList(this.#items(node.items, scope));
      case 'tuple':
        return new PyTuple(this.#items(node.items, scope));
      case 'set':
        return new PySet(this.#items(node.items, scope));
      case 'dict': {
        const dict = new PyDict();
        node.keys.forEach((keyNode, i) => {
          const valueNode = node.values[i] as Expr;
          if (keyNode === null) {
            const mapping = this.eval(valueNode, scope);
            if (!(mapping instanceof PyDict)) throw typeError(`'${shortTypeName(mapping)}' object is not a mapping`);
            for (const [k, v] of mapping.items()) dict.set(k, v);
          } else {
            const key = this.eval(keyNode, scope);
            dict.set(key, this.eval(valueNode, scope));
          }
        });
        return dict;
      }
      case 'comprehension':
        return this.#comprehension(node, scope);
      case 'boolop': {
        let value: PyValue = null;
        for (const operand of node.values) {
          value = this.eval(operand, scope);
          if (node.op === 'and' ? !truthy(value) : truthy(value)) return value;
        }
        return value;
      }
      case 'not':
        return !truthy(this.eval(node.operand, scope));
      case 'unary':
        return unary(node.op, this.eval(node.operand, scope));
      case 'binary':
        return binary(node.op, this.eval(node.left, scope), this.eval(node.right, scope), this.#budget, percentFormat);
      case 'compare': {
        let left = this.eval(node.left, scope);
        for (let i = 0; i < node.ops.length; i++) {
          const right = this.eval(node.comparators[i] as Expr, scope);
          if (!compare(node.ops[i] ?? '==', left, right, this.#budget, this.#iter)) return false;
          left = right;
        }
        return true;
      }
      case 'if':
        return truthy(this.eval(node.test, scope)) ? this.eval(node.body, scope) : this.eval(node.orelse, scope);
      case 'call':
        return this.#call(node, scope);
      case 'attribute':
        return attribute(this.eval(node.value, scope), node.attr, this.#budget);
      case 'subscript':
        return this.#subscript(this.eval(node.value, scope), node.index, scope);
      case 'starred':
        throw new PyException('SyntaxError', "can't use starred expression here");
    }
  }

  #items(nodes: readonly Expr[], scope: Scope): PyValue[] {
    const out: PyValue[] = [];
    for (const item of nodes) {
      if (item.kind === 'starred') out.push(...toList(this.eval(item.value, scope), this.#budget));
      else out.push(this.eval(item, scope));
    }
    this.#budget.size(out.length);
    return out;
  }

  #fstring(parts: readonly FStringPart[], scope: Scope): string {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const value = this.eval(part.expr, scope);
      const conversion = part.conversion ?? (part.debugText !== undefined && part.spec === undefined ? 'r' : undefined);
      const shown =
        conversion === 'r' || conversion === 'a' ? pyRepr(value) : conversion === 's' ? pyStr(value) : value;
      const spec = part.spec === undefined ? '' : this.#fstring(part.spec, scope);
      out += (part.debugText ?? '') + pyFormat(shown, spec);
      this.#budget.size(out.length);
    }
    return out;
  }

  #bind(target: Target, value: PyValue, into: LocalScope): void {
    if (target.kind === 'name') {
      into.names.set(target.id, value);
      return;
    }
    const items = toList(value, this.#budget);
    if (items.length !== target.items.length) {
      throw new PyException(
        'ValueError',
        items.length > target.items.length
          ? `too many values to unpack (expected ${target.items.length})`
          : `not enough values to unpack (expected ${target.items.length}, got ${items.length})`,
      );
    }
    target.items.forEach((t, i) => this.#bind(t, items[i] ?? null, into));
  }

  /** Yields one local scope per combination of the `for` clauses that passes their `if`s. */
  *#loops(
    generators: readonly Comprehension[],
    index: number,
    scope: Scope,
    local: LocalScope,
    firstIter?: PyValue,
  ): Generator<LocalScope> {
    const clause = generators[index];
    if (!clause) {
      yield local;
      return;
    }
    const iterable = index === 0 && firstIter !== undefined ? firstIter : this.eval(clause.iter, local);
    for (const item of iterate(iterable, this.#budget)) {
      this.#bind(clause.target, item, local);
      if (clause.ifs.every((cond) => truthy(this.eval(cond, local))))
        yield* this.#loops(generators, index + 1, scope, local);
    }
  }

  #comprehension(node: Extract<Expr, { kind: 'comprehension' }>, scope: Scope): PyValue {
    // As in Python, the first iterable is evaluated at once, in the enclosing scope.
    const first = this.eval((node.generators[0] as Comprehension).iter, scope);
    const local = new LocalScope(scope);
    const scopes = this.#loops(node.generators, 0, scope, local, first);
    if (node.type === 'generator') {
      const element = (s: Scope) => this.eval(node.element, s);
      return new PyIterator(
        (function* () {
          for (const s of scopes) yield element(s);
        })(),
      );
    }
    if (node.type === 'dict') {
      const dict = new PyDict();
      for (const s of scopes) dict.set(this.eval(node.element, s), this.eval(node.value as Expr, s));
      return dict;
    }
    const items: PyValue[] = [];
    for (const s of scopes) {
      items.push(this.eval(node.element, s));
      if (items.length > this.#budget.limits.maxSize) this.#budget.size(items.length);
    }
    return node.type === 'set' ? new PySet(items) : new PyList(items);
  }

  #call(node: Extract<Expr, { kind: 'call' }>, scope: Scope): PyValue {
    const fn = this.eval(node.func, scope);
    const positional = this.#items(node.args, scope);
    const keywords = new Map<string, PyValue>();
    for (const keyword of node.keywords) {
      const value = this.eval(keyword.value, scope);
      if (keyword.name !== null) {
        keywords.set(keyword.name, value);
        continue;
      }
      if (!(value instanceof PyDict))
        throw typeError(`argument after ** must be a mapping, not ${shortTypeName(value)}`);
      for (const [k, v] of value.items()) {
        if (typeof k !== 'string') throw typeError('keywords must be strings');
        keywords.set(k, v);
      }
    }
    if (!(fn instanceof PyFunction)) throw typeError(`'${shortTypeName(fn)}' object is not callable`);
    return fn.call({ positional, keywords }, this.#context);
  }

  #subscript(value: PyValue, index: Expr | SliceExpr, scope: Scope): PyValue {
    if (index.kind === 'slice') {
      const part = (e: Expr | undefined) => (e === undefined ? null : this.eval(e, scope));
      return sliceOf(value, part(index.lower), part(index.upper), part(index.step), this.#budget);
    }
    const key = this.eval(index, scope);
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
          ? codePoints(value)
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
}

function sliceOf(value: PyValue, lower: PyValue, upper: PyValue, stepValue: PyValue, budget: Budget): PyValue {
  const step = stepValue === null ? 1 : Number(toIndex(stepValue, 'slice indices'));
  if (step === 0) throw new PyException('ValueError', 'slice step cannot be zero');
  const items: readonly PyValue[] | null =
    typeof value === 'string'
      ? codePoints(value)
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
  const out: PyValue[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(items[i] ?? null);
  budget.charge(out.length / 16);
  if (typeof value === 'string') return (out as string[]).join('');
  return value instanceof PyTuple ? new PyTuple(out) : new PyList(out);
}

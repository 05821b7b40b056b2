import type { Comprehension, Expr, Target } from './ast.ts';
import { iterate, toList } from './conversions.ts';
import { LocalScope, type Scope, type Walker } from './scope.ts';
import { PyDict, PyException, PyIterator, PyList, PySet, truthy, type PyValue } from './values.ts';

/** Python's messages for a wrong count, since a rule shows them as the reason it is not applicable. */
function bind(walker: Walker, target: Target, value: PyValue, into: LocalScope): void {
  if (target.kind === 'name') {
    into.names.set(target.id, value);
    return;
  }
  const items = toList(value, walker.budget);
  if (items.length !== target.items.length) {
    throw new PyException(
      'ValueError',
      items.length > target.items.length
        ? `too many values to unpack (expected ${target.items.length})`
        : `not enough values to unpack (expected ${target.items.length}, got ${items.length})`,
    );
  }
  target.items.forEach((t, i) => bind(walker, t, items[i] ?? null, into));
}

/** Yields one local scope per combination of the `for` clauses that passes their `if`s. */
function* loops(
  walker: Walker,
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
  const iterable = index === 0 && firstIter !== undefined ? firstIter : walker.eval(clause.iter, local);
  for (const item of iterate(iterable, walker.budget)) {
    bind(walker, clause.target, item, local);
    if (clause.ifs.every((cond) => truthy(walker.eval(cond, local))))
      yield* loops(walker, generators, index + 1, scope, local);
  }
}

/** A generator expression stays lazy so that `any()` and `all()` stop early; the other kinds are built at once. */
export function evaluateComprehension(
  walker: Walker,
  node: Extract<Expr, { kind: 'comprehension' }>,
  scope: Scope,
): PyValue {
  // As in Python, the first iterable is evaluated at once, in the enclosing scope.
  const first = walker.eval((node.generators[0] as Comprehension).iter, scope);
  const local = new LocalScope(scope);
  const scopes = loops(walker, node.generators, 0, scope, local, first);
  if (node.type === 'generator') {
    const element = (s: Scope) => walker.eval(node.element, s);
    return new PyIterator(
      (function* () {
        for (const s of scopes) yield element(s);
      })(),
    );
  }
  if (node.type === 'dict') {
    const dict = new PyDict();
    for (const s of scopes) dict.set(walker.eval(node.element, s), walker.eval(node.value as Expr, s));
    return dict;
  }
  const items: PyValue[] = [];
  for (const s of scopes) {
    items.push(walker.eval(node.element, s));
    if (items.length > walker.budget.limits.maxSize) walker.budget.size(items.length);
  }
  return node.type === 'set' ? new PySet(items) : new PyList(items);
}

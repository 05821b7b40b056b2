/**
 * A safe evaluator for the Python expressions of Sensei's rules (and of profile expectations):
 * `parseExpression(source)` gives a typed AST or syntax errors with offsets;
 * `evaluate(ast, scope, options)` gives a value or "not applicable" with a reason. No eval, no
 * Function, no vm, no Python: a tree walker with Python's value semantics and hard limits.
 *
 *   const parsed = parseExpression('price == 12.5');            // or { ok: false, errors: [{ message, start, end }] }
 *   const names = withBuiltins(new Map([['price', fromJs(12.5)]]));
 *   if (parsed.ok) evaluate(parsed.ast, names);                  // { ok: true, value: true }
 */
export { withBuiltins } from './with-builtins.ts';
export { parseExpression, isKeyword, type ExpressionError, type ParseResult } from './parser.ts';
export {
  evaluate,
  evaluateAsync,
  evaluateNested,
  Suspension,
  Unavailable,
  type Evaluation,
  type EvaluateOptions,
  type NotApplicable,
} from './evaluator.ts';
export { LayeredScope, type Scope } from './scope.ts';
export { Budget, DEFAULT_LIMITS, LimitExceeded, type Limits } from './budget.ts';
export { BUILTIN_FUNCTIONS } from './builtins.ts';
export { fromJs } from './from-js.ts';
export { freeNames, nestedExpressionArguments, type NameUse } from './free-names.ts';
export { pyRepr, pyStr } from './repr.ts';
export { fixedPoint } from './format.ts';
export * from './values.ts';
export type { Expr } from './ast.ts';

import { evaluateNested, Unavailable } from '../expression/evaluator.ts';
import { parseExpression, type ParseResult } from '../expression/parser.ts';
import { hashKey, PyException, truthy, typeError, shortTypeName, type PyValue } from '../expression/values.ts';
import type { Budget } from '../expression/budget.ts';
import { defineHelper } from './define.ts';
import type { ConversationView, HelperHost } from './host.ts';

const parsed = new Map<string, ParseResult>();

function conditionAst(source: PyValue) {
  if (typeof source !== 'string')
    throw typeError(`eval() arg 1 must be a string, bytes or code object, not ${shortTypeName(source)}`);
  let result = parsed.get(source);
  if (!result) {
    result = parseExpression(source);
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(source, result);
  }
  if (!result.ok)
    throw new PyException(
      'SyntaxError',
      `${result.errors[0]?.message ?? 'invalid syntax'} (in ${JSON.stringify(source)})`,
    );
  return result.ast;
}

function filtered(host: HelperHost, name: string): readonly ConversationView[] {
  if (host.filtered === undefined)
    throw new Unavailable(
      `${name}() looks at every conversation, so it only works in rules with \`conversations: all\``,
    );
  return host.filtered;
}

function holds(source: PyValue, view: ConversationView, host: HelperHost, budget: Budget): boolean {
  const ast = conditionAst(source);
  const { scope, host: inner } = host.condition(view);
  return truthy(evaluateNested(ast, scope, { budget, host: inner }));
}

/** `exists('cond')`: the condition holds in some conversation of a global rule (errors propagate). */
export const EXISTS = defineHelper('exists', [{ name: 'condition' }], ([cond = null], host, budget) => {
  for (const view of filtered(host, 'exists')) if (holds(cond, view, host, budget)) return true;
  return false;
});

/** `num_exist('cond')`: in how many conversations of a global rule the condition holds. */
export const NUM_EXIST = defineHelper('num_exist', [{ name: 'condition' }], ([cond = null], host, budget) => {
  let count = 0n;
  for (const view of filtered(host, 'num_exist')) if (holds(cond, view, host, budget)) count++;
  return count;
});

/** `is_unique('var')`: no two conversations share a value of the variable (None values and conversations without it are skipped). */
export const IS_UNIQUE = defineHelper('is_unique', [{ name: 'property' }], ([property = null], host, budget) => {
  const seen = new Set<string>();
  for (const view of filtered(host, 'is_unique')) {
    budget.step();
    // Variables are named by text; any other (hashable) value names none.
    if (typeof property !== 'string') {
      hashKey(property);
      continue;
    }
    if (!view.vars.has(property)) continue;
    const value = view.vars.get(property) ?? null;
    const key = hashKey(value);
    if (seen.has(key)) return false;
    if (value !== null) seen.add(key);
  }
  return true;
});

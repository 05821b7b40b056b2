import type { Budget } from '../expression/budget.ts';
import { PyFunction, typeError, type CallContext, type PyValue } from '../expression/values.ts';
import { HelperHost } from './host.ts';

/** A parameter of a helper; `required` ones have no default. */
export interface Param {
  readonly name: string;
  readonly default?: PyValue;
}

export type HelperBody = (args: readonly PyValue[], host: HelperHost, budget: Budget) => PyValue;

/**
 * A helper with Python's argument binding (positional or by name, defaults, and the TypeError
 * Python raises for a wrong call), reading its conversation from the evaluation's host.
 */
export function defineHelper(name: string, params: readonly Param[], body: HelperBody): PyFunction {
  return new PyFunction(name, ({ positional, keywords }, context: CallContext) => {
    if (positional.length > params.length) {
      throw typeError(
        `${name}() takes ${params.length} positional argument${params.length === 1 ? '' : 's'} but ${positional.length} ${positional.length === 1 ? 'was' : 'were'} given`,
      );
    }
    const values: PyValue[] = [];
    params.forEach((param, i) => {
      const byName = keywords.get(param.name);
      if (i < positional.length) {
        if (keywords.has(param.name)) throw typeError(`${name}() got multiple values for argument '${param.name}'`);
        values.push(positional[i] ?? null);
      } else if (byName !== undefined || keywords.has(param.name)) {
        values.push(byName ?? null);
      } else if ('default' in param) {
        values.push(param.default ?? null);
      } else {
        throw typeError(`${name}() missing 1 required positional argument: '${param.name}'`);
      }
    });
    for (const key of keywords.keys()) {
      if (!params.some((p) => p.name === key)) throw typeError(`${name}() got an unexpected keyword argument '${key}'`);
    }
    const host = context.host;
    if (!(host instanceof HelperHost)) throw typeError(`${name}() can only be used in a rule`);
    return body(values, host, context.budget);
  });
}

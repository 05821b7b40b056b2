import type { Budget } from './budget.ts';
import { typeError, type PyValue } from './values.ts';

/** A method of a built-in type as rules call it: its receiver, its arguments and the evaluation's budget. */
export type Method = (
  self: PyValue,
  args: readonly PyValue[],
  keywords: ReadonlyMap<string, PyValue>,
  budget: Budget,
) => PyValue;

/** Python's TypeError for a call with too few or too many arguments. */
export function argCount(name: string, args: readonly PyValue[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `exactly ${min}` : args.length < min ? `at least ${min}` : `at most ${max}`;
    throw typeError(
      `${name}() takes ${expected} argument${(args.length < min ? min : max) === 1 ? '' : 's'} (${args.length} given)`,
    );
  }
}

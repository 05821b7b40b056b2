import { BUILTIN_FUNCTIONS } from './builtins.ts';
import { LayeredScope, type Scope } from './scope.ts';
import type { PyValue } from './values.ts';

/** A namespace of the given names over Python's builtins (names win, as Python's globals do). */
export function withBuiltins(names: ReadonlyMap<string, PyValue>): Scope {
  return new LayeredScope([names, BUILTIN_FUNCTIONS]);
}

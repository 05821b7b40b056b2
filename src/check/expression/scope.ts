import type { Expr } from './ast.ts';
import type { Budget } from './budget.ts';
import type { PyValue } from './values.ts';

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

/** A comprehension's variables, kept out of the scope it was written in so that they do not leak, as in Python 3. */
export class LocalScope implements Scope {
  readonly names = new Map<string, PyValue>();
  readonly #parent: Scope;
  constructor(parent: Scope) {
    this.#parent = parent;
  }
  lookup(name: string): PyValue | undefined {
    return this.names.has(name) ? (this.names.get(name) ?? null) : this.#parent.lookup(name);
  }
}

/**
 * The tree walker (tree-walker.ts) as the comprehension and subscript files see it: they recurse
 * into it through this interface, so none of them imports the walker in a cycle.
 */
export interface Walker {
  readonly budget: Budget;
  eval(node: Expr, scope: Scope): PyValue;
}

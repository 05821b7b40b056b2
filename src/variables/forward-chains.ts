import type { VarValue } from '../model/value-text.ts';

export interface ForwardVariable {
  readonly name: string;
  /** The variable this one nests on (`forward(target)`), or undefined for plain `forward()`. */
  readonly target: string | undefined;
  readonly values: readonly VarValue[];
}

/** A `forward(x)` chain from the leaf (nobody nests on it) to the root (plain `forward()`). */
export interface ForwardChain {
  readonly names: readonly string[];
  readonly lists: readonly (readonly VarValue[])[];
  /** Number of combinations: the product of the list lengths. */
  readonly size: number;
}

export interface ForwardLayout {
  /** Plain `forward()` variables that no other variable nests on: they cycle through their values. */
  readonly independent: readonly ForwardVariable[];
  readonly chains: readonly ForwardChain[];
}

/**
 * Sensei's `build_sequence`: every forward variable that nobody nests on, but which nests on
 * another, starts a chain that follows `forward(target)` links to a plain `forward()`. Chains
 * come in the declaration order of their leaves (Sensei iterates a set, so its order varies).
 * Variables are given in declaration order; cycles and bad targets are validation errors.
 */
export function layoutForwards(variables: readonly ForwardVariable[]): ForwardLayout {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const names = chainNames(variables);
  const independent = names.independent.flatMap((name) => byName.get(name) ?? []);
  const chains = names.chains.map((chain): ForwardChain => {
    const lists = chain.map((name) => byName.get(name)?.values ?? []);
    return { names: chain, lists, size: lists.reduce((product, list) => product * list.length, 1) };
  });
  return { independent, chains };
}

/** The same layout by names only, for counting combinations without any values. */
export function chainNames(variables: readonly { readonly name: string; readonly target: string | undefined }[]): {
  independent: string[];
  chains: string[][];
} {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const targeted = new Set(variables.map((v) => v.target).filter((t): t is string => t !== undefined));
  const independent = variables.filter((v) => v.target === undefined && !targeted.has(v.name)).map((v) => v.name);
  const chains: string[][] = [];
  for (const leaf of variables) {
    if (leaf.target === undefined || targeted.has(leaf.name)) continue;
    const chain: string[] = [leaf.name];
    let next = byName.get(leaf.target);
    while (next !== undefined && !chain.includes(next.name)) {
      chain.push(next.name);
      next = next.target === undefined ? undefined : byName.get(next.target);
    }
    chains.push(chain);
  }
  return { independent, chains };
}

/**
 * The largest forward() combination count and where it comes from: a chain's product of list
 * lengths, or (fixing Sensei) a standalone forward() list's length.
 */
export function largestForward(
  layout: { readonly independent: readonly string[]; readonly chains: readonly (readonly string[])[] },
  length: (name: string) => number,
): { count: number; source: string } {
  let count = 0;
  let source = '';
  for (const chain of layout.chains) {
    const lengths = chain.map(length);
    const size = lengths.reduce((product, n) => product * n, 1);
    if (size > count) {
      count = size;
      source = `chain ${chain.join(' × ')} = ${lengths.join(' × ')}`;
    }
  }
  for (const name of layout.independent) {
    if (length(name) > count) {
      count = length(name);
      source = `${name} has ${count} values`;
    }
  }
  return { count, source };
}

/** Combination `index` of a chain: an odometer whose last variable (the root) turns fastest; wraps. */
export function chainCombination(chain: ForwardChain, index: number): VarValue[] {
  let rest = chain.size === 0 ? 0 : index % chain.size;
  const out = new Array<VarValue>(chain.lists.length);
  for (let i = chain.lists.length - 1; i >= 0; i--) {
    const list = chain.lists[i] ?? [];
    out[i] = list[rest % list.length];
    rest = Math.floor(rest / list.length);
  }
  return out;
}

import type { CustomType } from '../catalog/custom-types.ts';
import type { Rng } from '../random/rng.ts';
import { resolveVariableData, type DataContext } from './data/resolve-data.ts';
import { largestForward, layoutForwards, type ForwardLayout } from './forward-chains.ts';
import { parseVarFunction, type VarFunction } from './function-syntax.ts';
import { pairwiseLowerBound, pairwiseRows } from './pairwise/generate.ts';
import { PlanError } from './plan-error.ts';
import { conversationLimitHint, countText, DEFAULT_MAX_CONVERSATIONS } from './plan-limits.ts';
import { checkpoint } from './checkpoint.ts';
import type { VarValue } from './value-text.ts';

type Rec = Record<string, unknown>;

/** One goal variable with its values resolved. */
export interface ResolvedVariable {
  readonly name: string;
  readonly fn: VarFunction;
  /** The function as written (`forward(drink)`), `default()` when empty. */
  readonly functionText: string;
  readonly type: string;
  readonly values: readonly VarValue[];
}

export interface PairwiseGroup {
  /** Variables sorted by number of values, most first (stable), as Sensei orders them. */
  readonly names: readonly string[];
  readonly lists: readonly (readonly VarValue[])[];
  /** One row per combination: values in `names` order. */
  readonly rows: readonly (readonly VarValue[])[];
}

/** Everything about a profile's variables that does not change from one conversation to the next. */
export interface VariableModel {
  readonly sentences: readonly string[];
  /** In declaration order. */
  readonly variables: readonly ResolvedVariable[];
  readonly forwards: ForwardLayout;
  readonly pairwise: PairwiseGroup | undefined;
  readonly warnings: readonly string[];
}

export interface ModelOptions extends Omit<DataContext, 'types'> {
  readonly types?: ReadonlyMap<string, CustomType> | undefined;
  /** pairwise() may not need more rows than this (run.yml's max_conversations). */
  readonly maxConversations?: number | undefined;
  /** Aborting stops the work between variables (a run's Ctrl-C or SIGTERM). */
  readonly signal?: AbortSignal | undefined;
}

const isRecord = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads `user.goals` of a validated profile: sentences, and variables with their values. */
export async function buildVariableModel(profile: Rec, rng: Rng, options: ModelOptions): Promise<VariableModel> {
  const user = isRecord(profile['user']) ? profile['user'] : {};
  const goals = Array.isArray(user['goals']) ? user['goals'] : [];
  const ctx: DataContext = { ...options, types: options.types ?? new Map() };
  const sentences: string[] = [];
  const variables: ResolvedVariable[] = [];
  const warnings: string[] = [];
  for (const goal of goals) {
    if (typeof goal === 'string') {
      sentences.push(goal);
      continue;
    }
    if (!isRecord(goal) || Object.keys(goal).length !== 1) continue;
    const [name, definition] = Object.entries(goal)[0] ?? [];
    if (name === undefined || !isRecord(definition)) throw new PlanError(`goal variable ${String(name)} must be a map with function, type and data`);
    if (variables.some((v) => v.name === name)) throw new PlanError(`variable ${name} is defined twice`);
    const functionText = typeof definition['function'] === 'string' && definition['function'].trim() !== '' ? definition['function'].trim() : 'default()';
    const parsed = parseVarFunction(functionText);
    if (!parsed.ok) throw new PlanError(`${name}: ${parsed.message}`);
    const type = typeof definition['type'] === 'string' ? definition['type'] : 'string';
    await checkpoint(options.signal);
    const data = await resolveVariableData(name, type, definition['data'], rng.fork(`data:${name}`), ctx);
    warnings.push(...data.warnings);
    variables.push({ name, fn: parsed.fn, functionText, type, values: data.values });
  }

  const forwards = layoutForwards(
    variables.flatMap((v) => (v.fn.kind === 'forward' ? [{ name: v.name, target: v.fn.target, values: v.values }] : [])),
  );
  for (const v of variables) {
    const target = v.fn.kind === 'forward' ? v.fn.target : undefined;
    if (target === undefined) continue;
    const master = variables.find((m) => m.name === target);
    if (!master) throw new PlanError(`${v.name}: forward(${target}) names no variable`);
    if (master.fn.kind !== 'forward') throw new PlanError(`${v.name}: forward(${target}) nests on a ${master.fn.kind}() variable; only forward() variables can be nested on`);
  }
  const placed = new Set([...forwards.independent.map((v) => v.name), ...forwards.chains.flatMap((c) => c.names)]);
  const circular = variables.filter((v) => v.fn.kind === 'forward' && !placed.has(v.name)).map((v) => v.name);
  if (circular.length > 0) throw new PlanError(`forward() variables depend on each other in a circle: ${circular.join(', ')}`);
  const seenInChains = new Map<string, string>();
  for (const chain of forwards.chains) {
    for (const name of chain.names) {
      const first = seenInChains.get(name);
      if (first !== undefined) warnings.push(`${name} is in two forward chains (${first} and ${chain.names.join(' × ')}); its value in the goals comes from ${first}`);
      else seenInChains.set(name, chain.names.join(' × '));
    }
  }

  const pairwiseVars = variables.filter((v) => v.fn.kind === 'pairwise').map((v, i) => ({ v, i }));
  let pairwise: PairwiseGroup | undefined;
  if (pairwiseVars.length > 0) {
    const sorted = pairwiseVars.sort((a, b) => b.v.values.length - a.v.values.length || a.i - b.i).map((x) => x.v);
    const lists = sorted.map((v) => v.values);
    const max = options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS;
    const least = pairwiseLowerBound(lists.map((l) => l.length));
    if (least > max) {
      throw new PlanError(`pairwise() over ${sorted.map((v) => v.name).join(', ')} makes at least ${countText(least)} combinations, more than the limit of ${countText(max)} conversations`, {
        hint: conversationLimitHint(max),
      });
    }
    await checkpoint(options.signal);
    const rows = pairwiseRows(lists.map((l) => l.length)).map((row) => row.map((x, c) => lists[c]?.[x]));
    pairwise = { names: sorted.map((v) => v.name), lists, rows };
  }
  return { sentences, variables, forwards, pairwise, warnings };
}

/** `forward` count and where it comes from (chains, and standalone forward() lists: DECISIONS fix 2). */
export function forwardCombinations(model: VariableModel): { count: number; source: string } {
  const lengths = new Map<string, number>();
  for (const single of model.forwards.independent) lengths.set(single.name, single.values.length);
  for (const chain of model.forwards.chains) chain.names.forEach((name, i) => lengths.set(name, chain.lists[i]?.length ?? 0));
  const layout = { independent: model.forwards.independent.map((v) => v.name), chains: model.forwards.chains.map((c) => c.names) };
  return largestForward(layout, (name) => lengths.get(name) ?? 0);
}

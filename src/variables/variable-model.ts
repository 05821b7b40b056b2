import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import type { Rng } from '../base/random/rng.ts';
import type { Profile, Variable } from '../model/profile.ts';
import { diagnosticAt } from '../model/span.ts';
import type { VarFunction } from '../model/function-syntax.ts';
import type { VarValue } from '../model/value-text.ts';
import { resolveVariableData, type DataContext } from './data/resolve-data.ts';
import { largestForward, layoutForwards, type ForwardLayout } from './forward-chains.ts';
import { pairwiseLowerBound, pairwiseRows } from './pairwise/generate.ts';
import { PlanError } from './plan-error.ts';
import { conversationLimitHint, countText, DEFAULT_MAX_CONVERSATIONS } from './plan-limits.ts';
import { checkpoint } from './checkpoint.ts';

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
  readonly warnings: readonly Diagnostic[];
}

export interface ModelOptions extends DataContext {
  /** pairwise() may not need more rows than this (run.yml's max_conversations). */
  readonly maxConversations?: number | undefined;
}

/** A data source that failed (a list function, a bad date): where it is written, and why. */
function dataProblem(variable: Variable, error: PlanError): Diagnostic {
  return diagnosticAt(
    variable.dataSpan,
    'plan-data',
    'error',
    `the values of \`${variable.name}\` could not be made: ${error.message}`,
    error.hint,
  );
}

/**
 * Resolves the values of a validated profile's variables (lists with their any() items, ranges,
 * dates, list functions) and lays out its forward chains and pairwise group. A data source that
 * fails is a diagnostic at its `data:`; forward() links and cycles were checked by validation.
 */
export async function buildVariableModel(
  profile: Profile,
  rng: Rng,
  options: ModelOptions,
): Promise<{ model?: VariableModel; diagnostics: Diagnostic[] }> {
  const variables: ResolvedVariable[] = [];
  const warnings: Diagnostic[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const variable of profile.goals.variables) {
    await checkpoint(options.signal);
    try {
      const data = await resolveVariableData(variable, rng.fork(`data:${variable.name}`), options);
      warnings.push(...data.warnings);
      variables.push({
        name: variable.name,
        fn: variable.function,
        functionText: variable.functionText,
        type: variable.type.name,
        values: data.values,
      });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      diagnostics.push(dataProblem(variable, error));
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  // A signal that came while the last data source ran stops the planning too (the conversations
  // themselves are made while the run plays them).
  await checkpoint(options.signal);

  const forwards = layoutForwards(
    variables.flatMap((v) =>
      v.fn.kind === 'forward' ? [{ name: v.name, target: v.fn.target, values: v.values }] : [],
    ),
  );
  const seenInChains = new Map<string, string>();
  for (const chain of forwards.chains) {
    for (const name of chain.names) {
      const first = seenInChains.get(name);
      const span = profile.goals.variables.find((v) => v.name === name)?.span ?? profile.llm.span;
      if (first !== undefined)
        warnings.push(
          diagnosticAt(
            span,
            'plan-forward-shared',
            'warning',
            `${name} is in two forward chains (${first} and ${chain.names.join(' × ')}); its value in the goals comes from ${first}`,
          ),
        );
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
      const span =
        profile.goals.variables.find((v) => v.name === sorted[0]?.name)?.span ?? profile.conversation.numberSpan;
      const message = `pairwise() over ${sorted.map((v) => v.name).join(', ')} makes at least ${countText(least)} combinations, more than the limit of ${countText(max)} conversations`;
      return { diagnostics: [diagnosticAt(span, 'var-too-many-values', 'error', message, conversationLimitHint(max))] };
    }
    await checkpoint(options.signal);
    const rows = pairwiseRows(lists.map((l) => l.length)).map((row) => row.map((x, c) => lists[c]?.[x]));
    pairwise = { names: sorted.map((v) => v.name), lists, rows };
  }
  return {
    model: { sentences: profile.goals.sentences.map((s) => s.text), variables, forwards, pairwise, warnings },
    diagnostics: [],
  };
}

/** `forward` count and where it comes from (chains, and standalone forward() lists). */
export function forwardCombinations(model: VariableModel): { count: number; source: string } {
  const lengths = new Map<string, number>();
  for (const single of model.forwards.independent) lengths.set(single.name, single.values.length);
  for (const chain of model.forwards.chains)
    chain.names.forEach((name, i) => lengths.set(name, chain.lists[i]?.length ?? 0));
  const layout = {
    independent: model.forwards.independent.map((v) => v.name),
    chains: model.forwards.chains.map((c) => c.names),
  };
  return largestForward(layout, (name) => lengths.get(name) ?? 0);
}

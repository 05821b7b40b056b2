import { dirname } from 'node:path';
import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { hashHex } from '../base/random/hash.ts';
import { createRng, type Rng } from '../base/random/rng.ts';
import type { Profile } from '../model/profile.ts';
import { diagnosticAt } from '../model/span.ts';
import type { VarValue } from '../model/value-text.ts';
import { conversationCount } from './conversation-count.ts';
import type { AnyGenerator } from './data/any-items.ts';
import type { ListFunctionRunner } from './data/list-function.ts';
import { chainCombination } from './forward-chains.ts';
import { goalPhrase, substitute, type Substitution } from './goal-text.ts';
import { checkpoint } from './checkpoint.ts';
import { PlanError } from './plan-error.ts';
import { conversationLimitHint, countText, DEFAULT_MAX_CONVERSATIONS, pairwiseRepeatMessage } from './plan-limits.ts';
import { createValueGenerator, type ValueGenerator } from './value-generators.ts';
import { buildVariableModel, forwardCombinations, type VariableModel } from './variable-model.ts';

export interface ResolveOptions {
  /** The run seed (`--seed`): with the same inputs, the same seed gives the same plan. */
  readonly seed: number | string;
  readonly projectDir: string;
  /** "Now", for `date:` generators relative to today. */
  readonly clock?: (() => Date) | undefined;
  /** Generates `any()` items; without it, uncached items stay placeholders (with a warning). */
  readonly generateAny?: AnyGenerator | undefined;
  readonly runListFunction?: ListFunctionRunner | undefined;
  readonly listFunctionTimeoutMs?: number | undefined;
  /** Most conversations the profile may plan (run.yml's max_conversations). */
  readonly maxConversations?: number | undefined;
  /** Aborting (a run's Ctrl-C or SIGTERM) stops the planning with an InterruptedError. */
  readonly signal?: AbortSignal | undefined;
}

/** A profile's variables with their values and the number of conversations: all a plan needs. */
export interface ProfileValues {
  readonly seed: number | string;
  readonly model: VariableModel;
  readonly count: number;
  readonly explanation: string;
  readonly forwardCount: number;
  readonly pairwiseCount: number;
}

/** Conversations planned between two looks at the signal. */
const CONVERSATIONS_PER_CHECK = 1000;

export interface ConversationPlan {
  /** 0-based position in the profile. */
  readonly index: number;
  /** Seed of this conversation's own random stream (styles, offline user): pass it to createRng. */
  readonly seed: string;
  /** The goal sentences with their `{{variables}}` filled in. */
  readonly goals: readonly string[];
  /** The goals as one prompt (see goalPhrase). */
  readonly goalPhrase: string;
  /** Every variable's value in this conversation; single-value lists are flattened. */
  readonly values: Readonly<Record<string, VarValue>>;
}

/** What a plan says of a profile besides its conversations. */
export interface PlanHead {
  readonly testName: string;
  readonly seed: number | string;
  readonly count: number;
  /** How `count` was computed, for people. */
  readonly countExplanation: string;
  readonly forwardCombinations: number;
  readonly pairwiseCombinations: number;
  readonly variables: readonly {
    readonly name: string;
    readonly function: string;
    readonly type: string;
    readonly values: readonly VarValue[];
  }[];
  readonly warnings: readonly Diagnostic[];
}

export interface ProfilePlan extends PlanHead {
  readonly conversations: readonly ConversationPlan[];
}

/**
 * A plan whose conversations are made as they are read, so a run holds one at a time whatever
 * its size: `conversations()` yields the same conversations, in the same order with the same
 * seeds, as `planProfile` lists, starting again from the first at every call.
 */
export interface StreamedPlan extends PlanHead {
  conversations(): Generator<ConversationPlan, void, undefined>;
}

/** The stream key of a profile: its test_name, so moving the file keeps its plan. */
export function profileStreamLabel(testName: string): string {
  return `profile:${testName}`;
}

function recordValue(list: readonly VarValue[]): VarValue {
  return list.length === 1 ? list[0] : list.slice();
}

/**
 * The values of one validated profile's variables and its number of conversations.
 * This is the step that runs things (list functions, any() generation); what it cannot do is a
 * diagnostic where the profile says it, never an exception.
 */
export async function resolveProfileValues(
  profile: Profile,
  options: ResolveOptions,
): Promise<{ values?: ProfileValues; diagnostics: Diagnostic[] }> {
  const profileRng = createRng(options.seed).fork(profileStreamLabel(profile.testName));
  const built = await buildVariableModel(profile, profileRng, {
    projectDir: options.projectDir,
    profileDir: dirname(profile.absPath),
    now: options.clock ?? (() => new Date()),
    generateAny: options.generateAny,
    runListFunction: options.runListFunction,
    listFunctionTimeoutMs: options.listFunctionTimeoutMs,
    maxConversations: options.maxConversations,
    signal: options.signal,
  });
  const model = built.model;
  if (model === undefined) return { diagnostics: built.diagnostics };
  const forward = forwardCombinations(model);
  const pairwiseCount = model.pairwise?.rows.length ?? 0;
  const at = profile.conversation.numberSpan;
  let counted;
  try {
    counted = conversationCount(profile.conversation.number, {
      forward: forward.count,
      forwardSource: forward.source,
      pairwise: pairwiseCount,
    });
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    return { diagnostics: [diagnosticAt(at, 'conversation-number', 'error', error.message, error.hint)] };
  }
  const { count, explanation } = counted;
  const max = options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS;
  if (count > max) {
    return {
      diagnostics: [
        diagnosticAt(
          at,
          'plan-too-large',
          'error',
          `this profile plans ${countText(count)} conversations (${explanation}), more than the limit of ${countText(max)}`,
          conversationLimitHint(max),
        ),
      ],
    };
  }
  return {
    values: { seed: options.seed, model, count, explanation, forwardCount: forward.count, pairwiseCount },
    diagnostics: [],
  };
}

/**
 * A profile's plan, its conversations expanded as they are read: each generator advances once
 * per conversation in Sensei's order (simple variables, standalone forwards, chains, the pairwise
 * group). Fully determined by the values and their seed; nothing in it can fail.
 */
export function streamProfilePlan(profile: Profile, values: ProfileValues): StreamedPlan {
  const { model, count, pairwiseCount } = values;
  const at = profile.conversation.numberSpan;
  const warnings: Diagnostic[] = [...model.warnings];
  if (count === 0) warnings.push(diagnosticAt(at, 'plan-empty', 'warning', 'this profile plans no conversation'));
  if (model.pairwise && count > pairwiseCount)
    warnings.push(diagnosticAt(at, 'plan-rows-repeat', 'warning', pairwiseRepeatMessage(count, pairwiseCount)));
  return {
    testName: profile.testName,
    seed: values.seed,
    count,
    countExplanation: values.explanation,
    forwardCombinations: values.forwardCount,
    pairwiseCombinations: pairwiseCount,
    variables: model.variables.map((v) => ({ name: v.name, function: v.functionText, type: v.type, values: v.values })),
    warnings,
    // Every pass starts its random streams afresh from the seed: the same values every time.
    conversations: () => {
      const profileRng = createRng(values.seed).fork(profileStreamLabel(profile.testName));
      return expand(model, count, profileRng.label, (name) => profileRng.fork(`var:${name}`));
    },
  };
}

/**
 * Expands a profile into the list of its conversations (`plan`, `--dry-run`): the plan of
 * `streamProfilePlan` with its conversations made at once. A signal can interrupt it.
 */
export function planProfile(
  profile: Profile,
  values: ProfileValues,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<ProfilePlan> {
  return listPlan(streamProfilePlan(profile, values), options);
}

/** A streamed plan with its conversations made at once, in a list. A signal can interrupt it. */
export async function listPlan(
  plan: StreamedPlan,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<ProfilePlan> {
  const conversations: ConversationPlan[] = [];
  for (const conversation of plan.conversations()) {
    if (conversation.index % CONVERSATIONS_PER_CHECK === 0) await checkpoint(options.signal);
    conversations.push(conversation);
  }
  return { ...plan, conversations };
}

function* expand(
  model: VariableModel,
  count: number,
  streamLabel: string,
  streamFor: (name: string) => Rng,
): Generator<ConversationPlan, void, undefined> {
  const simple: { name: string; generator: ValueGenerator }[] = [];
  for (const v of model.variables) {
    if (v.fn.kind === 'forward' || v.fn.kind === 'pairwise') continue;
    simple.push({ name: v.name, generator: createValueGenerator(v.fn, v.values, streamFor(v.name)) });
  }
  const declared = model.variables.map((v) => v.name);
  for (let index = 0; index < count; index++) {
    const subs = new Map<string, Substitution>();
    const values = new Map<string, VarValue>();
    const set = (name: string, sub: Substitution) => {
      if (subs.has(name)) return;
      subs.set(name, sub);
      values.set(name, 'list' in sub ? recordValue(sub.list) : sub.value);
    };
    for (const { name, generator } of simple) set(name, { list: generator.next() });
    for (const single of model.forwards.independent)
      set(single.name, { list: [single.values[index % single.values.length]] });
    for (const chain of model.forwards.chains) {
      const combination = chainCombination(chain, index);
      chain.names.forEach((name, i) => set(name, { value: combination[i] }));
    }
    if (model.pairwise) {
      const row = model.pairwise.rows[index % model.pairwise.rows.length] ?? [];
      model.pairwise.names.forEach((name, i) => set(name, { value: row[i] }));
    }
    const goals = model.sentences.map((s) => substitute(s, subs));
    const ordered: Record<string, VarValue> = {};
    for (const name of declared) if (values.has(name)) ordered[name] = values.get(name);
    yield {
      index,
      seed: hashHex(`${streamLabel}/conversation:${index}`),
      goals,
      goalPhrase: goalPhrase(goals),
      values: ordered,
    };
  }
}

import { canonicalJson } from '../llm/cache/cache-key.ts';
import { mcnemarExact } from '../stats/mcnemar.ts';
import { outcomeOf, type Outcome } from './outcome.ts';
import type { RunConversation, RunSnapshot } from './run-snapshot.ts';

export const DEFAULT_ALPHA = 0.05;

/** How a conversation is matched across runs: profile (its test folder), plan index and trial. */
export interface ConversationKey {
  readonly testName: string;
  readonly folder: string;
  readonly index: number;
  readonly trial: number;
}

export type Flip = 'regression' | 'fix';

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

export interface Delta {
  readonly before: number | null;
  readonly after: number | null;
  /** after - before; null when either side is unknown. */
  readonly delta: number | null;
}

export interface ConversationDiff {
  readonly key: ConversationKey;
  readonly idBefore: string;
  readonly idAfter: string;
  readonly before: Outcome;
  readonly after: Outcome;
  /** pass → fail is a regression, fail → pass a fix. */
  readonly flip: Flip | undefined;
  /** Rules and expectations decided in both runs whose result changed. */
  readonly checkFlips: readonly (Change<boolean> & { readonly name: string; readonly flip: Flip })[];
  readonly outputs: readonly (Change<unknown> & { readonly name: string })[];
  readonly stopReason: Change<string> | undefined;
  readonly turns: Delta;
  readonly costUsd: Delta;
  /** Mean chatbot response time in seconds. */
  readonly responseSeconds: Delta;
}

/** The pass/fail pairs of a group of matched conversations and the exact McNemar test over them. */
export interface PairTest {
  /** Matched conversations that pass or fail in both runs. */
  readonly pairs: number;
  readonly bothPass: number;
  readonly bothFail: number;
  readonly regressions: number;
  readonly fixes: number;
  readonly pValue: number;
  /** More regressions than fixes, and p < alpha. */
  readonly significantRegression: boolean;
}

export interface ProfileDiff extends PairTest {
  readonly testName: string;
  readonly folder: string;
  /** Matched conversations, pass/fail pairs or not. */
  readonly matched: number;
  /** Matched conversations left out of the pairs (interrupted, inconclusive, simulator fault). */
  readonly excluded: number;
}

export interface RunDiff {
  readonly before: { readonly dir: string; readonly serial: string };
  readonly after: { readonly dir: string; readonly serial: string };
  readonly alpha: number;
  /** Every matched conversation, in profile, index, trial order. */
  readonly conversations: readonly ConversationDiff[];
  readonly onlyBefore: readonly ConversationKey[];
  readonly onlyAfter: readonly ConversationKey[];
  readonly profiles: readonly ProfileDiff[];
  readonly overall: PairTest;
  /** Overall or in some profile (each tested at alpha, with no correction for the number of profiles). */
  readonly significantRegression: boolean;
  readonly totals: { readonly costUsd: Delta; readonly turns: Delta; readonly responseSeconds: Delta };
}

const keyText = (k: ConversationKey) => `${k.folder}\u0000${k.index}\u0000${k.trial}`;
const keyOf = (c: RunConversation): ConversationKey => ({
  testName: c.testName,
  folder: c.folder,
  index: c.index,
  trial: c.trial,
});

function delta(before: number | null, after: number | null): Delta {
  return { before, after, delta: before === null || after === null ? null : after - before };
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
const sum = (values: readonly (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0);

function flipOf(before: Outcome, after: Outcome): Flip | undefined {
  if (before.kind === 'pass' && after.kind === 'fail') return 'regression';
  if (before.kind === 'fail' && after.kind === 'pass') return 'fix';
  return undefined;
}

function compare(a: RunConversation, b: RunConversation): ConversationDiff {
  const before = outcomeOf(a);
  const after = outcomeOf(b);
  const checkFlips: ConversationDiff['checkFlips'][number][] = [];
  for (const name of Object.keys(a.checks).sort()) {
    const was = a.checks[name];
    const now = b.checks[name];
    if (was === undefined || now === undefined || was === now) continue;
    checkFlips.push({ name, before: was, after: now, flip: was ? 'regression' : 'fix' });
  }
  const names = [...new Set([...Object.keys(a.outputs), ...Object.keys(b.outputs)])].sort();
  const outputs = names
    .filter((name) => canonicalJson(a.outputs[name] ?? null) !== canonicalJson(b.outputs[name] ?? null))
    .map((name) => ({ name, before: a.outputs[name] ?? null, after: b.outputs[name] ?? null }));
  return {
    key: keyOf(a),
    idBefore: a.id,
    idAfter: b.id,
    before,
    after,
    flip: flipOf(before, after),
    checkFlips,
    outputs,
    stopReason: a.stopReason === b.stopReason ? undefined : { before: a.stopReason, after: b.stopReason },
    turns: delta(a.turns, b.turns),
    costUsd: delta(a.costUsd, b.costUsd),
    responseSeconds: delta(mean(a.responseTimes), mean(b.responseTimes)),
  };
}

function pairTest(diffs: readonly ConversationDiff[], alpha: number): PairTest {
  const paired = diffs.filter((d) => d.before.kind !== 'excluded' && d.after.kind !== 'excluded');
  const regressions = paired.filter((d) => d.flip === 'regression').length;
  const fixes = paired.filter((d) => d.flip === 'fix').length;
  const { pValue } = mcnemarExact(regressions, fixes);
  return {
    pairs: paired.length,
    bothPass: paired.filter((d) => d.before.kind === 'pass' && d.after.kind === 'pass').length,
    bothFail: paired.filter((d) => d.before.kind === 'fail' && d.after.kind === 'fail').length,
    regressions,
    fixes,
    pValue,
    significantRegression: regressions > fixes && pValue < alpha,
  };
}

function index(run: RunSnapshot): Map<string, RunConversation> {
  const map = new Map<string, RunConversation>();
  for (const c of run.conversations) map.set(keyText(keyOf(c)), c);
  return map;
}

const order = (x: ConversationKey, y: ConversationKey) =>
  x.folder !== y.folder ? (x.folder < y.folder ? -1 : 1) : x.index !== y.index ? x.index - y.index : x.trial - y.trial;

/**
 * Compares two runs conversation by conversation: matched by profile (its test folder, which is
 * its test_name unless two profiles share one), plan index and trial. Says what went from pass
 * to fail and back (the conversation and each rule or expectation), which outputs and stop
 * reasons changed and by how much cost, turns and response times moved, and tests the pass/fail
 * pairs with the exact McNemar test per profile and overall.
 */
export function diffRuns(before: RunSnapshot, after: RunSnapshot, options: { readonly alpha?: number } = {}): RunDiff {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const a = index(before);
  const b = index(after);
  const conversations: ConversationDiff[] = [];
  const onlyBefore: ConversationKey[] = [];
  for (const [key, conversation] of a) {
    const other = b.get(key);
    if (other === undefined) onlyBefore.push(keyOf(conversation));
    else conversations.push(compare(conversation, other));
  }
  const onlyAfter = [...b].filter(([key]) => !a.has(key)).map(([, c]) => keyOf(c));
  conversations.sort((x, y) => order(x.key, y.key));
  onlyBefore.sort(order);
  onlyAfter.sort(order);

  const folders = [...new Set(conversations.map((c) => c.key.folder))].sort();
  const profiles = folders.map((folder): ProfileDiff => {
    const own = conversations.filter((c) => c.key.folder === folder);
    const test = pairTest(own, alpha);
    return {
      testName: own[0]?.key.testName ?? folder,
      folder,
      matched: own.length,
      excluded: own.length - test.pairs,
      ...test,
    };
  });
  const overall = pairTest(conversations, alpha);
  const times = (pick: (d: ConversationDiff) => Delta, side: 'before' | 'after') =>
    conversations.map((c) => pick(c)[side]);
  return {
    before: { dir: before.dir, serial: before.serial },
    after: { dir: after.dir, serial: after.serial },
    alpha,
    conversations,
    onlyBefore,
    onlyAfter,
    profiles,
    overall,
    significantRegression: overall.significantRegression || profiles.some((p) => p.significantRegression),
    totals: {
      costUsd: delta(sum(times((d) => d.costUsd, 'before')), sum(times((d) => d.costUsd, 'after'))),
      turns: delta(sum(times((d) => d.turns, 'before')), sum(times((d) => d.turns, 'after'))),
      responseSeconds: delta(
        mean(times((d) => d.responseSeconds, 'before').filter((v): v is number => v !== null)),
        mean(times((d) => d.responseSeconds, 'after').filter((v): v is number => v !== null)),
      ),
    },
  };
}

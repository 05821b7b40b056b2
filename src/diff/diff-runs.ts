import { canonicalJson } from '../llm/cache/cache-key.ts';
import { mcnemarExact } from '../stats/mcnemar.ts';
import { outcomeOf, type Outcome } from './outcome.ts';
import type { RuleTotals, RunConversation, RunSnapshot } from './run-snapshot.ts';

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

export type CheckKind = 'rule' | 'expectation';

export interface CheckFlip extends Change<boolean> {
  readonly kind: CheckKind;
  readonly name: string;
  readonly flip: Flip;
}

/** How a rule or an expectation changed over the run. */
export type CheckChange = 'regressed' | 'fixed' | 'changed' | 'same' | 'added' | 'removed';

/**
 * One rule or expectation across both runs: its pass/fail pairs over the matched conversations
 * (rules about one conversation at a time, and expectations), with their McNemar test, and for
 * rules its counts over each whole run (pairwise and global rules have only those).
 */
export interface CheckDiff extends PairTest {
  readonly kind: CheckKind;
  readonly name: string;
  readonly change: CheckChange;
  readonly before: CheckCounts | undefined;
  readonly after: CheckCounts | undefined;
  /** Matched conversations where it went from held to failed, and back. */
  readonly regressed: readonly ConversationKey[];
  readonly fixed: readonly ConversationKey[];
}

export interface CheckCounts {
  readonly checks: number;
  readonly pass: number;
  readonly fail: number;
  readonly notApplicable: number;
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
  readonly checkFlips: readonly CheckFlip[];
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
  /** Every rule checked by either run, by name. */
  readonly rules: readonly CheckDiff[];
  /** Every expectation judged in either run, by name. */
  readonly expectations: readonly CheckDiff[];
  /**
   * Overall, in some profile, or for some rule or expectation (each tested at alpha, with no
   * correction for the number of tests).
   */
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
  const checkFlips: CheckFlip[] = [];
  for (const [kind, was, now] of [
    ['rule', a.rules, b.rules],
    ['expectation', a.expectations, b.expectations],
  ] as const) {
    for (const name of Object.keys(was).sort()) {
      const before = was[name];
      const after = now[name];
      if (before === undefined || after === undefined || before === after) continue;
      checkFlips.push({ kind, name, before, after, flip: before ? 'regression' : 'fix' });
    }
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

function countsOf(totals: RuleTotals | undefined): CheckCounts | undefined {
  if (totals === undefined) return undefined;
  return { checks: totals.checks, pass: totals.pass, fail: totals.fail, notApplicable: totals.notApplicable };
}

/** Counts of an expectation over a run's conversations (undecided ones count as not applicable). */
function expectationCounts(run: RunSnapshot, name: string): CheckCounts | undefined {
  const results = run.conversations.filter((c) => name in c.expectations).map((c) => c.expectations[name]);
  if (results.length === 0) return undefined;
  const pass = results.filter((r) => r === true).length;
  const fail = results.filter((r) => r === false).length;
  return { checks: results.length, pass, fail, notApplicable: results.length - pass - fail };
}

function checkChange(before: CheckCounts | undefined, after: CheckCounts | undefined, test: PairTest): CheckChange {
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  if (test.regressions > 0 && test.fixes === 0) return 'regressed';
  if (test.fixes > 0 && test.regressions === 0) return 'fixed';
  if (before.fail === 0 && after.fail > 0) return 'regressed';
  if (before.fail > 0 && after.fail === 0) return 'fixed';
  return test.regressions > 0 || before.pass !== after.pass || before.fail !== after.fail ? 'changed' : 'same';
}

/** Each rule or expectation of either run: its flips over the matched conversations and its McNemar test. */
function checkDiffs(
  kind: CheckKind,
  names: readonly string[],
  matched: readonly (readonly [RunConversation, RunConversation])[],
  counts: (name: string) => readonly [CheckCounts | undefined, CheckCounts | undefined],
  alpha: number,
): CheckDiff[] {
  return names.map((name) => {
    const pick = (c: RunConversation) => (kind === 'rule' ? c.rules : c.expectations)[name];
    const pairs = matched
      .map(([a, b]) => [a, pick(a), pick(b)] as const)
      .filter((p): p is readonly [RunConversation, boolean, boolean] => p[1] !== undefined && p[2] !== undefined);
    const regressed = pairs.filter(([, was, now]) => was && !now).map(([c]) => keyOf(c));
    const fixed = pairs.filter(([, was, now]) => !was && now).map(([c]) => keyOf(c));
    const { pValue } = mcnemarExact(regressed.length, fixed.length);
    const test: PairTest = {
      pairs: pairs.length,
      bothPass: pairs.filter(([, was, now]) => was && now).length,
      bothFail: pairs.filter(([, was, now]) => !was && !now).length,
      regressions: regressed.length,
      fixes: fixed.length,
      pValue,
      significantRegression: regressed.length > fixed.length && pValue < alpha,
    };
    const [before, after] = counts(name);
    return {
      kind,
      name,
      change: checkChange(before, after, test),
      before,
      after,
      regressed: regressed.sort(order),
      fixed: fixed.sort(order),
      ...test,
    };
  });
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
 * pairs with the exact McNemar test per profile, overall, and per rule and expectation.
 */
export function diffRuns(before: RunSnapshot, after: RunSnapshot, options: { readonly alpha?: number } = {}): RunDiff {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const a = index(before);
  const b = index(after);
  const conversations: ConversationDiff[] = [];
  const onlyBefore: ConversationKey[] = [];
  const matched: (readonly [RunConversation, RunConversation])[] = [];
  for (const [key, conversation] of a) {
    const other = b.get(key);
    if (other === undefined) onlyBefore.push(keyOf(conversation));
    else {
      conversations.push(compare(conversation, other));
      matched.push([conversation, other]);
    }
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
  const names = (pick: (c: RunConversation) => object, extra: Iterable<string> = []) =>
    [
      ...new Set([...extra, ...[...before.conversations, ...after.conversations].flatMap((c) => Object.keys(pick(c)))]),
    ].sort();
  const rules = checkDiffs(
    'rule',
    names((c) => c.rules, [...before.rules.keys(), ...after.rules.keys()]),
    matched,
    (name) => [countsOf(before.rules.get(name)), countsOf(after.rules.get(name))],
    alpha,
  );
  const expectations = checkDiffs(
    'expectation',
    names((c) => c.expectations),
    matched,
    (name) => [expectationCounts(before, name), expectationCounts(after, name)],
    alpha,
  );
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
    rules,
    expectations,
    significantRegression:
      overall.significantRegression ||
      profiles.some((p) => p.significantRegression) ||
      [...rules, ...expectations].some((c) => c.significantRegression),
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

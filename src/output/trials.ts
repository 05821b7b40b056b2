import type { ConversationResult } from '../conversation/types.ts';
import {
  classifyTrials,
  fraction,
  gcd,
  summarizeTrials,
  wilsonInterval,
  type Fraction,
  type TrialClass,
  type TrialSummary,
} from '../stats/index.ts';
import { failureReason } from './conversation-verdict.ts';

/** How one trial counts: a success, a failure, or left out of s and n. */
export type TrialOutcome = 'pass' | 'fail' | 'excluded';

/** A result as trials read it: a verdict recorded with it (expectations judged) decides. */
type JudgedResult = ConversationResult & { readonly verdict?: unknown };

/**
 * A trial succeeds when its recorded verdict is `passed`; `failed` and `error` are failures;
 * `inconclusive` and `simulator_fault` say nothing about the chatbot, so they count in neither s
 * nor n. Without a verdict (runs that judge no expectations) a trial succeeds when it has no
 * failure reason (it ended by its goal style, with no error and no missing output). Interrupted
 * trials never finished and are left out too.
 */
export function trialOutcome(result: JudgedResult): TrialOutcome {
  const verdict = result.verdict;
  if (typeof verdict === 'string') {
    if (verdict === 'passed') return 'pass';
    if (verdict === 'failed' || verdict === 'error') return 'fail';
    return 'excluded';
  }
  if (result.status === 'interrupted') return 'excluded';
  return failureReason(result) === undefined ? 'pass' : 'fail';
}

/** One planned conversation over its trials. */
export interface ConversationTrials {
  readonly folder: string;
  readonly testName: string;
  readonly profileFile: string;
  readonly index: number;
  /** Every trial played, in trial order. */
  readonly trials: readonly {
    readonly trial: number;
    readonly id: string;
    readonly seed: string;
    readonly outcome: TrialOutcome;
  }[];
  /** Over the trials that count (n excludes inconclusive, simulator faults and interrupted ones). */
  readonly summary: TrialSummary;
  readonly excluded: number;
}

/** pass^k of a group of planned conversations: the mean of their C(s,k)/C(n,k). */
export interface GroupPassHatK {
  readonly k: number;
  readonly value: number;
  readonly exact: Fraction;
}

/** A profile (or the whole run) over the trials of its planned conversations. */
export interface GroupTrials {
  readonly conversations: number;
  /** Successes and counted trials over every conversation of the group. */
  readonly successes: number;
  readonly trials: number;
  readonly excluded: number;
  readonly passRate: number | undefined;
  /** Wilson 95% interval of the pass rate over the group's trials. */
  readonly interval: TrialSummary['interval'];
  /** For k = 1 up to the fewest counted trials of a conversation (conversations with none left out). */
  readonly passHatK: readonly GroupPassHatK[];
  /** all_pass, flaky or all_fail by the group's successes. */
  readonly classification: TrialClass | undefined;
  /** How many of its conversations are all_pass, flaky and all_fail (and how many had no counted trial). */
  readonly classes: Readonly<Record<TrialClass | 'none', number>>;
}

export interface ProfileTrials extends GroupTrials {
  readonly folder: string;
  readonly testName: string;
  readonly profileFile: string;
}

/** Trials, pass^k and pass rates of a run, per conversation, per profile and overall. */
export interface TrialsReport {
  /** How often each planned conversation was to be played (1 without trials). */
  readonly perConversation: number;
  readonly conversations: readonly ConversationTrials[];
  readonly profiles: readonly ProfileTrials[];
  readonly overall: GroupTrials;
}

/** The exact sum, kept in lowest terms at every step: an unreduced product of denominators grows with every term. */
function sumFractions(values: readonly Fraction[]): Fraction {
  let numerator = 0n;
  let denominator = 1n;
  for (const v of values) {
    if (v.denominator === denominator) numerator += v.numerator;
    else {
      numerator = numerator * v.denominator + v.numerator * denominator;
      denominator *= v.denominator;
    }
    const divisor = numerator === 0n ? denominator : gcd(numerator, denominator);
    if (divisor !== 1n) {
      numerator /= divisor;
      denominator /= divisor;
    }
  }
  return fraction(numerator, denominator);
}

/** Conversations played once each (a run without trials), as counts: how many passed, failed and were left out. */
export interface SingleTrialCounts {
  readonly pass: number;
  readonly fail: number;
  readonly excluded: number;
}

const NO_SINGLES: SingleTrialCounts = { pass: 0, fail: 0, excluded: 0 };

/**
 * A group's figures over its conversations, and over `singles`: conversations of one trial each
 * kept as counts, which count exactly as such conversations would (s of 1 or 0 of 0 trials).
 */
function groupOf(conversations: readonly ConversationTrials[], singles: SingleTrialCounts = NO_SINGLES): GroupTrials {
  const successes = conversations.reduce((s, c) => s + c.summary.successes, singles.pass);
  const trials = conversations.reduce((s, c) => s + c.summary.trials, singles.pass + singles.fail);
  // Pooled over the group: the rate, its interval and its class (pass^k is the mean of the conversations', below).
  const pooled = {
    passRate: trials === 0 ? undefined : successes / trials,
    interval: wilsonInterval(successes, trials),
    classification: classifyTrials(successes, trials),
  };
  const counted = conversations.filter((c) => c.summary.trials > 0);
  const countedSingles = singles.pass + singles.fail;
  const maxK = counted.reduce(
    (k, c) => Math.min(k, c.summary.trials),
    countedSingles > 0 ? 1 : counted.length === 0 ? 0 : Infinity,
  );
  const passHatK: GroupPassHatK[] = [];
  for (let k = 1; k <= maxK; k++) {
    const terms = counted.map((c) => c.summary.passHatK[k - 1]?.exact ?? fraction(0n, 1n));
    // pass^1 of a single trial is 1/1 when it passed, 0/1 when it failed.
    if (countedSingles > 0) terms.push(fraction(BigInt(singles.pass), 1n));
    const total = sumFractions(terms);
    const exact = fraction(total.numerator, total.denominator * BigInt(counted.length + countedSingles));
    passHatK.push({ k, value: exact.value, exact });
  }
  const classes = { all_pass: singles.pass, flaky: 0, all_fail: singles.fail, none: singles.excluded };
  for (const c of conversations) classes[c.summary.classification ?? 'none']++;
  return {
    conversations: conversations.length + countedSingles + singles.excluded,
    successes,
    trials,
    excluded: conversations.reduce((s, c) => s + c.excluded, singles.excluded),
    passRate: pooled.passRate,
    interval: pooled.interval,
    passHatK,
    classification: pooled.classification,
    classes,
  };
}

/** What trials keep of a finished conversation: which planned conversation and trial it was, and how it counts. */
export interface TrialEntry {
  readonly index: number;
  readonly trial: number | undefined;
  readonly id: string;
  readonly seed: string;
  readonly testName: string;
  readonly profileFile: string;
  readonly outcome: TrialOutcome;
}

export function trialEntry(result: ConversationResult): TrialEntry {
  const { index, trial, id, seed, testName, profileFile } = result;
  return { index, trial, id, seed, testName, profileFile, outcome: trialOutcome(result) };
}

/** One group of results: a profile's folder and what trials keep of its conversations. */
export interface TrialsInput {
  readonly folder: string;
  readonly results: readonly TrialEntry[];
  /** Conversations of a run without trials kept as counts (`TrialEntries`): in the profile's and the run's figures, not listed one by one. */
  readonly singles?: SingleTrialCounts | undefined;
  /** The profile's, when `results` may be empty. */
  readonly testName?: string | undefined;
  readonly profileFile?: string | undefined;
}

/**
 * What trials keep of one profile's finished conversations, added one at a time: each entry of a
 * run with trials (they are listed per conversation), and only counts of a run without (each
 * conversation its own single trial), so a long run keeps nothing per conversation for them.
 */
export class TrialEntries {
  readonly #entries: TrialEntry[] = [];
  readonly #singles = { pass: 0, fail: 0, excluded: 0 };
  #testName: string | undefined;
  #profileFile: string | undefined;

  add(entry: TrialEntry): void {
    this.#testName ??= entry.testName;
    this.#profileFile ??= entry.profileFile;
    if (entry.trial === undefined) this.#singles[entry.outcome] += 1;
    else this.#entries.push(entry);
  }

  /** The profile's group for `trialsReport`. */
  input(folder: string): TrialsInput {
    return {
      folder,
      results: this.#entries,
      singles: { ...this.#singles },
      testName: this.#testName,
      profileFile: this.#profileFile,
    };
  }
}

/**
 * Groups a run's results by planned conversation (profile folder and plan index) and summarizes
 * each one's trials, each profile and the run. A run without trials is the case k = 1: every
 * conversation is its own single trial.
 */
export function trialsReport(groups: readonly TrialsInput[], perConversation: number): TrialsReport {
  const conversations: ConversationTrials[] = [];
  const profiles: ProfileTrials[] = [];
  const overallSingles = { pass: 0, fail: 0, excluded: 0 };
  for (const group of groups) {
    const byIndex = new Map<number, TrialEntry[]>();
    for (const result of group.results) {
      const same = byIndex.get(result.index);
      if (same === undefined) byIndex.set(result.index, [result]);
      else same.push(result);
    }
    const own: ConversationTrials[] = [...byIndex.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, results]) => {
        const trials = [...results]
          .sort((a, b) => (a.trial ?? 1) - (b.trial ?? 1))
          .map((r) => ({ trial: r.trial ?? 1, id: r.id, seed: r.seed, outcome: r.outcome }));
        const counted = trials.filter((t) => t.outcome !== 'excluded');
        const first = results[0];
        return {
          folder: group.folder,
          testName: first?.testName ?? group.folder,
          profileFile: first?.profileFile ?? '',
          index,
          trials,
          summary: summarizeTrials(counted.filter((t) => t.outcome === 'pass').length, counted.length),
          excluded: trials.length - counted.length,
        };
      });
    for (const c of own) conversations.push(c);
    const singles = group.singles ?? NO_SINGLES;
    overallSingles.pass += singles.pass;
    overallSingles.fail += singles.fail;
    overallSingles.excluded += singles.excluded;
    profiles.push({
      folder: group.folder,
      testName: own[0]?.testName ?? group.testName ?? group.folder,
      profileFile: own[0]?.profileFile ?? group.profileFile ?? '',
      ...groupOf(own, singles),
    });
  }
  return { perConversation, conversations, profiles, overall: groupOf(conversations, overallSingles) };
}

/** The profiles whose pass rate is below `minPassRate` (profiles with no counted trial pass no gate and fail none). */
export function profilesBelow(report: TrialsReport, minPassRate: number): ProfileTrials[] {
  return report.profiles.filter((p) => p.passRate !== undefined && p.passRate < minPassRate);
}

/** `3/10`, the exact value of a pass^k. */
export const fractionText = (f: Fraction): string => `${f.numerator}/${f.denominator}`;

const interval = (i: TrialSummary['interval']) => (i === undefined ? null : { low: i.low, high: i.high });

function groupJson(group: GroupTrials): Record<string, unknown> {
  return {
    conversations: group.conversations,
    trials: group.trials,
    successes: group.successes,
    excluded_trials: group.excluded,
    pass_rate: group.passRate ?? null,
    wilson_95: interval(group.interval),
    pass_k: group.passHatK.map((p) => ({ k: p.k, value: p.value, exact: fractionText(p.exact) })),
    classification: group.classification ?? null,
    classes: group.classes,
  };
}

/** A profile's trial figures as run.json's profile entries carry them (`pass_k` is what the HTML report reads). */
export function profileTrialsJson(profile: ProfileTrials): Record<string, unknown> {
  return groupJson(profile);
}

/** The whole report as plain JSON (exact pass^k values as `s/n` text): run.json's `trials` and `--json`. */
export function trialsJson(report: TrialsReport): Record<string, unknown> {
  return {
    per_conversation: report.perConversation,
    overall: groupJson(report.overall),
    profiles: report.profiles.map((p) => ({ folder: p.folder, test_name: p.testName, ...groupJson(p) })),
    conversations: report.conversations.map((c) => ({
      folder: c.folder,
      test_name: c.testName,
      index: c.index,
      trials: c.summary.trials,
      successes: c.summary.successes,
      excluded_trials: c.excluded,
      pass_rate: c.summary.passRate ?? null,
      wilson_95: interval(c.summary.interval),
      pass_k: c.summary.passHatK.map((p) => ({ k: p.k, value: p.value, exact: fractionText(p.exact) })),
      classification: c.summary.classification ?? null,
      runs: c.trials.map((t) => ({ trial: t.trial, id: t.id, seed: t.seed, outcome: t.outcome })),
    })),
  };
}

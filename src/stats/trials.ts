import { passHatKCurve, type PassHatK } from './pass-hat-k.ts';
import { wilsonInterval, type Interval } from './wilson.ts';

/** How a conversation (or profile) did over its trials. */
export type TrialClass = 'all_pass' | 'flaky' | 'all_fail';

export function classifyTrials(successes: number, trials: number): TrialClass | undefined {
  if (trials === 0) return undefined;
  if (successes === trials) return 'all_pass';
  return successes === 0 ? 'all_fail' : 'flaky';
}

export interface TrialSummary {
  readonly successes: number;
  readonly trials: number;
  /** s / n; undefined without trials. */
  readonly passRate: number | undefined;
  /** Wilson 95% interval of the pass rate. */
  readonly interval: Interval | undefined;
  /** pass^k for k = 1..n. */
  readonly passHatK: readonly PassHatK[];
  readonly classification: TrialClass | undefined;
}

/** Everything the reports say about s successes in n trials. */
export function summarizeTrials(successes: number, trials: number): TrialSummary {
  return {
    successes,
    trials,
    passRate: trials === 0 ? undefined : successes / trials,
    interval: wilsonInterval(successes, trials),
    passHatK: passHatKCurve(successes, trials),
    classification: classifyTrials(successes, trials),
  };
}

/** Counts the passes of a list of trial outcomes (true = passed). */
export function summarizeOutcomes(outcomes: readonly boolean[]): TrialSummary {
  return summarizeTrials(outcomes.filter(Boolean).length, outcomes.length);
}

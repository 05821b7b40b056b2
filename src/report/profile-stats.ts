import {
  JUDGED_VERDICTS,
  type Distribution,
  type PassK,
  type ReportConversation,
  type VerdictCounts,
} from './report-data.ts';

/** passed / (passed + failed + error): inconclusive, simulator faults and interrupted ones say nothing about the chatbot. */
export function passRate(verdicts: VerdictCounts): number | null {
  const judged = JUDGED_VERDICTS.reduce((sum, v) => sum + verdicts[v], 0);
  return judged === 0 ? null : verdicts.passed / judged;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

export function distribution(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    max: sorted[sorted.length - 1] ?? 0,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

/** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `value`. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value * (1 - 1e-9)) return step * power;
  return 10 * power;
}

const BIN_COUNT = 10;

/**
 * Ten equal bins from 0 to a round number above the slowest reply (or above the 99th percentile
 * when a few outliers would squash every other bar into the first bin; those go in the last bin).
 */
export function histogramBins(all: readonly number[]): number[] {
  if (all.length === 0) return [];
  const sorted = [...all].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1] ?? 0;
  const p99 = quantile(sorted, 0.99);
  const upper = niceCeil(max > 3 * p99 && p99 > 0 ? p99 : max);
  return Array.from({ length: BIN_COUNT }, (_, i) => Number(((upper * (i + 1)) / BIN_COUNT).toPrecision(6)));
}

export function histogram(values: readonly number[], bins: readonly number[]): number[] {
  const counts = bins.map(() => 0);
  if (bins.length === 0) return counts;
  for (const v of values) {
    let i = bins.findIndex((edge) => v <= edge);
    if (i < 0) i = bins.length - 1;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** What pass^k needs of a conversation. */
export type TrialOutcome = Pick<ReportConversation, 'profile' | 'index' | 'trial' | 'verdict'>;

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/**
 * pass^k over the planned conversations of a profile played in trials: for each one with n
 * judged trials of which s passed, C(s,k)/C(n,k), averaged; for k = 1 up to the fewest trials.
 * Empty when no conversation has a trial number.
 */
export function passK(conversations: readonly TrialOutcome[]): PassK[] {
  const tasks = new Map<string, { n: number; s: number }>();
  for (const c of conversations) {
    if (c.trial === undefined || !JUDGED_VERDICTS.includes(c.verdict)) continue;
    const key = `${c.profile}/${c.index}`;
    const task = tasks.get(key) ?? { n: 0, s: 0 };
    task.n++;
    if (c.verdict === 'passed') task.s++;
    tasks.set(key, task);
  }
  if (tasks.size === 0) return [];
  const maxK = Math.min(...[...tasks.values()].map((t) => t.n));
  const result: PassK[] = [];
  for (let k = 1; k <= maxK; k++) {
    const values = [...tasks.values()].map((t) => choose(t.s, k) / choose(t.n, k));
    result.push({ k, value: values.reduce((a, b) => a + b, 0) / values.length });
  }
  return result;
}

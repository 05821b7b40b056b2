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

/**
 * A multiset of numbers: each distinct value once, with how many times it came. Response times
 * are whole milliseconds, so a run of any length holds a few thousand distinct values at most,
 * where a list would hold one number per reply. Everything read from it (quantiles, mean, bins)
 * equals what the sorted list of all the values gives, bit for bit.
 */
export class ValueCounts {
  readonly #counts = new Map<number, number>();
  #size = 0;
  #sorted: { values: number[]; counts: number[] } | undefined;

  static of(values: readonly number[]): ValueCounts {
    const counts = new ValueCounts();
    for (const v of values) counts.add(v);
    return counts;
  }

  /** How many values were added. */
  get size(): number {
    return this.#size;
  }

  add(value: number, times = 1): void {
    this.#counts.set(value, (this.#counts.get(value) ?? 0) + times);
    this.#size += times;
    this.#sorted = undefined;
  }

  addAll(other: ValueCounts): void {
    for (const [value, times] of other.#counts) this.add(value, times);
  }

  /** The distinct values in ascending order, each with its count. */
  #ascending(): { values: number[]; counts: number[] } {
    if (this.#sorted === undefined) {
      const values = [...this.#counts.keys()].sort((a, b) => a - b);
      this.#sorted = { values, counts: values.map((v) => this.#counts.get(v) ?? 0) };
    }
    return this.#sorted;
  }

  /** The value at `rank` (0-based) of the values in ascending order. */
  #at(rank: number): number | undefined {
    const { values, counts } = this.#ascending();
    let below = 0;
    for (const [i, value] of values.entries()) {
      below += counts[i] ?? 0;
      if (rank < below) return value;
    }
    return undefined;
  }

  quantile(q: number): number {
    if (this.#size === 0) return 0;
    const pos = (this.#size - 1) * q;
    const lo = Math.floor(pos);
    const a = this.#at(lo) ?? 0;
    const b = this.#at(Math.ceil(pos)) ?? a;
    return a + (b - a) * (pos - lo);
  }

  get min(): number {
    return this.#ascending().values[0] ?? 0;
  }

  get max(): number {
    return this.#ascending().values.at(-1) ?? 0;
  }

  /** The values summed in ascending order (the order decides the last bits of a float sum). */
  sum(): number {
    const { values, counts } = this.#ascending();
    let sum = 0;
    for (const [i, value] of values.entries()) for (let n = counts[i] ?? 0; n > 0; n--) sum += value;
    return sum;
  }

  /** Each distinct value with its count, in ascending order. */
  *entries(): Generator<[number, number]> {
    const { values, counts } = this.#ascending();
    for (const [i, value] of values.entries()) yield [value, counts[i] ?? 0];
  }
}

const countsOf = (values: readonly number[] | ValueCounts): ValueCounts =>
  values instanceof ValueCounts ? values : ValueCounts.of(values);

export function distribution(input: readonly number[] | ValueCounts): Distribution | null {
  const values = countsOf(input);
  if (values.size === 0) return null;
  return {
    count: values.size,
    min: values.min,
    median: values.quantile(0.5),
    p90: values.quantile(0.9),
    max: values.max,
    mean: values.sum() / values.size,
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
export function histogramBins(input: readonly number[] | ValueCounts): number[] {
  const all = countsOf(input);
  if (all.size === 0) return [];
  const max = all.max;
  const p99 = all.quantile(0.99);
  const upper = niceCeil(max > 3 * p99 && p99 > 0 ? p99 : max);
  return Array.from({ length: BIN_COUNT }, (_, i) => Number(((upper * (i + 1)) / BIN_COUNT).toPrecision(6)));
}

export function histogram(values: readonly number[] | ValueCounts, bins: readonly number[]): number[] {
  const counts = bins.map(() => 0);
  if (bins.length === 0) return counts;
  for (const [v, times] of countsOf(values).entries()) {
    let i = bins.findIndex((edge) => v <= edge);
    if (i < 0) i = bins.length - 1;
    counts[i] = (counts[i] ?? 0) + times;
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
 * Counted as conversations come: only n and s of each planned conversation are kept.
 */
export class PassKTally {
  readonly #tasks = new Map<string, { n: number; s: number }>();

  add(c: TrialOutcome): void {
    if (c.trial === undefined || !JUDGED_VERDICTS.includes(c.verdict)) return;
    const key = `${c.profile}/${c.index}`;
    const task = this.#tasks.get(key) ?? { n: 0, s: 0 };
    task.n++;
    if (c.verdict === 'passed') task.s++;
    this.#tasks.set(key, task);
  }

  /** Empty when no conversation has a trial number. */
  result(): PassK[] {
    const tasks = this.#tasks;
    if (tasks.size === 0) return [];
    const maxK = Math.min(...[...tasks.values()].map((t) => t.n));
    const result: PassK[] = [];
    for (let k = 1; k <= maxK; k++) {
      const values = [...tasks.values()].map((t) => choose(t.s, k) / choose(t.n, k));
      result.push({ k, value: values.reduce((a, b) => a + b, 0) / values.length });
    }
    return result;
  }
}

/** PassKTally over a list of conversations. */
export function passK(conversations: readonly TrialOutcome[]): PassK[] {
  const tally = new PassKTally();
  for (const c of conversations) tally.add(c);
  return tally.result();
}

import { createRng } from '../../base/random/rng.ts';
import { aetg } from './aetg.ts';
import { binaryCoveringArray, orthogonalArray } from './constructions.ts';
import { ipog } from './ipog.ts';
import { countMissingPairs } from './pair-space.ts';
import { dropRedundantRows } from './reduce.ts';

export interface PairwiseOptions {
  /** Seed of the search; the default keeps a profile's pairwise rows the same for every run seed. */
  readonly seed?: number | string;
}

/**
 * How much search a model gets: fixed counts (never a time budget) so the result is the same on
 * every machine. IPOG is cheap and wins on mixed and small-domain models; the row-at-a-time
 * greedy wins on uniform models with 5 or more values and costs about candidates × k² × v per row.
 */
function effort(levels: readonly number[]): { ipogRuns: number; aetgRuns: number; candidates: number } {
  const k = levels.length;
  let pairs = 0;
  let sum = 0;
  for (const v of levels) {
    pairs += sum * v;
    sum += v;
  }
  const top = levels[0] ?? 1;
  const candidates = 30;
  const ipogRuns = Math.max(3, Math.min(12, Math.floor(60_000 / pairs)));
  const aetgCost = candidates * k * k * top * top * (levels[1] ?? 1);
  // Models too big for even one greedy run in the budget get IPOG only.
  const aetgRuns = top >= 5 && k <= 40 ? Math.min(3, Math.floor(24_000_000 / aetgCost)) : 0;
  return { ipogRuns, aetgRuns, candidates };
}

/** Fewest rows any pairwise set of these parameters can have: the two largest value counts multiplied. */
export function pairwiseLowerBound(levels: readonly number[]): number {
  const sorted = [...levels].sort((a, b) => b - a);
  if (sorted.length <= 1) return sorted[0] ?? 0;
  return (sorted[0] ?? 1) * (sorted[1] ?? 1);
}

/**
 * A small set of rows (0-based value indices, parameters in the given order) in which every
 * pair of values of every two parameters appears at least once. Deterministic for a given seed.
 * With one parameter the rows are its values in order; with none, no rows.
 */
export function pairwiseRows(levels: readonly number[], options: PairwiseOptions = {}): number[][] {
  if (levels.some((v) => !Number.isInteger(v) || v < 1))
    throw new RangeError('every parameter needs at least one value');
  const k = levels.length;
  if (k === 0) return [];
  if (k === 1) return Array.from({ length: levels[0] ?? 0 }, (_, x) => [x]);
  // Sort parameters by number of values, most first (stable), and map back at the end.
  const order = levels.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v || a.i - b.i);
  const sorted = order.map((o) => o.v);
  const lowerBound = (sorted[0] ?? 1) * (sorted[1] ?? 1);
  const rng = createRng(options.seed ?? 'pairwise');

  let best: number[][] | undefined;
  const consider = (rows: number[][] | undefined) => {
    if (rows === undefined) return;
    const reduced = dropRedundantRows(sorted, rows);
    if (best === undefined || reduced.length < best.length) best = reduced;
  };
  consider(orthogonalArray(sorted));
  // The binary construction is optimal (Kleitman–Spencer), so no search can beat it.
  if (sorted.every((v) => v === 2)) consider(binaryCoveringArray(k));
  if (sorted.every((v) => v === 2)) return finish(best ?? [], order, k, sorted);
  // On uniform models greedy searches land well above the lower bound: an orthogonal array this close is not worth searching past.
  const uniform = sorted.every((v) => v === sorted[0]);
  if (uniform && best !== undefined && best.length <= lowerBound * 1.25) return finish(best, order, k, sorted);
  const { ipogRuns, aetgRuns, candidates } = effort(sorted);
  for (let run = 0; run < ipogRuns && (best?.length ?? Infinity) > lowerBound; run++)
    consider(ipog(sorted, rng.fork(`ipog:${run}`)));
  for (let run = 0; run < aetgRuns && (best?.length ?? Infinity) > lowerBound; run++)
    consider(aetg(sorted, rng.fork(`aetg:${run}`), candidates));

  return finish(best ?? [], order, k, sorted);
}

function finish(
  rows: readonly number[][],
  order: readonly { i: number }[],
  k: number,
  sorted: readonly number[],
): number[][] {
  if (countMissingPairs(sorted, rows) !== 0) throw new Error('internal error: pairwise rows miss a pair');
  return rows.map((row) => {
    const out = new Array<number>(k);
    order.forEach((o, position) => (out[o.i] = row[position] ?? 0));
    return out;
  });
}

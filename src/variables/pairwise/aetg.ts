import type { Rng } from '../../base/random/rng.ts';
import { PairSpace } from './pair-space.ts';

/**
 * One-row-at-a-time greedy (AETG with density tie-breaking). Each row starts from the
 * parameter value in the most missing pairs, fixes the other parameters in a random order, each
 * to the value covering the most missing pairs with the cells already fixed (ties go to the
 * value with more missing pairs overall). The best of `candidates` rows is kept.
 */
export function aetg(levels: readonly number[], rng: Rng, candidates: number): number[][] {
  const k = levels.length;
  const space = new PairSpace(levels);
  const covered = new Uint8Array(space.size);
  let missing = space.size;
  // degree[a][x]: missing pairs that involve parameter a at value x
  const degreeBase: number[] = [];
  let degreeSize = 0;
  for (const level of levels) {
    degreeBase.push(degreeSize);
    degreeSize += level;
  }
  const degree = new Int32Array(degreeSize);
  for (let a = 0; a < k; a++) {
    let others = 0;
    for (let b = 0; b < k; b++) if (b !== a) others += levels[b] ?? 0;
    for (let x = 0; x < (levels[a] ?? 0); x++) degree[(degreeBase[a] ?? 0) + x] = others;
  }

  const rows: number[][] = [];
  const candidate = new Int32Array(k);
  const best = new Int32Array(k);
  const order = Array.from({ length: k }, (_, i) => i);
  const fixed: number[] = [];
  const ties: number[] = [];
  const gains = new Int32Array(Math.max(...levels));

  while (missing > 0) {
    let bestScore = -1;
    for (let c = 0; c < candidates; c++) {
      // Start from the parameter value in the most missing pairs.
      let top = -1;
      ties.length = 0;
      for (let i = 0; i < degreeSize; i++) {
        const d = degree[i] ?? 0;
        if (d > top) {
          top = d;
          ties.length = 0;
          ties.push(i);
        } else if (d === top) ties.push(i);
      }
      const start = rng.choice(ties);
      let startParam = 0;
      while (startParam + 1 < k && (degreeBase[startParam + 1] ?? Infinity) <= start) startParam++;
      candidate.fill(-1);
      candidate[startParam] = start - (degreeBase[startParam] ?? 0);
      fixed.length = 0;
      fixed.push(startParam);
      const shuffled = rng.shuffle(order);
      let score = 0;
      for (const p of shuffled) {
        if (p === startParam) continue;
        const vp = levels[p] ?? 1;
        gains.fill(0, 0, vp);
        for (const q of fixed) {
          const xq = candidate[q] ?? 0;
          const base = q < p ? space.offset(q, p) + xq * vp : space.offset(p, q) + xq;
          const stride = q < p ? 1 : (levels[q] ?? 1);
          for (let y = 0, s = base; y < vp; y++, s += stride) if (covered[s] === 0) gains[y]!++;
        }
        let bestGain = -1;
        let bestDegree = -1;
        ties.length = 0;
        for (let y = 0; y < vp; y++) {
          const gain = gains[y] ?? 0;
          const d = degree[(degreeBase[p] ?? 0) + y] ?? 0;
          if (gain > bestGain || (gain === bestGain && d > bestDegree)) {
            bestGain = gain;
            bestDegree = d;
            ties.length = 0;
            ties.push(y);
          } else if (gain === bestGain && d === bestDegree) ties.push(y);
        }
        candidate[p] = ties.length === 1 ? (ties[0] ?? 0) : rng.choice(ties);
        fixed.push(p);
        score += bestGain;
      }
      if (score > bestScore) {
        bestScore = score;
        best.set(candidate);
      }
    }
    for (let a = 0; a < k; a++) {
      const x = best[a] ?? 0;
      for (let b = a + 1; b < k; b++) {
        const y = best[b] ?? 0;
        const s = space.slot(a, x, b, y);
        if (covered[s] === 0) {
          covered[s] = 1;
          missing--;
          degree[(degreeBase[a] ?? 0) + x]!--;
          degree[(degreeBase[b] ?? 0) + y]!--;
        }
      }
    }
    rows.push(Array.from(best));
  }
  return rows;
}

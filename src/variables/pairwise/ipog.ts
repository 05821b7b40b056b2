import type { Rng } from '../../base/random/rng.ts';
import { PairSpace } from './pair-space.ts';

/**
 * IPOG (in-parameter-order) for strength 2. Columns are added one at a time: each existing row
 * gets the value that covers the most new pairs (horizontal growth), then the pairs still
 * missing go into don't-care cells or new rows (vertical growth). `levels` should be sorted
 * from most to fewest values. Ties are broken by `rng`, so different streams give different
 * (all valid) arrays.
 */
export function ipog(levels: readonly number[], rng: Rng): number[][] {
  const k = levels.length;
  const v = (i: number) => levels[i] ?? 1;
  const rows: Int32Array[] = [];
  for (let x = 0; x < v(0); x++) {
    for (let y = 0; y < v(1); y++) {
      const row = new Int32Array(k).fill(-1);
      row[0] = x;
      row[1] = y;
      rows.push(row);
    }
  }
  const space = new PairSpace(levels);
  const covered = new Uint8Array(space.size);
  const gains = new Int32Array(Math.max(...levels));
  const ties: number[] = [];

  for (let i = 2; i < k; i++) {
    const vi = v(i);
    let missing = 0;
    for (let j = 0; j < i; j++) missing += v(j) * vi;

    const cover = (row: Int32Array): void => {
      const y = row[i] ?? -1;
      if (y < 0) return;
      for (let j = 0; j < i; j++) {
        const x = row[j] ?? -1;
        if (x < 0) continue;
        const s = space.slot(j, x, i, y);
        if (covered[s] === 0) {
          covered[s] = 1;
          missing--;
        }
      }
    };

    // Horizontal growth.
    for (const row of rows) {
      if (missing === 0) break;
      gains.fill(0);
      for (let j = 0; j < i; j++) {
        const x = row[j] ?? -1;
        if (x < 0) continue;
        const base = space.slot(j, x, i, 0);
        for (let y = 0; y < vi; y++) if (covered[base + y] === 0) gains[y]!++;
      }
      let best = 0;
      ties.length = 0;
      for (let y = 0; y < vi; y++) {
        const g = gains[y] ?? 0;
        if (g > best) {
          best = g;
          ties.length = 0;
          ties.push(y);
        } else if (g === best && g > 0) {
          ties.push(y);
        }
      }
      if (best === 0) continue;
      row[i] = ties.length === 1 ? (ties[0] ?? 0) : rng.choice(ties);
      cover(row);
    }

    // Vertical growth: every missing pair goes into the first row that can take it.
    if (missing > 0) {
      const firstNew = rows.length;
      for (let j = 0; j < i; j++) {
        const vj = v(j);
        for (let x = 0; x < vj; x++) {
          for (let y = 0; y < vi; y++) {
            if (covered[space.slot(j, x, i, y)] === 1) continue;
            let target: Int32Array | undefined;
            for (let r = 0; r < rows.length && target === undefined; r++) {
              const row = rows[r]!;
              const rj = row[j] ?? -1;
              const ri = row[i] ?? -1;
              if ((rj === x || rj === -1) && (ri === y || (ri === -1 && r >= firstNew))) target = row;
            }
            if (target === undefined) {
              for (const row of rows) {
                if ((row[j] === x || row[j] === -1) && row[i] === -1) {
                  target = row;
                  break;
                }
              }
            }
            if (target === undefined) {
              target = new Int32Array(k).fill(-1);
              rows.push(target);
            }
            target[j] = x;
            target[i] = y;
            cover(target);
          }
        }
      }
    }
  }

  return rows.map((row) => Array.from(row, (x, c) => (x >= 0 ? x : rng.int(0, v(c) - 1))));
}

import { PairSpace } from './pair-space.ts';

/** Drops rows whose every pair is also covered by another row (last rows first). */
export function dropRedundantRows(levels: readonly number[], rows: readonly number[][]): number[][] {
  const k = levels.length;
  const space = new PairSpace(levels);
  const multiplicity = new Int32Array(space.size);
  const each = (row: readonly number[], visit: (slot: number) => void) => {
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) visit(space.slot(a, row[a] ?? 0, b, row[b] ?? 0));
  };
  for (const row of rows) each(row, (s) => multiplicity[s]!++);
  const kept = rows.slice();
  for (let r = kept.length - 1; r >= 0; r--) {
    const row = kept[r]!;
    let needed = false;
    each(row, (s) => {
      if ((multiplicity[s] ?? 0) < 2) needed = true;
    });
    if (!needed) {
      each(row, (s) => multiplicity[s]!--);
      kept.splice(r, 1);
    }
  }
  return kept;
}

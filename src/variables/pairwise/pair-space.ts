/**
 * The value pairs a strength-2 covering array must contain, as one flat bitmap. Parameter pair
 * (a, b) with a < b owns the slots `offset(a, b) + x * levels[b] + y`.
 */
export class PairSpace {
  readonly levels: readonly number[];
  readonly size: number;
  private readonly offsets: Int32Array;

  constructor(levels: readonly number[]) {
    this.levels = levels;
    const k = levels.length;
    this.offsets = new Int32Array(k * k);
    let total = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        this.offsets[a * k + b] = total;
        total += (levels[a] ?? 0) * (levels[b] ?? 0);
      }
    }
    this.size = total;
  }

  /** Slot of the pair (a = x, b = y); callers keep a < b. */
  slot(a: number, x: number, b: number, y: number): number {
    return (this.offsets[a * this.levels.length + b] ?? 0) + x * (this.levels[b] ?? 0) + y;
  }

  /** Slot of the pair in either parameter order. */
  slotAny(a: number, x: number, b: number, y: number): number {
    return a < b ? this.slot(a, x, b, y) : this.slot(b, y, a, x);
  }

  offset(a: number, b: number): number {
    return this.offsets[a * this.levels.length + b] ?? 0;
  }
}

/** Rows of 0-based value indices; -1 marks a cell not set yet (a "don't care"). */
export type Row = Int32Array;

/** How many pairs are missing from `rows` (0 means the rows cover every pair). */
export function countMissingPairs(levels: readonly number[], rows: readonly ArrayLike<number>[]): number {
  const space = new PairSpace(levels);
  const seen = new Uint8Array(space.size);
  const k = levels.length;
  let covered = 0;
  for (const row of rows) {
    for (let a = 0; a < k; a++) {
      const x = row[a] ?? -1;
      if (x < 0 || x >= (levels[a] ?? 0)) continue;
      for (let b = a + 1; b < k; b++) {
        const y = row[b] ?? -1;
        if (y < 0 || y >= (levels[b] ?? 0)) continue;
        const s = space.slot(a, x, b, y);
        if (seen[s] === 0) {
          seen[s] = 1;
          covered++;
        }
      }
    }
  }
  return space.size - covered;
}

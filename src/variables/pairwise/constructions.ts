/**
 * Algebraic covering arrays that greedy builders cannot match: an orthogonal array for up to
 * p + 1 parameters of at most p values (p prime), and the Kleitman–Spencer binary construction.
 */

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** OA(p²; k, p) for k <= p + 1, values folded into each column's own range; undefined if none applies. */
export function orthogonalArray(levels: readonly number[]): number[][] | undefined {
  const k = levels.length;
  const top = Math.max(...levels);
  let p = Math.max(top, 2);
  while (!isPrime(p) || k > p + 1) {
    p++;
    // A prime much larger than the domains gives far more rows than a greedy search would.
    if (p * p > 2 * top * top) return undefined;
  }
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const row: number[] = [];
      for (let c = 0; c < k; c++) {
        // columns: i, j, then i + m*j for m = 1..p-1
        const raw = c === 0 ? i : c === 1 ? j : (i + (c - 1) * j) % p;
        row.push(raw % (levels[c] ?? 1));
      }
      rows.push(row);
    }
  }
  return rows;
}

function binomial(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let result = 1;
  for (let i = 1; i <= r; i++) result = (result * (n - r + i)) / i;
  return Math.round(result);
}

/**
 * For k two-valued parameters: N rows where N is the least with C(N-1, ceil(N/2)) >= k. Row 0 is
 * all zeros; each column is a distinct ceil(N/2)-subset of the other rows, so any two columns
 * differ both ways (01, 10) and intersect (11).
 */
export function binaryCoveringArray(k: number): number[][] {
  let n = 4;
  while (binomial(n - 1, Math.ceil(n / 2)) < k) n++;
  const weight = Math.ceil(n / 2);
  const columns: number[][] = [];
  const subset = Array.from({ length: weight }, (_, i) => i);
  while (columns.length < k) {
    const column = new Array<number>(n).fill(0);
    for (const index of subset) column[index + 1] = 1;
    columns.push(column);
    // next combination in lexicographic order
    let i = weight - 1;
    while (i >= 0 && subset[i] === n - 1 - weight + i) i--;
    if (i < 0) break;
    subset[i]!++;
    for (let j = i + 1; j < weight; j++) subset[j] = subset[j - 1]! + 1;
  }
  return Array.from({ length: n }, (_, r) => columns.map((column) => column[r] ?? 0));
}

import type { CoverageMap, ReportConversation } from './report-data.ts';

/** Variables with more values than this make a heatmap nobody can read; they are left out. */
const MAX_VALUES = 24;
const MAX_VARIABLES = 8;

export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  return JSON.stringify(value) ?? String(value);
}

/**
 * The coverage map of one profile: for every pair of its variables (2 to 24 values each), how
 * many conversations played each pair of values and how many of those passed. Counted as the
 * conversations come, so a run of any size is never held whole.
 */
export class CoverageTally {
  /** Value texts per variable, in order of first appearance; null once a variable has too many. */
  readonly #values = new Map<string, string[] | null>();
  /** Cells per variable pair (`a\u0000b`, a seen before b): `i,j` -> [i, j, played, passed]. */
  readonly #cells = new Map<string, Map<string, [number, number, number, number]>>();

  add(c: Pick<ReportConversation, 'variables' | 'verdict'>): void {
    const seen: [string, number][] = [];
    for (const [name, value] of Object.entries(c.variables)) {
      let list = this.#values.get(name);
      if (list === undefined) this.#values.set(name, (list = []));
      if (list === null) continue;
      const text = valueText(value);
      let index = list.indexOf(text);
      if (index < 0) {
        // A variable past the limit never shows, so its values and pairs are no longer counted.
        if (list.length === MAX_VALUES) {
          this.#values.set(name, null);
          continue;
        }
        index = list.push(text) - 1;
      }
      seen.push([name, index]);
    }
    if (seen.length < 2) return;
    const order = [...this.#values.keys()];
    seen.sort((x, y) => order.indexOf(x[0]) - order.indexOf(y[0]));
    for (let a = 0; a < seen.length; a++) {
      for (let b = a + 1; b < seen.length; b++) {
        const [na, i] = seen[a] as [string, number];
        const [nb, j] = seen[b] as [string, number];
        const key = `${na}\u0000${nb}`;
        let cells = this.#cells.get(key);
        if (cells === undefined) this.#cells.set(key, (cells = new Map<string, [number, number, number, number]>()));
        const cell = cells.get(`${i},${j}`) ?? [i, j, 0, 0];
        cell[2]++;
        if (c.verdict === 'passed') cell[3]++;
        cells.set(`${i},${j}`, cell);
      }
    }
  }

  /** The profile's map, or undefined when fewer than two variables qualify. */
  map(profile: string): CoverageMap | undefined {
    const variables = [...this.#values.entries()]
      .filter((e): e is [string, string[]] => e[1] !== null && e[1].length >= 2)
      .slice(0, MAX_VARIABLES)
      .map(([name, list]) => ({ name, values: list }));
    if (variables.length < 2) return undefined;
    const pairs: CoverageMap['pairs'][number][] = [];
    for (let a = 0; a < variables.length; a++) {
      for (let b = a + 1; b < variables.length; b++) {
        const cells = this.#cells.get(`${variables[a]?.name ?? ''}\u0000${variables[b]?.name ?? ''}`);
        pairs.push({ a, b, cells: [...(cells?.values() ?? [])].sort((x, y) => x[0] - y[0] || x[1] - y[1]) });
      }
    }
    return { profile, variables, pairs };
  }
}

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
 * Per profile, for every pair of its variables (2 to 24 values each), how many conversations
 * played each pair of values and how many of those passed.
 */
export function coverageMaps(conversations: readonly ReportConversation[]): CoverageMap[] {
  const byProfile = new Map<string, ReportConversation[]>();
  for (const c of conversations) {
    const group = byProfile.get(c.profile);
    if (group) group.push(c);
    else byProfile.set(c.profile, [c]);
  }
  const maps: CoverageMap[] = [];
  for (const [profile, group] of byProfile) {
    const values = new Map<string, string[]>();
    for (const c of group) {
      for (const [name, value] of Object.entries(c.variables)) {
        const list = values.get(name) ?? [];
        const text = valueText(value);
        if (!list.includes(text)) list.push(text);
        values.set(name, list);
      }
    }
    const variables = [...values.entries()]
      .filter(([, list]) => list.length >= 2 && list.length <= MAX_VALUES)
      .slice(0, MAX_VARIABLES)
      .map(([name, list]) => ({ name, values: list }));
    if (variables.length < 2) continue;
    const pairs: CoverageMap['pairs'][number][] = [];
    for (let a = 0; a < variables.length; a++) {
      for (let b = a + 1; b < variables.length; b++) {
        const va = variables[a];
        const vb = variables[b];
        if (!va || !vb) continue;
        const cells = new Map<string, [number, number, number, number]>();
        for (const c of group) {
          if (!(va.name in c.variables) || !(vb.name in c.variables)) continue;
          const i = va.values.indexOf(valueText(c.variables[va.name]));
          const j = vb.values.indexOf(valueText(c.variables[vb.name]));
          const cell = cells.get(`${i},${j}`) ?? [i, j, 0, 0];
          cell[2]++;
          if (c.verdict === 'passed') cell[3]++;
          cells.set(`${i},${j}`, cell);
        }
        pairs.push({ a, b, cells: [...cells.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]) });
      }
    }
    maps.push({ profile, variables, pairs });
  }
  return maps;
}

import type { ReportConversation, Verdict } from '../src/report/report-data.ts';

/** The conversation list's filters; every one optional, all must hold. Kept in the URL hash. */
export interface Filters {
  readonly profile?: string;
  readonly verdict?: Verdict | 'not_passed';
  readonly stop?: string;
  readonly rule?: string;
  readonly q?: string;
}

export const FILTER_KEYS = ['profile', 'verdict', 'stop', 'rule', 'q'] as const;

export function parseFilters(query: string): Filters {
  const params = new URLSearchParams(query);
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }
  return filters;
}

export function filtersQuery(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Lower-cased text of a conversation for the search box: id, variables, outputs and every turn. */
export function searchText(c: ReportConversation): string {
  const parts = [
    c.id,
    c.stopReason,
    c.stopDetail,
    ...Object.entries(c.variables).map(([k, v]) => `${k} ${JSON.stringify(v)}`),
  ];
  for (const t of c.turns) parts.push(t.text, t.intended ?? '');
  for (const o of c.outputs) parts.push(o.name, JSON.stringify(o.value));
  return parts.join('\n').toLowerCase();
}

/**
 * What the filter needs besides the conversations, built once per page: the search texts (long,
 * while the filter runs on every key press) and which conversations broke each rule.
 */
export class FilterContext {
  readonly conversations: readonly ReportConversation[];
  private texts: string[] | undefined;
  private readonly failedByRule: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(
    conversations: readonly ReportConversation[],
    rules: readonly { readonly name: string; readonly failed?: readonly string[] }[] = [],
  ) {
    this.conversations = conversations;
    const failed = new Map<string, Set<string>>(rules.map((r) => [r.name, new Set(r.failed ?? [])]));
    for (const c of conversations) {
      for (const r of c.rules ?? []) {
        if (r.status !== 'fail') continue;
        const set = failed.get(r.rule) ?? new Set<string>();
        set.add(c.id);
        failed.set(r.rule, set);
      }
    }
    this.failedByRule = failed;
  }

  text(i: number): string {
    this.texts ??= this.conversations.map(searchText);
    return this.texts[i] ?? '';
  }

  /**
   * Builds the search texts in slices between other work, after the page is drawn, so the first
   * search is as fast as the next ones. A search before it finishes builds them at once.
   */
  warmUp(schedule: (step: () => void) => void): void {
    const texts: string[] = [];
    const step = () => {
      if (this.texts !== undefined) return;
      const end = Math.min(this.conversations.length, texts.length + 500);
      for (let i = texts.length; i < end; i++) {
        const c = this.conversations[i];
        texts.push(c === undefined ? '' : searchText(c));
      }
      if (texts.length < this.conversations.length) schedule(step);
      else this.texts = texts;
    };
    schedule(step);
  }

  brokeRule(rule: string, id: string): boolean {
    return this.failedByRule.get(rule)?.has(id) ?? false;
  }
}

/** Indexes (into the context's conversations) of those that pass every filter, in order. */
export function filterConversations(context: FilterContext, filters: Filters): number[] {
  const query = filters.q?.trim().toLowerCase() ?? '';
  const { conversations } = context;
  const result: number[] = [];
  for (let i = 0; i < conversations.length; i++) {
    const c = conversations[i];
    if (c === undefined) continue;
    if (filters.profile !== undefined && c.profile !== filters.profile) continue;
    if (
      filters.verdict === 'not_passed'
        ? c.verdict === 'passed'
        : filters.verdict !== undefined && c.verdict !== filters.verdict
    )
      continue;
    if (filters.stop !== undefined && c.stopReason !== filters.stop) continue;
    if (filters.rule !== undefined && !context.brokeRule(filters.rule, c.id)) continue;
    if (query !== '' && !context.text(i).includes(query)) continue;
    result.push(i);
  }
  return result;
}

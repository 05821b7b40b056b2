import { describe, expect, it } from 'vitest';
import { FilterContext, filterConversations, filtersQuery, parseFilters } from '../../report-ui/filters.ts';
import { highlightSegments } from '../../report-ui/highlight.ts';
import { parseRoute } from '../../report-ui/route.ts';
import { buildReportData } from '../../src/report/build-report-data.ts';
import { richRun } from './run-folder-fixture.ts';
import { histogram, histogramBins, niceCeil } from '../../src/report/profile-stats.ts';

function data() {
  // The fixture as a run folder's contents, without touching the disk.
  const run = richRun();
  const lines = run.conversations.map((c) => ({
    id: `${c.profile}/${c.index}`,
    messages: c.turns.map((t) => ({ role: t.role, content: t.text })),
    metadata: { ask_about: Object.entries(c.variables ?? {}).map(([k, v]) => ({ [k]: v })) },
    ...(c.expectations ? { expectations: c.expectations } : {}),
  }));
  const manifest = {
    format: 'simsim-run/1',
    rules: run.rules,
    conversations: run.conversations.map((c) => ({
      id: `${c.profile}/${c.index}`,
      folder: c.profile,
      index: c.index,
      passed: c.passed ?? true,
      verdict: c.verdict,
      stop_reason: c.stopReason ?? 'steps_reached',
      rules: c.rules,
    })),
  };
  return buildReportData({ label: 'x', manifest, lines });
}

describe("the page's filters (pure logic, run in the browser as is)", () => {
  const d = data();
  const context = new FilterContext(d.conversations, d.rules ?? []);
  const ids = (filters: Parameters<typeof filterConversations>[1]) =>
    filterConversations(context, filters).map((i) => d.conversations[i]?.id);

  it('filter by profile, verdict, stop reason, failed rule and text, all together', () => {
    expect(ids({})).toHaveLength(5);
    expect(ids({ profile: 'support' })).toEqual(['support/0', 'support/1']);
    expect(ids({ verdict: 'failed' })).toEqual(['shop/1', 'support/0']);
    expect(ids({ verdict: 'not_passed' })).toEqual(['shop/1', 'shop/2', 'support/0', 'support/1']);
    expect(ids({ stop: 'chatbot_error' })).toEqual(['support/0']);
    expect(ids({ rule: 'price_is_right' })).toEqual(['shop/1']);
    expect(ids({ rule: 'confirms' })).toEqual([]);
    expect(ids({ q: 'CUÁNTO' })).toEqual(['shop/0', 'shop/1', 'shop/2'].filter((id) => id !== 'shop/2'));
    expect(ids({ q: 'pepperoni' })).toEqual(['shop/2']);
    expect(ids({ profile: 'shop', verdict: 'failed', q: '99' })).toEqual(['shop/1']);
  });

  it('filters round-trip through the URL hash', () => {
    const filters = { profile: 'a b', verdict: 'failed' as const, q: 'x&y' };
    expect(parseFilters(filtersQuery(filters).slice(1))).toEqual(filters);
    expect(filtersQuery({})).toBe('');
    expect(parseRoute('#conversations?verdict=failed')).toEqual({
      view: 'conversations',
      filters: { verdict: 'failed' },
    });
    expect(parseRoute('#c/shop%2F1')).toEqual({ view: 'conversation', id: 'shop/1' });
    expect(parseRoute('')).toEqual({ view: 'overview' });
    expect(parseRoute('#diff/shop%2F0')).toEqual({ view: 'diff', key: 'shop/0' });
  });
});

describe('evidence highlighting', () => {
  it('marks every occurrence of each quote, case-insensitive, merging overlaps', () => {
    expect(highlightSegments('The total is $9.50. Total: $9.50', ['total is $9.50', 'is $9.50. total'])).toEqual([
      { text: 'The ', mark: false },
      { text: 'total is $9.50. Total', mark: true },
      { text: ': $9.50', mark: false },
    ]);
    expect(highlightSegments('nothing here', ['absent', ''])).toEqual([{ text: 'nothing here', mark: false }]);
    expect(highlightSegments('a b a', ['A'])).toEqual([
      { text: 'a', mark: true },
      { text: ' b ', mark: false },
      { text: 'a', mark: true },
    ]);
  });
});

describe('chart helpers', () => {
  it('response-time bins end on a round number and the last bin takes the outliers', () => {
    expect(niceCeil(0.043)).toBe(0.05);
    expect(niceCeil(7)).toBe(10);
    expect(niceCeil(2.2)).toBe(2.5);
    const times = [...Array.from({ length: 200 }, (_, i) => (i % 10) / 10), 60];
    const bins = histogramBins(times);
    expect(bins).toHaveLength(10);
    expect(bins[9]).toBe(1);
    const counts = histogram(times, bins);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(201);
    // Bins are (lo, hi]: 0 and 0.1 share the first; only the 60 s outlier is above 0.9.
    expect(counts[0]).toBe(40);
    expect(counts[9]).toBe(1);
  });
});

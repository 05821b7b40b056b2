import type { ConversationResult } from '../conversation/types.ts';
import { PyFloat, roundTo } from '../base/python-float.ts';
import { dumpAllYaml } from './pyyaml-dump.ts';
import { fractionText, type ConversationTrials, type GroupTrials, type TrialsReport } from './trials.ts';

/**
 * Sensei's `report_<serial>.yml`, computed from the run's results
 * rather than by re-reading the folder, so stale files from an earlier run never count.
 */
export interface ReportEntry {
  readonly result: ConversationResult;
  /** The conversation's Sensei file name, `<i>_<folder>_<serial>.yml`. */
  readonly fileName: string;
  /** The test folder (the test name, or `<test_name>_<n>` for a second profile with it). */
  readonly folder: string;
}

function timeFigures(entries: readonly ReportEntry[]): Record<string, PyFloat> {
  const times = entries.flatMap((e) => e.result.timing.responseTimes);
  const figure = (v: number) => new PyFloat(roundTo(v, 6));
  if (times.length === 0) {
    return { average: new PyFloat(NaN), max: new PyFloat(NaN), min: new PyFloat(NaN) };
  }
  return {
    average: figure(times.reduce((a, b) => a + b, 0) / times.length),
    max: figure(Math.max(...times)),
    min: figure(Math.min(...times)),
  };
}

function errorGroups(entries: readonly ReportEntry[]): Record<string, unknown>[] {
  const groups = new Map<number, { count: number; conversations: string[] }>();
  for (const entry of entries) {
    for (const error of entry.result.errors) {
      const group = groups.get(error.code) ?? { count: 0, conversations: [] };
      group.count += 1;
      if (!group.conversations.includes(entry.fileName)) group.conversations.push(entry.fileName);
      groups.set(error.code, group);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([code, g]) => ({ error: code, count: g.count, conversations: g.conversations }));
}

/** Sum of the known costs; null when any conversation's price was unknown. */
export function totalCost(results: readonly ConversationResult[]): number | null {
  let sum = 0;
  for (const result of results) {
    if (result.cost.usd === null) return null;
    sum += result.cost.usd;
  }
  return roundTo(sum, 8);
}

function section(
  entries: readonly ReportEntry[],
  costUsd: number | null = totalCost(entries.map((e) => e.result)),
): Record<string, unknown> {
  const times = timeFigures(entries);
  const cost = costUsd;
  return {
    'Average assistant response time': times['average'],
    'Maximum assistant response time': times['max'],
    'Minimum assistant response time': times['min'],
    Errors: errorGroups(entries),
    'Total Cost': cost === null ? null : new PyFloat(cost),
  };
}

/** The key simsim adds for trials; Sensei's readers look up their own keys and skip it. */
export const TRIALS_KEY = 'simsim_trials';

const rate = (v: number | undefined) => (v === undefined ? null : new PyFloat(roundTo(v, 6)));

function groupTrials(group: GroupTrials, perConversation: number): Record<string, unknown> {
  return {
    'trials per conversation': perConversation,
    conversations: group.conversations,
    trials: group.trials,
    successes: group.successes,
    'excluded trials': group.excluded,
    'pass rate': rate(group.passRate),
    'pass rate 95% interval': group.interval ? [rate(group.interval.low), rate(group.interval.high)] : null,
    'pass^k': Object.fromEntries(group.passHatK.map((p) => [`pass^${p.k}`, rate(p.value)])),
    all_pass: group.classes.all_pass,
    flaky: group.classes.flaky,
    all_fail: group.classes.all_fail,
  };
}

function conversationTrials(c: ConversationTrials, names: ReadonlyMap<string, string>): Record<string, unknown> {
  return {
    conversation: names.get(c.trials[0]?.id ?? '') ?? `${c.folder}/${c.index}`,
    trials: c.summary.trials,
    successes: c.summary.successes,
    classification: c.summary.classification ?? null,
    'pass^k': Object.fromEntries(c.summary.passHatK.map((p) => [`pass^${p.k}`, fractionText(p.exact)])),
  };
}

/**
 * The report's documents: the global one, then one per test folder in first-seen order. The
 * global cost is `runCostUsd` when given: the run's whole spend, killed attempts and calls made
 * outside a conversation included. With trials, each document also has a `simsim_trials` key:
 * successes of trials, the pass rate and its Wilson 95% interval, pass^k, and the flaky
 * conversations (per test, every planned conversation with its s of n and exact pass^k).
 */
export function statsReportDocuments(
  entries: readonly ReportEntry[],
  runCostUsd?: number | null,
  trials?: TrialsReport,
): Record<string, unknown>[] {
  const byFolder = new Map<string, ReportEntry[]>();
  for (const entry of entries) byFolder.set(entry.folder, [...(byFolder.get(entry.folder) ?? []), entry]);
  const names = new Map(entries.map((e) => [e.result.id, e.fileName.replace(/\.yml$/, '')]));
  const global: Record<string, unknown> = { 'Global report': section(entries, runCostUsd) };
  if (trials) global[TRIALS_KEY] = groupTrials(trials.overall, trials.perConversation);
  const documents: Record<string, unknown>[] = [global];
  for (const [folder, group] of byFolder) {
    const document: Record<string, unknown> = { 'Test name': folder, ...section(group) };
    const profile = trials?.profiles.find((p) => p.folder === folder);
    if (trials && profile)
      document[TRIALS_KEY] = {
        ...groupTrials(profile, trials.perConversation),
        'per conversation': trials.conversations
          .filter((c) => c.folder === folder)
          .map((c) => conversationTrials(c, names)),
      };
    documents.push(document);
  }
  return documents;
}

export function statsReportYaml(
  entries: readonly ReportEntry[],
  runCostUsd?: number | null,
  trials?: TrialsReport,
): string {
  return dumpAllYaml(statsReportDocuments(entries, runCostUsd, trials));
}

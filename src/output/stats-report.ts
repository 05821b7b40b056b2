import type { ConversationResult } from '../conversation/types.ts';
import { PyFloat, roundTo } from '../base/python-float.ts';
import { dumpAllYaml } from './pyyaml-dump.ts';

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
    ...verdictFigures(entries),
  };
}

/**
 * simsim's additions, after Sensei's keys and only for runs that gave verdicts: the verdict
 * counts, the chatbot's pass rate (simulator faults and inconclusive ones left out) and the
 * simulated user's fault rate.
 */
function verdictFigures(entries: readonly ReportEntry[]): Record<string, unknown> {
  const judged = entries.filter((e) => e.result.verdict !== undefined).map((e) => e.result);
  if (judged.length === 0) return {};
  const count = (verdict: string) => judged.filter((r) => r.verdict === verdict).length;
  const [passed, failed, error, faults] = [count('passed'), count('failed'), count('error'), count('simulator_fault')];
  const rate = (part: number, whole: number) => (whole === 0 ? null : new PyFloat(roundTo(part / whole, 6)));
  return {
    Verdicts: { passed, failed, inconclusive: count('inconclusive'), error, simulator_fault: faults },
    'Pass rate': rate(passed, passed + failed + error),
    'Simulator faults': faults,
    'Simulator fault rate': rate(faults, judged.length),
  };
}

/**
 * The report's documents: the global one, then one per test folder in first-seen order. The
 * global cost is `runCostUsd` when given: the run's whole spend, killed attempts and calls made
 * outside a conversation included.
 */
export function statsReportDocuments(
  entries: readonly ReportEntry[],
  runCostUsd?: number | null,
): Record<string, unknown>[] {
  const byFolder = new Map<string, ReportEntry[]>();
  for (const entry of entries) byFolder.set(entry.folder, [...(byFolder.get(entry.folder) ?? []), entry]);
  const documents: Record<string, unknown>[] = [{ 'Global report': section(entries, runCostUsd) }];
  for (const [folder, group] of byFolder) documents.push({ 'Test name': folder, ...section(group) });
  return documents;
}

export function statsReportYaml(entries: readonly ReportEntry[], runCostUsd?: number | null): string {
  return dumpAllYaml(statsReportDocuments(entries, runCostUsd));
}

import type { ConversationResult } from '../conversation/types.ts';
import { PyFloat, roundTo } from '../base/python-float.ts';
import { dumpAllYaml } from './pyyaml-dump.ts';
import { senseiConversationBase } from './run-layout.ts';
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

/** One section's figures, added conversation by conversation (a run's reports grow as it goes). */
class SectionTally {
  #timeSum = 0;
  #times = 0;
  #max = -Infinity;
  #min = Infinity;
  readonly #errors = new Map<number, { count: number; conversations: string[] }>();
  #cost = 0;
  #costKnown = true;
  readonly #verdicts = { passed: 0, failed: 0, inconclusive: 0, error: 0, simulator_fault: 0 };
  #judged = 0;

  add(entry: ReportEntry): void {
    if (entry.result.verdict !== undefined) {
      this.#verdicts[entry.result.verdict] += 1;
      this.#judged += 1;
    }
    for (const time of entry.result.timing.responseTimes) {
      this.#timeSum += time;
      this.#times += 1;
      if (time > this.#max) this.#max = time;
      if (time < this.#min) this.#min = time;
    }
    for (const error of entry.result.errors) {
      let group = this.#errors.get(error.code);
      if (group === undefined) this.#errors.set(error.code, (group = { count: 0, conversations: [] }));
      group.count += 1;
      if (!group.conversations.includes(entry.fileName)) group.conversations.push(entry.fileName);
    }
    if (entry.result.cost.usd === null) this.#costKnown = false;
    else this.#cost += entry.result.cost.usd;
  }

  /** Sum of the known costs; null when any conversation's price was unknown. */
  get costUsd(): number | null {
    return this.#costKnown ? roundTo(this.#cost, 8) : null;
  }

  section(costUsd: number | null = this.costUsd): Record<string, unknown> {
    const figure = (v: number) => new PyFloat(this.#times === 0 ? NaN : roundTo(v, 6));
    return {
      'Average assistant response time': figure(this.#timeSum / this.#times),
      'Maximum assistant response time': figure(this.#max),
      'Minimum assistant response time': figure(this.#min),
      Errors: [...this.#errors.entries()]
        .sort(([a], [b]) => a - b)
        .map(([code, g]) => ({ error: code, count: g.count, conversations: g.conversations })),
      'Total Cost': costUsd === null ? null : new PyFloat(costUsd),
      ...this.#verdictFigures(),
    };
  }

  /**
   * simsim's additions, after Sensei's keys and only for runs that gave verdicts: the verdict
   * counts, the chatbot's pass rate (simulator faults and inconclusive ones left out) and the
   * simulated user's fault rate.
   */
  #verdictFigures(): Record<string, unknown> {
    if (this.#judged === 0) return {};
    const { passed, failed, error, simulator_fault: faults } = this.#verdicts;
    const rate = (part: number, whole: number) => (whole === 0 ? null : new PyFloat(roundTo(part / whole, 6)));
    return {
      Verdicts: { ...this.#verdicts },
      'Pass rate': rate(passed, passed + failed + error),
      'Simulator faults': faults,
      'Simulator fault rate': rate(faults, this.#judged),
    };
  }
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

function conversationTrials(c: ConversationTrials, serial: string): Record<string, unknown> {
  return {
    conversation: senseiConversationBase(c.folder, c.index, serial),
    trials: c.summary.trials,
    successes: c.summary.successes,
    classification: c.summary.classification ?? null,
    'pass^k': Object.fromEntries(c.summary.passHatK.map((p) => [`pass^${p.k}`, fractionText(p.exact)])),
  };
}

/**
 * The stats report of a run, fed one conversation at a time in the report's order: it keeps
 * figures, never the conversations.
 */
export class StatsReportTally {
  readonly #global = new SectionTally();
  readonly #folders = new Map<string, SectionTally>();

  add(entry: ReportEntry): void {
    this.#global.add(entry);
    let folder = this.#folders.get(entry.folder);
    if (folder === undefined) this.#folders.set(entry.folder, (folder = new SectionTally()));
    folder.add(entry);
  }

  /**
   * The report's documents: the global one, then one per test folder in first-seen order. The
   * global cost is `runCostUsd` when given: the run's whole spend, killed attempts and calls made
   * outside a conversation included. With trials, each document also has a `simsim_trials` key:
   * successes of trials, the pass rate and its Wilson 95% interval, pass^k, and the flaky
   * conversations (per test, every planned conversation with its s of n and exact pass^k).
   */
  documents(runCostUsd?: number | null, trials?: { report: TrialsReport; serial: string }): Record<string, unknown>[] {
    const global: Record<string, unknown> = {
      'Global report': this.#global.section(runCostUsd === undefined ? this.#global.costUsd : runCostUsd),
    };
    const report = trials?.report;
    if (report) global[TRIALS_KEY] = groupTrials(report.overall, report.perConversation);
    const documents: Record<string, unknown>[] = [global];
    for (const [folder, tally] of this.#folders) {
      const document: Record<string, unknown> = { 'Test name': folder, ...tally.section() };
      const profile = report?.profiles.find((p) => p.folder === folder);
      if (trials && report && profile)
        document[TRIALS_KEY] = {
          ...groupTrials(profile, report.perConversation),
          'per conversation': report.conversations
            .filter((c) => c.folder === folder)
            .map((c) => conversationTrials(c, trials.serial)),
        };
      documents.push(document);
    }
    return documents;
  }
}

export function statsReportDocuments(
  entries: readonly ReportEntry[],
  runCostUsd?: number | null,
): Record<string, unknown>[] {
  const tally = new StatsReportTally();
  for (const entry of entries) tally.add(entry);
  return tally.documents(runCostUsd);
}

export function statsReportYaml(entries: readonly ReportEntry[], runCostUsd?: number | null): string {
  return dumpAllYaml(statsReportDocuments(entries, runCostUsd));
}

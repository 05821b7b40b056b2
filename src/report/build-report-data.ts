import { CoverageTally } from './coverage.ts';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  asUsd,
  optionalNumber,
  optionalString,
  type JsonRecord,
} from './json-shape.ts';
import { distribution, histogram, histogramBins, PassKTally, passRate, ValueCounts } from './profile-stats.ts';
import { readConversation, responseTimesOf } from './read-conversation.ts';
import {
  REPORT_FORMAT,
  VERDICTS,
  type ReportConversation,
  type ReportData,
  type ReportProfile,
  type ReportRule,
  type Verdict,
} from './report-data.ts';
import {
  checkBlockFiles,
  rulesFromCheckBlock,
  rulesFromCsv,
  rulesFromManifest,
  samePath,
  withFailedConversations,
} from './rules.ts';

/** What a run folder holds, already parsed: the builder itself reads no file. */
export interface RunFolderContents {
  /** Shown as the run's name (the folder's name). */
  readonly label: string;
  /** run.json, parsed. */
  readonly manifest: unknown;
  /** conversations.jsonl, one parsed object per line. */
  readonly lines: readonly unknown[];
  /** `reports/__check_reports__/check_<serial>.csv`, when the run checked rules. */
  readonly checkCsv?: string | undefined;
}

/** Per profile, what its row needs, gathered one conversation at a time. */
interface ProfileTally {
  readonly testName: string;
  conversations: number;
  readonly counts: Record<Verdict, number>;
  /** The chatbot's response times (counted by value: a long run repeats the same milliseconds). */
  readonly times: ValueCounts;
  /** Judged trials per planned conversation, for pass^k. */
  readonly trials: PassKTally;
  costUsd: number | null;
  turns: number;
}

/** Whole-run totals (see ReportTotals), gathered one conversation at a time. */
interface TotalsTally {
  conversations: number;
  readonly verdicts: Record<Verdict, number>;
  readonly stopReasons: Record<string, number>;
  readonly failuresByStopReason: Record<string, number>;
  missingOutputs: number;
  costUsd: number | null;
  turns: number;
  conversationSeconds: number;
}

const noVerdicts = (): Record<Verdict, number> =>
  Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;

/**
 * The report's data, gathered one conversation at a time, so a run of any size is read without
 * holding its conversations: `add` reads one (its run.json entry and its JSONL line), `data` gives
 * everything but the conversations, and `withRules` what a conversation gets from the run's
 * rule check. `manifest` is run.json, its conversations left out or not.
 */
/** The conversation files run.json's check block names (undefined when run.json lists its rules itself). */
function checkFilesOf(manifest: JsonRecord): Map<string, string> | undefined {
  return rulesFromManifest(manifest['rules'])
    ? undefined
    : new Map(checkBlockFiles(manifest['check']).map((f) => [f, '']));
}

export class ReportTally {
  #manifest: JsonRecord;
  readonly #label: string;
  #firstLineSerial: string;
  readonly #profiles = new Map<string, ProfileTally>();
  readonly #coverage = new Map<string, CoverageTally>();
  readonly #totals: TotalsTally = {
    conversations: 0,
    verdicts: noVerdicts(),
    stopReasons: {},
    failuresByStopReason: {},
    missingOutputs: 0,
    costUsd: 0,
    turns: 0,
    conversationSeconds: 0,
  };
  /** Conversations that failed a rule, by rule: for the rules run.json lists. */
  readonly #failedBy = new Map<string, string[]>();
  /** The conversation files run.json's check block names, with the conversation each is. */
  #checkFiles: Map<string, string> | undefined;
  #hasTrials = false;
  #checked: ReturnType<typeof rulesFromCheckBlock> | null = null;

  constructor(manifest: unknown, label: string, firstLineSerial: string) {
    this.#manifest = asRecord(manifest);
    this.#label = label;
    this.#firstLineSerial = firstLineSerial;
    this.#checkFiles = checkFilesOf(this.#manifest);
  }

  /**
   * Takes run.json's head (all but its conversations) after the conversations were added, for a
   * tally started before run.json was written (with an empty head). False, and nothing changed,
   * when the head's rules would have changed how a conversation was added (its check block names
   * conversation files): the conversations must then be added again under this head.
   */
  adoptHead(manifest: unknown, firstLineSerial: string): boolean {
    const head = asRecord(manifest);
    const checkFiles = checkFilesOf(head);
    if (checkFiles !== undefined && checkFiles.size > 0) return false;
    this.#manifest = head;
    this.#firstLineSerial = firstLineSerial;
    this.#checkFiles = checkFiles;
    this.#checked = null;
    return true;
  }

  add(entry: JsonRecord, line: JsonRecord): ReportConversation {
    const c = readConversation(entry, line);
    const times = responseTimesOf(entry, c);
    let profile = this.#profiles.get(c.profile);
    if (profile === undefined) {
      profile = {
        testName: c.testName,
        conversations: 0,
        counts: noVerdicts(),
        times: new ValueCounts(),
        trials: new PassKTally(),
        costUsd: 0,
        turns: 0,
      };
      this.#profiles.set(c.profile, profile);
    }
    profile.conversations++;
    profile.counts[c.verdict]++;
    for (const t of times) profile.times.add(t);
    if (c.trial !== undefined) {
      this.#hasTrials = true;
      profile.trials.add(c);
    }
    profile.costUsd = profile.costUsd === null || c.costUsd === null ? null : profile.costUsd + c.costUsd;
    profile.turns += c.turns.length;
    let coverage = this.#coverage.get(c.profile);
    if (coverage === undefined) this.#coverage.set(c.profile, (coverage = new CoverageTally()));
    coverage.add(c);

    const totals = this.#totals;
    totals.conversations++;
    totals.verdicts[c.verdict]++;
    totals.stopReasons[c.stopReason] = (totals.stopReasons[c.stopReason] ?? 0) + 1;
    if (c.verdict === 'failed' || c.verdict === 'error')
      totals.failuresByStopReason[c.stopReason] = (totals.failuresByStopReason[c.stopReason] ?? 0) + 1;
    totals.missingOutputs += c.outputs.filter((o) => o.status === 'missing' || o.status === 'unsupported').length;
    totals.costUsd = totals.costUsd === null || c.costUsd === null ? null : totals.costUsd + c.costUsd;
    totals.turns += c.turns.length;
    totals.conversationSeconds += c.seconds;

    for (const r of c.rules ?? []) {
      if (r.status !== 'fail') continue;
      const ids = this.#failedBy.get(r.rule);
      if (ids) ids.push(c.id);
      else this.#failedBy.set(r.rule, [c.id]);
    }
    if (c.file !== undefined && this.#checkFiles !== undefined) {
      const file = samePath(c.file);
      if (this.#checkFiles.has(file)) this.#checkFiles.set(file, c.id);
    }
    return c;
  }

  /** The conversation as the report shows it: with the failures run.json's check block lists for it. */
  withRules(c: ReportConversation): ReportConversation {
    const failed = this.#checkBlock()?.failures.get(c.id);
    if (failed === undefined) return c;
    // run.json lists each conversation's results of the rules about one conversation; the
    // failures of pairwise and global rules come from the check block.
    const own = c.rules ?? [];
    const more = failed.filter((f) => !own.some((r) => r.rule === f.rule));
    return more.length === 0 ? c : { ...c, rules: [...own, ...more] };
  }

  /** Whether `withRules` may change this conversation: its file is one run.json's check block names. */
  mayAddRules(c: ReportConversation): boolean {
    return c.file !== undefined && this.#checkFiles !== undefined && this.#checkFiles.has(samePath(c.file));
  }

  /** The report's data but its conversations, once every conversation was added. */
  data(checkCsv: string | undefined): Omit<ReportData, 'conversations'> {
    const manifest = this.#manifest;
    const allTimes = new ValueCounts();
    for (const profile of this.#profiles.values()) allTimes.addAll(profile.times);
    const bins = histogramBins(allTimes);
    const options = asRecord(manifest['options']);
    const model = optionalString(options['model']);
    const rules = this.#rules(checkCsv);
    const totals = asRecord(manifest['totals']);
    const t = this.#totals;
    const verdicts = { ...t.verdicts };
    return {
      format: REPORT_FORMAT,
      run: {
        serial: asString(manifest['serial'], this.#firstLineSerial),
        seed: asString(manifest['seed']),
        simsimVersion: asString(manifest['simsim']),
        startedAt: asString(manifest['started_at']),
        endedAt: asString(manifest['ended_at']),
        stopReason: asString(manifest['stop_reason']),
        ...(model === undefined ? {} : { model }),
        label: this.#label,
      },
      totals: {
        conversations: t.conversations,
        verdicts,
        passRate: passRate(verdicts),
        stopReasons: { ...t.stopReasons },
        failuresByStopReason: { ...t.failuresByStopReason },
        // As run.json counts them: an output only the extraction LLM reported is missing too.
        missingOutputs: t.missingOutputs,
        simulatorFaults: verdicts.simulator_fault,
        // run.json's total is the cost journal's: it also holds calls outside any conversation.
        costUsd: 'cost_usd' in totals ? asUsd(totals['cost_usd']) : t.costUsd,
        turns: t.turns,
        seconds: optionalNumber(manifest['seconds']) ?? null,
        conversationSeconds: t.conversationSeconds,
      },
      profiles: this.#profileRows(bins),
      responseTimeBins: bins,
      ...(rules === undefined ? {} : { rules }),
      coverage: [...this.#coverage].flatMap(([profile, tally]) => tally.map(profile) ?? []),
      hasTrials: this.#hasTrials,
    };
  }

  #checkBlock(): ReturnType<typeof rulesFromCheckBlock> {
    if (this.#checked === null) {
      const fileToId = new Map([...(this.#checkFiles ?? [])].filter(([, id]) => id !== ''));
      this.#checked =
        this.#checkFiles === undefined ? undefined : rulesFromCheckBlock(this.#manifest['check'], fileToId);
    }
    return this.#checked;
  }

  /**
   * The rules and the conversations with their rule failures: from run.json's `rules` (per-rule
   * results with conversation ids), else its `check` block (what `simsim run` writes), else the
   * check CSV (counts only).
   */
  #rules(checkCsv: string | undefined): ReportRule[] | undefined {
    const listed = rulesFromManifest(this.#manifest['rules']);
    if (listed) return withFailedConversations(listed, this.#failedBy);
    const checked = this.#checkBlock();
    if (checked) return checked.rules;
    return checkCsv === undefined ? undefined : rulesFromCsv(checkCsv);
  }

  #profileRows(bins: readonly number[]): ReportProfile[] {
    const declared = asArray(this.#manifest['profiles']).map(asRecord);
    const names = [
      ...new Set([
        ...declared.map((p) => asString(p['folder'] ?? p['test_name'])).filter((n) => n !== ''),
        ...this.#profiles.keys(),
      ]),
    ];
    return names.flatMap((name) => {
      const own = this.#profiles.get(name);
      const meta = declared.find((p) => asString(p['folder'] ?? p['test_name']) === name);
      if (own === undefined && meta === undefined) return [];
      const verdicts = { ...(own?.counts ?? noVerdicts()) };
      const ownTimes = own?.times ?? new ValueCounts();
      const givenPassK = asArray(meta?.['pass_k'])
        .map(asRecord)
        .map((p) => ({ k: asNumber(p['k']), value: asNumber(p['value']) }));
      const computed = givenPassK.length > 0 ? givenPassK : (own?.trials.result() ?? []);
      return [
        {
          name,
          testName: asString(meta?.['test_name'], own?.testName ?? name),
          file: asString(meta?.['file']),
          conversations: own?.conversations ?? 0,
          verdicts,
          passRate: passRate(verdicts),
          ...(computed.length > 0 ? { passK: computed } : {}),
          simulatorFaults: verdicts.simulator_fault,
          costUsd: own?.costUsd ?? 0,
          turns: own?.turns ?? 0,
          responseTimes: distribution(ownTimes),
          responseHistogram: histogram(ownTimes, bins),
        },
      ];
    });
  }
}

/**
 * The report's data for one run, from its run.json and conversations.jsonl (and the rule check
 * CSV when there is one). Conversations are those of run.json, in its order; a JSONL line adds
 * the turns and outputs. Pure: the same contents give the same data.
 */
export function buildReportData(contents: RunFolderContents): ReportData {
  const manifest = asRecord(contents.manifest);
  const tally = new ReportTally(manifest, contents.label, asString(asRecord(contents.lines[0])['serial']));
  const read = reportSources(manifest, contents.lines).map(({ entry, line }) => tally.add(entry, line));
  return { ...tally.data(contents.checkCsv), conversations: read.map((c) => tally.withRules(c)) };
}

/**
 * Conversations are those of run.json, in its order, each with the JSONL line of its id; a
 * run.json without its conversations (an older or foreign writer) gives the JSONL lines alone.
 */
export function reportSources(
  manifest: JsonRecord,
  lines: readonly unknown[],
): { readonly entry: JsonRecord; readonly line: JsonRecord }[] {
  const byId = new Map<string, JsonRecord>();
  for (const line of lines.map(asRecord)) {
    const id = asString(line['id']);
    if (id !== '') byId.set(id, line);
  }
  const entries = asArray(manifest['conversations']).map(asRecord);
  return entries.length > 0
    ? entries.map((e) => ({ entry: e, line: byId.get(asString(e['id'])) ?? {} }))
    : [...byId.values()].map((line) => ({ entry: {}, line }));
}

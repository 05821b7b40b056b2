import { coverageMaps } from './coverage.ts';
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
import { countVerdicts, distribution, histogram, histogramBins, passK, passRate, sumUsd } from './profile-stats.ts';
import { readConversation, responseTimesOf } from './read-conversation.ts';
import {
  REPORT_FORMAT,
  type ReportConversation,
  type ReportData,
  type ReportProfile,
  type ReportRule,
  type ReportTotals,
} from './report-data.ts';
import { rulesFromCheckBlock, rulesFromCsv, rulesFromManifest, withFailedConversations } from './rules.ts';

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

function profileRows(
  manifest: JsonRecord,
  conversations: readonly ReportConversation[],
  times: ReadonlyMap<string, readonly number[]>,
  bins: readonly number[],
): ReportProfile[] {
  const declared = asArray(manifest['profiles']).map(asRecord);
  const names = [
    ...new Set([
      ...declared.map((p) => asString(p['folder'] ?? p['test_name'])).filter((n) => n !== ''),
      ...conversations.map((c) => c.profile),
    ]),
  ];
  const byProfile = new Map<string, ReportConversation[]>();
  for (const c of conversations) {
    const group = byProfile.get(c.profile);
    if (group) group.push(c);
    else byProfile.set(c.profile, [c]);
  }
  return names.flatMap((name) => {
    const own = byProfile.get(name) ?? [];
    const meta = declared.find((p) => asString(p['folder'] ?? p['test_name']) === name);
    if (own.length === 0 && meta === undefined) return [];
    const verdicts = countVerdicts(own);
    const ownTimes = own.flatMap((c) => times.get(c.id) ?? []);
    const givenPassK = asArray(meta?.['pass_k'])
      .map(asRecord)
      .map((p) => ({ k: asNumber(p['k']), value: asNumber(p['value']) }));
    const computed = givenPassK.length > 0 ? givenPassK : passK(own);
    return [
      {
        name,
        testName: asString(meta?.['test_name'], own[0]?.testName ?? name),
        file: asString(meta?.['file']),
        conversations: own.length,
        verdicts,
        passRate: passRate(verdicts),
        ...(computed.length > 0 ? { passK: computed } : {}),
        simulatorFaults: verdicts.simulator_fault,
        costUsd: sumUsd(own.map((c) => c.costUsd)),
        turns: own.reduce((s, c) => s + c.turns.length, 0),
        responseTimes: distribution(ownTimes),
        responseHistogram: histogram(ownTimes, bins),
      },
    ];
  });
}

function totalsOf(manifest: JsonRecord, conversations: readonly ReportConversation[]): ReportTotals {
  const totals = asRecord(manifest['totals']);
  const verdicts = countVerdicts(conversations);
  const stopReasons: Record<string, number> = {};
  const failuresByStopReason: Record<string, number> = {};
  for (const c of conversations) {
    stopReasons[c.stopReason] = (stopReasons[c.stopReason] ?? 0) + 1;
    if (c.verdict === 'failed' || c.verdict === 'error')
      failuresByStopReason[c.stopReason] = (failuresByStopReason[c.stopReason] ?? 0) + 1;
  }
  return {
    conversations: conversations.length,
    verdicts,
    passRate: passRate(verdicts),
    stopReasons,
    failuresByStopReason,
    // As run.json counts them: an output only the extraction LLM reported is missing too.
    missingOutputs: conversations.reduce(
      (s, c) => s + c.outputs.filter((o) => o.status === 'missing' || o.status === 'unsupported').length,
      0,
    ),
    simulatorFaults: verdicts.simulator_fault,
    // run.json's total is the cost journal's: it also holds calls outside any conversation.
    costUsd: 'cost_usd' in totals ? asUsd(totals['cost_usd']) : sumUsd(conversations.map((c) => c.costUsd)),
    turns: conversations.reduce((s, c) => s + c.turns.length, 0),
    seconds: optionalNumber(manifest['seconds']) ?? null,
    conversationSeconds: conversations.reduce((s, c) => s + c.seconds, 0),
  };
}

/**
 * The rules and the conversations with their rule failures: from run.json's `rules` (per-rule
 * results with conversation ids), else its `check` block (what `simsim run` writes), else the
 * check CSV (counts only).
 */
function withRules(
  manifest: JsonRecord,
  checkCsv: string | undefined,
  conversations: readonly ReportConversation[],
): { rules: ReportRule[] | undefined; conversations: ReportConversation[] } {
  const listed = rulesFromManifest(manifest['rules']);
  if (listed) return { rules: withFailedConversations(listed, conversations), conversations: [...conversations] };
  const fileToId = new Map(conversations.flatMap((c) => (c.file === undefined ? [] : [[c.file, c.id] as const])));
  const checked = rulesFromCheckBlock(manifest['check'], fileToId);
  if (checked) {
    // run.json lists each conversation's results of the rules about one conversation; the
    // failures of pairwise and global rules come from the check block.
    const withFailures = conversations.map((c) => {
      const failed = checked.failures.get(c.id);
      if (failed === undefined) return c;
      const own = c.rules ?? [];
      const more = failed.filter((f) => !own.some((r) => r.rule === f.rule));
      return more.length === 0 ? c : { ...c, rules: [...own, ...more] };
    });
    return { rules: checked.rules, conversations: withFailures };
  }
  return { rules: checkCsv === undefined ? undefined : rulesFromCsv(checkCsv), conversations: [...conversations] };
}

/**
 * The report's data for one run, from its run.json and conversations.jsonl (and the rule check
 * CSV when there is one). Conversations are those of run.json, in its order; a JSONL line adds
 * the turns and outputs. Pure: the same contents give the same data.
 */
export function buildReportData(contents: RunFolderContents): ReportData {
  const manifest = asRecord(contents.manifest);
  const lines = new Map<string, JsonRecord>();
  for (const line of contents.lines.map(asRecord)) {
    const id = asString(line['id']);
    if (id !== '') lines.set(id, line);
  }
  const entries = asArray(manifest['conversations']).map(asRecord);
  // A run.json without its conversations (an older or foreign writer): the JSONL lines alone.
  const sources =
    entries.length > 0
      ? entries.map((e) => ({ entry: e, line: lines.get(asString(e['id'])) ?? {} }))
      : [...lines.values()].map((line) => ({ entry: {}, line }));
  const read = sources.map(({ entry, line }) => readConversation(entry, line));
  const { rules, conversations } = withRules(manifest, contents.checkCsv, read);
  const times = new Map(
    sources.map(
      ({ entry }, i) =>
        [conversations[i]?.id ?? '', responseTimesOf(entry, conversations[i] as ReportConversation)] as const,
    ),
  );
  const bins = histogramBins([...times.values()].flat());
  const options = asRecord(manifest['options']);
  const model = optionalString(options['model']);
  return {
    format: REPORT_FORMAT,
    run: {
      serial: asString(manifest['serial'], asString(asRecord(contents.lines[0])['serial'])),
      seed: asString(manifest['seed']),
      simsimVersion: asString(manifest['simsim']),
      startedAt: asString(manifest['started_at']),
      endedAt: asString(manifest['ended_at']),
      stopReason: asString(manifest['stop_reason']),
      ...(model === undefined ? {} : { model }),
      label: contents.label,
    },
    totals: totalsOf(manifest, conversations),
    profiles: profileRows(manifest, conversations, times, bins),
    responseTimeBins: bins,
    ...(rules === undefined ? {} : { rules }),
    coverage: coverageMaps(conversations),
    hasTrials: conversations.some((c) => c.trial !== undefined),
    conversations,
  };
}

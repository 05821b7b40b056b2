import { randomUUID } from 'node:crypto';
import type { ConversationResult } from '../../conversation/types.ts';
import { exportsAnsweredCsv } from '../../output/answered-csv.ts';
import { writeFileAtomic, writeFileAtomicFrom } from '../../base/atomic-write.ts';
import { conversationJsonLine } from '../../output/conversations-jsonl.ts';
import { profilesBelow, TrialEntries, trialEntry, trialsReport } from '../../output/trials.ts';
import { dumpAllYaml } from '../../output/pyyaml-dump.ts';
import { redactDeep, redactText } from '../../base/redaction.ts';
import { runRelative } from '../../output/relative-path.ts';
import { readResultRecord } from '../../output/finished-conversations.ts';
import type { LineRange } from '../../output/result-journal.ts';
import type { RunInfo } from './run-info.ts';
import { PartFile } from './part-file.ts';
import {
  conversationsJsonlPath,
  junitPath,
  runManifestPath,
  senseiAnsweredCsvPath,
  senseiConversationFileName,
  senseiConversationYamlPath,
  statsReportPath,
} from '../../output/run-layout.ts';
import { JunitPart } from './junit-part.ts';
import { ManifestPart } from './manifest-part.ts';
import { manifestConversation, manifestWithout } from './run-manifest.ts';
import { RunSummaryTally, type RunSummary } from '../../output/run-summary.ts';
import { StatsReportTally } from '../../output/stats-report.ts';
import { formatFilePath, runFormatHead, runFormatPath, runFormatPiece } from '../../output/formats/format-files.ts';
import type { OutputFormat } from '../../model/run-settings.ts';
import type { RunReportHtml } from '../../report/write-report-html.ts';

/** A conversation's entry in run.json and its line in conversations.jsonl, as written. */
interface Written {
  readonly entry: string;
  readonly line: string;
}

/** A conversation for the reports: a result in memory, or the resume record of one on disk. */
export type ReportSource =
  | { readonly result: ConversationResult; readonly folder: string }
  | { readonly recordPath: string; readonly range?: LineRange | undefined };

/** The conversation's own files, absolute: Sensei's YAML, the CSV when exported, its `--format` files. */
function conversationPaths(
  runDir: string,
  folder: string,
  serial: string,
  index: number,
  exportsCsv: boolean,
  trial: number | undefined,
  formats: readonly OutputFormat[],
): string[] {
  const files = [senseiConversationYamlPath(runDir, folder, serial, index, trial)];
  if (exportsCsv) files.push(senseiAnsweredCsvPath(runDir, folder, serial, index, trial));
  for (const format of formats) files.push(formatFilePath(runDir, folder, { serial, index, trial }, format));
  return files;
}

/** A run-wide `--format` file (eval_set.jsonl, messages.csv), filled as conversations end. */
interface FormatPart {
  readonly format: OutputFormat;
  readonly path: string;
  readonly part: PartFile;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * The run-wide files (Sensei's stats report, conversations.jsonl, junit.xml, run.json), written as
 * conversations end rather than all at the end of the run. Each conversation is added once, in
 * the reports' order (profile by profile, by index); its lines go to hidden temporary files right
 * away, and only counts (and what names each conversation's files) stay in memory. `close` writes the
 * files from the temporary ones (run.json last), then report.html.
 */
export class RunReports {
  readonly #runDir: string;
  readonly #secrets: readonly string[];
  readonly #jsonl: PartFile;
  readonly #junit: JunitPart;
  readonly #manifest: ManifestPart;
  readonly #formats: readonly OutputFormat[];
  readonly #formatParts: readonly FormatPart[];
  readonly #stats = new StatsReportTally();
  readonly #summary: RunSummaryTally;
  /** What trials keep of each profile folder's conversations (every run: --min-pass-rate reads them too). */
  readonly #trials = new Map<string, TrialEntries>();
  #queue: Promise<void> = Promise.resolve();
  #failure: Error | undefined;
  /** report.html's data, gathered as conversations are added (the report module loads with the first). */
  #html: Promise<RunReportHtml> | undefined;

  private constructor(
    runDir: string,
    secrets: readonly string[],
    parts: readonly [PartFile, JunitPart, ManifestPart],
    formats: readonly OutputFormat[],
    formatParts: readonly FormatPart[],
  ) {
    this.#runDir = runDir;
    this.#secrets = secrets;
    this.#formats = formats;
    this.#formatParts = formatParts;
    this.#summary = new RunSummaryTally((folder, serial, index, csv, trial) =>
      conversationPaths(runDir, folder, serial, index, csv, trial, formats),
    );
    [this.#jsonl, this.#junit, this.#manifest] = parts;
  }

  /** `formats`: the `--format`s of the run, whose files each conversation lists and whose run-wide files `close` writes. */
  static async open(
    runDir: string,
    secrets: readonly string[] = [],
    formats: readonly OutputFormat[] = [],
  ): Promise<RunReports> {
    const parts = await Promise.all([
      PartFile.open(conversationsJsonlPath(runDir)),
      JunitPart.open(runDir, secrets),
      ManifestPart.open(runDir, secrets),
    ]);
    const formatParts: FormatPart[] = [];
    for (const format of formats) {
      const path = runFormatPath(runDir, format);
      if (path === undefined) continue;
      const part = await PartFile.open(path);
      part.append(runFormatHead(format));
      formatParts.push({ format, path, part });
    }
    return new RunReports(runDir, secrets, parts, formats, formatParts);
  }

  get #parts(): PartFile[] {
    return [this.#jsonl, this.#junit.part, ...this.#manifest.parts, ...this.#formatParts.map((f) => f.part)];
  }

  /** Adds the next conversation of the reports (a record on disk is read when its turn comes). */
  add(source: ReportSource): void {
    this.#queue = this.#queue.then(async () => {
      if (this.#failure !== undefined) return;
      try {
        const written =
          'result' in source
            ? this.#take(source.result, source.folder)
            : await this.#takeRecord(source.recordPath, source.range);
        if (written !== undefined) await (await this.#reportHtml()).add(written.entry, written.line);
      } catch (error) {
        this.#failure = asError(error);
      }
    });
  }

  #reportHtml(): Promise<RunReportHtml> {
    this.#html ??= import('../../report/write-report-html.ts').then(({ RunReportHtml }) =>
      RunReportHtml.open(this.#runDir, this.#secrets),
    );
    return this.#html;
  }

  /** Removes report.html's gathered data when the page is not written from it. */
  async #dropHtml(): Promise<void> {
    const html = this.#html;
    this.#html = undefined;
    if (html !== undefined) await (await html.catch(() => undefined))?.remove();
  }

  async #takeRecord(path: string, range: LineRange | undefined): Promise<Written | undefined> {
    // Unreadable since the run listed it: left out, as a resume leaves it out.
    const record = await readResultRecord(path, range);
    return record !== undefined && record.result.status !== 'interrupted'
      ? this.#take(record.result, record.folder)
      : undefined;
  }

  /** Adds a conversation to the parts; returns its run.json entry and JSONL line as written. */
  #take(raw: ConversationResult, folder: string): Written {
    const secrets = this.#secrets;
    const result = redactDeep(raw, secrets);
    const own = conversationPaths(
      this.#runDir,
      folder,
      result.serial,
      result.index,
      exportsAnsweredCsv(result),
      result.trial,
      this.#formats,
    ).map((f) => runRelative(this.#runDir, f));
    this.#stats.add({
      result,
      folder,
      fileName: senseiConversationFileName(folder, result.index, result.serial, result.trial),
    });
    this.#summary.add(folder, result);
    const line = redactText(`${conversationJsonLine({ result, file: own[0] ?? '' })}\n`, secrets);
    this.#jsonl.append(line);
    for (const { format, part } of this.#formatParts) part.append(redactText(runFormatPiece(result, format), secrets));

    let trials = this.#trials.get(folder);
    if (trials === undefined) this.#trials.set(folder, (trials = new TrialEntries()));
    const trial = trialEntry(result);
    trials.add(trial);
    this.#junit.add(result, folder, trial);
    const entry = this.#manifest.add(manifestConversation({ result, folder, files: own }));
    return { entry, line };
  }

  /** Writes the run files from what was added: stats report, conversations.jsonl, junit.xml, run.json, then report.html (read back from those). */
  async close(info: RunInfo): Promise<RunSummary> {
    await this.#queue;
    const parts = this.#parts;
    const closed = await Promise.allSettled(parts.map((p) => p.close()));
    try {
      if (this.#failure !== undefined) throw this.#failure;
      for (const outcome of closed) if (outcome.status === 'rejected') throw asError(outcome.reason);
      return await this.#writeFiles(info);
    } finally {
      await Promise.all([...parts.map((p) => p.remove()), this.#dropHtml()]);
    }
  }

  /** Drops the temporary files of a run that ends without reports. */
  async discard(): Promise<void> {
    await this.#queue;
    const parts = this.#parts;
    await Promise.allSettled(parts.map((p) => p.close()));
    await Promise.all([...parts.map((p) => p.remove()), this.#dropHtml()]);
  }

  async #writeFiles(info: RunInfo): Promise<RunSummary> {
    const runDir = this.#runDir;
    const secrets = this.#secrets;
    const redact = (text: string) => redactText(text, secrets);
    // A run without trials is the case k = 1: the pass rates behind --min-pass-rate come from it too.
    const trialsOf = trialsReport(
      [...this.#trials].map(([folder, entries]) => entries.input(folder)),
      info.trials ?? 1,
    );
    const trials = info.trials === undefined ? undefined : trialsOf;
    const minPassRate =
      info.minPassRate === undefined
        ? undefined
        : {
            threshold: info.minPassRate,
            below: profilesBelow(trialsOf, info.minPassRate).map((p) => ({
              folder: p.folder,
              testName: p.testName,
              passRate: p.passRate ?? 0,
            })),
          };
    const statsPath = statsReportPath(runDir, info.serial);
    const statsText = redact(
      dumpAllYaml(
        this.#stats.documents(
          info.spend?.usd,
          trials === undefined ? undefined : { report: trials, serial: info.serial },
        ),
      ),
    );
    const jsonlPath = conversationsJsonlPath(runDir);

    // The project's rules, checked once the conversations ended, have a suite of their own in junit.xml.
    const junitText = this.#junit.text({
      trials: trialsOf,
      playsTrials: trials !== undefined,
      endedAt: info.endedAt,
      extra: info.check ? [info.check.junit] : [],
      flakyFails: info.flakyFails,
    });

    const manifestPath = runManifestPath(runDir);
    const { reportHtmlPath, writeRunReportHtml } = await import('../../report/write-report-html.ts');
    const written = [
      statsPath,
      jsonlPath,
      junitPath(runDir),
      ...this.#formatParts.map((f) => f.path),
      ...(info.check ? [info.check.csvPath] : []),
      manifestPath,
      reportHtmlPath(runDir),
    ];
    const fromResults = this.#summary.summary(info.serial, written);
    // The run's spend is the journal's: it also holds killed attempts and calls outside a conversation.
    const summary: RunSummary = {
      ...fromResults,
      ...(info.spend ? { costUsd: info.spend.usd, costByModule: info.spend.byModule } : {}),
      ...(trials === undefined ? {} : { trials }),
      ...(minPassRate === undefined ? {} : { minPassRate }),
    };
    const placeholder = `conversations-${randomUUID()}`;
    const text = JSON.stringify(
      manifestWithout(
        redactDeep({ ...info, secrets: undefined, check: undefined }, secrets),
        placeholder,
        summary,
        summary.files.map((f) => runRelative(runDir, f)),
        this.#summary.tokens(),
        info.check?.manifest,
      ),
      null,
      2,
    );
    const at = text.indexOf(JSON.stringify(placeholder));
    const before = redact(text.slice(0, at));
    const after = redact(text.slice(at + JSON.stringify(placeholder).length));
    // What is known of a conversation only after it was written: the results of the rules checked
    // at the end of the run, and a replay's comparison.
    const later = { rulesOf: info.check?.conversationRules, replays: info.replays };
    // report.html from what was gathered as conversations were added, unless entries changed since.
    const html = this.#html === undefined ? undefined : await this.#html;
    this.#html = undefined;
    const gathered =
      html?.adopt(`${before}[]${after}`, ManifestPart.anyLater(later) || this.#manifest.shifted) === true;
    // The files run.json lists are written (at once: none reads another) before run.json itself.
    const done = await Promise.allSettled([
      writeFileAtomic(statsPath, statsText),
      this.#jsonl.renameTo(jsonlPath),
      writeFileAtomicFrom(junitPath(runDir), junitText),
      ...this.#formatParts.map(({ path, part }) => part.renameTo(path)),
      ...(gathered ? [html.write()] : []),
    ]);
    for (const outcome of done) if (outcome.status === 'rejected') throw asError(outcome.reason);
    await this.#manifest.write(runDir, before, after, later);
    if (!gathered) {
      // The page reads the run back from the files above.
      await html?.remove();
      await writeRunReportHtml(runDir, { secrets });
    }
    return summary;
  }
}

import { randomUUID } from 'node:crypto';
import type { ConversationResult } from '../../conversation/types.ts';
import { exportsAnsweredCsv } from '../../output/answered-csv.ts';
import { writeFileAtomic, writeFileAtomicFrom } from '../../base/atomic-write.ts';
import { conversationJsonLine } from '../../output/conversations-jsonl.ts';
import {
  JUNIT_END,
  JUNIT_SUITE_END,
  JunitCounts,
  junitHead,
  junitSuiteHead,
  junitTestcase,
  junitTrialCase,
  junitTrialTranscript,
  TrialCaseCounts,
  trialFailure,
  type TrialFailure,
} from '../../output/junit-xml.ts';
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
  senseiConversationBase,
  senseiConversationFileName,
  senseiConversationYamlPath,
  statsReportPath,
} from '../../output/run-layout.ts';
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

interface Suite {
  readonly name: string;
  readonly profileFile: string;
  readonly counts: JunitCounts;
  /** Byte ranges of its cases in the junit part (one, when conversations come folder by folder). */
  readonly ranges: [number, number][];
  /** With trials: its planned conversations by plan index, each one test case over its trials. */
  readonly planned: Map<number, PlannedCase>;
  /** What trials keep of its conversations (every run: --min-pass-rate reads them too). */
  readonly trials: TrialEntries;
}

/** A planned conversation played in trials, as its test case needs it. */
interface PlannedCase {
  readonly name: string;
  time: number;
  readonly failures: TrialFailure[];
  /** Byte ranges of its trials' transcripts in the junit part. */
  readonly ranges: [number, number][];
}

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

const indent = (text: string, by: string) => text.replace(/^/gm, by);
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
  readonly #junit: PartFile;
  readonly #manifest: PartFile;
  readonly #formats: readonly OutputFormat[];
  readonly #formatParts: readonly FormatPart[];
  readonly #stats = new StatsReportTally();
  readonly #summary: RunSummaryTally;
  readonly #all = new JunitCounts();
  readonly #suites = new Map<string, Suite>();
  #lastSuite: Suite | undefined;
  #conversations = 0;
  /** Byte offsets of each conversation's entry in the manifest part, a line `start end` each (its id and files are in the entry). */
  readonly #entryOffsets: PartFile;
  #queue: Promise<void> = Promise.resolve();
  #failure: Error | undefined;
  /** report.html's data, gathered as conversations are added (the report module loads with the first). */
  #html: Promise<RunReportHtml> | undefined;
  /** True when an entry's text could not be told apart from the separator before it: report.html reads run.json back. */
  #entryShifted = false;

  private constructor(
    runDir: string,
    secrets: readonly string[],
    parts: [PartFile, PartFile, PartFile, PartFile],
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
    [this.#jsonl, this.#junit, this.#manifest, this.#entryOffsets] = parts;
  }

  /** `formats`: the `--format`s of the run, whose files each conversation lists and whose run-wide files `close` writes. */
  static async open(
    runDir: string,
    secrets: readonly string[] = [],
    formats: readonly OutputFormat[] = [],
  ): Promise<RunReports> {
    const parts = await Promise.all([
      PartFile.open(conversationsJsonlPath(runDir)),
      PartFile.open(junitPath(runDir)),
      PartFile.open(runManifestPath(runDir)),
      PartFile.open(runManifestPath(runDir)),
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
    return [this.#jsonl, this.#junit, this.#manifest, this.#entryOffsets, ...this.#formatParts.map((f) => f.part)];
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

    let suite = this.#suites.get(folder);
    if (suite === undefined)
      this.#suites.set(
        folder,
        (suite = {
          name: folder,
          profileFile: result.profileFile,
          counts: new JunitCounts(),
          ranges: [],
          planned: new Map(),
          trials: new TrialEntries(),
        }),
      );
    const trial = trialEntry(result);
    suite.trials.add(trial);
    const start = this.#junit.size;
    if (result.trial === undefined) {
      this.#junit.append(
        redactText(
          junitTestcase({ result, name: senseiConversationBase(folder, result.index, result.serial) }),
          secrets,
        ),
      );
      const last = suite.ranges.at(-1);
      if (last !== undefined && this.#lastSuite === suite && last[1] === start) last[1] = this.#junit.size;
      else suite.ranges.push([start, this.#junit.size]);
    } else {
      // Trials: a planned conversation is one test case; its trials' transcripts wait in the part.
      let planned = suite.planned.get(result.index);
      if (planned === undefined)
        suite.planned.set(
          result.index,
          (planned = {
            name: senseiConversationBase(folder, result.index, result.serial),
            time: 0,
            failures: [],
            ranges: [],
          }),
        );
      this.#junit.append(redactText(junitTrialTranscript(result, trial.outcome, planned.ranges.length === 0), secrets));
      planned.ranges.push([start, this.#junit.size]);
      planned.time += result.timing.conversationSeconds;
      if (trial.outcome === 'fail') planned.failures.push(redactDeep(trialFailure(result), secrets));
    }
    this.#lastSuite = suite;
    suite.counts.add(result);
    this.#all.add(result);

    const entry = indent(JSON.stringify(manifestConversation({ result, folder, files: own }), null, 2), '    ');
    const separator = this.#conversations === 0 ? '' : ',\n';
    const entryStart = this.#manifest.size + Buffer.byteLength(separator);
    const entryText = redactText(`${separator}${entry}`, secrets);
    this.#manifest.append(entryText);
    this.#entryOffsets.append(`${entryStart} ${this.#manifest.size}\n`);
    this.#conversations += 1;
    if (!entryText.startsWith(separator)) this.#entryShifted = true;
    return { entry: entryText.slice(separator.length), line };
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
    const suites = [...this.#suites.values()];
    // A run without trials is the case k = 1: the pass rates behind --min-pass-rate come from it too.
    const trialsOf = trialsReport(
      suites.map((s) => s.trials.input(s.name)),
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

    const junit = this.#junit;
    // The project's rules, checked once the conversations ended, have a suite of their own.
    const extra = info.check ? [info.check.junit] : [];
    // Trials: one test case per planned conversation, counted as such.
    const groupOf = new Map(trialsOf.conversations.map((c) => [`${c.folder}\u0000${c.index}`, c]));
    const trialCases = new Map(
      suites.map((suite) => {
        const counts = new TrialCaseCounts();
        const cases = [...suite.planned.entries()]
          .sort(([a], [b]) => a - b)
          .flatMap(([index, planned]) => {
            const group = groupOf.get(`${suite.name}\u0000${index}`);
            if (group === undefined) return [];
            const testCase = junitTrialCase(group, planned.name, planned.time, planned.failures, {
              flakyFails: info.flakyFails,
            });
            counts.add(testCase, planned.time);
            return [{ testCase, ranges: planned.ranges, time: planned.time }];
          });
        return [suite, { counts, cases }] as const;
      }),
    );
    const all = trials === undefined ? this.#all : new TrialCaseCounts();
    if (all instanceof TrialCaseCounts)
      for (const { cases } of trialCases.values()) for (const c of cases) all.add(c.testCase, c.time);
    const junitText = async function* () {
      yield redact(junitHead(all, extra));
      for (const [id, suite] of suites.entries()) {
        const inTrials = trialCases.get(suite);
        const counts = trials === undefined || inTrials === undefined ? suite.counts : inTrials.counts;
        yield redact(junitSuiteHead(suite, id, counts, info.endedAt));
        for (const [start, end] of suite.ranges) yield* junit.range(start, end);
        for (const { testCase, ranges } of inTrials?.cases ?? []) {
          yield redact(testCase.open);
          for (const [start, end] of ranges) yield* junit.range(start, end);
          yield testCase.close;
        }
        yield JUNIT_SUITE_END;
      }
      for (const suite of extra) yield redact(suite.xml);
      yield JUNIT_END;
    };

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
    const manifest = this.#manifest;
    const count = this.#conversations;
    const offsets = this.#entryOffsets;
    // What is known of a conversation only after it was written: the results of the rules checked
    // at the end of the run (by its first file), and a replay's comparison (by its id). Entries
    // with neither are copied as they are.
    const rulesOf = info.check?.conversationRules;
    const replays = info.replays;
    const anyLater = (rulesOf?.size ?? 0) > 0 || (replays?.size ?? 0) > 0;
    // report.html from what was gathered as conversations were added, unless entries changed since.
    const html = this.#html === undefined ? undefined : await this.#html;
    this.#html = undefined;
    const gathered = html?.adopt(`${before}[]${after}`, anyLater || this.#entryShifted) === true;
    // The files run.json lists are written (at once: none reads another) before run.json itself.
    const done = await Promise.allSettled([
      writeFileAtomic(statsPath, statsText),
      this.#jsonl.renameTo(jsonlPath),
      writeFileAtomicFrom(junitPath(runDir), junitText),
      ...this.#formatParts.map(({ path, part }) => part.renameTo(path)),
      ...(gathered ? [html.write()] : []),
    ]);
    for (const outcome of done) if (outcome.status === 'rejected') throw asError(outcome.reason);
    await writeFileAtomicFrom(manifestPath, async function* () {
      if (count === 0) {
        yield `${before}[]${after}\n`;
        return;
      }
      yield `${before}[\n`;
      if (!anyLater) yield* manifest.range(0, manifest.size);
      else {
        const ranges = async function* () {
          for await (const line of offsets.lines()) {
            const [start = 0, end = 0] = line.split(' ').map(Number);
            yield [start, end] as const;
          }
        };
        let leading = true;
        for await (const text of manifest.slices(ranges())) {
          if (!leading) yield ',\n';
          leading = false;
          const { files, ...rest } = JSON.parse(text) as Record<string, unknown>;
          const first = Array.isArray(files) && typeof files[0] === 'string' ? files[0] : '';
          const rules = rulesOf?.get(first);
          const replay = typeof rest['id'] === 'string' ? replays?.get(rest['id']) : undefined;
          if (rules === undefined && replay === undefined) {
            yield text;
            continue;
          }
          const entry = {
            ...rest,
            ...(rules === undefined ? {} : { rules }),
            ...(replay === undefined ? {} : { replay }),
            files,
          };
          yield redact(indent(JSON.stringify(entry, null, 2), '    '));
        }
      }
      yield `\n  ]${after}\n`;
    });
    if (!gathered) {
      // The page reads the run back from the files above.
      await html?.remove();
      await writeRunReportHtml(runDir, { secrets });
    }
    return summary;
  }
}

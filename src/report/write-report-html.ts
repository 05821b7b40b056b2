import { basename, join, resolve } from 'node:path';
import { writeFileAtomic, writeFileAtomicFrom } from '../base/atomic-write.ts';
import { redactDeep } from '../base/redaction.ts';
import { buildReportData, ReportTally } from './build-report-data.ts';
import { buildReportDiff } from './build-report-diff.ts';
import { openRunFolder, readCheckCsv, readRunFolder } from './read-run-folder.ts';
import { asRecord, asString, type JsonRecord } from './json-shape.ts';
import { renderReportHtml, renderRunReportHtmlFrom } from './render-report-html.ts';
import type { ReportConversation } from './report-data.ts';
import { SpoolFile } from './spool-file.ts';

export const REPORT_FILE_NAME = 'report.html';

export function reportHtmlPath(runDir: string): string {
  return join(runDir, REPORT_FILE_NAME);
}

export interface WriteReportOptions {
  /** Where to write; default `<runDir>/report.html`. */
  readonly output?: string | undefined;
  readonly secrets?: readonly string[] | undefined;
}

/**
 * Reads a run's output folder and writes its report.html; returns the file written. The folder is
 * read twice, a conversation at a time, so memory stays flat however long the run: once for what
 * the page's head needs (totals, profiles, coverage, rules), with each conversation's report JSON
 * set aside in a temporary file beside the page, then that file is copied into the page.
 */
export async function writeRunReportHtml(runDir: string, options: WriteReportOptions = {}): Promise<string> {
  const folder = await openRunFolder(runDir);
  const path = resolve(options.output ?? reportHtmlPath(runDir));
  const secrets = options.secrets ?? [];
  const tally = new ReportTally(folder.manifest, folder.label, folder.firstLineSerial);
  const spool = await SpoolFile.open(path);
  try {
    for await (const { entry, line } of folder.sources()) {
      const conversation = tally.add(entry, line);
      // Rule failures of run.json's check block are known once every conversation was read.
      const later = tally.mayAddRules(conversation);
      await spool.append(
        `${later ? '1' : '0'}${JSON.stringify(later ? conversation : redactDeep(conversation, secrets))}\n`,
      );
    }
    await writeSpooled(path, tally, spool, folder.checkCsv, secrets);
  } finally {
    await spool.remove();
  }
  return path;
}

/** The page from a tally whose conversations were all added, with their JSON texts set aside in `spool`. */
async function writeSpooled(
  path: string,
  tally: ReportTally,
  spool: SpoolFile,
  checkCsv: string | undefined,
  secrets: readonly string[],
): Promise<void> {
  await spool.close();
  const data = tally.data(checkCsv);
  const conversations = async function* (): AsyncGenerator<string> {
    for await (const text of spool.lines()) {
      if (text.startsWith('0')) yield text.slice(1);
      else yield JSON.stringify(redactDeep(tally.withRules(JSON.parse(text.slice(1)) as ReportConversation), secrets));
    }
  };
  await writeFileAtomicFrom(path, () => renderRunReportHtmlFrom(data, conversations(), { secrets }));
}

/**
 * A run's report.html gathered while the run writes its files: each conversation's run.json entry
 * and conversations.jsonl line, given as the texts written there, go through the same tally and
 * spool as writeRunReportHtml's, so the end of the run writes the page without reading the run
 * back. When run.json's head turns out to name conversations in a check block (rules checked at
 * the end), or an entry was rewritten after it was added, the run is read back as before.
 */
export class RunReportHtml {
  readonly #runDir: string;
  readonly #secrets: readonly string[];
  readonly #tally: ReportTally;
  readonly #spool: SpoolFile;
  #firstLineSerial: string | undefined;
  #removed = false;
  #head: JsonRecord | undefined;

  private constructor(runDir: string, secrets: readonly string[], spool: SpoolFile) {
    this.#runDir = runDir;
    this.#secrets = secrets;
    this.#tally = new ReportTally({}, basename(runDir), '');
    this.#spool = spool;
  }

  static async open(runDir: string, secrets: readonly string[]): Promise<RunReportHtml> {
    return new RunReportHtml(runDir, secrets, await SpoolFile.open(reportHtmlPath(runDir)));
  }

  /** The next conversation: its entry in run.json and its line in conversations.jsonl, as written. */
  async add(entryText: string, lineText: string): Promise<void> {
    const line = asRecord(JSON.parse(lineText) as unknown);
    this.#firstLineSerial ??= asString(line['serial']);
    const conversation = this.#tally.add(asRecord(JSON.parse(entryText) as unknown), line);
    await this.#spool.append(`0${JSON.stringify(redactDeep(conversation, this.#secrets))}\n`);
  }

  /**
   * Takes run.json's head (`head`: run.json's text with an empty conversations array). False when
   * the gathered data cannot give the page (`rewritten`: an entry of run.json changed after it was
   * added; or the head's rules would have): write the page from the folder once run.json is there.
   */
  adopt(head: string, rewritten: boolean): boolean {
    if (rewritten) return false;
    const manifest = JSON.parse(head) as JsonRecord;
    if (!this.#tally.adoptHead(manifest, this.#firstLineSerial ?? '')) return false;
    this.#head = manifest;
    return true;
  }

  /** Writes report.html from the gathered data, once `adopt` took run.json's head; returns its path. */
  async write(): Promise<string> {
    const head = this.#head;
    if (head === undefined) throw new Error('report.html: write() before adopt()');
    const path = resolve(reportHtmlPath(this.#runDir));
    try {
      await writeSpooled(path, this.#tally, this.#spool, await readCheckCsv(this.#runDir, head), this.#secrets);
    } finally {
      await this.remove();
    }
    return path;
  }

  async remove(): Promise<void> {
    if (this.#removed) return;
    this.#removed = true;
    await this.#spool.remove();
  }
}

/** The diff page of two run folders (`base` the older); written to `output`. */
export async function writeDiffReportHtml(
  baseDir: string,
  headDir: string,
  output: string,
  options: { secrets?: readonly string[] | undefined } = {},
): Promise<string> {
  const [base, head] = await Promise.all([readRunFolder(baseDir), readRunFolder(headDir)]);
  const diff = buildReportDiff(buildReportData(base), buildReportData(head));
  const path = resolve(output);
  await writeFileAtomic(path, renderReportHtml({ kind: 'diff', diff }, { secrets: options.secrets }));
  return path;
}

import { join, resolve } from 'node:path';
import { writeFileAtomic, writeFileAtomicFrom } from '../base/atomic-write.ts';
import { redactDeep } from '../base/redaction.ts';
import { buildReportData, ReportTally } from './build-report-data.ts';
import { buildReportDiff } from './build-report-diff.ts';
import { openRunFolder, readRunFolder } from './read-run-folder.ts';
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
    await spool.close();
    const data = tally.data(folder.checkCsv);
    const conversations = async function* (): AsyncGenerator<string> {
      for await (const text of spool.lines()) {
        if (text.startsWith('0')) yield text.slice(1);
        else
          yield JSON.stringify(redactDeep(tally.withRules(JSON.parse(text.slice(1)) as ReportConversation), secrets));
      }
    };
    await writeFileAtomicFrom(path, () => renderRunReportHtmlFrom(data, conversations(), { secrets }));
  } finally {
    await spool.remove();
  }
  return path;
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

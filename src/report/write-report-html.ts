import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../base/atomic-write.ts';
import { buildReportData } from './build-report-data.ts';
import { buildReportDiff } from './build-report-diff.ts';
import { readRunFolder } from './read-run-folder.ts';
import { renderReportHtml } from './render-report-html.ts';

export const REPORT_FILE_NAME = 'report.html';

export function reportHtmlPath(runDir: string): string {
  return join(runDir, REPORT_FILE_NAME);
}

export interface WriteReportOptions {
  /** Where to write; default `<runDir>/report.html`. */
  readonly output?: string | undefined;
  readonly secrets?: readonly string[] | undefined;
}

/** Reads a run's output folder and writes its report.html; returns the file written. */
export async function writeRunReportHtml(runDir: string, options: WriteReportOptions = {}): Promise<string> {
  const data = buildReportData(await readRunFolder(runDir));
  const path = resolve(options.output ?? reportHtmlPath(runDir));
  await writeFileAtomic(path, renderReportHtml({ kind: 'run', run: data }, { secrets: options.secrets }));
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

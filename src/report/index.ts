/**
 * The HTML report, for the commands that write one (run, report, and later merge and diff):
 * read a run folder, build the typed data, render the self-contained page.
 */
export { buildReportData, type RunFolderContents } from './build-report-data.ts';
export { buildReportDiff, diffKey } from './build-report-diff.ts';
export { checkReportPath, readRunFolder } from './read-run-folder.ts';
export { renderReportHtml } from './render-report-html.ts';
export type * from './report-data.ts';
export {
  REPORT_FILE_NAME,
  reportHtmlPath,
  writeDiffReportHtml,
  writeRunReportHtml,
  type WriteReportOptions,
} from './write-report-html.ts';

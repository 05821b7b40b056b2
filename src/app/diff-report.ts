import { resolve } from 'node:path';
import { writeFileAtomic } from '../base/atomic-write.ts';
import type { RunDiff } from '../diff/diff-runs.ts';
import { buildReportData } from '../report/build-report-data.ts';
import { buildReportDiff } from '../report/build-report-diff.ts';
import { readRunFolder } from '../report/read-run-folder.ts';
import { renderReportHtml } from '../report/render-report-html.ts';

/** `simsim diff --html` writes `diff.html` in the current folder unless `-o` says where. */
export const DIFF_REPORT_FILE_NAME = 'diff.html';

/**
 * The HTML diff page of two run folders (`beforeDir` the older), with the McNemar p-values of
 * `diff` (the one `simsim diff` computed) per profile and overall; written to `output`.
 */
export async function writeRunDiffHtml(
  beforeDir: string,
  afterDir: string,
  output: string,
  diff: RunDiff,
): Promise<string> {
  const [base, head] = await Promise.all([readRunFolder(beforeDir), readRunFolder(afterDir)]);
  const page = buildReportDiff(buildReportData(base), buildReportData(head));
  const pValues = new Map(diff.profiles.map((p) => [p.folder, p.pValue]));
  const withTests = {
    ...page,
    pValue: diff.overall.pValue,
    profiles: page.profiles.map((p) => {
      const pValue = pValues.get(p.name);
      return pValue === undefined ? p : { ...p, pValue };
    }),
  };
  const path = resolve(output);
  await writeFileAtomic(path, renderReportHtml({ kind: 'diff', diff: withTests }));
  return path;
}

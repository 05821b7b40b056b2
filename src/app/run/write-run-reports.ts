import type { ConversationResult } from '../../conversation/types.ts';
import type { RunInfo } from './run-info.ts';
import { RunReports } from './run-reports.ts';
import type { RunSummary } from '../../output/run-summary.ts';
import { claimTestFolder } from '../../output/test-folders.ts';

/**
 * Writes the run-wide files for a set of results in one go: Sensei's stats report,
 * conversations.jsonl, junit.xml, run.json, then report.html, in profile order (the order of
 * `info.profiles`) then by index. A run feeds RunReports as its conversations end instead.
 * Returns the summary a reporter prints.
 */
export async function writeRunReports(
  runDir: string,
  results: readonly ConversationResult[],
  info: RunInfo,
): Promise<RunSummary> {
  const order = new Map(info.profiles.map((p, i) => [p.file, i]));
  const sorted = [...results].sort(
    (a, b) =>
      (order.get(a.profileFile) ?? order.size) - (order.get(b.profileFile) ?? order.size) ||
      (a.profileFile < b.profileFile ? -1 : a.profileFile > b.profileFile ? 1 : 0) ||
      a.index - b.index ||
      (a.trial ?? 1) - (b.trial ?? 1),
  );
  const reports = await RunReports.open(runDir, info.secrets ?? [], info.formats);
  try {
    for (const result of sorted) {
      reports.add({
        result,
        folder: await claimTestFolder(runDir, result.serial, result.testName, result.profileFile),
      });
    }
  } catch (error) {
    await reports.discard();
    throw error;
  }
  return reports.close(info);
}

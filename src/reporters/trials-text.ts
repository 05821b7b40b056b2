import type { ChalkInstance } from 'chalk';
import type { GroupTrials, TrialsReport } from '../output/trials.ts';
import { terminalSafe } from './terminal-text.ts';

const percent = (v: number) => `${(100 * v).toFixed(1)}%`;
/** pass^k as a short number: 1, 0, or three decimals. */
const short = (v: number) => (v === 1 ? '1' : v === 0 ? '0' : v.toFixed(3));
/** The most flaky conversations named in the summary; the files have all of them. */
const MAX_LISTED = 5;

/** `22 of 24 trials passed (91.7%, 95% CI 74.2–97.7%); pass^1 0.917 pass^2 0.833; 6 all_pass, 2 flaky, 0 all_fail` */
export function groupTrialsText(group: GroupTrials): string {
  const rate =
    group.passRate === undefined || group.interval === undefined
      ? 'no trial counted'
      : `${percent(group.passRate)}, 95% CI ${percent(group.interval.low)}–${percent(group.interval.high)}`;
  const passK = group.passHatK.map((p) => `pass^${p.k} ${short(p.value)}`).join(' ');
  const left = group.excluded > 0 ? `, ${group.excluded} left out` : '';
  return `${group.successes} of ${group.trials} trials passed (${rate}${left})${passK ? `; ${passK}` : ''}; ${group.classes.all_pass} all_pass, ${group.classes.flaky} flaky, ${group.classes.all_fail} all_fail`;
}

/** The lines under a profile's summary line: its trials, and its flaky conversations. */
export function profileTrialsLines(report: TrialsReport, folder: string, chalk: ChalkInstance): string[] {
  const profile = report.profiles.find((p) => p.folder === folder);
  if (!profile) return [];
  const lines = [`    trials: ${groupTrialsText(profile)}`];
  const flaky = report.conversations.filter((c) => c.folder === folder && c.summary.classification === 'flaky');
  if (flaky.length > 0) {
    const named = flaky
      .slice(0, MAX_LISTED)
      .map((c) => `#${c.index} (${c.summary.successes}/${c.summary.trials})`)
      .join(', ');
    lines.push(
      chalk.yellow(
        `    flaky: ${terminalSafe(named)}${flaky.length > MAX_LISTED ? ` and ${flaky.length - MAX_LISTED} more` : ''}`,
      ),
    );
  }
  return lines;
}

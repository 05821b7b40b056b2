import type { ChalkInstance } from 'chalk';
import { relative } from 'node:path';
import type { RunOutcome } from '../app/run/run-project.ts';
import { plural } from '../base/text/plural.ts';
import { duration, money } from './format.ts';
import { terminalSafe } from './terminal-text.ts';
import { groupTrialsText, profileTrialsLines } from './trials-text.ts';
import type { ProfileSummary } from '../output/run-summary.ts';

/** `, 2 failed expectations, 1 inconclusive, 1 simulator fault` (the parts that are not zero). */
function verdictParts(summary: Pick<ProfileSummary, 'failedExpectations' | 'verdicts'>): string {
  const parts = [
    summary.failedExpectations > 0 ? `${summary.failedExpectations} failed expectations` : '',
    summary.verdicts.inconclusive > 0 ? `${summary.verdicts.inconclusive} inconclusive` : '',
    summary.verdicts.simulator_fault > 0 ? plural(summary.verdicts.simulator_fault, 'simulator fault') : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
}

/** `    verdicts: 7 passed, 1 failed, 1 simulator_fault · pass rate 87.5% · simulator fault rate 11.1%` */
function verdictLine(summary: ProfileSummary): string | undefined {
  const counts = Object.entries(summary.verdicts).filter(([, n]) => n > 0);
  if (counts.length === 0) return undefined;
  const rate = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
  return `    verdicts: ${counts.map(([v, n]) => `${n} ${v}`).join(', ')} · pass rate ${rate(summary.passRate)}${summary.verdicts.simulator_fault > 0 ? ` · simulator fault rate ${rate(summary.simulatorFaultRate)}` : ''}`;
}

/**
 * The end-of-run summary: per profile, what happened and where the files are. The time shown is
 * the run's wall time; conversations overlap, and their own times are in the files.
 */
export function renderRunSummary(outcome: RunOutcome, chalk: ChalkInstance, cwd: string): string {
  const { summary } = outcome;
  const lines: string[] = [];
  for (const profile of summary.profiles) {
    const reasons = Object.entries(profile.stopReasons)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', ');
    const mark = profile.failures > 0 || profile.failedExpectations > 0 ? chalk.red('✖') : chalk.green('✔');
    const planned = summary.trials?.profiles.find((p) => p.folder === profile.folder)?.conversations;
    const count =
      planned === undefined || summary.trials === undefined
        ? plural(profile.conversations, 'conversation')
        : `${plural(planned, 'conversation')} × ${summary.trials.perConversation} trials (${profile.conversations} played)`;
    lines.push(
      `${mark} ${terminalSafe(profile.testName)}: ${count}, ${profile.failures} failed, ${plural(profile.missingOutputs, 'missing output')}${verdictParts(profile)}, ${money(profile.costUsd)}`,
    );
    if (reasons) lines.push(`    stop reasons: ${reasons}`);
    const verdicts = verdictLine(profile);
    if (verdicts !== undefined) lines.push(verdicts);
    if (summary.trials) lines.push(...profileTrialsLines(summary.trials, profile.folder, chalk));
  }
  if (outcome.notStarted > 0)
    lines.push(
      chalk.yellow(
        `${plural(outcome.notStarted, 'conversation')} not started (${outcome.stopReason === 'cost_cap' ? 'the cost cap was reached' : 'the run was interrupted'})`,
      ),
    );
  lines.push(
    `${plural(summary.conversations, 'conversation')}, ${summary.failures} failed${verdictParts(summary)}, ${money(summary.costUsd)}, ${duration(outcome.wallSeconds * 1000)} (seed ${outcome.seed}, serial ${outcome.serial})`,
  );
  if (summary.trials)
    lines.push(
      `trials: ${summary.trials.perConversation} per conversation; ${groupTrialsText(summary.trials.overall)}`,
    );
  if (outcome.replay) {
    const r = outcome.replay;
    const forked = r.mode === 'fork' ? `, the simulated user took over in ${plural(r.forked, 'conversation')}` : '';
    const skipped = r.skipped > 0 ? `, ${r.skipped} not replayed` : '';
    lines.push(
      `replay (${r.mode}) of ${relative(cwd, r.sourceDir) || '.'} (serial ${r.sourceSerial}): ${plural(r.conversations, 'conversation')}${skipped}; ${r.repliesChanged} of ${plural(r.repliesCompared, 'reply', 'replies')} changed, in ${plural(r.conversationsChanged, 'conversation')}${forked}`,
    );
  }
  if (summary.minPassRate) {
    const { threshold, below } = summary.minPassRate;
    lines.push(
      below.length === 0
        ? `${chalk.green('✔')} every profile's pass rate is at least ${threshold}`
        : `${chalk.red('✖')} pass rate below ${threshold}: ${below.map((b) => `${terminalSafe(b.testName)} ${b.passRate.toFixed(3)}`).join(', ')}`,
    );
  }
  if (outcome.check) {
    const failed = outcome.check.failedRules;
    const mark = failed.length > 0 ? chalk.red('✖') : chalk.green('✔');
    lines.push(
      `${mark} rules: ${outcome.check.rules} checked, ${failed.length} failed${failed.length > 0 ? ` (${failed.map(terminalSafe).join(', ')})` : ''}: ${relative(cwd, outcome.check.csvPath)}`,
    );
  }
  lines.push(
    `outputs: ${relative(cwd, outcome.outputDir) || '.'}/ (conversation_outputs/, reports/, run.json, conversations.jsonl, junit.xml, report.html)`,
  );
  return `${lines.join('\n')}\n`;
}

import type { ChalkInstance } from 'chalk';
import { relative } from 'node:path';
import type { RunOutcome } from '../runtime/run-project.ts';
import { duration, money } from './format.ts';

/** The end-of-run summary: per profile, what happened and where the files are. */
export function renderRunSummary(outcome: RunOutcome, chalk: ChalkInstance, cwd: string): string {
  const { summary } = outcome;
  const lines: string[] = [];
  for (const profile of summary.profiles) {
    const reasons = Object.entries(profile.stopReasons)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', ');
    const mark = profile.failures > 0 ? chalk.red('✖') : chalk.green('✔');
    lines.push(`${mark} ${profile.testName}: ${profile.conversations} conversations, ${profile.failures} failed, ${profile.missingOutputs} missing outputs, ${money(profile.costUsd)}, ${duration(profile.seconds * 1000)}`);
    if (reasons) lines.push(`    stop reasons: ${reasons}`);
  }
  if (outcome.notStarted > 0) lines.push(chalk.yellow(`${outcome.notStarted} conversations not started (${outcome.stopReason === 'cost_cap' ? 'the cost cap was reached' : 'the run was interrupted'})`));
  lines.push(`${summary.conversations} conversations, ${summary.failures} failed, ${money(summary.costUsd)}, ${duration(summary.seconds * 1000)} (seed ${outcome.seed}, serial ${outcome.serial})`);
  if (outcome.check) {
    const failed = outcome.check.failedRules;
    const mark = failed.length > 0 ? chalk.red('✖') : chalk.green('✔');
    lines.push(`${mark} rules: ${outcome.check.rules} checked, ${failed.length} failed${failed.length > 0 ? ` (${failed.join(', ')})` : ''}: ${relative(cwd, outcome.check.csvPath)}`);
  }
  lines.push(`outputs: ${relative(cwd, outcome.outputDir) || '.'}/ (conversation_outputs/, reports/, run.json, conversations.jsonl, junit.xml)`);
  return `${lines.join('\n')}\n`;
}

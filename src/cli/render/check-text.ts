import type { ChalkInstance } from 'chalk';
import type { CheckResult, Entry } from '../../check/engine/results.ts';
import { failRate } from '../../check/report/sensei-csv.ts';

const LISTED = 10;

function subject(entry: Entry): string {
  return entry.conversations.length === 0 ? 'all conversations' : entry.conversations.join(' + ');
}

/**
 * The text report of `simsim check`: per rule its counts and, for failures, the conversations
 * (or pairs) that broke it with the rule's `yields` message. `verbose` lists every failure and
 * why checks were not applicable.
 */
export function renderCheckText(result: CheckResult, chalk: ChalkInstance, verbose: boolean): string {
  const lines: string[] = [];
  for (const row of result.rows) {
    const c = row.counts;
    const mark = c.fail > 0 ? chalk.red('✖') : c.pass === 0 && c.checks > 0 ? chalk.yellow('-') : chalk.green('✔');
    const where = row.rule ? chalk.dim(` ${row.rule.file}:${row.rule.line}`) : chalk.dim(` (error ${row.errorCode})`);
    lines.push(
      `${mark} ${row.name}: ${c.pass} pass, ${c.fail} fail, ${c.notApplicable} not applicable of ${c.checks} (fail rate ${failRate(c)})${where}`,
    );
    const failures = row.entries.filter((e) => e.verdict === 'fail');
    for (const entry of verbose ? failures : failures.slice(0, LISTED)) {
      lines.push(`    ${chalk.red('fail')} ${subject(entry)}${entry.message ? `: ${entry.message.trim()}` : ''}`);
    }
    if (!verbose && failures.length > LISTED)
      lines.push(chalk.dim(`    ... ${failures.length - LISTED} more (--verbose lists them all)`));
    if (verbose) {
      const reasons = new Map<string, number>();
      for (const entry of row.entries)
        if (entry.verdict === 'not_applicable')
          reasons.set(entry.reason ?? '', (reasons.get(entry.reason ?? '') ?? 0) + 1);
      for (const [reason, count] of reasons) lines.push(chalk.dim(`    not applicable ${count}: ${reason}`));
    }
  }
  const rules = result.rows.filter((row) => row.rule !== undefined);
  const failed = rules.filter((row) => row.counts.fail > 0).length;
  lines.push(
    `${failed > 0 ? chalk.red('✖') : chalk.green('✔')} ${rules.length} rule${rules.length === 1 ? '' : 's'} over ${result.conversations} conversation${result.conversations === 1 ? '' : 's'}: ${failed} failed`,
  );
  return `${lines.join('\n')}\n`;
}

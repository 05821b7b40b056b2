import type { ChalkInstance } from 'chalk';
import { relative } from 'node:path';
import type { MergeOutcome } from '../../app/merge/merge-shards.ts';
import { plural } from '../../base/text/plural.ts';
import { money } from '../../reporters/format.ts';
import { terminalSafe } from '../../reporters/terminal-text.ts';

/** At most this many units are listed per problem; the JSON summary and run.json list them all. */
const LISTED = 50;

function listed(units: readonly string[]): string[] {
  const lines = units.slice(0, LISTED).map((u) => `  ${terminalSafe(u)}`);
  if (units.length > LISTED) lines.push(`  ... and ${units.length - LISTED} more (--json lists them all)`);
  return lines;
}

/** What `simsim merge` did: the merged run, and the units it is missing or found twice. */
export function renderMergeText(outcome: MergeOutcome, chalk: ChalkInstance, cwd: string): string {
  const { coverage, summary } = outcome;
  const lines: string[] = [];
  if (coverage.duplicated.length > 0) {
    lines.push(
      chalk.red(`✖ ${plural(coverage.duplicated.length, 'unit')} played by more than one folder: nothing was merged`),
    );
    lines.push(
      ...listed(
        coverage.duplicated.map((d) => `${d.unit} (${d.dirs.map((dir) => relative(cwd, dir) || '.').join(', ')})`),
      ),
    );
    lines.push('  Give each shard once: the folders of one shard played twice hold the same units.');
  }
  if (coverage.missing.length > 0) {
    const shards =
      coverage.missingShards.length === 0
        ? ''
        : ` (${plural(coverage.missingShards.length, 'shard')} not given: ${coverage.missingShards.join(', ')})`;
    lines.push(chalk.red(`✖ ${plural(coverage.missing.length, 'unit')} of ${coverage.total} missing${shards}`));
    lines.push(...listed(coverage.missing));
    lines.push(
      '  Merge every shard; a shard cut short (cost cap, interrupted) finishes with simsim run --resume <its folder>.',
    );
  }
  if (outcome.written && summary !== undefined) {
    const mark = summary.failures > 0 ? chalk.red('✖') : chalk.green('✔');
    lines.push(
      `${mark} merged ${plural(summary.conversations, 'conversation')}, ${summary.failures} failed, ${money(summary.costUsd)} (seed ${outcome.seed}, serial ${outcome.serial ?? ''})`,
    );
    if (outcome.check)
      lines.push(
        `  rules: ${outcome.check.rules} checked, ${plural(outcome.check.failedRules.length, 'failed rule')}${outcome.check.failedRules.length > 0 ? `: ${outcome.check.failedRules.map(terminalSafe).join(', ')}` : ''}`,
      );
    lines.push(
      `outputs: ${terminalSafe(relative(cwd, outcome.outputDir) || '.')}/ (conversation_outputs/, reports/, run.json, conversations.jsonl, junit.xml, report.html)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

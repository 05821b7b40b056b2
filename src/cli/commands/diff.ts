import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../../base/errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { terminalSafe } from '../../reporters/terminal-text.ts';
import type { CliContext } from '../context.ts';

interface DiffFlags {
  json?: boolean;
  alpha?: number;
  html?: boolean;
  output?: string;
}

function alphaArg(value: string): number {
  const alpha = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(alpha) || alpha <= 0 || alpha >= 1)
    throw new InvalidArgumentError(`${value} is not a probability between 0 and 1 (e.g. 0.05)`);
  return alpha;
}

export function registerDiff(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('diff')
    .description(
      'Compare two runs: what went from pass to fail and back (conversations, rules, expectations), changed outputs and stop reasons, cost/turns/time deltas, and whether the regressions are more than noise (exact McNemar test)',
    )
    .argument('<run-a>', 'output folder of the earlier run')
    .argument('<run-b>', 'output folder of the later run')
    .option('--json', 'print the diff as JSON on stdout')
    .option('--alpha <p>', 'significance level of the McNemar test', alphaArg, 0.05)
    .option('--html', 'also write the diff as an HTML page (default ./diff.html)')
    .option('-o, --output <file>', 'with --html: where to write the page')
    .addHelpText(
      'after',
      '\nExit codes: 0 no significant regression, 1 a significant regression (overall or in a profile), 2 a folder is not a readable run.',
    )
    .action(async (runA: string, runB: string, flags: DiffFlags) => {
      const { diffJson, diffRuns, formatDiffText, readRunFolder } = await import('../../diff/index.ts');
      const before = await readRunFolder(resolve(ctx.cwd, runA));
      const after = await readRunFolder(resolve(ctx.cwd, runB));
      const diff = diffRuns(before, after, { alpha: flags.alpha });
      if (flags.output !== undefined && flags.html !== true)
        throw new UsageError('-o/--output writes the HTML page: add --html', {
          hint: 'simsim diff <run-a> <run-b> --html -o diff.html',
        });
      ctx.stdout.write(
        flags.json ? `${JSON.stringify(diffJson(diff), null, 2)}\n` : terminalSafe(formatDiffText(diff)),
      );
      if (flags.html === true) {
        const { DIFF_REPORT_FILE_NAME, writeRunDiffHtml } = await import('../../app/diff-report.ts');
        const written = await writeRunDiffHtml(
          resolve(ctx.cwd, runA),
          resolve(ctx.cwd, runB),
          resolve(ctx.cwd, flags.output ?? DIFF_REPORT_FILE_NAME),
          diff,
        );
        ctx.stderr.write(`diff report: ${written}\n`);
      }
      setExit(diff.significantRegression ? ExitCode.Findings : ExitCode.Ok);
    });
}

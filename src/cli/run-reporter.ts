import { Chalk } from 'chalk';
import { combineReporters, type RunReporter } from '../runtime/events.ts';
import { createDialogueReporter } from '../reporters/dialogue.ts';
import { createPlainReporter } from '../reporters/plain.ts';
import { createSpinnerReporter } from '../reporters/spinner.ts';
import type { CliContext } from './context.ts';

/** A spinner on an interactive terminal, plain lines in CI and pipes, the dialogue with --verbose. */
export function createRunReporter(ctx: CliContext, options: { verbose: boolean; json: boolean }): RunReporter {
  const reporters: RunReporter[] = [];
  const interactive = ctx.stderr.isTTY === true && ctx.env['CI'] !== 'true' && !options.verbose;
  if (interactive && ctx.stderr === process.stderr) reporters.push(createSpinnerReporter(process.stderr));
  else reporters.push(createPlainReporter(ctx.stderr));
  if (options.verbose) reporters.push(createDialogueReporter(ctx.stderr, new Chalk({ level: ctx.color ? 1 : 0 })));
  return combineReporters(reporters);
}

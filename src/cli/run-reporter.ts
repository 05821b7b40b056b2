import { Chalk } from 'chalk';
import { combineReporters, type RunReporter } from '../runtime/events.ts';
import { createDialogueReporter } from '../reporters/dialogue.ts';
import { createPlainReporter } from '../reporters/plain.ts';
import type { CliContext } from './context.ts';

/** A spinner on an interactive terminal, plain lines in CI and pipes, the dialogue with --verbose. */
export async function createRunReporter(ctx: CliContext, options: { verbose: boolean; json: boolean }): Promise<RunReporter> {
  const reporters: RunReporter[] = [];
  const interactive = ctx.stderr.isTTY === true && ctx.env['CI'] !== 'true' && !options.verbose;
  // ora (the spinner) takes ~40 ms to load: only an interactive terminal needs it.
  if (interactive && ctx.stderr === process.stderr) reporters.push((await import('../reporters/spinner.ts')).createSpinnerReporter(process.stderr));
  else reporters.push(createPlainReporter(ctx.stderr));
  if (options.verbose) reporters.push(createDialogueReporter(ctx.stderr, new Chalk({ level: ctx.color ? 1 : 0 })));
  return combineReporters(reporters);
}

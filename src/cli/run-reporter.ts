import { Chalk } from 'chalk';
import { combineReporters, type RunReporter } from '../app/run/events.ts';
import { createDialogueReporter } from '../reporters/dialogue.ts';
import { createPlainReporter } from '../reporters/plain.ts';
import type { CliContext, OutputStream } from './context.ts';

/**
 * A live spinner needs an interactive terminal with a width: some pseudo-terminals (script,
 * `docker -t`, CI runners) report 0 columns, and the spinner library then never finishes
 * clearing its line.
 */
export function wantsSpinner(stream: OutputStream & { columns?: number | undefined }, env: Readonly<Record<string, string | undefined>>, verbose: boolean): boolean {
  return stream.isTTY === true && env['CI'] !== 'true' && !verbose && typeof stream.columns === 'number' && stream.columns > 0;
}

/** A spinner on an interactive terminal, plain lines in CI and pipes, the dialogue with --verbose. */
export async function createRunReporter(ctx: CliContext, options: { verbose: boolean; json: boolean }): Promise<RunReporter> {
  const reporters: RunReporter[] = [];
  if (ctx.stderr === process.stderr && wantsSpinner(process.stderr, ctx.env, options.verbose)) {
    // ora (the spinner) takes ~40 ms to load: only an interactive terminal needs it.
    reporters.push((await import('../reporters/spinner.ts')).createSpinnerReporter(process.stderr));
  } else {
    reporters.push(createPlainReporter(ctx.stderr));
  }
  if (options.verbose) reporters.push(createDialogueReporter(ctx.stderr, new Chalk({ level: ctx.color ? 1 : 0 })));
  return combineReporters(reporters);
}

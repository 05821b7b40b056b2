import { combineReporters, type RunReporter } from '../app/run/events.ts';
import { REPORTERS, type ReporterName } from '../reporters/index.ts';
import type { CliContext, OutputStream } from './context.ts';

/**
 * A live spinner needs an interactive terminal with a width: some pseudo-terminals (script,
 * `docker -t`, CI runners) report 0 columns, and the spinner library then never finishes
 * clearing its line.
 */
export function wantsSpinner(
  stream: OutputStream & { columns?: number | undefined },
  env: Readonly<Record<string, string | undefined>>,
  verbose: boolean,
): boolean {
  return (
    stream.isTTY === true &&
    env['CI'] !== 'true' &&
    !verbose &&
    typeof stream.columns === 'number' &&
    stream.columns > 0
  );
}

/** A spinner on an interactive terminal, plain lines in CI and pipes, the dialogue with --verbose. */
export async function createRunReporter(
  ctx: CliContext,
  options: { verbose: boolean; json: boolean },
): Promise<RunReporter> {
  const spinner = ctx.stderr === process.stderr && wantsSpinner(process.stderr, ctx.env, options.verbose);
  const names: ReporterName[] = [spinner ? 'spinner' : 'plain', ...(options.verbose ? (['dialogue'] as const) : [])];
  const target = { stream: ctx.stderr, color: ctx.color };
  return combineReporters(await Promise.all(names.map((name) => Promise.resolve(REPORTERS[name](target)))));
}

import chalk from 'chalk';
import ora from 'ora';
import type { RunReporter } from '../runtime/events.ts';
import { progressLine } from './format.ts';

/** A live spinner line on a terminal; finished failures are printed above it. */
export function createSpinnerReporter(stream: NodeJS.WriteStream): RunReporter {
  const spinner = ora({ stream, isEnabled: true, discardStdin: false });
  const above = (text: string) => {
    spinner.clear();
    stream.write(`${text}\n`);
    spinner.render();
  };
  return {
    onRunStart: (s) => {
      spinner.start(`0/${s.total} conversations (seed ${s.seed})`);
    },
    onConversationStart: (_ref, totals) => {
      spinner.text = progressLine(totals);
    },
    onConversationEnd: (ref, result, totals) => {
      if (result.status === 'failed') above(chalk.red(`✖ ${ref.id}: ${result.stopReason} — ${result.stopDetail}`));
      spinner.text = progressLine(totals);
    },
    onWarning: (message) => above(chalk.yellow(`warning: ${message}`)),
    onRunEnd: (totals) => {
      if (totals.failed === 0) spinner.succeed(progressLine(totals));
      else spinner.warn(progressLine(totals));
    },
  };
}
